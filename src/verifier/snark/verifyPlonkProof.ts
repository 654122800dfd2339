import {
  FR_MASK,
  frAdd,
  frInverse,
  frMul,
  frNeg,
  frPow,
  frSub,
  G1_GENERATOR,
  g2FromEip197Words,
  pairingProductIsOne,
} from './bn254'
import { KeccakTranscript } from './keccakTranscript'
import { failed, LinearCombination, ProofReader, type SnarkOutcome, toPoint } from './snarkOutcome'
import { domainGenerator, type PlonkVerificationKey } from './verificationKey'

/** Proof length of the non-recursive PLONK verifier (`loadProof`, VK_RECURSIVE_FLAG_SLOT = 0). */
export const PLONK_PROOF_WORDS = 44

/**
 * ZKsync's PLONK snark-wrapper verifier (4 state columns, a main gate plus the Rescue custom gate, copy
 * permutation, and a lookup argument), step for step as EC main `L1VerifierPlonk.sol` checks it:
 * loadProof → initializeTranscript → verifyQuotientEvaluation → prepareQueries → prepareAggregatedCommitment →
 * finalPairing. Scalars are computed in the contract's order with the contract's formulas; the G1 sums are
 * evaluated as one MSM (see LinearCombination). Synchronous and pure.
 *
 * `publicInput` is the raw 256-bit word as it would sit in calldata; it is masked with FR_MASK as loadProof
 * does, so dirty top bits are ignored here exactly as on L1 (the report flags them separately).
 */
