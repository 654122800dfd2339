/**
 * Commit-call selectors and their calldata encodings, as data (zksync.md §1.6; selectors are the first four
 * bytes of keccak256(signature), re-derived in commitEncodings.test.ts and listed in fixtures
 * zksync/derived/constants.json). A new protocol era is a new row here, not a new code path.
 */
import { COMMIT_BATCH_INFO_TYPE, storedBatchInfoType } from './executorStructs'

/** How the arguments after the selector are laid out. */
export type CommitArgs =
  /** `commitBatches(SBI8 lastCommitted, CBI[] newBatches)` — release-v18 … v22 `IExecutor.sol`. */
  | 'sbi-cbi'
  /** `commitBatchesSharedBridge(uint256 chainId, SBI8, CBI[])` — release-v23 / v25 `IExecutor.sol`. */
  | 'chainid-sbi-cbi'
  /**
   * `commitBatchesSharedBridge(uint256 chainId | address chain, uint256 from, uint256 to, bytes data)` with
   * `data = version byte ‖ abi.encode(SBI, CBI[])` — EC `state-transition/libraries/BatchDecoder.sol`.
   */
  | 'range-bytes'

/**
 * Which system-log key table and 10th-field meaning apply (zksync.md §1.3, §1.4). The legacy selector spans
 * two of them; the decoder tells them apart by the blob-hash logs that only 1.4.2 emits.
 */
export type CommitLayout = 'v18-v20' | 'v21-v22' | 'v23-v25' | 'v26-v28' | 'v29-v31'

export interface CommitEncoding {
  selector: string
  signature: string
  /** Protocol versions that used this entry point, for people reading the report. */
  protocols: string
  args: CommitArgs
  /** For `range-bytes`: whether the first word is a chain id (v26–v28) or the chain's diamond address (v29+). */
  chainArg?: 'uint256' | 'address'
  /** For `range-bytes`: the only `SUPPORTED_ENCODING_VERSION` BatchDecoder accepts for this selector. */
  encodingVersion?: number
  /** StoredBatchInfo fields in this encoding: 8 before v29, 9 (with dependencyRootsRollingHash) from v29. */
  storedBatchInfoFields: 8 | 9
  /** Layouts this selector can carry; the first is the default. */
  layouts: readonly CommitLayout[]
  /** Since release_v1.4.2 a commit carries exactly one batch (`"e4"`, later `CanOnlyProcessOneBatch`). */
  oneBatchOnly: 'always' | 'from-v21'
}

const SBI8 = storedBatchInfoType(8)
const CBI = COMMIT_BATCH_INFO_TYPE

export const COMMIT_ENCODINGS: readonly CommitEncoding[] = [
  {
    selector: '0x701f58c5',
    signature: `commitBatches(${SBI8},${CBI}[])`,
    protocols: 'v18–v22',
    args: 'sbi-cbi',
    storedBatchInfoFields: 8,
    layouts: ['v18-v20', 'v21-v22'],
    oneBatchOnly: 'from-v21',
  },
  {
    selector: '0x6edd4f12',
    signature: `commitBatchesSharedBridge(uint256,${SBI8},${CBI}[])`,
    protocols: 'v23–v25',
    args: 'chainid-sbi-cbi',
    storedBatchInfoFields: 8,
    layouts: ['v23-v25'],
    oneBatchOnly: 'always',
  },
  {
    selector: '0x98f81962',
    signature: 'commitBatchesSharedBridge(uint256,uint256,uint256,bytes)',
    protocols: 'v26–v28',
    args: 'range-bytes',
    chainArg: 'uint256',
    encodingVersion: 0,
    storedBatchInfoFields: 8,
    layouts: ['v26-v28'],
    oneBatchOnly: 'always',
  },
  {
    selector: '0x0db9eb87',
    signature: 'commitBatchesSharedBridge(address,uint256,uint256,bytes)',
    protocols: 'v29–v31',
    args: 'range-bytes',
    chainArg: 'address',
    encodingVersion: 1,
    storedBatchInfoFields: 9,
    layouts: ['v29-v31'],
    oneBatchOnly: 'always',
  },
]

/**
 * Selectors we recognise but that are not commits, so the refusal can say what the input is instead of
 * "unknown". Pre-Boojum `commitBlocks` (0x0c4dd810, the Goerli fixture) is here on purpose: its layout is not
 * the Boojum one and is not supported.
 */
export const OTHER_KNOWN_SELECTORS: Readonly<Record<string, string>> = {
  '0x0c4dd810': 'pre-Boojum commitBlocks (protocol ≤ v17)',
  '0x7f61885c': 'proveBatches (v18–v22)',
  '0xc3d93e7c': 'executeBatches (v18–v22)',
  '0x97c09d34': 'revertBatches (v18–v22)',
  '0xc37533bb': 'proveBatchesSharedBridge (v23–v25)',
  '0x6f497ac6': 'executeBatchesSharedBridge (v23–v25)',
  '0x0f23da43': 'revertBatchesSharedBridge (v23–v28)',
  '0xe12a6137': 'proveBatchesSharedBridge (v26–v28)',
  '0xcf02827d': 'executeBatchesSharedBridge (v26–v28)',
  '0x9271e450': 'proveBatchesSharedBridge (v29+)',
  '0xa085344d': 'executeBatchesSharedBridge (v29+)',
  '0x0b6db820': 'precommitSharedBridge (v29+)',
  '0x7ca4eff7': 'revertBatchesSharedBridge (v29+)',
}

export function commitEncodingFor(selector: string): CommitEncoding | undefined {
  return COMMIT_ENCODINGS.find((e) => e.selector === selector)
}

/** Protocol versions each layout covers; a caller-supplied version outside the range contradicts the calldata. */
export const LAYOUT_VERSIONS: Readonly<Record<CommitLayout, { from: number; to: number }>> = {
  'v18-v20': { from: 18, to: 20 },
  'v21-v22': { from: 21, to: 22 },
  'v23-v25': { from: 23, to: 25 },
  'v26-v28': { from: 26, to: 28 },
  'v29-v31': { from: 29, to: 31 },
}
