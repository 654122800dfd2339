import { keccak_256 } from '@noble/hashes/sha3.js'
import { AbiCoder } from 'ethers'
import { bigintToBytes32, bytesToHex, concatBytes, hexToBytes } from '../../src/verifier/encoding/hex'
import { storedBatchInfoAbi, storedBatchInfoValues } from '../../src/verifier/zksync/batches/executorStructs'
import { storedBatchInfoHash } from '../../src/verifier/zksync/batches/storedBatchInfo'
import type { StoredBatchInfo } from '../../src/verifier/zksync/batches/types'

/**
 * What L1 sees of a ZKsync Era batch at protocol v29+ (zksync.md §1): system logs, the rollup operatorDAInput with
 * calldata pubdata, the batch commitment, StoredBatchInfo and its hash, diamond storage slots, events and the
 * commit / prove / execute calldata. The hashes are written here independently of src/verifier/zksync/batches,
 * so the tests that run the verifier over this world compare two implementations, not one with itself.
 */

export const ZERO32 = new Uint8Array(32)
const coder = AbiCoder.defaultAbiCoder()

/** keccak256(""): the chained priority-operations hash of a batch with no L1 transactions (bootloader start value). */
export const EMPTY_STRING_KECCAK = keccak_256(new Uint8Array(0))

const u64be = (v: bigint) => bigintToBytes32(v).subarray(24)
const word = (v: bigint) => bigintToBytes32(v)
const addressWord = (a: Uint8Array) => concatBytes(new Uint8Array(12), a)

// ---------------------------------------------------------------------------------------------------------------
// System logs (EC main `_processL2Logs`; zksync.md §1.4, v29–v30 column)

/** The v29 system-log keys and their senders; v31 only renames key 6 and adds optional key 9. */
export const V29_LOG_KEYS = {
  l2LogsTreeRoot: { key: 0, sender: 0x8008 },
  packedTimestamps: { key: 1, sender: 0x800b },
  chainedPriorityTxsHash: { key: 2, sender: 0x8001 },
  numberOfLayer1Txs: { key: 3, sender: 0x8001 },
  prevBatchHash: { key: 4, sender: 0x800b },
  l2DaValidatorOutputHash: { key: 5, sender: 0x8008 },
  usedL2DaValidator: { key: 6, sender: 0x8008 },
  messageRootRollingHash: { key: 7, sender: 0x8001 },
  l2TxsStatusRollingHash: { key: 8, sender: 0x8001 },
} as const

export type V29LogValues = { [K in keyof typeof V29_LOG_KEYS]: Uint8Array }

/** 88-byte logs `shardId ‖ isService ‖ txNumberInBlock u16 ‖ sender ‖ key ‖ value`, in key order. */
export function encodeSystemLogs(values: V29LogValues): Uint8Array {
  const logs = (Object.keys(V29_LOG_KEYS) as (keyof typeof V29_LOG_KEYS)[])
    .map((name) => ({ ...V29_LOG_KEYS[name], value: values[name] }))
    .sort((a, b) => a.key - b.key)
  return concatBytes(
    ...logs.map(({ key, sender, value }) => {
      if (value.length !== 32) throw new RangeError(`system log ${key}: value must be 32 bytes`)
      const rec = new Uint8Array(88)
      rec[1] = 1 // system logs are service logs
      rec[22] = sender >> 8
      rec[23] = sender & 0xff
      rec.set(word(BigInt(key)), 24)
      rec.set(value, 56)
      return rec
    }),
  )
}

/** `batchTimestamp << 128 | lastL2BlockTimestamp` (SystemContext, PACKED_BATCH_AND_L2_BLOCK_TIMESTAMP). */
export function packTimestamps(batchTimestamp: bigint, lastL2BlockTimestamp: bigint): Uint8Array {
  return word((batchTimestamp << 128n) | lastL2BlockTimestamp)
}

// ---------------------------------------------------------------------------------------------------------------
// Rollup DA input with calldata pubdata (EC da-contracts RollupL1DAValidator + CalldataDA; zksync.md §1.5.2)

export interface CalldataDa {
  /** The whole operatorDAInput (10th CommitBatchInfo field). */
  operatorDAInput: Uint8Array
  /** keccak of the header the L2 DA validator commits to: the value of system log key 5. */
  l2DaValidatorOutputHash: Uint8Array
  blobLinearHash: Uint8Array
  blobCommitment: Uint8Array
}

