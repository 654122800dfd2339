import { AbiCoder } from 'ethers'
import { bytesToHex, concatBytes, hexToBytes } from '../../encoding/hex'
import type { CommitBatchInfo, StoredBatchInfo } from './types'

/**
 * Builds commit calldata in each encoding from domain values — the inverse of decodeCommitCalldata. Used to
 * exercise the encodings that have no real calldata in the fixtures (v23–v25, v26–v28, v29+) with real batch
 * contents, and to build local test worlds. Verification never relies on it.
 */
const coder = AbiCoder.defaultAbiCoder()
const SBI8 = 'tuple(uint64,bytes32,uint64,uint256,bytes32,bytes32,uint256,bytes32)'
const SBI9 = 'tuple(uint64,bytes32,uint64,uint256,bytes32,bytes32,bytes32,uint256,bytes32)'
const CBI = 'tuple(uint64,uint64,uint64,bytes32,uint256,bytes32,bytes32,bytes32,bytes,bytes)[]'

export function sbiTuple(s: StoredBatchInfo, fields: 8 | 9): unknown[] {
  const h = bytesToHex
  const head = [
    s.batchNumber,
    h(s.batchHash),
    s.indexRepeatedStorageChanges,
    s.numberOfLayer1Txs,
    h(s.priorityOperationsHash),
  ]
  const dep = fields === 9 ? [h(s.dependencyRootsRollingHash ?? new Uint8Array(32))] : []
  return [...head, ...dep, h(s.l2LogsTreeRoot), s.timestamp, h(s.commitment)]
}

export function cbiTuple(b: CommitBatchInfo): unknown[] {
  const h = bytesToHex
  return [
    b.batchNumber,
    b.timestamp,
    b.indexRepeatedStorageChanges,
    h(b.newStateRoot),
    b.numberOfLayer1Txs,
    h(b.priorityOperationsHash),
    h(b.bootloaderHeapInitialContentsHash),
    h(b.eventsQueueStateHash),
    h(b.systemLogs),
    h(b.daInput),
  ]
}

const sel = (s: string) => hexToBytes(s, 'selector', 4)
const enc = (types: string[], values: unknown[]) => hexToBytes(coder.encode(types, values), 'abi')

export function encodeLegacyCommit(last: StoredBatchInfo, batches: CommitBatchInfo[]): Uint8Array {
  return concatBytes(sel('0x701f58c5'), enc([SBI8, CBI], [sbiTuple(last, 8), batches.map(cbiTuple)]))
}

export function encodeV23Commit(
  chainId: bigint,
  last: StoredBatchInfo,
  batches: CommitBatchInfo[],
): Uint8Array {
  return concatBytes(
    sel('0x6edd4f12'),
    enc(['uint256', SBI8, CBI], [chainId, sbiTuple(last, 8), batches.map(cbiTuple)]),
  )
}

export function encodeRangeCommit(
  kind: 'v26' | 'v29',
  chain: bigint | string,
  last: StoredBatchInfo,
  batches: CommitBatchInfo[],
  opts: { version?: number; from?: bigint; to?: bigint } = {},
): Uint8Array {
  const fields = kind === 'v29' ? 9 : 8
  const version = opts.version ?? (kind === 'v29' ? 1 : 0)
  const payload = concatBytes(
    Uint8Array.of(version),
    enc([fields === 9 ? SBI9 : SBI8, CBI], [sbiTuple(last, fields), batches.map(cbiTuple)]),
  )
  const from = opts.from ?? batches[0]!.batchNumber
  const to = opts.to ?? batches[batches.length - 1]!.batchNumber
  return concatBytes(
    sel(kind === 'v29' ? '0x0db9eb87' : '0x98f81962'),
    enc([kind === 'v29' ? 'address' : 'uint256', 'uint256', 'uint256', 'bytes'], [chain, from, to, payload]),
  )
}
