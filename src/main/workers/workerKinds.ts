import type { Evidence } from '../../verifier/evidence/schema'

/**
 * Evidence kinds whose verification is heavy enough to leave the main thread: a SNARK (two BN254 pairings and
 * a few hundred scalar multiplications) and a Verkle witness (IPA multiproofs in WASM, seconds for large
 * blocks). Light kinds (a Merkle walk, a beacon sync) run in-process, where a worker's start-up would cost
 * more than the work. A kind opts in by being listed here; the report is the same either way.
 */
export const WORKER_KINDS: ReadonlySet<string> = new Set(['snark', 'verkle'])

export function runsInWorker(kind: string): boolean {
  return WORKER_KINDS.has(kind)
}

/** As runsInWorker, plus a zksync-batch evidence that carries a proof section: it verifies a SNARK too. */
export function evidenceRunsInWorker(evidence: Pick<Evidence, 'kind' | 'data'>): boolean {
  return (
    runsInWorker(evidence.kind) || (evidence.kind === 'zksync-batch' && evidence.data.proof !== undefined)
  )
}
