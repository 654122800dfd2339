import { InputError } from '../../shared/errors'

/**
 * RLP (Yellow Paper appendix B). Decoding accepts exactly what @ethereumjs/rlp does, which rejects
 * non-canonical forms (a single byte below 0x80 given a prefix, long forms for short lengths, length fields
 * with leading zeros) and trailing bytes. Encoding is written here because the trie builder and the header hash need only two
 * shapes — a byte string and a list of already-encoded items — and building those directly avoids
 * re-encoding nested structures.
 */
export type RlpItem = Uint8Array | RlpItem[]

/**
 * Decodes one RLP item, or undefined when the bytes are not exactly one canonical item. Accepts and refuses
 * exactly what @ethereumjs/rlp `decode` does (tests/differential/rlpDecode.test.ts compares the two on random
 * and mutated inputs): a single byte below 0x80 must stand alone, long forms must be needed (> 55 bytes) and
 * their length must have no leading zero, nothing may run past its enclosing list or the input, and nothing
 * may follow the item. Like that library, an empty input decodes to the empty string.
 *
 * Written here because the trie walk decodes every proof node: the results are views into `bytes` (no copy
 * per item), which makes decoding several times cheaper than the library's, a large part of an MPT proof's
 * cost once keccak is fast. Callers treat decoded items as read-only.
 */
export function decodeRlp(bytes: Uint8Array): RlpItem | undefined {
  if (bytes.length === 0) return new Uint8Array(0)
  try {
    const [item, next] = decodeItem(bytes, 0, bytes.length)
    return next === bytes.length ? item : undefined
  } catch {
    return undefined
  }
}

class NotRlp extends Error {}

/** The big-endian length in bytes[from, from + n), refusing a leading zero (not canonical). */
function readLength(bytes: Uint8Array, from: number, n: number, end: number): number {
  if (from + n > end) throw new NotRlp()
  if (bytes[from] === 0) throw new NotRlp()
  let len = 0
  for (let i = 0; i < n; i++) len = len * 256 + bytes[from + i]!
  return len
}

function decodeItem(bytes: Uint8Array, pos: number, end: number): [RlpItem, number] {
  const b = bytes[pos]!
  if (b < 0x80) return [bytes.subarray(pos, pos + 1), pos + 1]
  if (b <= 0xb7) {
    const start = pos + 1
    const stop = start + (b - 0x80)
    if (stop > end) throw new NotRlp()
    if (stop - start === 1 && bytes[start]! < 0x80) throw new NotRlp()
    return [bytes.subarray(start, stop), stop]
  }
  if (b <= 0xbf) {
    const n = b - 0xb7
    const len = readLength(bytes, pos + 1, n, end)
    if (len <= 55) throw new NotRlp()
    const start = pos + 1 + n
    const stop = start + len
    if (stop > end) throw new NotRlp()
    return [bytes.subarray(start, stop), stop]
  }
  let start: number
  let stop: number
  if (b <= 0xf7) {
    start = pos + 1
    stop = start + (b - 0xc0)
  } else {
    const n = b - 0xf7
    const len = readLength(bytes, pos + 1, n, end)
    if (len < 56) throw new NotRlp()
    start = pos + 1 + n
    stop = start + len
  }
  if (stop > end) throw new NotRlp()
  const items: RlpItem[] = []
  let at = start
  while (at < stop) {
    const [item, next] = decodeItem(bytes, at, stop)
    items.push(item)
    at = next
  }
  return [items, stop]
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
