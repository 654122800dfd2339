import type { Evidence } from '../../verifier/evidence/schema'
import { runsInWorker } from '../../verifier/kinds/registry'

/**
 * Whether an evidence verifies off the main thread: its kind's descriptor says (`worker`). A SNARK (two BN254
 * pairings and a few hundred scalar multiplications), a Verkle witness (IPA multiproofs in WASM) and a batch
 * with its proof go to a worker; light kinds (a Merkle walk, a beacon sync) run in-process, where a worker's
 * start-up would cost more than the work. The report is the same either way.
 */
export function evidenceRunsInWorker(evidence: Pick<Evidence, 'kind' | 'data'>): boolean {
  return runsInWorker(evidence)
}
