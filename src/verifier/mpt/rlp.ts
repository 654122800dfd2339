import { decode } from '@ethereumjs/rlp'
import { InputError } from '../../shared/errors'

/**
 * RLP (Yellow Paper appendix B). Decoding is @ethereumjs/rlp's, which rejects non-canonical forms (a single
 * byte below 0x80 given a prefix, long forms for short lengths, length fields with leading zeros) and
 * trailing bytes. Encoding is written here because the trie builder and the header hash need only two
 * shapes — a byte string and a list of already-encoded items — and building those directly avoids
 * re-encoding nested structures.
 */
export type RlpItem = Uint8Array | RlpItem[]

/** Decodes one complete RLP item, or returns undefined when the bytes are not canonical RLP. */
export function decodeRlp(bytes: Uint8Array): RlpItem | undefined {
  try {
    return decode(bytes) as RlpItem
  } catch {
    return undefined
  }
}

function lengthPrefix(offset: number, length: number): Uint8Array {
  if (length < 56) return Uint8Array.of(offset + length)
  const lenBytes: number[] = []
  for (let n = length; n > 0; n = Math.floor(n / 256)) lenBytes.unshift(n % 256)
  return Uint8Array.of(offset + 55 + lenBytes.length, ...lenBytes)
}

/** RLP of a byte string. */
export function encodeBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 1 && bytes[0]! < 0x80) return bytes
  const prefix = lengthPrefix(0x80, bytes.length)
  const out = new Uint8Array(prefix.length + bytes.length)
  out.set(prefix)
  out.set(bytes, prefix.length)
  return out
}

/** RLP of a list whose items are given already RLP-encoded. */
export function encodeList(encodedItems: readonly Uint8Array[]): Uint8Array {
  let total = 0
  for (const item of encodedItems) total += item.length
  const prefix = lengthPrefix(0xc0, total)
  const out = new Uint8Array(prefix.length + total)
  out.set(prefix)
  let offset = prefix.length
  for (const item of encodedItems) {
    out.set(item, offset)
    offset += item.length
  }
  return out
}

/** Minimal big-endian bytes of a non-negative integer; zero is the empty string (Yellow Paper eq. 183). */
export function uintToMinimalBytes(value: bigint): Uint8Array {
  if (value < 0n) throw new InputError('negative integer cannot be RLP-encoded')
  if (value === 0n) return new Uint8Array(0)
  let hex = value.toString(16)
  if (hex.length % 2 === 1) hex = '0' + hex
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return out
}

/** RLP of a scalar. */
export function encodeUint(value: bigint): Uint8Array {
  return encodeBytes(uintToMinimalBytes(value))
}

/**
 * Reads a canonical RLP scalar: at most `maxBytes` long and without leading zero bytes (which would give the
 * same integer two encodings). Returns undefined when the item is not such a scalar.
 */
export function readCanonicalUint(item: RlpItem | undefined, maxBytes: number): bigint | undefined {
  if (!(item instanceof Uint8Array) || item.length > maxBytes) return undefined
  if (item.length > 0 && item[0] === 0) return undefined
  let v = 0n
  for (const b of item) v = (v << 8n) | BigInt(b)
  return v
}
