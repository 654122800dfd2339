import { LightproofError } from '../../../shared/errors'
import { indexBatchLogs } from '../batches/checkCommitBatches'
import { LAYOUT_VERSIONS } from '../batches/commitEncodings'
import { deriveDataAvailability, type PublishedData } from '../batches/dataAvailability'
import type { DiamondState } from '../batches/diamondSlots'
import {
  recomputeCommitment,
  type CommitmentHashes,
  type MetaParameters,
} from '../batches/recomputeCommitment'
import { keyFor } from '../batches/systemLogKeys'
import type { DecodedCommitCalldata, StoredBatchInfo } from '../batches/types'

export type RebuiltStoredBatchInfo =
  | {
      ok: true
      sbi: StoredBatchInfo
      hashes: CommitmentHashes
      protocolVersion: number
      /** Where the pubdata is (blobs and their KZG data, or calldata): bound with the commitment. */
      published?: PublishedData
    }
  /** Why the StoredBatchInfo cannot be rebuilt; the binding is then skipped, never guessed. */
  | { ok: false; reason: string }

/**
 * The L1 meta parameters as `_batchMetaParameters` reads them (zksync.md §1.5): from v27 slot 58 is read as is;
 * v23–v26 repeat the default-AA hash in its place (MetaParameters leaves it out for that).
 */
export function metaFromDiamond(state: DiamondState): MetaParameters {
  return {
    zkPorterIsAvailable: state.zkPorterIsAvailable,
    bootloaderHash: state.bootloaderHash,
    defaultAAHash: state.defaultAAHash,
    ...(state.protocolVersion.minor >= 27 ? { evmEmulatorHash: state.evmEmulatorHash } : {}),
  }
}

/**
 * Rebuilds `StoredBatchInfo` of batch n the way `Executor._commitOneBatch` stores it: the CommitBatchInfo fields,
 * `l2LogsTreeRoot` from system log key 0, `dependencyRootsRollingHash` from the MESSAGE_ROOT_ROLLING_HASH log
 * (v29+, 9 fields), and the commitment recomputed from the calldata with the L1 meta parameters proven at the head
 * block. The commitment cannot be taken from the calldata (L1 computes it), so when the meta parameters in force
 * at the commit cannot be proven — the chain moved to another calldata layout since — the result says why.
 *
 * What comes out is a claim: only `keccak(abi.encode(sbi)) == storedBatchHashes[n]` makes it a fact.
 */
export function storedBatchInfoFromCommit(
  decoded: DecodedCommitCalldata,
  batchNumber: bigint,
  state: DiamondState,
  blobVersionedHashes: readonly Uint8Array[],
): RebuiltStoredBatchInfo {
  const batch = decoded.batches.find((b) => b.batchNumber === batchNumber)
  if (!batch) return { ok: false, reason: `the calldata does not commit batch ${batchNumber}` }
  const { layout } = decoded
  const version = state.protocolVersion.minor
  const range = LAYOUT_VERSIONS[layout]
  if (version < range.from || version > range.to)
    return {
      ok: false,
      reason:
        `the diamond is at protocol v${version} now, the calldata uses the ${layout} layout: the L1 meta ` +
        'parameters in force when the batch was committed cannot be proven from the head block',
    }
  const logs = indexBatchLogs(batch, layout)
  if (logs.problems.length > 0) return { ok: false, reason: `system logs: ${logs.problems.join('; ')}` }
  const logValue = (key: number | undefined) => (key === undefined ? undefined : logs.byKey.get(key)?.value)
  const l2LogsTreeRoot = logValue(keyFor(layout, 'l2LogsTreeRoot'))
  if (!l2LogsTreeRoot) return { ok: false, reason: 'no L2_TO_L1_LOGS_TREE_ROOT system log' }
  const nineFields = layout === 'v29-v31'
  const dependencyRootsRollingHash = nineFields
    ? logValue(keyFor(layout, 'messageRootRollingHash'))
    : undefined
  if (nineFields && !dependencyRootsRollingHash)
    return { ok: false, reason: 'no MESSAGE_ROOT_ROLLING_HASH system log (v29+)' }
  const da = deriveDataAvailability(batch, layout, logValue, blobVersionedHashes)
  if (da.status === 'fail') return { ok: false, reason: `data availability: ${da.detail}` }
  if (!da.stateDiffHash || !da.blobs)
    return { ok: false, reason: `data availability: ${da.blobsMissing ?? da.detail}` }
  let hashes: CommitmentHashes
  try {
    hashes = recomputeCommitment({
      protocolVersion: version,
      indexRepeatedStorageChanges: batch.indexRepeatedStorageChanges,
      newStateRoot: batch.newStateRoot,
      meta: metaFromDiamond(state),
      aux: {
        kind: 'boojum',
        systemLogs: batch.systemLogs,
        stateDiffHash: da.stateDiffHash,
        bootloaderHeapInitialContentsHash: batch.bootloaderHeapInitialContentsHash,
        eventsQueueStateHash: batch.eventsQueueStateHash,
        blobs: da.blobs,
      },
    })
  } catch (err) {
    if (err instanceof LightproofError && err.kind === 'input') return { ok: false, reason: err.message }
    throw err
  }
  const sbi: StoredBatchInfo = {
    batchNumber,
    batchHash: batch.newStateRoot,
    indexRepeatedStorageChanges: batch.indexRepeatedStorageChanges,
    numberOfLayer1Txs: batch.numberOfLayer1Txs,
    priorityOperationsHash: batch.priorityOperationsHash,
    ...(dependencyRootsRollingHash ? { dependencyRootsRollingHash } : {}),
    l2LogsTreeRoot,
    timestamp: batch.timestamp,
    commitment: hashes.commitment,
  }
  return {
    ok: true,
    sbi,
    hashes,
    protocolVersion: version,
    ...(da.published ? { published: da.published } : {}),
  }
}
