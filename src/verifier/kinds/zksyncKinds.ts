import {
  verifyZksyncBalanceEvidence,
  verifyZksyncBatchEvidence,
  verifyZksyncCountersEvidence,
  ZksyncBalanceDataSchema,
  ZksyncBatchDataSchema,
  ZksyncCountersDataSchema,
} from '../zksync/evidence/zksyncEvidence'
import type { EvidenceKind } from './evidenceKind'
import { BATCH_NUMBER, fact, isObj, l1AnchorChainsTo, l1AnchoredQuestion } from './binding/derive'
import { ZKSYNC_BALANCE_SECTIONS, ZKSYNC_BATCH_SECTIONS, ZKSYNC_COUNTERS_SECTIONS } from './chainSections'
import { zksyncBalanceAnswer, zksyncBatchAnswer, zksyncCountersAnswer } from './answers'

export const zksyncBatchKind = {
  kind: 'zksync-batch',
  title: 'ZKsync Era batch on L1: status, StoredBatchInfo bound to storedBatchHashes[n], commitment',
  trustKind: 'beacon-checkpoint',
  schema: ZksyncBatchDataSchema,
  verify: (e, deps) => verifyZksyncBatchEvidence(e, deps),
  // With a proof section the batch evidence verifies a SNARK too.
  worker: (e) => e.data.proof !== undefined,
  checkIds: ['beacon.*', 'l1.*', 'mpt.*', 'zksync.*', 'snark.*', 'evidence.*'],
  answer: zksyncBatchAnswer,
  sections: ZKSYNC_BATCH_SECTIONS,
  view: 'zksync-batch-view',
  binding: {
    question: l1AnchoredQuestion({ batchNumber: BATCH_NUMBER }),
    chainsTo: l1AnchorChainsTo,
  },
} as const satisfies EvidenceKind

export const zksyncBalanceKind = {
  kind: 'zksync-balance',
  title: 'ZKsync Era balance and nonce, from the beacon checkpoint through the batch root (zks_getProof)',
  trustKind: 'beacon-checkpoint',
  schema: ZksyncBalanceDataSchema,
  verify: (e) => verifyZksyncBalanceEvidence(e),
  worker: 'in-process',
  checkIds: ['beacon.*', 'l1.*', 'mpt.*', 'zksync.*', 'zks.*', 'evidence.*'],
  answer: zksyncBalanceAnswer,
  sections: ZKSYNC_BALANCE_SECTIONS,
  view: 'zksync-balance-view',
  binding: {
    question: l1AnchoredQuestion({
      batchNumber: BATCH_NUMBER,
      address: { derive: (ctx) => fact(ctx, 'account') },
      token: {
        derive: ({ evidence }) => {
          const t = evidence.data.token
          return isObj(t) && typeof t.symbol === 'string' ? t.symbol : t === null ? 'null' : undefined
        },
        normalise: (v) => (typeof v === 'string' ? v : v === null ? 'null' : undefined),
      },
    }),
    chainsTo: l1AnchorChainsTo,
  },
} as const satisfies EvidenceKind

export const zksyncCountersKind = {
  kind: 'zksync-counters',
  title: 'ZKsync Era batch counters on L1 (committed, proven, executed)',
  trustKind: 'beacon-checkpoint',
  schema: ZksyncCountersDataSchema,
  verify: (e) => verifyZksyncCountersEvidence(e),
  worker: 'in-process',
  checkIds: ['beacon.*', 'l1.*', 'mpt.*', 'zksync.*', 'evidence.*'],
  answer: zksyncCountersAnswer,
  sections: ZKSYNC_COUNTERS_SECTIONS,
  view: 'zksync-batch-view',
  binding: { question: l1AnchoredQuestion(), chainsTo: l1AnchorChainsTo },
} as const satisfies EvidenceKind
