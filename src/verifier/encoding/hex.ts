import { InputError } from '../../shared/errors'

const HEX_BODY = /^[0-9a-fA-F]*$/

/**
 * Strict 0x-hex to bytes: a `0x` prefix, an even number of digits, nothing else. Endpoints that send odd
 * lengths or stray characters are rejected rather than silently padded.
 */
export function hexToBytes(value: unknown, what = 'value', length?: number): Uint8Array {
  if (typeof value !== 'string') throw new InputError(`${what}: expected a 0x-hex string`)
  if (!value.startsWith('0x') && !value.startsWith('0X')) throw new InputError(`${what}: missing 0x prefix`)
  const body = value.slice(2)
  if (body.length % 2 !== 0) throw new InputError(`${what}: odd number of hex digits`)
  if (!HEX_BODY.test(body)) throw new InputError(`${what}: not hex`)
  if (length !== undefined && body.length !== length * 2) {
    throw new InputError(`${what}: expected ${length} bytes, got ${body.length / 2}`)
  }
  const out = new Uint8Array(body.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(body.slice(2 * i, 2 * i + 2), 16)
  return out
}

const HEX_TABLE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** Lowercase 0x-hex, the only form Lightproof prints. */
export function bytesToHex(bytes: Uint8Array): string {
  let s = '0x'
  for (const b of bytes) s += HEX_TABLE[b]
  return s
}

/** A 0x-quantity (JSON-RPC QUANTITY, no leading zeros required) or a decimal string to a bigint. */
export function parseQuantity(value: unknown, what = 'value'): bigint {
  if (typeof value === 'bigint') return value
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  if (typeof value !== 'string') throw new InputError(`${what}: expected a quantity`)
  if (/^0x[0-9a-fA-F]{1,64}$/.test(value)) return BigInt(value)
  if (/^[0-9]{1,78}$/.test(value)) return BigInt(value)
  throw new InputError(`${what}: not a quantity: ${value.slice(0, 80)}`)
}

export function bigintToBytes32(value: bigint): Uint8Array {
  if (value < 0n || value >= 1n << 256n) throw new InputError('value does not fit in 32 bytes')
  const out = new Uint8Array(32)
  let v = value
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  return out
}

export function bytesToBigint(bytes: Uint8Array): bigint {
  let v = 0n
  for (const b of bytes) v = (v << 8n) | BigInt(b)
  return v
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}
