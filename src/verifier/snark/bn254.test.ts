import { bn254 } from '@noble/curves/bn254.js'
import { describe, expect, it } from 'vitest'
import {
  g1FromCoordinates,
  G1_GENERATOR,
  g2FromEip197Words,
  g2ToEip197Words,
  isOnCurveG1,
  pairingProductIsOne,
  Q_MOD,
  rootOfUnity,
} from './bn254'
import { TRUSTED_SETUP_G2 } from './verificationKey'

describe('bn254 conventions', () => {
  it('derives the domain generators the contracts hard-code (OMEGA)', () => {
    // L1VerifierPlonk.sol OMEGA (DOMAIN_SIZE 2^24) and L1VerifierFflonk.sol OMEGA (DOMAIN_SIZE 2^23), EC main.
    expect(rootOfUnity(24)).toBe(0x1951441010b2b95a6e47a6075066a50a036f5ba978c050f2821df86636c0facbn)
    expect(rootOfUnity(23)).toBe(0x1283ba6f4b7b1a76ba2008fe823128bea4adb9269cbfd7c41c223be65bc60863n)
    expect(() => rootOfUnity(29)).toThrow(RangeError)
  })

  it('reads G2 in EIP-197 order: G2_ELEMENTS_0 of the contracts is the generator', () => {
    expect(g2ToEip197Words(bn254.G2.Point.BASE)).toEqual([...TRUSTED_SETUP_G2[0]])
    const [a, b, c, d] = TRUSTED_SETUP_G2[0]
    expect(g2FromEip197Words(a, b, c, d).equals(bn254.G2.Point.BASE)).toBe(true)
    // Swapping real and imaginary parts (the other common convention) is not a valid point.
    expect(() => g2FromEip197Words(b, a, d, c)).toThrow(RangeError)
    expect(() => g2FromEip197Words(a + Q_MOD, b, c, d)).toThrow(/below q/)
  })

  it('treats (0, 0) as infinity and refuses off-curve G1 points', () => {
    expect(g1FromCoordinates(0n, 0n)?.is0()).toBe(true)
    expect(g1FromCoordinates(1n, 2n)?.equals(G1_GENERATOR)).toBe(true)
    expect(g1FromCoordinates(1n, 3n)).toBeUndefined()
    expect(g1FromCoordinates(1n, 2n + Q_MOD)).toBeUndefined()
    expect(isOnCurveG1(0n, 0n)).toBe(false)
  })

  it('checks pairing products like precompile 0x08, infinity pairs contributing 1', () => {
    const g2 = bn254.G2.Point.BASE
    const p = G1_GENERATOR.multiply(12345n)
    expect(
      pairingProductIsOne([
        { g1: p, g2 },
        { g1: p.negate(), g2 },
      ]),
    ).toBe(true)
    expect(
      pairingProductIsOne([
        { g1: p, g2 },
        { g1: p, g2 },
      ]),
    ).toBe(false)
    expect(pairingProductIsOne([{ g1: bn254.G1.Point.ZERO, g2 }])).toBe(true)
    expect(
      pairingProductIsOne([
        { g1: p, g2 },
        { g1: bn254.G1.Point.ZERO, g2 },
      ]),
    ).toBe(false)
  })
})
