import { keccak_256 } from '@noble/hashes/sha3.js'
import {
  bigintToBytes32,
  bytesToBigint,
  bytesToHex,
  concatBytes,
  hexToBytes,
} from '../../src/verifier/encoding/hex'
import { encodeRangeCommit } from '../../src/verifier/zksync/batches/encodeCommitCalldata'
import { encodeStateDiffPadded, type StateDiffRecord } from '../../src/verifier/zksync/batches/stateDiffs'
import type { CommitBatchInfo, StoredBatchInfo } from '../../src/verifier/zksync/batches/types'
import {
  batchCommitment,
  blobDa,
  calldataDa,
  EMPTY_STRING_KECCAK,
  encodeSystemLogs,
  hashStoredBatchInfo,
  packTimestamps,
  type MetaHashes,
} from './batchArtifacts'
import type { BatchWrite, ZksyncBatch } from './buildZksyncWorld'
import type { TreeSnapshot } from './sparseTree'
import { encodeBatchPubdata, publishAsBlobs } from './batchPubdata'
import { buildBatchLogs } from './batchLogs'

/** Deterministic bytes: keccak256(seed ‖ 0x00 ‖ label). */
export function seeded(seed: string, ...label: (string | number | bigint)[]): Uint8Array {
  const enc = new TextEncoder()
  return keccak_256(concatBytes(enc.encode(seed), Uint8Array.of(0), enc.encode(label.join('/'))))
}

export interface SealInput {
  seed: string
  number: bigint
  /** The tree after the batch's writes. */
  snapshot: TreeSnapshot
  writes: BatchWrite[]
  previous: ZksyncBatch
  timestamp: bigint
  priorityTxHashes: Uint8Array[]
  /** Whether each priority transaction succeeded on L2 (default: all did). */
  priorityStatuses?: boolean[]
  l2TxCount: number
  meta: MetaHashes
  l2DaValidator: Uint8Array
  /** The diamond the commit call names (v29 `commitBatchesSharedBridge(address, …)`). */
  chainAddress: string
  settledOn: 'l1' | 'gateway'
  /** The chain's id (the origin chain of its asset-router withdrawal messages). */
  chainId: bigint
  /** Publish the pubdata in EIP-4844 blobs (a type-3 commit) instead of calldata. */
  publishBlobs?: boolean
}

/**
 * What a ZKsync chain's batch looks like from its settlement layer, given its state after the batch: system
 * logs, calldata DA over the batch's state diffs, the commitment, the StoredBatchInfo and its hash, and the v29
 * commit calldata. Shared by the Era chain and ZKsync Gateway of the test world.
 */
