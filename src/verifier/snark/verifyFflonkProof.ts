import {
  frAdd,
  frInverse,
  frMul,
  frNeg,
  frPow,
  frSub,
  G1_GENERATOR,
  g2FromEip197Words,
  pairingProductIsOne,
  R_MOD,
  rootOfUnity,
} from './bn254'
import { KeccakTranscript } from './keccakTranscript'
import { failed, LinearCombination, ProofReader, type SnarkOutcome, toPoint } from './snarkOutcome'
import { domainGenerator, type FflonkVerificationKey } from './verificationKey'

/** Proof length of L1VerifierFflonk (PROOF_LENGTH): 4 G1 points, 15 evaluations, 1 batched inverse. */
export const FFLONK_PROOF_WORDS = 24
const EVALUATIONS = 15

/**
 * Roots of unity of the three opening sets (the constants in `precompute_all_lagrange_basis_evaluations_…` and
 * `evaluate_r_polys_at_point_unrolled`): ω8 of order 8 for the 8 setup polynomials, ω4 = ω8² for the 4 first-
 * round polynomials, ω3 of order 3 for the 3 second-round polynomials. They follow from Fr's 2^28 root of unity
 * and the generator 7; the unit test compares them with the contract's literals.
 */
export const FFLONK_ROOTS = {
  w8: rootOfUnity(3),
  w4: rootOfUnity(2),
  w3: frPow(7n, (R_MOD - 1n) / 3n),
} as const

/**
 * The shift of the second opening set: h3 = h2·s with s³ = ω, so h3³ = z·ω. The contract's literal is the cube
 * root of ω inside ω's own 2-power subgroup, ω^(3⁻¹ mod n).
 */
export function fflonkShift(omega: bigint, domainSize: bigint): bigint {
  // 3⁻¹ mod n for n = 2^k: 3·x ≡ 1 (mod 2^k). Solved with the extended Euclidean algorithm.
  let [oldR, r] = [3n, domainSize]
  let [oldS, s] = [1n, 0n]
  while (r !== 0n) {
    const q = oldR / r
    ;[oldR, r] = [r, oldR - q * r]
    ;[oldS, s] = [s, oldS - q * s]
  }
  const inv3 = ((oldS % domainSize) + domainSize) % domainSize
  return frPow(omega, inv3)
}

/**
 * ZKsync's FFLONK wrapper verifier, step for step as EC main `L1VerifierFflonk.sol`: load_inputs →
 * initialize_transcript → compute_main_gate_quotient → compute_copy_permutation_quotients →
 * initialize_opening_state → check_openings. Not yet checked against a real FFLONK proof (none is public in the
 * sources we have); see the README note and verifyFflonkProof.test.ts for what is tested.
 *
 * `publicInput` is the raw word; load_inputs reduces it mod r.
 */
