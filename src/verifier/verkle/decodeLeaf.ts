import { bytesToBigint, bytesToHex } from '../encoding/hex'
import {
  BASIC_DATA_FIELDS,
  BASIC_DATA_LEAF_KEY,
  CODE_HASH_LEAF_KEY,
  CODE_OFFSET,
  HEADER_STORAGE_OFFSET,
  LEGACY_ACCOUNT_SUFFIXES,
  type LeafLayout,
} from './constants'

/**
 * Decoding of the 32-byte values in EIP-6800 leaves (research/verkle.md §4). Values are bytes; numbers come
 * out as bigint. Which layout applies is a property of the network, not of the bytes, so callers say it.
 */

export interface AccountFields {
  version: bigint
  balance: bigint
  nonce: bigint
  codeSize: bigint
}

function field(value: Uint8Array, f: { offset: number; length: number }): bigint {
  return bytesToBigint(value.subarray(f.offset, f.offset + f.length))
}

/** Current layout, suffix 0: version | 4 reserved | code size (3) | nonce (8) | balance (16), big-endian. */
export function decodeBasicData(value: Uint8Array): AccountFields {
  return {
    version: field(value, BASIC_DATA_FIELDS.version),
    codeSize: field(value, BASIC_DATA_FIELDS.codeSize),
    nonce: field(value, BASIC_DATA_FIELDS.nonce),
    balance: field(value, BASIC_DATA_FIELDS.balance),
  }
}

/** Kaustinen ≤ 6: each account field is its own leaf, a 32-byte little-endian number. */
export function decodeLittleEndian(value: Uint8Array): bigint {
  let v = 0n
  for (let i = value.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(value[i]!)
  return v
}

export interface CodeChunk {
  /** How many leading bytes of this chunk are PUSHDATA continued from the previous chunk. */
  leadingPushData: number
  code: Uint8Array
}

/** EIP-6800 code chunk: 1 byte counting leading PUSHDATA bytes, then 31 bytes of code. */
export function decodeCodeChunk(value: Uint8Array): CodeChunk {
  return { leadingPushData: value[0]!, code: value.slice(1) }
}

/**
 * What a suffix means on an account's header stem (tree index 0). On other stems only storage (main storage
 * area) or code chunks live, and which one cannot be told from the witness alone.
 */
export type SuffixRole =
  | { kind: 'account-field'; field: keyof AccountFields | 'codeHash' | 'basicData' }
  | { kind: 'storage'; slot: number }
  | { kind: 'code-chunk'; chunk: number }
  | { kind: 'reserved' }

const LEGACY_FIELD_BY_SUFFIX = new Map(
  Object.entries(LEGACY_ACCOUNT_SUFFIXES).map(([name, suffix]) => [suffix as number, name]),
)

export function headerSuffixRole(suffix: number, layout: LeafLayout): SuffixRole {
  if (suffix >= CODE_OFFSET) return { kind: 'code-chunk', chunk: suffix - CODE_OFFSET }
  if (suffix >= HEADER_STORAGE_OFFSET) return { kind: 'storage', slot: suffix - HEADER_STORAGE_OFFSET }
  if (layout === 'basic-data') {
    if (suffix === BASIC_DATA_LEAF_KEY) return { kind: 'account-field', field: 'basicData' }
    if (suffix === CODE_HASH_LEAF_KEY) return { kind: 'account-field', field: 'codeHash' }
    return { kind: 'reserved' }
  }
  const name = LEGACY_FIELD_BY_SUFFIX.get(suffix)
  return name
    ? { kind: 'account-field', field: name as keyof AccountFields | 'codeHash' }
    : { kind: 'reserved' }
}

/** Decoded JSON-safe view of one value under a header-stem role: bigints as decimal strings, bytes as hex. */
export type DecodedValue = Record<string, string | number>

export function decodeHeaderValue(role: SuffixRole, value: Uint8Array): DecodedValue {
  switch (role.kind) {
    case 'account-field':
      if (role.field === 'basicData') {
        const f = decodeBasicData(value)
        return {
          version: f.version.toString(),
          codeSize: f.codeSize.toString(),
          nonce: f.nonce.toString(),
          balance: f.balance.toString(),
        }
      }
      if (role.field === 'codeHash') return { codeHash: bytesToHex(value) }
      return { [role.field]: decodeLittleEndian(value).toString() }
    case 'storage':
      return { slot: role.slot, value: bytesToHex(value) }
    case 'code-chunk': {
      const c = decodeCodeChunk(value)
      return { chunk: role.chunk, leadingPushData: c.leadingPushData, code: bytesToHex(c.code) }
    }
    case 'reserved':
      return {}
  }
}
