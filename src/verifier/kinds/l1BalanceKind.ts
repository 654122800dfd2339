import { L1BalanceDataSchema, parseL1BalanceEvidence } from '../l1/l1BalanceEvidence'
import { verifyL1Balance } from '../l1/verifyL1Balance'
import type { EvidenceKind } from './evidenceKind'

export const l1BalanceKind = {
  kind: 'l1-balance',
  title: 'L1 balance or storage slot, from the beacon checkpoint to the value',
  trustKind: 'beacon-checkpoint',
  schema: L1BalanceDataSchema,
  verify: (e) => verifyL1Balance(parseL1BalanceEvidence(e)),
  worker: 'in-process',
  checkIds: ['beacon.*', 'l1.*', 'mpt.*', 'evidence.*'],
  view: 'l1-balance',
} as const satisfies EvidenceKind
