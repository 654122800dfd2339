import type { CommitEncoding, CommitLayout } from './commitEncodings'
import type { CommitBatchInfo, StoredBatchInfo } from './executorStructs'

// The structs' TypeScript shapes live beside their ABI (executorStructs.ts).
export type { CommitBatchInfo, StoredBatchInfo }

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
