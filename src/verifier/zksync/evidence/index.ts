/**
 * Composite ZKsync verifiers: whole answers from the trusted L1 head down to a batch's StoredBatchInfo and the L2
 * state tree. Pure; the ZKsync evidence kinds (kinds/zksyncKinds.ts) call them.
 */
export { anchorL1, type L1Anchor } from './anchorL1'
export { parseCommitTransaction, type CommitTransaction } from './parseCommitTransaction'
export {
  batchSlotRequests,
  counterSlotRequests,
  diamondStateOf,
  proveDiamondStorage,
  ERA_DIAMOND_ADDRESS,
  type DiamondSlotRequest,
} from './proveDiamondStorage'
export { storedBatchInfoFromCommit, metaFromDiamond } from './storedBatchInfoFromCommit'
export { treePathSummary, type TreePathSummary } from './treePathSummary'
export {
  verifyBatchOnL1,
  storedBatchInfoFacts,
  type BatchOnL1Input,
  type BatchOnL1Result,
} from './verifyBatchOnL1'
export { verifyBatchProofPart, type BatchProofPartOptions } from './verifyBatchProofPart'
export { verifyL2Balance, type L2TokenQuery, type L2BalanceInput } from './verifyL2Balance'
export {
  verifyZksyncBatchEvidence,
  verifyZksyncBalanceEvidence,
  verifyZksyncCountersEvidence,
  ZksyncBatchDataSchema,
  ZksyncBalanceDataSchema,
} from './zksyncEvidence'
