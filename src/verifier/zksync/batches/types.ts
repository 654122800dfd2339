import type { CommitEncoding, CommitLayout } from './commitEncodings'

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

export interface DecodedCommitCalldata {
  selector: string
  encoding: CommitEncoding
  /** The layout the batches follow (for the legacy selector: inferred from the blob-hash logs). */
  layout: CommitLayout
  /** `range-bytes` encodings: the version byte of `data`. */
  encodingVersion?: number
  /** v23–v28: the chain id argument. */
  chainId?: bigint
  /** v29+: the chain's diamond address argument (lowercase hex). */
  chainAddress?: string
  /** `range-bytes` encodings: the batch range the call claims to commit. */
  processFrom?: bigint
  processTo?: bigint
  lastCommitted: StoredBatchInfo
  batches: CommitBatchInfo[]
  /**
   * Whether re-encoding the decoded values gives back exactly the input bytes. A non-canonical encoding (dirty
   * padding, trailing bytes, odd offsets) means the values shown may differ from what the contract read.
   */
  canonical: boolean
}