export function sealBatch(p: SealInput): ZksyncBatch {
  const { seed, number: n, snapshot: snap, writes, previous: prev, timestamp, priorityTxHashes } = p
  const i = n
  const priorityOperationsHash = priorityTxHashes.reduce(
    (acc, h) => keccak_256(concatBytes(acc, h)),
    EMPTY_STRING_KECCAK,
  )
  // The state diffs as the L1Messenger hashes them (stateDiffHash) and the pubdata in the standard format.
  const diffs: StateDiffRecord[] = writes.map((w) => ({
    address: hexToBytes(w.address),
    key: bytesToBigint(hexToBytes(w.slot)),
    derivedKey: hexToBytes(w.treeKey),
    enumerationIndex: w.initial ? 0n : w.index,
    initialValue: w.before,
    finalValue: w.after,
  }))
  const stateDiffHash = keccak_256(concatBytes(...diffs.map(encodeStateDiffPadded)))
  // The batch's L2→L1 logs (issue 19): its deposits' status logs and two ETH withdrawals; their tree's root is
  // the batch's l2LogsTreeRoot.
  const l2Logs = buildBatchLogs({
    seededBytes: (...label) => seeded(seed, ...label),
    batch: n,
    priorityTxHashes,
    ...(p.priorityStatuses ? { priorityStatuses: p.priorityStatuses } : {}),
    chainId: p.chainId,
    withdrawals: (['eth', 'eth', 'erc20-legacy', 'asset-router'] as const).map((kind, k) => ({
      kind,
      receiver: seeded(seed, 'withdrawal-receiver', i, ...(k ? [k] : [])).subarray(12),
      amount: bytesToBigint(seeded(seed, 'withdrawal-amount', i, ...(k ? [k] : [])).subarray(24)),
      l2Sender: seeded(seed, 'withdrawal-sender', i, k).subarray(12),
      l1Token: seeded(seed, 'withdrawal-l1-token', k).subarray(12),
    })),
  })
  const pubdata = encodeBatchPubdata({
    writes,
    logs: l2Logs.encoded,
    messages: l2Logs.withdrawals.map((w) => w.message),
  })
  const blobs = p.publishBlobs ? publishAsBlobs(pubdata) : undefined
  const da = blobs
    ? blobDa(stateDiffHash, pubdata, blobs)
    : (() => {
        const c = calldataDa(
          stateDiffHash,
          pubdata,
          seeded(seed, 'blob-linear', i),
          seeded(seed, 'blob-commit', i),
        )
        return { ...c, pairs: [{ linearHash: c.blobLinearHash, commitment: c.blobCommitment }] }
      })()
  const logValues = {
    l2LogsTreeRoot: l2Logs.root,
    packedTimestamps: packTimestamps(timestamp, timestamp + 59n),
    chainedPriorityTxsHash: priorityOperationsHash,
    numberOfLayer1Txs: bigintToBytes32(BigInt(priorityTxHashes.length)),
    prevBatchHash: prev.stateRoot,
    l2DaValidatorOutputHash: da.l2DaValidatorOutputHash,
    usedL2DaValidator: concatBytes(new Uint8Array(12), p.l2DaValidator),
    messageRootRollingHash: seeded(seed, 'message-root-rolling', i),
    l2TxsStatusRollingHash: seeded(seed, 'l2-txs-status-rolling', i),
  }
  const systemLogs = encodeSystemLogs(logValues)
  const cbi: CommitBatchInfo = {
    batchNumber: n,
    timestamp,
    indexRepeatedStorageChanges: snap.lastIndex,
    newStateRoot: snap.root,
    numberOfLayer1Txs: BigInt(priorityTxHashes.length),
    priorityOperationsHash,
    bootloaderHeapInitialContentsHash: seeded(seed, 'bootloader-heap', i),
    eventsQueueStateHash: seeded(seed, 'events-queue', i),
    systemLogs,
    daInput: da.operatorDAInput,
  }
  const commitment = batchCommitment({
    indexRepeatedStorageChanges: cbi.indexRepeatedStorageChanges,
    newStateRoot: cbi.newStateRoot,
    meta: p.meta,
    systemLogs,
    stateDiffHash,
    bootloaderHeapInitialContentsHash: cbi.bootloaderHeapInitialContentsHash,
    eventsQueueStateHash: cbi.eventsQueueStateHash,
    blobs: da.pairs,
  })
  // EC main `_commitOneBatch`: l2LogsTreeRoot from log key 0, dependencyRootsRollingHash from key 7.
  const sbi: StoredBatchInfo = {
    batchNumber: n,
    batchHash: snap.root,
    indexRepeatedStorageChanges: snap.lastIndex,
    numberOfLayer1Txs: cbi.numberOfLayer1Txs,
    priorityOperationsHash,
    dependencyRootsRollingHash: logValues.messageRootRollingHash,
    l2LogsTreeRoot: logValues.l2LogsTreeRoot,
    timestamp,
    commitment,
  }
  return {
    number: n,
    timestamp,
    stateRoot: snap.root,
    tree: snap,
    storedBatchInfo: sbi,
    storedBatchHash: hashStoredBatchInfo(sbi),
    commitBatchInfo: cbi,
    commitCalldata: bytesToHex(encodeRangeCommit('v29', p.chainAddress, prev.storedBatchInfo, [cbi])),
    l1TxCount: priorityTxHashes.length,
    l2TxCount: p.l2TxCount,
    writes,
    priorityTxHashes,
    status: 'committed',
    settledOn: p.settledOn,
    pubdata,
    l2Logs,
    ...(blobs ? { blobs } : {}),
  }
}
