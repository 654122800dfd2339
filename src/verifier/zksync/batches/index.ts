/**
 * ZKsync Era batches on L1: commit calldata, StoredBatchInfo, commitments and diamond storage. Pure functions the
 * online batch service and the CLI share.
 */
export { decodeCommitCalldata, parseCalldataInput, UNSUPPORTED_CODE } from './decodeCommitCalldata'
export { storedBatchInfoHash, bindStoredBatchInfo, encodeStoredBatchInfo } from './storedBatchInfo'
export { recomputeCommitment, commitmentMatches, COMMITMENT_RULES } from './recomputeCommitment'
export type { CommitmentInput, MetaParameters, AuxiliaryInput, CommitmentHashes } from './recomputeCommitment'
export {
  diamondSlots,
  batchStatus,
  decodeDiamondState,
  mappingSlot,
  DIAMOND_STORAGE_SLOTS,
} from './diamondSlots'
export type { BatchCounters, BatchStatus, DiamondState, DiamondStorageWords } from './diamondSlots'
export { checkBatchOnDiamond } from './checkBatchOnDiamond'
export { verifyCommitCalldata, verifyDecodedCommit } from './verifyCommitCalldata'
export type { CommitCalldataTrusted } from './verifyCommitCalldata'
export { COMMIT_ENCODINGS } from './commitEncodings'
export type { StoredBatchInfo, CommitBatchInfo, DecodedCommitCalldata } from './types'
