import { describe, expect, it } from 'vitest'
import { frMul, frPow, G1_GENERATOR, g1Affine, Q_MOD, R_MOD, rootOfUnity } from './bn254'
import { shippedVerificationKey } from './knownVerificationKeys'
import type { FflonkVerificationKey } from './verificationKey'
import { FFLONK_PROOF_WORDS, FFLONK_ROOTS, fflonkShift, verifyFflonkProof } from './verifyFflonkProof'
import { verifySnark } from './verifySnark'

/*
 * There is no known-valid FFLONK proof in any public source we have (era-contracts tests use mocks), so this
 * file tests the FFLONK verifier's parts honestly: its constants against the contract literals, the VK hash
 * (verificationKey.test.ts), routing, and every input check. It does NOT show that a real FFLONK proof is
 * accepted; that needs a recorded mainnet proveBatches transaction with verifier type 0.
 */

const MAIN_FFLONK = '0xc8cd705a0db89577146137de78eba6bd1f1c9c3f66dc52f7627e7c2df30895b2'
const vk = shippedVerificationKey(MAIN_FFLONK) as FflonkVerificationKey

/** A structurally valid proof: four curve points, 15 evaluations and an inverse, all canonical. */
function wellFormedProof(): bigint[] {
  const points = [3n, 5n, 7n, 11n].flatMap((k) => {
    const p = g1Affine(G1_GENERATOR.multiply(k))
    return [p.x, p.y]
  })
  const evaluations = Array.from({ length: 15 }, (_, i) => frPow(BigInt(i + 2), 77n))
  return [...points, ...evaluations, 123456789n]
}

const run = (proof: bigint[], publicInput = 0x1234n) => {
  const report = verifySnark({ verificationKeys: [vk], publicInput, proof })
  return { report, failed: report.checks.filter((c) => c.required && c.status === 'fail').map((c) => c.id) }
}

describe('FFLONK constants match L1VerifierFflonk.sol', () => {
  it('roots of unity of the opening sets', () => {
    expect(FFLONK_ROOTS.w8).toBe(0x2b337de1c8c14f22ec9b9e2f96afef3652627366f8170a0a948dad4ac1bd5e80n)
    expect(FFLONK_ROOTS.w4).toBe(0x30644e72e131a029048b6e193fd841045cea24f6fd736bec231204708f703636n)
    expect(FFLONK_ROOTS.w3).toBe(0x0000000000000000b3c4d79d41a917585bfc41088d8daaa78b17ea66b99c90ddn)
    // The w8^k literals in evaluate_r_polys_at_point_unrolled.
    expect(frPow(FFLONK_ROOTS.w8, 3n)).toBe(
      0x1d59376149b959ccbd157ac850893a6f07c2d99b3852513ab8d01be8e846a566n,
    )
    expect(frPow(FFLONK_ROOTS.w8, 5n)).toBe(
      0x0530d09118705106cbb4a786ead16926d5d174e181a26686af5448492e42a181n,
    )
    expect(frPow(FFLONK_ROOTS.w8, 7n)).toBe(
      0x130b17119778465cfb3acaee30f81dee20710ead41671f568b11d9ab07b95a9bn,
    )
    expect(frPow(FFLONK_ROOTS.w3, 2n)).toBe(
      0x30644e72e131a029048b6e193fd84104cc37a73fec2bc5e9b8ca0b2d36636f23n,
    )
  })

  it('the shift of the second opening set (the literal in compute_opening_points)', () => {
    const omega = rootOfUnity(23)
    const s = fflonkShift(omega, 1n << 23n)
    expect(s).toBe(0x0925f0bd364638ec3084b45fc27895f8f3f6f079096600fe946c8e9db9a47124n)
    expect(frMul(frMul(s, s), s)).toBe(omega)
  })
})

describe('FFLONK input checks', () => {
  it('routes a DualVerifier type-0 proof to FFLONK and stops at the Lagrange-inverse check of a made-up proof', () => {
    const { report, failed } = run([0n, ...wellFormedProof()])
    expect(report.facts.proofSystem).toBe('fflonk')
    expect(report.facts.verifierType).toBe('0')
    expect(report.facts.verificationKeyHash).toBe(MAIN_FFLONK)
    expect(report.checks.find((c) => c.id === 'snark.vk.hash')!.status).toBe('pass')
    expect(failed).toEqual(['snark.proof.evaluation'])
    expect(report.checks.find((c) => c.id === 'snark.proof.evaluation')!.detail).toMatch(/PALBE/)
    expect(report.checks.find((c) => c.id === 'snark.proof.pairing')!.status).toBe('skip')
  })

  it('the transcript binds the public input and every evaluation (challenges change)', () => {
    const proof = wellFormedProof()
    const base = verifyFflonkProof(vk, 1n, proof).challenges
    expect(Object.keys(base)).toEqual(['beta', 'gamma', 'r', 'alpha0', 'y'])
    expect(verifyFflonkProof(vk, 2n, proof).challenges.beta).not.toBe(base.beta)
    const tampered = [...proof]
    tampered[22] = tampered[22]! + 1n
    const t = verifyFflonkProof(vk, 1n, tampered).challenges
    expect([t.beta, t.r]).toEqual([base.beta, base.r])
    expect(t.alpha0).not.toBe(base.alpha0)
  })

  it('refuses a truncated proof, an off-curve commitment and the point at infinity', () => {
    const proof = wellFormedProof()
    expect(run(proof.slice(0, FFLONK_PROOF_WORDS - 1)).failed).toEqual(['snark.proof.length'])
    const offCurve = [...proof]
    offCurve[3] = offCurve[3]! + 1n
    const r1 = run(offCurve)
    expect(r1.failed).toEqual(['snark.proof.points'])
    expect(r1.report.checks.find((c) => c.id === 'snark.proof.points')!.detail).toMatch(
      /commitment 1 \[C2\] is not on the curve/,
    )
    const infinity = [...proof]
    infinity[6] = 0n
    infinity[7] = 0n
    expect(run(infinity).report.checks.find((c) => c.id === 'snark.proof.points')!.detail).toMatch(
      /point at infinity/,
    )
  })

  it('refuses non-canonical words and a public input ≥ r', () => {
    const proof = wellFormedProof()
    const scalar = [...proof]
    scalar[8] = scalar[8]! + R_MOD
    const coordinate = [...proof]
    coordinate[0] = coordinate[0]! + Q_MOD
    for (const p of [scalar, coordinate]) expect(run(p).failed).toContain('snark.proof.encoding')
    const r = run(proof, R_MOD + 5n)
    expect(r.failed).toContain('snark.input.range')
    expect(r.report.facts.publicInput).toBe('0x' + '5'.padStart(64, '0'))
  })

  it('refuses an FFLONK proof when only a PLONK key is given', () => {
    const plonk = shippedVerificationKey(
      '0xb2f50340e0edbe49dc657d4eb298e07f13860c1be0fe2e438e44ef8fad133d84',
    )!
    const report = verifySnark({
      verificationKeys: [plonk],
      publicInput: 1n,
      proof: [0n, ...wellFormedProof()],
    })
    expect(report.verdict).toBe('failed')
    expect(report.checks.find((c) => c.id === 'snark.vk.system')!.detail).toMatch(/no FFLONK key/)
  })
})