/**
 * `stateDiffHash ‖ fullPubdataHash ‖ blobsProvided=1 ‖ blobLinearHash ‖ source=0 ‖ pubdata ‖ blobCommitment`.
 * The L2 DA validator's output hash is keccak of everything before the source byte.
 */
export function calldataDa(
  stateDiffHash: Uint8Array,
  pubdata: Uint8Array,
  blobLinearHash: Uint8Array,
  blobCommitment: Uint8Array,
): CalldataDa {
  const header = concatBytes(stateDiffHash, keccak_256(pubdata), Uint8Array.of(1), blobLinearHash)
  return {
    operatorDAInput: concatBytes(header, Uint8Array.of(0), pubdata, blobCommitment),
    l2DaValidatorOutputHash: keccak_256(header),
    blobLinearHash,
    blobCommitment,
  }
}

/**
 * Rollup DA with blobs (RollupL1DAValidator source 1): the same header, then `source=1 ‖ (kzgData(144) ‖
 * prepublishedCommitment(32) = 0)` per blob; each blob's aux-output commitment is keccak(versionedHash ‖ z ‖ y).
 */
export function blobDa(
  stateDiffHash: Uint8Array,
  pubdata: Uint8Array,
  blobs: readonly { linearHash: Uint8Array; kzgData: Uint8Array; blobCommitment: Uint8Array }[],
): {
  operatorDAInput: Uint8Array
  l2DaValidatorOutputHash: Uint8Array
  pairs: { linearHash: Uint8Array; commitment: Uint8Array }[]
} {
  const header = concatBytes(
    stateDiffHash,
    keccak_256(pubdata),
    Uint8Array.of(blobs.length),
    ...blobs.map((b) => b.linearHash),
  )
  return {
    operatorDAInput: concatBytes(
      header,
      Uint8Array.of(1),
      ...blobs.map((b) => concatBytes(b.kzgData, new Uint8Array(32))),
    ),
    l2DaValidatorOutputHash: keccak_256(header),
    pairs: blobs.map((b) => ({ linearHash: b.linearHash, commitment: b.blobCommitment })),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Commitment (EC `_createBatchCommitment`, v23+ rules; zksync.md §1.5)

export interface MetaHashes {
  zkPorterIsAvailable: boolean
  bootloaderHash: Uint8Array
  defaultAAHash: Uint8Array
  evmEmulatorHash: Uint8Array
}

export interface CommitmentParts {
  indexRepeatedStorageChanges: bigint
  newStateRoot: Uint8Array
  meta: MetaHashes
  systemLogs: Uint8Array
  stateDiffHash: Uint8Array
  bootloaderHeapInitialContentsHash: Uint8Array
  eventsQueueStateHash: Uint8Array
  blobs: { linearHash: Uint8Array; commitment: Uint8Array }[]
}

/** TOTAL_BLOBS_IN_COMMITMENT from 1.5.0 (v23) on. */
const BLOB_PAIRS = 16

export function batchCommitment(p: CommitmentParts): Uint8Array {
  const passThrough = keccak_256(
    concatBytes(u64be(p.indexRepeatedStorageChanges), p.newStateRoot, new Uint8Array(8), ZERO32),
  )
  const metadata = keccak_256(
    concatBytes(
      Uint8Array.of(p.meta.zkPorterIsAvailable ? 1 : 0),
      p.meta.bootloaderHash,
      p.meta.defaultAAHash,
      p.meta.evmEmulatorHash,
    ),
  )
  const blobWords: Uint8Array[] = []
  for (let i = 0; i < BLOB_PAIRS; i++)
    blobWords.push(p.blobs[i]?.linearHash ?? ZERO32, p.blobs[i]?.commitment ?? ZERO32)
  const aux = keccak_256(
    concatBytes(
      keccak_256(p.systemLogs),
      p.stateDiffHash,
      p.bootloaderHeapInitialContentsHash,
      p.eventsQueueStateHash,
      ...blobWords,
    ),
  )
  return keccak_256(concatBytes(passThrough, metadata, aux))
}

// ---------------------------------------------------------------------------------------------------------------
// StoredBatchInfo (EC main IExecutor.sol, 9 fields from v29)

/** `keccak256(abi.encode(StoredBatchInfo))`, 9-field layout: the value of `storedBatchHashes[n]`. */
export function hashStoredBatchInfo(s: StoredBatchInfo): Uint8Array {
  return storedBatchInfoHash(s, 9)
}

// ---------------------------------------------------------------------------------------------------------------
// Diamond storage (zksync.md §1.8: `ZKChainStorage s` at slot 0 of the Era diamond)

export const DIAMOND_SLOT_NUMBERS = {
  verifier: 10n,
  totalBatchesExecuted: 11n,
  totalBatchesVerified: 12n,
  totalBatchesCommitted: 13n,
  storedBatchHashes: 14n,
  l2LogsRootHashes: 15n,
  l2BootloaderBytecodeHash: 23n,
  l2DefaultAccountBytecodeHash: 24n,
  zkPorterIsAvailable: 25n,
  protocolVersion: 33n,
  chainId: 40n,
  bridgehub: 41n,
  settlementLayer: 50n,
  l2EvmEmulatorBytecodeHash: 58n,
} as const

export const slotHex = (slot: bigint): string => bytesToHex(word(slot))

/** `keccak256(pad32(key) ‖ pad32(slot))`: the Solidity slot of `mapping(uint256 => …)[key]`. */
export function mappingSlotHex(key: bigint, slot: bigint): string {
  return bytesToHex(keccak_256(concatBytes(word(key), word(slot))))
}

export const wordHex = (v: bigint): string => bytesToHex(word(v))
export const addressWordHex = (a: Uint8Array): string => bytesToHex(addressWord(a))

// ---------------------------------------------------------------------------------------------------------------
// Events the diamond emits (EC main IExecutor.sol; topic0 = keccak of the signature, zksync.md §1.7)

const topic = (signature: string) => bytesToHex(keccak_256(new TextEncoder().encode(signature)))

export const EXECUTOR_EVENTS = {
  BlockCommit: topic('BlockCommit(uint256,bytes32,bytes32)'),
  BlocksVerification: topic('BlocksVerification(uint256,uint256)'),
  BlockExecution: topic('BlockExecution(uint256,bytes32,bytes32)'),
} as const

// ---------------------------------------------------------------------------------------------------------------
// Prove / execute calldata, v29+ (`bytes data = version 1 ‖ abi.encode(…)`, EC main BatchDecoder.sol, zksync.md §1.6)

const SBI9 = storedBatchInfoAbi(9)
const sbiValues = (s: StoredBatchInfo): unknown[] => storedBatchInfoValues(s, 9)

function rangeCall(selector: string, chain: string, from: bigint, to: bigint, payload: string): string {
  const data = concatBytes(Uint8Array.of(1), hexToBytes(payload, 'payload'))
  const args = coder.encode(['address', 'uint256', 'uint256', 'bytes'], [chain, from, to, bytesToHex(data)])
  return selector + args.slice(2)
}

/**
 * `proveBatchesSharedBridge(address, from, to, bytes)` 0x9271e450 with `abi.encode(SBI prev, SBI[] batches,
 * uint256[] proof)`. The proof words are placeholders: this world has no prover, so no SNARK check can pass.
 */
export function encodeProveCalldata(
  chain: string,
  prev: StoredBatchInfo,
  batch: StoredBatchInfo,
  proofWords: bigint[],
): string {
  const payload = coder.encode(
    [SBI9, `${SBI9}[]`, 'uint256[]'],
    [sbiValues(prev), [sbiValues(batch)], proofWords],
  )
  return rangeCall('0x9271e450', chain, batch.batchNumber, batch.batchNumber, payload)
}

/**
 * `executeBatchesSharedBridge(address, from, to, bytes)` 0xa085344d with the v29–v30 payload
 * `abi.encode(SBI[] batches, PriorityOpsBatchInfo[] priorityOps, InteropRoot[][] dependencyRoots)`. Shape only:
 * the priority-op Merkle paths are empty and nothing in this project checks execute calldata.
 */
export function encodeExecuteCalldata(
  chain: string,
  batch: StoredBatchInfo,
  priorityTxHashes: Uint8Array[],
): string {
  const payload = coder.encode(
    [`${SBI9}[]`, 'tuple(bytes32[],bytes32[],bytes32[])[]', 'tuple(uint256,uint256,bytes32[])[][]'],
    [[sbiValues(batch)], [[[], [], priorityTxHashes.map(bytesToHex)]], [[]]],
  )
  return rangeCall('0xa085344d', chain, batch.batchNumber, batch.batchNumber, payload)
}