export function verifyFflonkProof(
  vk: FflonkVerificationKey,
  publicInput: bigint,
  proof: readonly bigint[],
): SnarkOutcome {
  const pi = publicInput % R_MOD
  const challenges: Record<string, bigint> = {}
  const base = { nonCanonical: [] as string[], publicInput: pi, challenges }
  if (proof.length !== FFLONK_PROOF_WORDS) {
    return failed(
      'length',
      `proof length is incorrect: expected ${FFLONK_PROOF_WORDS} words, got ${proof.length}`,
      base,
    )
  }

  // ---- load_inputs: commitments reduced mod q and checked on the curve (so infinity is refused) ----
  const rd = new ProofReader(proof)
  const c1 = rd.point(0, 'commitment 0 [C1]')
  const c2 = rd.point(2, 'commitment 1 [C2]')
  const w = rd.point(4, 'commitment 2 [W]')
  const wPrime = rd.point(6, "commitment 3 [W']")
  const e = Array.from({ length: EVALUATIONS }, (_, i) => rd.scalar(8 + i, `evaluation ${i}`))
  const montgomeryInverse = rd.scalar(23, 'lagrange basis inverse')
  base.nonCanonical = rd.nonCanonical
  if (rd.offCurve.length > 0) return failed('points', rd.offCurve.join('; '), base)
  const ev = (i: number) => e[i]!

  // ---- initialize_transcript ----
  const tr = new KeccakTranscript()
  tr.update(pi)
  tr.update(vk.c0.x)
  tr.update(vk.c0.y)
  tr.update(c1.x)
  tr.update(c1.y)
  const beta = tr.challenge(0)
  const gamma = tr.challenge(1)
  tr.update(c2.x)
  tr.update(c2.y)
  const r = tr.challenge(2)
  for (const x of e) tr.update(x)
  const alpha0 = tr.challenge(3)
  const alpha1 = frMul(alpha0, alpha0)
  tr.update(w.x)
  tr.update(w.y)
  const y = tr.challenge(4)
  Object.assign(challenges, { beta, gamma, r, alpha0, y })

  const n = vk.domainSize
  const omega = domainGenerator(vk)
  const z = frPow(r, 24n)
  const zOmega = frMul(z, omega)
  const vanishingAtZ = frSub(frPow(z, n), 1n)
  const l0AtZ = frMul(frInverse(frMul(frSub(z, 1n), n)), vanishingAtZ)
  const vanishingAtZInv = frInverse(vanishingAtZ)

  // ---- compute_main_gate_quotient: T0(ζ) = (qa·a + qb·b + qc·c + qm·a·b + qconst + PI·L0) / Z_H(ζ) ----
  // Evaluations: 0..4 qa qb qc qm qconst, 5..7 σ1 σ2 σ3, 8..10 a b c, 11 z(ζ), 12 z(ζω), 13..14 T1, T2 at ζω.
  let mainGate = frAdd(ev(4), frMul(l0AtZ, pi))
  for (let i = 0; i < 3; i++) mainGate = frAdd(mainGate, frMul(ev(i), ev(8 + i)))
  mainGate = frMul(frAdd(mainGate, frMul(frMul(ev(3), ev(8)), ev(9))), vanishingAtZInv)

  // ---- compute_copy_permutation_quotients ----
  const [k1, k2] = vk.nonResidues
  const betaZ = frMul(beta, z)
  let perm = frAdd(frAdd(frMul(betaZ, k2), gamma), ev(10))
  perm = frMul(perm, frAdd(frAdd(frMul(betaZ, k1), gamma), ev(9)))
  perm = frMul(frMul(perm, frAdd(frAdd(betaZ, gamma), ev(8))), ev(11))
  let shifted = frMul(frAdd(frAdd(frMul(beta, ev(7)), gamma), ev(10)), ev(12))
  shifted = frMul(shifted, frAdd(frAdd(frMul(beta, ev(6)), gamma), ev(9)))
  shifted = frMul(shifted, frAdd(frAdd(frMul(beta, ev(5)), gamma), ev(8)))
  const copyPermFirst = frMul(frSub(perm, shifted), vanishingAtZInv)
  const copyPermSecond = frMul(frMul(frSub(ev(11), 1n), l0AtZ), vanishingAtZInv)

  // ---- initialize_opening_state: h0 = r³, h1 = r⁶, h2 = r⁸, h3 = r⁸·s; y^0 … y^8 ----
  const r2 = frMul(r, r)
  const r3 = frMul(r2, r)
  const r6 = frMul(r3, r3)
  const r8 = frMul(r6, r2)
  const h = [r3, r6, r8, frMul(r8, fflonkShift(omega, n))] as const
  const yPow = [1n]
  for (let i = 1; i <= 8; i++) yPow.push(frMul(yPow[i - 1]!, y))
  const yp = (i: number) => yPow[i]!

  // Lagrange basis numerators and denominators for the 18 opening points, in the contract's order.
  const denoms: bigint[] = []
  const numerators: bigint[] = []
  const powers = (x: bigint, k: number) => frPow(x, BigInt(k))
  const singleSet = (k: number, root: bigint, hk: bigint) => {
    const constantPart = frMul(BigInt(k), powers(hk, k - 1))
    const numAtY = frSub(yp(k), powers(hk, k))
    let wi = 1n
    for (let i = 0; i < k; i++) {
      denoms.push(frMul(frSub(y, frMul(wi, hk)), constantPart))
      numerators.push(frMul(numAtY, wi))
      wi = frMul(wi, root)
    }
  }
  const unionSet = (k: number, root: bigint, hk: bigint, hs: bigint) => {
    const hK = powers(hk, k)
    const hsK = powers(hs, k)
    const t1 = frAdd(frSub(frMul(hK, hsK), frMul(frAdd(hK, hsK), yp(k))), frMul(yp(k), yp(k)))
    const cp0 = frMul(frSub(powers(hk, 2 * k - 1), frMul(powers(hk, k - 1), hsK)), BigInt(k))
    const cp1 = frMul(frSub(powers(hs, 2 * k - 1), frMul(powers(hs, k - 1), hK)), BigInt(k))
    for (const [point, cp] of [
      [hk, cp0],
      [hs, cp1],
    ] as const) {
      let wi = 1n
      for (let i = 0; i < k; i++) {
        denoms.push(frMul(frSub(y, frMul(wi, point)), cp))
        numerators.push(frMul(t1, wi))
        wi = frMul(wi, root)
      }
    }
  }
  singleSet(8, FFLONK_ROOTS.w8, h[0])
  singleSet(4, FFLONK_ROOTS.w4, h[1])
  unionSet(3, FFLONK_ROOTS.w3, h[2], h[3])

  // The prover sends 1/∏ denominators (Montgomery batch inversion); the contract checks it, then uses it.
  const product = denoms.reduce((acc, x) => frMul(acc, x), 1n)
  if (frMul(product, montgomeryInverse) !== 1n) {
    return failed('evaluation', 'Precompute Eval. Error [PALBE]: wrong lagrange basis inverse', base)
  }
  const prefix: bigint[] = []
  denoms.reduce((acc, x, i) => (prefix[i] = frMul(acc, x)), 1n)
  const lagrange: bigint[] = new Array<bigint>(denoms.length)
  let temp = montgomeryInverse
  for (let i = denoms.length - 1; i > 0; i--) {
    lagrange[i] = frMul(numerators[i]!, frMul(prefix[i - 1]!, temp))
    temp = frMul(temp, denoms[i]!)
  }
  lagrange[0] = frMul(numerators[0]!, temp)
  const L = (i: number) => lagrange[i]!

  // ---- evaluate_r_polys_at_point_unrolled: r_i(y) = Σ_j C_i(h_i·ω_k^j)·L_j(y), by Horner ----
  const horner = (coeffs: readonly bigint[], x: bigint) =>
    coeffs.reduceRight((acc, cf) => frAdd(frMul(acc, x), cf), 0n)
  let rEval0 = 0n
  for (let j = 0; j < 8; j++) {
    const oh = frMul(powers(FFLONK_ROOTS.w8, j), h[0])
    rEval0 = frAdd(rEval0, frMul(horner(e.slice(0, 8), oh), L(j)))
  }
  let rEval1 = 0n
  for (let j = 0; j < 4; j++) {
    const oh = frMul(powers(FFLONK_ROOTS.w4, j), h[1])
    rEval1 = frAdd(rEval1, frMul(horner([ev(8), ev(9), ev(10), mainGate], oh), L(8 + j)))
  }
  let rEval2 = 0n
  for (let j = 0; j < 3; j++) {
    const wj = powers(FFLONK_ROOTS.w3, j)
    const oh = frMul(wj, h[2])
    const ohs = frMul(wj, h[3])
    rEval2 = frAdd(rEval2, frMul(horner([ev(11), copyPermFirst, copyPermSecond], oh), L(12 + j)))
    rEval2 = frAdd(rEval2, frMul(horner([ev(12), ev(13), ev(14)], ohs), L(15 + j)))
  }

  // ---- check_openings ----
  const zt0 = frMul(frMul(frSub(yp(3), zOmega), frSub(yp(3), z)), frSub(yp(4), z)) // Z_{T\S0}(y)
  const zt1 = frMul(frMul(frSub(yp(3), zOmega), frSub(yp(3), z)), frSub(yp(8), z)) // Z_{T\S1}(y)
  const zt2 = frMul(frSub(yp(4), z), frSub(yp(8), z)) // Z_{T\S2}(y)
  const zT = frMul(zt0, frSub(yp(8), z)) // Z_T(y)
  const invZt0 = frInverse(zt0)

  const agg = new LinearCombination().add(toPoint(vk.c0), 1n)
  let aggregatedR = frMul(frMul(zt2, invZt0), alpha1)
  agg.add(toPoint(c2), aggregatedR)
  aggregatedR = frMul(aggregatedR, rEval2)
  let tmp = frMul(frMul(zt1, invZt0), alpha0)
  agg.add(toPoint(c1), tmp)
  tmp = frMul(tmp, rEval1)
  aggregatedR = frAdd(frAdd(aggregatedR, tmp), rEval0)
  // point_sub(…, [r(y)]·G1) and point_sub(…, (Z_T/Z_{T\S0})·[W]): the contract reverts when the subtrahend is
  // the point at infinity (its negation (0, q) is not a valid ecAdd input).
  const wCoeff = frMul(zT, invZt0)
  if (aggregatedR === 0n || wCoeff === 0n) return failed('pairing', 'point subtraction failed', base)
  agg.add(G1_GENERATOR, frNeg(aggregatedR))
  agg.add(toPoint(w), frNeg(wCoeff))
  agg.add(toPoint(wPrime), y)

  // e(agg, [1]_2) · e(−[W'], [x]_2) = 1
  const ok = pairingProductIsOne([
    { g1: agg.evaluate(), g2: g2FromEip197Words(...vk.g2[0]) },
    { g1: toPoint(wPrime).negate(), g2: g2FromEip197Words(...vk.g2[1]) },
  ])
  if (!ok) return failed('pairing', 'pairing check returned false', base)
  return { accepted: true, ...base }
}
