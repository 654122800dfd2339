import { keccak_256 } from '../../crypto/backends'
import { InputError } from '../../../shared/errors'
import { equalBytes } from '../../encoding/hex'
import { encodeStoredBatchInfoWords, type StoredBatchInfoFields } from './executorStructs'
import type { StoredBatchInfo } from './types'

export type StoredBatchInfoLayout = StoredBatchInfoFields

const ZERO32 = new Uint8Array(32)

/**
 * `abi.encode(StoredBatchInfo)` — 256 bytes for the 8-field layout (≤ v28), 288 for the 9-field layout of v29+,
 * where `dependencyRootsRollingHash` sits between `priorityOperationsHash` and `l2LogsTreeRoot` (EC main
 * `IExecutor.sol`; the field table is in executorStructs.ts). A missing dependencyRootsRollingHash encodes as
 * zero in the 9-field layout.
 */
export function encodeStoredBatchInfo(sbi: StoredBatchInfo, layout: StoredBatchInfoLayout): Uint8Array {
  return encodeStoredBatchInfoWords(sbi, layout)
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
