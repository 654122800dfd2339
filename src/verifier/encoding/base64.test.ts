import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromBase64, toBase64 } from './base64'

describe('base64', () => {
  it('agrees with Node’s Buffer both ways, across chunk boundaries', () => {
    for (const n of [0, 1, 2, 3, 24_575, 24_576, 24_577, 100_000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 0xff)
      const text = Buffer.from(bytes).toString('base64')
      expect(toBase64(bytes)).toBe(text)
      expect(fromBase64(text)).toEqual(bytes)
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        expect(toBase64(b)).toBe(Buffer.from(b).toString('base64'))
        expect(fromBase64(toBase64(b))).toEqual(b)
      }),
    )
  })

  it('refuses what is not padded base64', () => {
    for (const bad of ['abc', 'ab$=', '====', 'YQ', 'Y=Q=', 'YQ=A', 'é===', 'YWJj\n'] as const)
      expect(() => fromBase64(bad)).toThrow('invalid base64')
  })

  it('accepts one text per byte string: padding bits that are not zero are refused', () => {
    // 'YQ==' is "a"; 'YR==' carries the same byte with a stray low bit, 'YWI=' is "ab" and 'YWJ=' is not.
    expect(fromBase64('YQ==')).toEqual(Uint8Array.of(0x61))
    expect(() => fromBase64('YR==')).toThrow('invalid base64')
    expect(fromBase64('YWI=')).toEqual(Uint8Array.of(0x61, 0x62))
    expect(() => fromBase64('YWJ=')).toThrow('invalid base64')
  })
})
