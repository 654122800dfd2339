import { bn254 } from '@noble/curves/bn254.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { nobleBn254Backend, type G1Affine, type G2Affine } from '../../src/verifier/crypto/bn254Backend'
import { cryptoBackendNames } from '../../src/verifier/crypto/initCrypto'
import { Q_MOD, R_MOD } from '../../src/verifier/snark/bn254'
import { verifySnark, type SnarkVerificationInput as SnarkInput } from '../../src/verifier/snark/verifySnark'
import { parseVerificationKey } from '../../src/verifier/snark/parseVerificationKey'
import { verifyEvidence } from '../../src/verifier/kinds/verifyEvidence'
import { comparable, fastBn254, INVERTED_PAIRING, inLane, NOBLE_LANE } from '../support/cryptoLanes'
import { FFLONK_PUBLIC_INPUT, fflonkProofReachingPairing, mainFflonkKey } from '../support/fflonkProof'
import { readFixtureJson } from '../support/fixtures'
import { plonkEvidenceVectors } from '../support/snarkVectors'

/**
 * Differential tests of the BN254 backends (issue 18): mcl-wasm against noble on the two operations the
 * backend does (MSM, pairing check), on random valid inputs; the backend's refusal of inputs the caller must
 * never pass (off-curve, non-canonical, outside G2's subgroup, infinity); and whole SNARK verifications —
 * every PLONK vector, the FFLONK path, and random word-level corruptions of a real proof (non-canonical
 * words, off-curve points, the point at infinity) — identical check by check in both lanes. A backend whose
 * pairing answer is inverted is caught by the same comparisons.
 */
const MCL = await fastBn254()
const { Fp2 } = bn254.fields
const G = bn254.G1.Point.BASE
const H = bn254.G2.Point.BASE

const g1Of = (k: bigint): G1Affine => G.multiply(k).toAffine()
const g2Of = (k: bigint): G2Affine => H.multiply(k).toAffine()
const scalar = fc.bigInt({ min: 1n, max: R_MOD - 1n })

/** A point on the twist but outside the order-r subgroup (BN254's G2 cofactor is not 1). */
function twistPointOutsideSubgroup(): G2Affine {
  const b = bn254.G2.Point.CURVE().b
  for (let k = 1n; ; k++) {
    const x = Fp2.create({ c0: k, c1: 1n })
    let y
    try {
      y = Fp2.sqrt(Fp2.add(Fp2.mul(Fp2.sqr(x), x), b))
    } catch {
      continue
    }
    const p = bn254.G2.Point.fromAffine({ x, y })
    try {
      p.assertValidity()
    } catch {
      return { x, y }
    }
  }
}

describe('BN254 backends: mcl-wasm equals noble on valid inputs', () => {
  it('tests run on the mcl-wasm backend (npm test exercises it)', () => {
    if (process.env.LIGHTPROOF_CRYPTO === 'noble') return
    expect(cryptoBackendNames().bn254).toBe('mcl-wasm')
  })

  it('multi-scalar multiplication, random points and scalars (including sums that reach infinity)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(scalar, scalar), { minLength: 1, maxLength: 12 }), (terms) => {
        const points = terms.map(([k]) => g1Of(k))
        const scalars = terms.map(([, s]) => s)
        expect(MCL.g1Msm(points, scalars)).toEqual(nobleBn254Backend.g1Msm(points, scalars))
      }),
      { numRuns: 25 },
    )
    const p = g1Of(5n)
    expect(MCL.g1Msm([p, p], [R_MOD - 1n, 1n])).toEqual({ x: 0n, y: 0n })
    expect(nobleBn254Backend.g1Msm([p, p], [R_MOD - 1n, 1n])).toEqual({ x: 0n, y: 0n })
  })

  it('pairing checks that hold and that do not, 1 to 4 pairs', () => {
    fc.assert(
      fc.property(scalar, scalar, scalar, fc.boolean(), (a, b, c, holds) => {
        // e(aG, bH) · e(−(ab)G + δ, H) · e(cG, H) · e(−cG, H): = 1 iff δ = 0.
        const ab = (a * b) % R_MOD
        const pairs = [
          { g1: g1Of(a), g2: g2Of(b) },
          { g1: g1Of((R_MOD - ab + (holds ? 0n : 1n)) % R_MOD || 1n), g2: H.toAffine() },
          { g1: g1Of(c), g2: H.toAffine() },
          { g1: g1Of(R_MOD - c), g2: H.toAffine() },
        ]
        for (const n of [1, 2, 3, 4]) {
          const some = pairs.slice(0, n)
          expect(MCL.pairingProductIsOne(some)).toBe(nobleBn254Backend.pairingProductIsOne(some))
        }
        expect(MCL.pairingProductIsOne(pairs)).toBe(holds || ab === 1n)
      }),
      { numRuns: 6 },
    )
  })
})

