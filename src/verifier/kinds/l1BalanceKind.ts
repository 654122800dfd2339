import { L1BalanceDataSchema, parseL1BalanceEvidence } from '../l1/l1BalanceEvidence'
import { verifyL1Balance } from '../l1/verifyL1Balance'
import type { EvidenceKind } from './evidenceKind'
import { PROVENANCE, bootstrapRoot, fact } from './binding/derive'
import { normaliseInteger } from './binding/bindEvidence'
import { L1_BALANCE_SECTIONS } from './chainSections'
import { l1BalanceAnswer } from './answers'

export const l1BalanceKind = {
  kind: 'l1-balance',
  title: 'L1 balance or storage slot, from the beacon checkpoint to the value',
  trustKind: 'beacon-checkpoint',
  schema: L1BalanceDataSchema,
  verify: (e) => verifyL1Balance(parseL1BalanceEvidence(e)),
  worker: 'in-process',
  checkIds: ['beacon.*', 'l1.*', 'mpt.*', 'evidence.*'],
  answer: l1BalanceAnswer,
  sections: L1_BALANCE_SECTIONS,
  view: 'l1-balance-view',
  binding: {
    question: {
      address: {
        input: 'every proof is checked to be for it (l1.proof[i].address)',
        boundBy: /^l1\.proof\[\d+\]\.address$/,
      },
      token: {
        input: 'its balance slot is the storage key every proof must answer (l1.proof[i].storage-key)',
        boundBy: /^(l1\.proof\[\d+\]\.storage-key|l1\.token\.table)$/,
      },
      slot: {
        input: 'the storage key every proof must answer (l1.proof[i].storage-key)',
        boundBy: /^l1\.proof\[\d+\]\.storage-key$/,
      },
      blockNumber: { derive: (ctx) => fact(ctx, 'blockNumber'), normalise: normaliseInteger },
      checkpoint: PROVENANCE,
    },
    chainsTo: ({ evidence }) => bootstrapRoot(evidence.data.beacon),
  },
} as const satisfies EvidenceKind
