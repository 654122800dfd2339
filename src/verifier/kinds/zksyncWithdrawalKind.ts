import {
  verifyZksyncWithdrawalEvidence,
  ZksyncWithdrawalDataSchema,
} from '../zksync/evidence/withdrawalEvidence'
import type { EvidenceKind } from './evidenceKind'
import { BATCH_NUMBER, fact, l1AnchorChainsTo, l1AnchoredQuestion } from './binding/derive'
import { normaliseInteger } from './binding/bindEvidence'
import { ZKSYNC_WITHDRAWAL_SECTIONS } from './chainSections'
import { sentenceAnswer } from './answers'

/**
 * A ZKsync Era withdrawal (issue 19): is it final, can it be claimed, has it been claimed — the leaf built from
 * the message, folded to the batch's logs root, held to L1's l2LogsRootHashes[n] (or the bound StoredBatchInfo of
 * a batch not yet executed), and the L1Nullifier's isWithdrawalFinalized, all proven from the beacon checkpoint.
 */
export const zksyncWithdrawalKind = {
  kind: 'zksync-withdrawal',
  title: 'ZKsync Era withdrawal: included, final, claimable or claimed, proven down to the beacon chain',
  trustKind: 'beacon-checkpoint',
  schema: ZksyncWithdrawalDataSchema,
  verify: (e) => verifyZksyncWithdrawalEvidence(e),
  worker: 'in-process',
  checkIds: ['beacon.*', 'l1.*', 'mpt.*', 'zksync.*', 'evidence.*'],
  answer: sentenceAnswer('withdrawalStatus'),
  sections: ZKSYNC_WITHDRAWAL_SECTIONS,
  view: 'report',
  binding: {
    question: l1AnchoredQuestion({
      txHash: { derive: (ctx) => fact(ctx, 'txHash') },
      // The L2→L1 log asked for among the transaction's; absent, the first withdrawal message.
      index: {
        derive: ({ evidence }) =>
          typeof evidence.data.index === 'number' ? String(evidence.data.index) : undefined,
        normalise: normaliseInteger,
      },
      batchNumber: BATCH_NUMBER,
    }),
    chainsTo: l1AnchorChainsTo,
  },
} as const satisfies EvidenceKind