export function verifyPlonkProof(
  vk: PlonkVerificationKey,
  publicInput: bigint,
  proof: readonly bigint[],
): SnarkOutcome {
  const pi = publicInput & FR_MASK
  const challenges: Record<string, bigint> = {}
  const base = { nonCanonical: [] as string[], publicInput: pi, challenges }
  if (proof.length !== PLONK_PROOF_WORDS) {
    return failed('length', `loadProof: expected ${PLONK_PROOF_WORDS} proof words, got ${proof.length}`, base)
  }

  // ---- 1. loadProof: points reduced mod q and checked on the curve, evaluations reduced mod r ----
  const rd = new ProofReader(proof)
  const a = rd.point(0, '[a]')
  const b = rd.point(2, '[b]')
  const c = rd.point(4, '[c]')
  const d = rd.point(6, '[d]')
  const zPerm = rd.point(8, '[z_perm]')
  const s = rd.point(10, '[s]')
  const zLookup = rd.point(12, '[z_lookup]')
  const t0 = rd.point(14, '[t_0]')
  const t1 = rd.point(16, '[t_1]')
  const t2 = rd.point(18, '[t_2]')
  const t3 = rd.point(20, '[t_3]')
  const aZ = rd.scalar(22, 'a(z)')
  const bZ = rd.scalar(23, 'b(z)')
  const cZ = rd.scalar(24, 'c(z)')
  const dZ = rd.scalar(25, 'd(z)')
  const dZOmega = rd.scalar(26, 'd(z*omega)')
  const mainGateSelectorZ = rd.scalar(27, 'main_gate_selector(z)')
  const sigma0Z = rd.scalar(28, 'sigma_0(z)')
  const sigma1Z = rd.scalar(29, 'sigma_1(z)')
  const sigma2Z = rd.scalar(30, 'sigma_2(z)')
  const zPermZOmega = rd.scalar(31, 'z_perm(z*omega)')
  const sZOmega = rd.scalar(32, 's(z*omega)')
  const zLookupZOmega = rd.scalar(33, 'z_lookup(z*omega)')
  const tZ = rd.scalar(34, 't(z)')
  const tZOmega = rd.scalar(35, 't(z*omega)')
  const lookupSelectorZ = rd.scalar(36, 'lookup_selector(z)')
  const tableTypeZ = rd.scalar(37, 'table_type(z)')
  const quotientZ = rd.scalar(38, 'quotient(z)')
  const linearisationZ = rd.scalar(39, 'r(z)')
  const w = rd.point(40, '[W]')
  const wOmega = rd.point(42, "[W']")
  base.nonCanonical = rd.nonCanonical
  if (rd.offCurve.length > 0) {
    return failed('points', `loadProof: Proof is invalid (${rd.offCurve.join('; ')})`, base)
  }

  // ---- 2. initializeTranscript ----
  const tr = new KeccakTranscript()
  const absorb = (...values: bigint[]) => values.forEach((v) => tr.update(v))
  absorb(pi, a.x, a.y, b.x, b.y, c.x, c.y, d.x, d.y)
  const eta = tr.challenge(0)
  absorb(s.x, s.y)
  const beta = tr.challenge(1)
  const gamma = tr.challenge(2)
  absorb(zPerm.x, zPerm.y)
  const betaLookup = tr.challenge(3)
  const gammaLookup = tr.challenge(4)
  absorb(zLookup.x, zLookup.y)
  const alpha = tr.challenge(5)
  absorb(t0.x, t0.y, t1.x, t1.y, t2.x, t2.y, t3.x, t3.y)
  const z = tr.challenge(6)
  absorb(quotientZ, aZ, bZ, cZ, dZ, dZOmega, mainGateSelectorZ, sigma0Z, sigma1Z, sigma2Z, zPermZOmega)
  absorb(tZ, lookupSelectorZ, tableTypeZ, sZOmega, zLookupZOmega, tZOmega, linearisationZ)
  const v = tr.challenge(7)
  absorb(w.x, w.y, wOmega.x, wOmega.y)
  const u = tr.challenge(8)
  Object.assign(challenges, { eta, beta, gamma, betaLookup, gammaLookup, alpha, z, v, u })

  const n = vk.domainSize
  const omega = domainGenerator(vk)
  const zInDomainSize = frPow(z, n)

  // ---- 3. verifyQuotientEvaluation ----
  const alphaPow = [1n, alpha]
  for (let i = 2; i <= 8; i++) alphaPow.push(frMul(alphaPow[i - 1]!, alpha))
  const [, , alpha2, alpha3, alpha4, alpha5, alpha6, alpha7, alpha8] = alphaPow as [
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
  ]

  // L_i(z) = ω^i (z^n − 1) / (n (z − ω^i)); the contract reverts if z is in the domain.
  const lagrangeAt = (i: bigint): bigint | undefined => {
    const omegaPower = i === 0n ? 1n : frPow(omega, i)
    const vanishing = frSub(zInDomainSize, 1n)
    if (vanishing === 0n) return undefined
    const denominator = frMul(frSub(z, omegaPower), n)
    return frMul(frMul(vanishing, omegaPower), frInverse(denominator))
  }
  const l0 = lagrangeAt(0n)
  const lLast = lagrangeAt(n - 1n)
  if (l0 === undefined || lLast === undefined) {
    return failed('evaluation', 'invalid vanishing polynomial', base)
  }

  // r_0: main gate (public input) + permutation + lookup contributions.
  let permutation = frMul(alpha4, zPermZOmega)
  permutation = frMul(permutation, frAdd(frAdd(frMul(sigma0Z, beta), gamma), aZ))
  permutation = frMul(permutation, frAdd(frAdd(frMul(sigma1Z, beta), gamma), bZ))
  permutation = frMul(permutation, frAdd(frAdd(frMul(sigma2Z, beta), gamma), cZ))
  permutation = frMul(permutation, frAdd(dZ, gamma))
  permutation = frSub(frNeg(permutation), frMul(l0, alpha5))

  const betaPlusOne = frAdd(betaLookup, 1n)
  const betaGamma = frMul(betaPlusOne, gammaLookup)
  const lastOmega = frPow(omega, n - 1n)
  const zMinusLastOmega = frSub(z, lastOmega)
  let lookup = frAdd(frMul(sZOmega, betaLookup), betaGamma)
  lookup = frMul(frMul(lookup, zLookupZOmega), alpha6)
  lookup = frMul(lookup, zMinusLastOmega)
  lookup = frSub(lookup, frMul(l0, alpha7))
  lookup = frSub(lookup, frMul(frMul(lLast, frPow(betaGamma, n - 1n)), alpha8))

  let r0 = frMul(frMul(l0, pi), mainGateSelectorZ)
  r0 = frAdd(frAdd(r0, permutation), lookup)
  const rhs = frAdd(linearisationZ, r0)
  const lhs = frMul(quotientZ, frSub(zInDomainSize, 1n))
  if (lhs !== rhs) return failed('evaluation', 'invalid quotient evaluation', base)

  // ---- 4. prepareQueries: [D0] and v·[D1], [t] aggregated ----
  const P = {
    a: toPoint(a),
    b: toPoint(b),
    c: toPoint(c),
    d: toPoint(d),
    zPerm: toPoint(zPerm),
    s: toPoint(s),
    zLookup: toPoint(zLookup),
    w: toPoint(w),
    wOmega: toPoint(wOmega),
  }
  const K = {
    gateSetup: vk.gateSetup.map(toPoint),
    gateSelectors: vk.gateSelectors.map(toPoint),
    permutations: vk.permutations.map(toPoint),
    lookupSelector: toPoint(vk.lookupSelector),
    lookupTables: vk.lookupTables.map(toPoint),
    lookupTableType: toPoint(vk.lookupTableType),
  }
  // Pairing point with the generator [1]_2, accumulated term by term in the contract's order.
  const pairWithGenerator = new LinearCombination()

  // [D0] = [t_0] + z^n [t_1] + z^2n [t_2] + z^3n [t_3]
  pairWithGenerator.add(toPoint(t0), 1n)
  pairWithGenerator.add(toPoint(t1), zInDomainSize)
  pairWithGenerator.add(toPoint(t2), frMul(zInDomainSize, zInDomainSize))
  pairWithGenerator.add(toPoint(t3), frMul(frMul(zInDomainSize, zInDomainSize), zInDomainSize))

  // v·[D1], main gate: v·main_gate_selector(z)·(a[q_a] + b[q_b] + c[q_c] + d[q_d] + ab[q_ab] + ac[q_ac]
  //                                               + [q_const] + d(zω)[q_d_next])
  const mainCoeff = frMul(mainGateSelectorZ, v)
  const gs = K.gateSetup
  const mainScalars = [aZ, bZ, cZ, dZ, frMul(aZ, bZ), frMul(aZ, cZ), 1n, dZOmega]
  mainScalars.forEach((sc, i) => pairWithGenerator.add(gs[i]!, frMul(sc, mainCoeff)))

  // Rescue custom gate: v·(α(a² − b) + α²(b² − c) + α³(ca − d))·[custom_gate_selector]
  let custom = frMul(frSub(frMul(aZ, aZ), bZ), alpha)
  custom = frAdd(custom, frMul(frSub(frMul(bZ, bZ), cZ), alpha2))
  custom = frAdd(custom, frMul(frSub(frMul(cZ, aZ), dZ), alpha3))
  pairWithGenerator.add(K.gateSelectors[1]!, frMul(custom, v))

  // Copy permutation: the [z_perm] coefficient is kept for aggregation; −(…)·[sigma_3] goes in now.
  const [k0, k1, k2] = vk.nonResidues
  const zBeta = frMul(z, beta)
  let permFactor = alpha4
  permFactor = frMul(permFactor, frAdd(frAdd(zBeta, gamma), aZ))
  permFactor = frMul(permFactor, frAdd(frAdd(frMul(zBeta, k0), gamma), bZ))
  permFactor = frMul(permFactor, frAdd(frAdd(frMul(zBeta, k1), gamma), cZ))
  permFactor = frMul(permFactor, frAdd(frAdd(frMul(zBeta, k2), gamma), dZ))
  permFactor = frAdd(permFactor, frMul(l0, alpha5))
  const copyPermutationFirstCoeff = frMul(permFactor, v)

  let sigma3Factor = frMul(frMul(alpha4, beta), zPermZOmega)
  sigma3Factor = frMul(sigma3Factor, frAdd(frAdd(frMul(sigma0Z, beta), gamma), aZ))
  sigma3Factor = frMul(sigma3Factor, frAdd(frAdd(frMul(sigma1Z, beta), gamma), bZ))
  sigma3Factor = frMul(sigma3Factor, frAdd(frAdd(frMul(sigma2Z, beta), gamma), cZ))
  sigma3Factor = frMul(sigma3Factor, v)
  // pointSubAssign negates the product's y: if the product is the point at infinity (0, 0), the negation
  // (0, q) is not a valid ecAdd input and the contract reverts.
  if (sigma3Factor === 0n || K.permutations[3]!.is0()) {
    return failed('pairing', 'pointSubAssign: ecAdd failed', base)
  }
  pairWithGenerator.add(K.permutations[3]!, frNeg(sigma3Factor))

  // Lookup: coefficients of [s] and [z_lookup] kept for aggregation.
  const lookupSFirstCoeff = frMul(frMul(frMul(zLookupZOmega, alpha6), zMinusLastOmega), v)
  let lookupFactor = frAdd(frAdd(frMul(tZOmega, betaLookup), tZ), betaGamma)
  const eta2 = frMul(eta, eta)
  const eta3 = frMul(eta2, eta)
  let f = frAdd(frAdd(aZ, frMul(eta, bZ)), frMul(eta2, cZ))
  f = frAdd(f, frMul(tableTypeZ, eta3))
  f = frAdd(frMul(f, lookupSelectorZ), gammaLookup)
  lookupFactor = frMul(frMul(lookupFactor, f), betaPlusOne)
  lookupFactor = frMul(frMul(frNeg(lookupFactor), alpha6), zMinusLastOmega)
  lookupFactor = frAdd(lookupFactor, frMul(l0, alpha7))
  lookupFactor = frAdd(lookupFactor, frMul(lLast, alpha8))
  const lookupGrandProductFirstCoeff = frMul(lookupFactor, v)

  // ---- 5. prepareAggregatedCommitment: [F] and the opening value for [E] ----
  let challenge = v // after v·[D1] and v·r(z)
  let openingAtZ = frAdd(quotientZ, frMul(v, linearisationZ))
  const atZ = (point: ReturnType<typeof toPoint> | undefined, value: bigint) => {
    challenge = frMul(challenge, v)
    if (point) pairWithGenerator.add(point, challenge)
    openingAtZ = frAdd(openingAtZ, frMul(challenge, value))
    return challenge
  }
  atZ(P.a, aZ)
  atZ(P.b, bZ)
  atZ(P.c, cZ)
  const firstDCoeff = atZ(undefined, dZ) // [d] is added once below, with its z·ω coefficient
  atZ(K.gateSelectors[0]!, mainGateSelectorZ)
  atZ(K.permutations[0]!, sigma0Z)
  atZ(K.permutations[1]!, sigma1Z)
  atZ(K.permutations[2]!, sigma2Z)
  const firstTCoeff = atZ(undefined, tZ) // [t] likewise
  atZ(K.lookupSelector, lookupSelectorZ)
  atZ(K.lookupTableType, tableTypeZ)

  challenge = frMul(challenge, v)
  pairWithGenerator.add(P.zPerm, frAdd(copyPermutationFirstCoeff, frMul(challenge, u)))
  let openingAtZOmega = frMul(zPermZOmega, challenge)
  const atZOmega = (points: [ReturnType<typeof toPoint>, bigint][], previousCoeff: bigint, value: bigint) => {
    challenge = frMul(challenge, v)
    const coeff = frAdd(previousCoeff, frMul(challenge, u))
    for (const [point, weight] of points) pairWithGenerator.add(point, frMul(coeff, weight))
    openingAtZOmega = frAdd(openingAtZOmega, frMul(challenge, value))
  }
  atZOmega([[P.d, 1n]], firstDCoeff, dZOmega)
  atZOmega([[P.s, 1n]], lookupSFirstCoeff, sZOmega)
  atZOmega([[P.zLookup, 1n]], lookupGrandProductFirstCoeff, zLookupZOmega)
  // [t] = [col_0] + η[col_1] + η²[col_2] + η³[col_3]
  const cols = K.lookupTables
  atZOmega(
    [
      [cols[0]!, 1n],
      [cols[1]!, eta],
      [cols[2]!, eta2],
      [cols[3]!, eta3],
    ],
    firstTCoeff,
    tZOmega,
  )

  // [E] = (opening_z + u·opening_zω)·[1]; [F] − [E] fails in the contract when [E] is the point at infinity.
  const aggregatedValue = frAdd(frMul(openingAtZOmega, u), openingAtZ)
  if (aggregatedValue === 0n) return failed('pairing', 'pointSubAssign: ecAdd failed', base)
  pairWithGenerator.add(G1_GENERATOR, frNeg(aggregatedValue))

  // ---- 6. finalPairing: e([F] − [E] + z[W] + uzω[W'], [1]_2) · e(−([W] + u[W']), [x]_2) = 1 ----
  pairWithGenerator.add(P.w, z)
  pairWithGenerator.add(P.wOmega, frMul(frMul(z, omega), u))
  const pairWithX = new LinearCombination().add(P.w, 1n).add(P.wOmega, u).evaluate().negate()
  const ok = pairingProductIsOne([
    { g1: pairWithGenerator.evaluate(), g2: g2FromEip197Words(...vk.g2[0]) },
    { g1: pairWithX, g2: g2FromEip197Words(...vk.g2[1]) },
  ])
  if (!ok) return failed('pairing', 'finalPairing: pairing failure', base)
  return { accepted: true, ...base }
}
