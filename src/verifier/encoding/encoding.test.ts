import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { bigintToBytes32, bytesToBigint, bytesToHex, hexToBytes, parseQuantity } from './hex'
import { parseJsonBytes, parseJsonLossless, stringifyJson } from './json'
import { unwrapJsonRpc } from './rpc'
import { InputError } from '../../shared/errors'

describe('strict hex', () => {
  it('round-trips bytes and prints lowercase', () => {
    expect(bytesToHex(hexToBytes('0xDEADbeef'))).toBe('0xdeadbeef')
    expect(hexToBytes('0x')).toEqual(new Uint8Array())
  })

  it('refuses odd length, missing prefix, non-hex and wrong lengths', () => {
    expect(() => hexToBytes('0xabc')).toThrow(/odd/)
    expect(() => hexToBytes('abcd')).toThrow(/prefix/)
    expect(() => hexToBytes('0xzz')).toThrow(/not hex/)
    expect(() => hexToBytes('0xabcd', 'root', 32)).toThrow(/expected 32 bytes/)
    expect(() => hexToBytes(42)).toThrow(InputError)
  })

  it('parses quantities as bigints without precision loss', () => {
    expect(parseQuantity('0x1bc16d674ec80000')).toBe(2000000000000000000n)
    expect(parseQuantity('18446744073709551617')).toBe(18446744073709551617n)
    expect(() => parseQuantity('0x')).toThrow(InputError)
    expect(() => parseQuantity('-1')).toThrow(InputError)
    expect(bytesToBigint(bigintToBytes32(2n ** 255n + 7n))).toBe(2n ** 255n + 7n)
  })
})

describe('lossless JSON', () => {
  it('keeps u64 limbs above 2^53 exact, as prover keys need', () => {
    const v = parseJsonLossless(
      '{"limbs":[18446744073709551615, 9007199254740993, 5, -12345678901234567890, 1.5]}',
    )
    expect(v).toEqual({ limbs: [18446744073709551615n, 9007199254740993n, 5, -12345678901234567890n, 1.5] })
  })

  it('agrees with JSON.parse on ordinary documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const text = JSON.stringify(value)
        // Integers past 2^53 are meant to differ (bigint here, rounded there); the limb test covers them.
        fc.pre(!/\d{16,}/.test(text))
        expect(parseJsonLossless(text)).toEqual(JSON.parse(text))
      }),
      { numRuns: 500 },
    )
  })

  it('refuses malformed, trailing, over-deep and non-UTF-8 input with an InputError', () => {
    for (const bad of ['{', '[1,]', '{"a":1} x', '"\u0001"', 'nul', '01', '{"a" 1}']) {
      expect(() => parseJsonLossless(bad), bad).toThrow(InputError)
    }
    expect(() => parseJsonLossless('['.repeat(300) + ']'.repeat(300))).toThrow(/deep/)
    expect(() => parseJsonBytes(new Uint8Array([0x22, 0xff, 0x22]))).toThrow(/UTF-8/)
    expect(() => parseJsonLossless('"x"', { maxLength: 2 })).toThrow(/too large/)
  })

  it('never lets __proto__ keys change an object prototype', () => {
    const v = parseJsonLossless('{"__proto__": {"polluted": true}}') as Record<string, unknown>
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype)
  })

  it('writes bigints as decimal strings', () => {
    expect(stringifyJson({ n: 2n ** 64n })).toBe('{"n":"18446744073709551616"}')
  })
})

describe('JSON-RPC unwrapping', () => {
  it('accepts a bare result or a whole response, and refuses an error response with its message', () => {
    expect(unwrapJsonRpc({ a: 1 })).toEqual({ a: 1 })
    expect(unwrapJsonRpc({ jsonrpc: '2.0', id: 1, result: { a: 1 } })).toEqual({ a: 1 })
    expect(() =>
      unwrapJsonRpc({ jsonrpc: '2.0', id: 1, error: { code: -32000, message: 'pruned' } }),
    ).toThrow(/pruned/)
    expect(() => unwrapJsonRpc({ jsonrpc: '2.0', id: 1 })).toThrow(InputError)
  })
})