describe('BN254 backends: mcl-wasm refuses what no caller may pass, never computes on it', () => {
  const p = g1Of(7n)
  it.each([
    ['an off-curve G1 point', () => MCL.g1Msm([{ x: 1n, y: 1n }], [1n])],
    ['a non-canonical G1 coordinate (x + q)', () => MCL.g1Msm([{ x: p.x + Q_MOD, y: p.y }], [1n])],
    ['G1 infinity', () => MCL.g1Msm([{ x: 0n, y: 0n }], [1n])],
    ['a scalar equal to r', () => MCL.g1Msm([p], [R_MOD])],
    ['a scalar above r', () => MCL.g1Msm([p], [R_MOD + 3n])],
    [
      'a G2 point outside the subgroup',
      () => MCL.pairingProductIsOne([{ g1: p, g2: twistPointOutsideSubgroup() }]),
    ],
    [
      'a G2 point off the twist',
      () => MCL.pairingProductIsOne([{ g1: p, g2: { x: { c0: 1n, c1: 2n }, y: { c0: 3n, c1: 4n } } }]),
    ],
    [
      'an off-curve G1 point in a pairing',
      () => MCL.pairingProductIsOne([{ g1: { x: 1n, y: 1n }, g2: g2Of(3n) }]),
    ],
  ])('%s', (_what, call) => {
    expect(call).toThrow()
  })
})

const tv = readFixtureJson<{ vkWords: Record<string, string>; publicInputs: string[]; proof: string[] }>(
  'zksync/derived/plonk_verifier_test_vector.json',
)
const PLONK: SnarkInput = {
  verificationKeys: [parseVerificationKey(tv.vkWords)],
  publicInput: BigInt(tv.publicInputs[0]!),
  proof: tv.proof.map((w) => BigInt(w)),
}

function fflonkInput(): SnarkInput {
  return {
    verificationKeys: [mainFflonkKey()],
    publicInput: FFLONK_PUBLIC_INPUT,
    proof: fflonkProofReachingPairing(),
  }
}

async function bothLanes(input: SnarkInput) {
  const reference = await inLane(NOBLE_LANE, () => verifySnark(input))
  const fast = await inLane({ bn254: MCL }, () => verifySnark(input))
  return { reference, fast }
}

describe('BN254 backends: whole SNARK verifications are identical in both lanes', () => {
  it.each(plonkEvidenceVectors().map((v) => [v.name, v.evidence] as const))(
    'PLONK: %s',
    async (_n, evidence) => {
      const reference = await inLane(NOBLE_LANE, () => verifyEvidence(evidence))
      const fast = await inLane({ bn254: MCL }, () => verifyEvidence(evidence))
      expect(reference.verdict).toBe('verified')
      expect(comparable(fast)).toEqual(comparable(reference))
    },
  )

  it('FFLONK: a well-formed proof runs every step and both lanes refuse it at the pairing', async () => {
    const { reference, fast } = await bothLanes(fflonkInput())
    expect(reference.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([
      'snark.proof.pairing',
    ])
    expect(comparable(fast)).toEqual(comparable(reference))
  })

  it('random corruptions of the real PLONK proof: non-canonical words, off-curve points, infinity', async () => {
    const word = fc.oneof(
      fc.constant(0n),
      fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
      fc.bigInt({ min: Q_MOD, max: (1n << 256n) - 1n }),
      fc.bigInt({ min: R_MOD, max: Q_MOD }),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: 43 }), word), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (edits, addQ) => {
          const proof = [...PLONK.proof]
          for (const [i, w] of edits) proof[i] = addQ ? proof[i]! + Q_MOD : w
          const { reference, fast } = await bothLanes({ ...PLONK, proof })
          expect(comparable(fast)).toEqual(comparable(reference))
          expect(reference.verdict).not.toBe('verified')
        },
      ),
      { numRuns: 12 },
    )
    // The point at infinity in place of a proof point, and a point moved off the curve.
    for (const [i, dx] of [
      [0, 'zero'],
      [40, 'zero'],
      [2, 1n],
      [42, 1n],
    ] as const) {
      const proof = [...PLONK.proof]
      if (dx === 'zero') proof[i] = proof[i + 1] = 0n
      else proof[i] = (proof[i]! + dx) % Q_MOD
      const { reference, fast } = await bothLanes({ ...PLONK, proof })
      expect(reference.verdict).toBe('failed')
      expect(comparable(fast)).toEqual(comparable(reference))
    }
  })
})

describe('a wrong fast BN254 backend (pairing answer inverted) is caught', () => {
  it.each(plonkEvidenceVectors().map((v) => [v.name, v.evidence] as const))(
    'PLONK: %s',
    async (_n, evidence) => {
      const reference = await inLane(NOBLE_LANE, () => verifyEvidence(evidence))
      const wrong = await inLane({ bn254: INVERTED_PAIRING }, () => verifyEvidence(evidence))
      expect(comparable(wrong)).not.toEqual(comparable(reference))
      expect(wrong.verdict).toBe('failed')
    },
  )

  it('FFLONK', async () => {
    const reference = await inLane(NOBLE_LANE, () => verifySnark(fflonkInput()))
    const wrong = await inLane({ bn254: INVERTED_PAIRING }, () => verifySnark(fflonkInput()))
    expect(comparable(wrong)).not.toEqual(comparable(reference))
  })
})
