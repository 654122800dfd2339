import {
  verifyZksyncWithdrawalEvidence,
  ZKSYNC_WITHDRAWAL_KIND,
  ZksyncWithdrawalDataSchema,
} from '../zksync/evidence/withdrawalEvidence'
import type { EvidenceKind } from './evidenceKind'

/**
 * A ZKsync Era withdrawal (issue 19): is it final, can it be claimed, has it been claimed — the leaf built from
 * the message, folded to the batch's logs root, held to L1's l2LogsRootHashes[n] (or the bound StoredBatchInfo of
 * a batch not yet executed), and the L1Nullifier's isWithdrawalFinalized, all proven from the beacon checkpoint.
 */
export const zksyncWithdrawalKind = {
  kind: ZKSYNC_WITHDRAWAL_KIND,
  title: 'ZKsync Era withdrawal: included, final, claimable or claimed, proven down to the beacon chain',
  trustKind: 'beacon-checkpoint',
  schema: ZksyncWithdrawalDataSchema,
  verify: (e) => verifyZksyncWithdrawalEvidence(e),
  worker: 'in-process',
  checkIds: ['beacon.*', 'l1.*', 'mpt.*', 'zksync.*', 'evidence.*'],
  view: 'report',
} as const satisfies EvidenceKind
