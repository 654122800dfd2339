import { frInverse, frMul, frPow, frSub, G1_GENERATOR, g1Affine } from '../../src/verifier/snark/bn254'
import { shippedVerificationKey } from '../../src/verifier/snark/knownVerificationKeys'
import { domainGenerator, type FflonkVerificationKey } from '../../src/verifier/snark/verificationKey'
import { FFLONK_ROOTS, fflonkShift, verifyFflonkProof } from '../../src/verifier/snark/verifyFflonkProof'

/**
 * A FFLONK proof that runs every step of L1VerifierFflonk up to and including the final pairing, which refuses
 * it. No valid public FFLONK proof exists (README "Limits"), so the bench and the BN254 differential tests use
 * this one to exercise the whole path: four curve points, canonical evaluations, and — the only thing the
 * contract checks before the pairing — the right batched inverse of the 18 Lagrange denominators, computed
 * here from the transcript's r and y the way the contract's `precompute_all_lagrange_basis_evaluations` does.
 */
export const MAIN_FFLONK_KEY_HASH = '0xc8cd705a0db89577146137de78eba6bd1f1c9c3f66dc52f7627e7c2df30895b2'
export const FFLONK_PUBLIC_INPUT = 0x1234n

export function mainFflonkKey(): FflonkVerificationKey {
  return shippedVerificationKey(MAIN_FFLONK_KEY_HASH) as FflonkVerificationKey
}

export function fflonkProofReachingPairing(vk = mainFflonkKey()): bigint[] {
  const points = [3n, 5n, 7n, 11n].flatMap((k) => {
    const p = g1Affine(G1_GENERATOR.multiply(k))
    return [p.x, p.y]
  })
  const evaluations = Array.from({ length: 15 }, (_, i) => frPow(BigInt(i + 2), 77n))
  const proof = [...points, ...evaluations, 1n]
  // The transcript does not hash the inverse, so a first run yields the challenges it is computed from.
  const { challenges } = verifyFflonkProof(vk, FFLONK_PUBLIC_INPUT, proof)
  const { r, y } = challenges as { r: bigint; y: bigint }
  const n = vk.domainSize
  const r3 = frPow(r, 3n)
  const r6 = frPow(r, 6n)
  const r8 = frPow(r, 8n)
  const h = [r3, r6, r8, frMul(r8, fflonkShift(domainGenerator(vk), n))]
  const pw = (x: bigint, k: number) => frPow(x, BigInt(k))
  const denoms: bigint[] = []
  const single = (k: number, root: bigint, hk: bigint) => {
    const c = frMul(BigInt(k), pw(hk, k - 1))
    for (let i = 0, wi = 1n; i < k; i++, wi = frMul(wi, root)) denoms.push(frMul(frSub(y, frMul(wi, hk)), c))
  }
  const union = (k: number, root: bigint, hk: bigint, hs: bigint) => {
    const hK = pw(hk, k)
    const hsK = pw(hs, k)
    const cp0 = frMul(frSub(pw(hk, 2 * k - 1), frMul(pw(hk, k - 1), hsK)), BigInt(k))
    const cp1 = frMul(frSub(pw(hs, 2 * k - 1), frMul(pw(hs, k - 1), hK)), BigInt(k))
    for (const [point, c] of [
      [hk, cp0],
      [hs, cp1],
    ] as const)
      for (let i = 0, wi = 1n; i < k; i++, wi = frMul(wi, root))
        denoms.push(frMul(frSub(y, frMul(wi, point)), c))
  }
  single(8, FFLONK_ROOTS.w8, h[0]!)
  single(4, FFLONK_ROOTS.w4, h[1]!)
  union(3, FFLONK_ROOTS.w3, h[2]!, h[3]!)
  proof[23] = frInverse(denoms.reduce((acc, x) => frMul(acc, x), 1n))
  return proof
}
