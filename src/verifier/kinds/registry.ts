import { beaconKind } from './beaconKind'
import { binaryTreeProofKind } from './binaryTreeProofKind'
import { commitCalldataKind } from './commitCalldataKind'
import type { EvidenceKind } from './evidenceKind'
import { l1BalanceKind } from './l1BalanceKind'
import { l1ProofKind } from './l1ProofKind'
import { snarkKind } from './snarkKind'
import { verkleKind } from './verkleKind'
import { zksProofKind } from './zksProofKind'
import { zksyncBalanceKind, zksyncBatchKind, zksyncCountersKind } from './zksyncKinds'
import { zksyncPubdataKind } from './zksyncPubdataKind'
import { zksyncWithdrawalKind } from './zksyncWithdrawalKind'
import { zksyncDepositKind } from './zksyncDepositKind'
import { zksyncWatchKind } from './zksyncWatchKind'

/**
 * Every kind of evidence Lightproof verifies: a new kind is one descriptor here. Each descriptor's verify is the
 * same verifier its `lightproof verify …` command uses, so a saved file and a live run cannot disagree. Raw
 * files are recognised in this order (an eth_getProof answer before a zks_getProof one, a binary-tree proof
 * before a Verkle witness).
 */
export const EVIDENCE_KINDS = [
  l1ProofKind,
  zksProofKind,
  binaryTreeProofKind,
  verkleKind,
  beaconKind,
  commitCalldataKind,
  l1BalanceKind,
  snarkKind,
  zksyncBatchKind,
  zksyncBalanceKind,
  zksyncCountersKind,
  zksyncPubdataKind,
  zksyncWithdrawalKind,
  zksyncDepositKind,
  zksyncWatchKind,
] as const satisfies readonly EvidenceKind[]

export type RegisteredKind = (typeof EVIDENCE_KINDS)[number]
/** The name of a registered evidence kind. */
export type EvidenceKindName = RegisteredKind['kind']
/** A check id pattern some registered kind declares. */
export type CheckIdPattern = RegisteredKind['checkIds'][number]

export function findEvidenceKind(kind: string): EvidenceKind | undefined {
  return (EVIDENCE_KINDS as readonly EvidenceKind[]).find((k) => k.kind === kind)
}

/** Whether an evidence is heavy enough to verify off the main thread (its kind's worker routing). */
export function runsInWorker(evidence: { kind: string; data: Record<string, unknown> }): boolean {
  const routing = findEvidenceKind(evidence.kind)?.worker
  return routing === 'worker' || (typeof routing === 'function' && routing(evidence))
}

export { matchesCheckId } from '../report/sections'
