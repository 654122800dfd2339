import { getAddress } from 'ethers'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toChecksumAddress } from './address'

describe('toChecksumAddress (EIP-55)', () => {
  it('gives the EIP-55 test vectors', () => {
    // The examples of EIP-55 itself.
    for (const a of [
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
      '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
      '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
    ]) {
      expect(toChecksumAddress(a.toLowerCase())).toBe(a)
      expect(toChecksumAddress(a.toUpperCase().replace('0X', '0x'))).toBe(a)
    }
  })

  it('agrees with ethers getAddress on random addresses', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (b) => {
        const hex = '0x' + Buffer.from(b).toString('hex')
        expect(toChecksumAddress(hex)).toBe(getAddress(hex))
      }),
      { numRuns: 500 },
    )
  })

  it('refuses what is not an address', () => {
    expect(() => toChecksumAddress('0x1234')).toThrow()
    expect(() => toChecksumAddress('5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toThrow()
  })
})
