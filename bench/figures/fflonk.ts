import { backendNames } from '../../src/verifier/kinds/initBackends'
import { g2FromEip197Words } from '../../src/verifier/snark/bn254'
import { verifySnark } from '../../src/verifier/snark/verifySnark'
import {
  FFLONK_PUBLIC_INPUT,
  fflonkProofReachingPairing,
  mainFflonkKey,
} from '../../tests/support/fflonkProof'
import type { Figure } from '../figure'
import { pairingSides } from './pairingFloor'

/**
 * FFLONK verification (L1VerifierFflonk: transcript, the r-polynomial evaluations, the aggregated MSM, the
 * final 2-pair pairing) with the shipped mainnet FFLONK key. No valid public FFLONK proof exists (README
 * "Limits"), so the proof is tests/support/fflonkProof.ts's: four curve points, canonical evaluations and the
 * right batched inverse, so it runs every step and is refused by the pairing itself (`snark.proof.pairing`) —
 * the full cost of a verification.
 */
export const fflonkFigure: Figure = {
  id: 'fflonk',
  what: 'ZKsync FFLONK proof verification to the final pairing (mainnet key, well-formed proof, verifySnark)',
  unit: 'ms',
  baseline: '@noble/curves 2.4.0 bn254.pairingBatch of two pairs + comparison with 1',
  floor: 'one 2-pair BN254 pairing check, mcl-wasm 2.4.1 (no G2 precomputation)',
  goal: 'floorRatio <= 2',
  async setup() {
    const vk = mainFflonkKey()
    const proof = fflonkProofReachingPairing(vk)
    const run = () => verifySnark({ verificationKeys: [vk], publicInput: FFLONK_PUBLIC_INPUT, proof })
    const failedIds = run()
      .checks.filter((c) => c.required && c.status === 'fail')
      .map((c) => c.id)
    if (failedIds.join() !== 'snark.proof.pairing')
      throw new Error(
        `fflonk bench: the proof must reach the pairing and fail only there (${failedIds.join()})`,
      )
    const g2 = vk.g2.map((q) => g2FromEip197Words(...q).toAffine())
    const sides = await pairingSides([
      { g1: { x: proof[0]!, y: proof[1]! }, g2: g2[0]! },
      { g1: { x: proof[6]!, y: proof[7]! }, g2: g2[1]! },
    ])
    let sink = 0
    return {
      backends: {
        ours: `${backendNames().bn254} BN254`,
        baseline: 'noble BN254',
        floor: sides.floorBackend,
      },
      ours() {
        sink ^= run().checks.length
        return sink
      },
      baseline: sides.baseline,
      floor: sides.floor,
      repetitions: 20,
    }
  },
}
