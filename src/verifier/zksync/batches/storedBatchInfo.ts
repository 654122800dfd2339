import { keccak_256 } from '../../crypto/backends'
import { InputError } from '../../../shared/errors'
import { bigintToBytes32, concatBytes, equalBytes } from '../../encoding/hex'
import type { StoredBatchInfo } from './types'

export type StoredBatchInfoLayout = 8 | 9

const ZERO32 = new Uint8Array(32)
const U64_MAX = (1n << 64n) - 1n

function word(value: bigint, what: string, max?: bigint): Uint8Array {
  if (max !== undefined && (value < 0n || value > max)) throw new InputError(`${what}: out of range`)
  return bigintToBytes32(value)
}

function bytes32(value: Uint8Array, what: string): Uint8Array {
  if (value.length !== 32) throw new InputError(`${what}: expected 32 bytes, got ${value.length}`)
  return value
}

/**
 * `abi.encode(StoredBatchInfo)`: every field is static, so the encoding is the fields as 32-byte words in
 * declaration order — 256 bytes for the 8-field layout (≤ v28), 288 for the 9-field layout of v29+, where
 * `dependencyRootsRollingHash` sits between `priorityOperationsHash` and `l2LogsTreeRoot` (EC main
 * `IExecutor.sol`). A missing dependencyRootsRollingHash encodes as zero in the 9-field layout.
 */
export function encodeStoredBatchInfo(sbi: StoredBatchInfo, layout: StoredBatchInfoLayout): Uint8Array {
  const words = [
    word(sbi.batchNumber, 'batchNumber', U64_MAX),
    bytes32(sbi.batchHash, 'batchHash'),
    word(sbi.indexRepeatedStorageChanges, 'indexRepeatedStorageChanges', U64_MAX),
    word(sbi.numberOfLayer1Txs, 'numberOfLayer1Txs'),
    bytes32(sbi.priorityOperationsHash, 'priorityOperationsHash'),
  ]
  if (layout === 9)
    words.push(bytes32(sbi.dependencyRootsRollingHash ?? ZERO32, 'dependencyRootsRollingHash'))
  words.push(
    bytes32(sbi.l2LogsTreeRoot, 'l2LogsTreeRoot'),
    word(sbi.timestamp, 'timestamp'),
    bytes32(sbi.commitment, 'commitment'),
  )
  return concatBytes(...words)
}

/**
 * `keccak256(abi.encode(StoredBatchInfo))` — what `Executor._hashStoredBatchInfo` stores in
 * `storedBatchHashes[n]`. Without a layout: 9 fields when the struct carries dependencyRootsRollingHash, else 8.
 */
export function storedBatchInfoHash(sbi: StoredBatchInfo, layout?: StoredBatchInfoLayout): Uint8Array {
  const l = layout ?? (sbi.dependencyRootsRollingHash === undefined ? 8 : 9)
  return keccak_256(encodeStoredBatchInfo(sbi, l))
}

export type StoredBatchInfoBinding =
  | { bound: true; layout: StoredBatchInfoLayout; hash: Uint8Array }
  | { bound: false; tried: { layout: StoredBatchInfoLayout; hash: Uint8Array }[] }

/**
 * Binds a claimed StoredBatchInfo to `storedBatchHashes[n]` read from L1. Batches committed before v29 keep their
 * 8-field hash after the upgrade (EC main accepts either `_hashStoredBatchInfo` or `_hashLegacyStoredBatchInfo`),
 * so both layouts are tried. The 8-field layout is only tried when dependencyRootsRollingHash is absent or zero:
 * otherwise that field would go unbound while the report called the struct bound.
 */
export function bindStoredBatchInfo(sbi: StoredBatchInfo, storedHash: Uint8Array): StoredBatchInfoBinding {
  if (storedHash.length !== 32) throw new InputError('storedBatchHash: expected 32 bytes')
  const layouts: StoredBatchInfoLayout[] = [9]
  const dep = sbi.dependencyRootsRollingHash
  if (dep === undefined || equalBytes(dep, ZERO32)) layouts.push(8)
  const tried = layouts.map((layout) => ({ layout, hash: storedBatchInfoHash(sbi, layout) }))
  const hit = tried.find((t) => equalBytes(t.hash, storedHash))
  return hit ? { bound: true, layout: hit.layout, hash: hit.hash } : { bound: false, tried }
}
