import { encodeAbi } from '../../encoding/abi'
import { concatBytes, hexToBytes } from '../../encoding/hex'
import {
  COMMIT_BATCH_INFO_ABI,
  commitBatchInfoValues,
  storedBatchInfoAbi,
  storedBatchInfoValues,
} from './executorStructs'
import type { CommitBatchInfo, StoredBatchInfo } from './types'

/**
 * Builds commit calldata in each encoding from domain values — the inverse of decodeCommitCalldata. Used to
 * exercise the encodings that have no real calldata in the fixtures (v23–v25, v26–v28, v29+) with real batch
 * contents, and to build local test worlds. Verification never relies on it.
 */
const SBI8 = storedBatchInfoAbi(8)
const SBI9 = storedBatchInfoAbi(9)
const CBI = `${COMMIT_BATCH_INFO_ABI}[]`

/** The ABI coder's values of a StoredBatchInfo in the 8- or 9-field layout. */
export const sbiTuple = storedBatchInfoValues
export const cbiTuple = commitBatchInfoValues

const sel = (s: string) => hexToBytes(s, 'selector', 4)
const enc = encodeAbi

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
