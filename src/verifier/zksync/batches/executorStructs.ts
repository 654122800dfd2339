import { InputError } from '../../../shared/errors'
import { bigintToBytes32, bytesToHex, concatBytes, hexToBytes } from '../../encoding/hex'
import type { AbiValues } from '../../encoding/abi'

/**
 * The ABI of the two structs the Executor facet takes (EC `IExecutor.sol`, zksync.md §1.2–§1.3), written once:
 * the commit, prove and execute codecs, the StoredBatchInfo hash and the test world all read them from here.
 */

/**
 * `StoredBatchInfo` (EC `IExecutor.sol`, zksync.md §1.2). `dependencyRootsRollingHash` exists only in the
 * 9-field layout of v29+; it is absent when the struct came from an 8-field encoding.
 */
export interface StoredBatchInfo {
  batchNumber: bigint
  /** The new state-tree root of the batch (`CommitBatchInfo.newStateRoot`). */
  batchHash: Uint8Array
  indexRepeatedStorageChanges: bigint
  numberOfLayer1Txs: bigint
  priorityOperationsHash: Uint8Array
  dependencyRootsRollingHash?: Uint8Array
  l2LogsTreeRoot: Uint8Array
  timestamp: bigint
  commitment: Uint8Array
}

/** `CommitBatchInfo` (Era), unchanged v18–v31 except for the meaning of the 10th field (zksync.md §1.3). */
export interface CommitBatchInfo {
  batchNumber: bigint
  timestamp: bigint
  indexRepeatedStorageChanges: bigint
  newStateRoot: Uint8Array
  numberOfLayer1Txs: bigint
  priorityOperationsHash: Uint8Array
  bootloaderHeapInitialContentsHash: Uint8Array
  eventsQueueStateHash: Uint8Array
  systemLogs: Uint8Array
  /** ≤ v20 raw pubdata; v21–v25 pubdataCommitments (source byte first); v26+ operatorDAInput. */
  daInput: Uint8Array
}

/**
 * `struct StoredBatchInfo`, fields in declaration order. v29 inserted `dependencyRootsRollingHash` after
 * `priorityOperationsHash` (9 fields); earlier protocols have the other 8.
 */
const STORED_BATCH_INFO = [
  ['batchNumber', 'uint64'],
  ['batchHash', 'bytes32'],
  ['indexRepeatedStorageChanges', 'uint64'],
  ['numberOfLayer1Txs', 'uint256'],
  ['priorityOperationsHash', 'bytes32'],
  ['dependencyRootsRollingHash', 'bytes32'],
  ['l2LogsTreeRoot', 'bytes32'],
  ['timestamp', 'uint256'],
  ['commitment', 'bytes32'],
] as const satisfies readonly (readonly [keyof StoredBatchInfo, 'uint64' | 'uint256' | 'bytes32'])[]

/** `struct CommitBatchInfo` (Era), unchanged v18–v31 except for what the 10th field means. */
const COMMIT_BATCH_INFO = [
  ['batchNumber', 'uint64'],
  ['timestamp', 'uint64'],
  ['indexRepeatedStorageChanges', 'uint64'],
  ['newStateRoot', 'bytes32'],
  ['numberOfLayer1Txs', 'uint256'],
  ['priorityOperationsHash', 'bytes32'],
  ['bootloaderHeapInitialContentsHash', 'bytes32'],
  ['eventsQueueStateHash', 'bytes32'],
  ['systemLogs', 'bytes'],
  ['daInput', 'bytes'],
] as const satisfies readonly (readonly [keyof CommitBatchInfo, 'uint64' | 'uint256' | 'bytes32' | 'bytes'])[]

export type StoredBatchInfoFields = 8 | 9

const storedFields = (fields: StoredBatchInfoFields) =>
  fields === 9
    ? STORED_BATCH_INFO
    : STORED_BATCH_INFO.filter(([name]) => name !== 'dependencyRootsRollingHash')

/** The canonical tuple type, e.g. `(uint64,bytes32,…)`, as selectors' signatures spell it. */
export function storedBatchInfoType(fields: StoredBatchInfoFields): string {
  return `(${storedFields(fields)
    .map(([, type]) => type)
    .join(',')})`
}

export const COMMIT_BATCH_INFO_TYPE = `(${COMMIT_BATCH_INFO.map(([, type]) => type).join(',')})`

/** The struct as an ABI coder type: `tuple(uint64,bytes32,…)`. */
export const storedBatchInfoAbi = (fields: StoredBatchInfoFields): string =>
  `tuple${storedBatchInfoType(fields)}`
export const COMMIT_BATCH_INFO_ABI = `tuple${COMMIT_BATCH_INFO_TYPE}`

const ZERO32 = new Uint8Array(32)

/** The struct's values for the ABI coder; a missing dependencyRootsRollingHash encodes as zero. */
export function storedBatchInfoValues(s: StoredBatchInfo, fields: StoredBatchInfoFields): unknown[] {
  return storedFields(fields).map(([name, type]) => {
    const v = s[name] ?? ZERO32
    return type === 'bytes32' ? bytesToHex(v as Uint8Array) : v
  })
}

export function commitBatchInfoValues(b: CommitBatchInfo): unknown[] {
  return COMMIT_BATCH_INFO.map(([name]) => {
    const v = b[name]
    return typeof v === 'bigint' ? v : bytesToHex(v)
  })
}

const uint = (v: unknown, what: string): bigint => {
  if (typeof v !== 'bigint') throw new InputError(`${what}: expected an integer`)
  return v
}

/** A decoded StoredBatchInfo; `what` prefixes the field names in errors (e.g. `lastCommitted`). */
export function storedBatchInfoFromValues(
  r: AbiValues,
  fields: StoredBatchInfoFields,
  what: string,
): StoredBatchInfo {
  const out: Record<string, bigint | Uint8Array> = {}
  storedFields(fields).forEach(([name, type], i) => {
    out[name] = type === 'bytes32' ? hexToBytes(r[i], `${what}.${name}`, 32) : uint(r[i], `${what}.${name}`)
  })
  return out as unknown as StoredBatchInfo
}

/** A decoded CommitBatchInfo; `what` prefixes the field names in errors (e.g. `newBatches[0]`). */
export function commitBatchInfoFromValues(r: AbiValues, what: string): CommitBatchInfo {
  const out: Record<string, bigint | Uint8Array> = {}
  COMMIT_BATCH_INFO.forEach(([name, type], i) => {
    const at = `${what}.${name}`
    out[name] =
      type === 'bytes32' ? hexToBytes(r[i], at, 32) : type === 'bytes' ? hexToBytes(r[i], at) : uint(r[i], at)
  })
  return out as unknown as CommitBatchInfo
}

const U64_MAX = (1n << 64n) - 1n

/**
 * `abi.encode(StoredBatchInfo)`: every field is static, so the encoding is the fields as 32-byte words in
 * declaration order — 256 bytes for the 8-field layout, 288 for the 9-field one.
 */
export function encodeStoredBatchInfoWords(sbi: StoredBatchInfo, fields: StoredBatchInfoFields): Uint8Array {
  return concatBytes(
    ...storedFields(fields).map(([name, type]) => {
      const v = sbi[name] ?? ZERO32
      if (type === 'bytes32') {
        const b = v as Uint8Array
        if (b.length !== 32) throw new InputError(`${name}: expected 32 bytes, got ${b.length}`)
        return b
      }
      const n = v as bigint
      if (type === 'uint64' && (n < 0n || n > U64_MAX)) throw new InputError(`${name}: out of range`)
      return bigintToBytes32(n)
    }),
  )
}
