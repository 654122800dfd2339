import { readFixtureJson } from '../../tests/support/fixtures'
import { backendNames } from '../../src/verifier/kinds/initBackends'
import { g1Affine, g1FromCoordinates, g2FromEip197Words } from '../../src/verifier/snark/bn254'
import { parseVerificationKey } from '../../src/verifier/snark/parseVerificationKey'
import { TRUSTED_SETUP_G2 } from '../../src/verifier/snark/verificationKey'
import { verifySnark } from '../../src/verifier/snark/verifySnark'
import type { Figure } from '../figure'
import { pairingSides } from './pairingFloor'

/**
 * PLONK snark-wrapper verification (the era-contracts PlonkVerifier.t.sol proof against its test key: 44 words,
 * transcript, quotient identity, ~34-term MSM, final pairing) against what it cannot avoid: one BN254 pairing
 * check of two pairs, on the proof's own opening points and the setup's G2 points — today's baseline with
 * @noble/curves, the floor with mcl-wasm (pairingFloor.ts).
 */
export const plonkFigure: Figure = {
  id: 'plonk',
  what: 'ZKsync PLONK proof verification (era-contracts test vector, verifySnark)',
  unit: 'ms',
  baseline: '@noble/curves 2.4.0 bn254.pairingBatch of two pairs + comparison with 1',
  floor: 'one 2-pair BN254 pairing check, mcl-wasm 2.4.1 (no G2 precomputation)',
  goal: 'floorRatio <= 2',
  async setup() {
    const tv = readFixtureJson<{ vkWords: Record<string, string>; publicInputs: string[]; proof: string[] }>(
      'zksync/derived/plonk_verifier_test_vector.json',
    )
    const vk = parseVerificationKey(tv.vkWords)
    const proof = tv.proof.map((w) => BigInt(w))
    const publicInput = BigInt(tv.publicInputs[0]!)
    const w = g1Affine(g1FromCoordinates(proof[40]!, proof[41]!)!)
    const wOmega = g1Affine(g1FromCoordinates(proof[42]!, proof[43]!)!)
    const g2 = TRUSTED_SETUP_G2.map((q) => g2FromEip197Words(...q).toAffine())
    const sides = await pairingSides([
      { g1: w, g2: g2[0]! },
      { g1: wOmega, g2: g2[1]! },
    ])
    return {
      backends: {
        ours: `${backendNames().bn254} BN254`,
        baseline: 'noble BN254',
        floor: sides.floorBackend,
      },
      ours() {
        const report = verifySnark({ verificationKeys: [vk], publicInput, proof })
        if (report.verdict !== 'verified') throw new Error('bench: the PLONK vector did not verify')
      },
      baseline: sides.baseline,
      floor: sides.floor,
      repetitions: 20,
    }
  },
}
