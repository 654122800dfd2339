import { verifyZksyncDepositEvidence, ZksyncDepositDataSchema } from '../zksync/evidence/depositEvidence'
import type { EvidenceKind } from './evidenceKind'
import { BATCH_NUMBER, fact, l1AnchorChainsTo, l1AnchoredQuestion } from './binding/derive'
import { ZKSYNC_DEPOSIT_SECTIONS } from './chainSections'
import { sentenceAnswer } from './answers'

/**
 * A ZKsync Era deposit (issue 19): did it arrive? — the L1 transaction and receipt proven in a block hanging from
 * the verified head, the diamond's NewPriorityRequest and its recomputed canonical L2 hash, executed from the
 * priority tree's proven counters, succeeded or failed from the bootloader's status log in the executed batch's
 * proven logs root, and whether the L1Nullifier lets a failed one be reclaimed.
 */
export const zksyncDepositKind = {
  kind: 'zksync-deposit',
  title:
    'ZKsync Era deposit: executed on L2, succeeded or failed (reclaimable), proven down to the beacon chain',
  trustKind: 'beacon-checkpoint',
  schema: ZksyncDepositDataSchema,
  verify: (e) => verifyZksyncDepositEvidence(e),
  worker: 'in-process',
  checkIds: ['beacon.*', 'l1.*', 'mpt.*', 'zksync.*', 'evidence.*'],
  answer: sentenceAnswer('depositStatus'),
  sections: ZKSYNC_DEPOSIT_SECTIONS,
  view: 'report',
  binding: {
    question: l1AnchoredQuestion({
      l1TxHash: { derive: (ctx) => fact(ctx, 'l1TxHash') },
      batchNumber: BATCH_NUMBER,
    }),
    chainsTo: l1AnchorChainsTo,
  },
} as const satisfies EvidenceKind
