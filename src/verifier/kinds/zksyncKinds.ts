import {
  verifyZksyncBalanceEvidence,
  verifyZksyncBatchEvidence,
  verifyZksyncCountersEvidence,
  ZksyncBalanceDataSchema,
  ZksyncBatchDataSchema,
  ZksyncCountersDataSchema,
} from '../zksync/evidence/zksyncEvidence'
import type { EvidenceKind } from './evidenceKind'

export const zksyncBatchKind = {
  kind: 'zksync-batch',
  title: 'ZKsync Era batch on L1: status, StoredBatchInfo bound to storedBatchHashes[n], commitment',
  trustKind: 'beacon-checkpoint',
  schema: ZksyncBatchDataSchema,
  verify: (e, deps) => verifyZksyncBatchEvidence(e, deps),
  // With a proof section the batch evidence verifies a SNARK too.
  worker: (e) => e.data.proof !== undefined,
  checkIds: ['beacon.*', 'l1.*', 'mpt.*', 'zksync.*', 'snark.*', 'evidence.*'],
  view: 'zksync-batch-view',
} as const satisfies EvidenceKind

export const zksyncBalanceKind = {
  kind: 'zksync-balance',
  title: 'ZKsync Era balance and nonce, from the beacon checkpoint through the batch root (zks_getProof)',
  trustKind: 'beacon-checkpoint',
  schema: ZksyncBalanceDataSchema,
  verify: (e) => verifyZksyncBalanceEvidence(e),
  worker: 'in-process',
  checkIds: ['beacon.*', 'l1.*', 'mpt.*', 'zksync.*', 'zks.*', 'evidence.*'],
  view: 'zksync-balance-view',
} as const satisfies EvidenceKind

export const zksyncCountersKind = {
  kind: 'zksync-counters',
  title: 'ZKsync Era batch counters on L1 (committed, proven, executed)',
  trustKind: 'beacon-checkpoint',
  schema: ZksyncCountersDataSchema,
  verify: (e) => verifyZksyncCountersEvidence(e),
  worker: 'in-process',
  checkIds: ['beacon.*', 'l1.*', 'mpt.*', 'zksync.*', 'evidence.*'],
  view: 'zksync-batch-view',
} as const satisfies EvidenceKind
