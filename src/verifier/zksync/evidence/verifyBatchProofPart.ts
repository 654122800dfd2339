import { ReportBuilder, type FactValue } from '../../report'
import { verifyBatchProofSection } from '../batchProof/batchProofSection'
import type { BatchOnL1Result } from './verifyBatchOnL1'

export interface BatchProofPartOptions {
  /** A monotonic clock in ms, when the host has one (the verifier has none): the check's time becomes a timing. */
  now?: () => number
}

const INPUTS_TITLE = 'Batch facts the proof check binds to are proven'

/**
 * The SNARK part of `zksync batch N --proof`, on top of what verifyBatchOnL1 proved from the trusted state root:
 * the prove call's previous and current StoredBatchInfo must hash to storedBatchHashes[n − 1] and [n] (both proven
 * storage words), the public input is derived from their commitments with the rule of the proven protocol
 * version, and the proof is verified as L1's verifier checks it (src/verifier/zksync/batchProof/checkBatchProof.ts).
 *
 * The checks (`zksync.proof.*`, `snark.*`) join `r` as they are, so a proof that cannot be checked (no prove
 * transaction yet, an unsupported verifier type, a key only an eth_call names) leaves a required check skipped or
 * in error — incomplete, never verified. The proof's facts are grouped under `facts.proof`.
 *
 * The protocol version is the diamond's at the trusted head, as for the commitment (storedBatchInfoFromCommit):
 * for a batch committed before an upgrade the rule may differ, which can only make the check fail, not pass.
 */
export async function verifyBatchProofPart(
  r: ReportBuilder,
  section: unknown,
  batchNumber: bigint,
  onL1: BatchOnL1Result,
  options: BatchProofPartOptions = {},
): Promise<boolean> {
  const n = batchNumber
  if (n === 0n) {
    r.skip('zksync.proof.inputs', INPUTS_TITLE, 'batch 0 is the genesis batch: no SNARK proves it')
    return false
  }
  const state = onL1.state
  if (!state || !onL1.previousStoredBatchHash) {
    r.skip(
      'zksync.proof.inputs',
      INPUTS_TITLE,
      `storedBatchHashes[${n - 1n}] and [${n}] were not proven from the trusted state root, so nothing binds ` +
        'a prove call: the proof was not checked',
    )
    return false
  }
  r.pass(
    'zksync.proof.inputs',
    INPUTS_TITLE,
    `storedBatchHashes[${n - 1n}] and [${n}] and protocol v${state.protocolVersion.minor} proven at the trusted head`,
  )
  const part = new ReportBuilder({ kind: 'zksync-batch-proof', description: `batch ${n} proof` })
  const started = options.now?.()
  const ok = await verifyBatchProofSection(part, section, {
    batchNumber: n,
    protocolVersion: state.protocolVersion.minor,
    ...(onL1.stateRoot ? { l1: { stateRoot: onL1.stateRoot, verifier: state.verifier } } : {}),
    prev: { storedBatchHash: onL1.previousStoredBatchHash },
    curr: {
      storedBatchHash: state.storedBatchHash,
      ...(onL1.bound ? { commitment: onL1.bound.commitment } : {}),
    },
  })
  if (started !== undefined && options.now) r.timing('proofCheck', options.now() - started)
  const built = part.build()
  for (const c of built.checks) r.add(c.id, c.title, c.status, c.detail, { required: c.required })
  const facts: Record<string, FactValue> = { ...built.facts, checked: ok }
  r.fact('proof', facts)
  return ok
}
