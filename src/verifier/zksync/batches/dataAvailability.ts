import { keccak_256 } from '../../crypto/backends'
import { bytesToHex, concatBytes, equalBytes } from '../../encoding/hex'
import type { CommitLayout } from './commitEncodings'
import type { BlobPair } from './recomputeCommitment'
import { keyFor } from './systemLogKeys'
import type { CommitBatchInfo } from './types'

/**
 * Where `stateDiffHash` and the blob (linear hash, commitment) pairs of the aux output come from, and the
 * pubdata self-checks L1 performs on the 10th CommitBatchInfo field (zksync.md §1.5.1, §1.5.2).
 */
export interface DataAvailability {
  /** pass: the DA bytes agree with the system logs; skip: nothing checkable offline (validium, blobs). */
  status: 'pass' | 'fail' | 'skip'
  detail: string
  stateDiffHash?: Uint8Array
  /** Undefined when blob commitments need the commit tx's blobVersionedHashes and none were given. */
  blobs?: BlobPair[]
  blobsMissing?: string
  /**
   * Where the batch's pubdata is, as the calldata and the commit transaction say: bound facts once the
   * commitment built from them hashes into storedBatchHashes[n] (zksync/da/checkPublishedData.ts uses them).
   */
  published?: PublishedData
}

/** One blob of a batch, as committed: everything here is bound by the batch commitment once it is bound. */
export interface PublishedBlob {
  /** keccak256 of the blob's 126,976 bytes of pubdata (operatorDAInput, or the system logs before v26). */
  linearHash: Uint8Array
  /** The versioned hash L1 required equal to BLOBHASH(i); absent for a blob prepublished earlier. */
  versionedHash?: Uint8Array
  /** The 16-byte opening point z and the 32-byte claimed value y = p(z) (L1's point evaluation). */
  openingPoint?: Uint8Array
  claimedValue?: Uint8Array
  /** The KZG commitment and proof from the calldata (the commitment is bound through the versioned hash). */
  kzgCommitment?: Uint8Array
  kzgProof?: Uint8Array
  /** v26+: a blob published before the commit (publishBlobs), known to L1 by this commitment. */
  prepublishedCommitment?: Uint8Array
}

export type PublishedData =
  | { source: 'blobs'; blobs: PublishedBlob[]; fullPubdataHash?: Uint8Array }
  | { source: 'calldata'; pubdata: Uint8Array; linearHash?: Uint8Array; fullPubdataHash?: Uint8Array }

/** openingPoint(16) ‖ claimedValue(32) ‖ kzgCommitment(48) ‖ kzgProof(48) (`PUBDATA_COMMITMENT_SIZE`). */
const BLOB_KZG_DATA_SIZE = 144

function publishedBlob(
  linearHash: Uint8Array,
  versionedHash: Uint8Array,
  kzgData: Uint8Array,
): PublishedBlob {
  return {
    linearHash,
    versionedHash,
    openingPoint: kzgData.slice(0, 16),
    claimedValue: kzgData.slice(16, 48),
    kzgCommitment: kzgData.slice(48, 96),
    kzgProof: kzgData.slice(96, 144),
  }
}
/** v26+ blob source: the KZG data then a 32-byte prepublished commitment per blob (RollupL1DAValidator). */
const BLOB_DA_ENTRY_SIZE = 176
const MAX_BLOBS = 16
/** `BLOB_SIZE_BYTES` (release-v25 Executor, CalldataDA): calldata pubdata must fit one blob's worth. */
const MAX_CALLDATA_PUBDATA = 126_976
const ZERO32 = new Uint8Array(32)

const hex = bytesToHex

/**
 * The blob commitment L1 puts in the aux output for a blob published with the commit tx:
 * keccak(versionedHash ‖ openingPoint ‖ claimedValue), after the point-evaluation precompile accepted the KZG
 * proof. Offline we recompute the hash only; the KZG opening itself is not checked here.
 */
function publishedBlobCommitment(versionedHash: Uint8Array, kzgData: Uint8Array): Uint8Array {
  return keccak_256(concatBytes(versionedHash, kzgData.subarray(0, 48)))
}

export function deriveDataAvailability(
  batch: CommitBatchInfo,
  layout: CommitLayout,
  logValue: (key: number | undefined) => Uint8Array | undefined,
  blobVersionedHashes?: readonly Uint8Array[],
): DataAvailability {
  const da = batch.daInput
  if (layout === 'v18-v20') {
    // release-v20 `_commitOneBatch`: require(logOutput.pubdataHash == keccak256(totalL2ToL1Pubdata), "wp").
    const want = logValue(keyFor(layout, 'totalPubdataHash'))
    const got = keccak_256(da)
    const stateDiffHash = logValue(keyFor(layout, 'stateDiffHash'))
    if (!want) return { status: 'fail', detail: 'no TOTAL_L2_TO_L1_PUBDATA log', blobs: [] }
    return equalBytes(want, got)
      ? {
          status: 'pass',
          detail: `keccak(pubdata) (${da.length} B) matches log key 1`,
          stateDiffHash,
          blobs: [],
        }
      : {
          status: 'fail',
          detail: `keccak(pubdata) ${hex(got)} ≠ log key 1 ${hex(want)}`,
          stateDiffHash,
          blobs: [],
        }
  }

  if (layout === 'v21-v22' || layout === 'v23-v25') {
    const stateDiffHash = logValue(keyFor(layout, 'stateDiffHash'))
    const linearKeys = layout === 'v21-v22' ? [7, 8] : [7, 8, 9, 10, 11, 12]
    const linear = linearKeys.map((k) => logValue(k) ?? ZERO32)
    if (da.length === 0) return { status: 'fail', detail: 'empty pubdataCommitments' }
    if (da.length === 1) return { status: 'skip', detail: 'no pubdata (validium)', stateDiffHash, blobs: [] }
    const source = da[0]!
    if (source === 0) {
      // release-v25 `_verifyBlobInformation` path for calldata: pubdata ‖ blobCommitment(32).
      if (da.length < 33)
        return { status: 'fail', detail: 'calldata pubdata shorter than its 32-byte commitment' }
      // release-v25: `if (_newBatch.pubdataCommitments.length > BLOB_SIZE_BYTES) revert InvalidPubdataLength()`.
      if (da.length > MAX_CALLDATA_PUBDATA)
        return { status: 'fail', detail: `pubdataCommitments ${da.length} B over ${MAX_CALLDATA_PUBDATA}` }
      const pubdata = da.subarray(1, da.length - 32)
      const want = logValue(keyFor(layout, 'totalPubdataHash'))
      const got = keccak_256(pubdata)
      const blobs = linear.map((l, i) => ({
        linearHash: l,
        commitment: i === 0 ? da.slice(da.length - 32) : ZERO32,
      }))
      if (!want) return { status: 'fail', detail: 'no TOTAL_L2_TO_L1_PUBDATA log', stateDiffHash, blobs }
      return equalBytes(want, got)
        ? {
            status: 'pass',
            detail: `calldata pubdata (${pubdata.length} B) matches log key 1`,
            stateDiffHash,
            blobs,
            published: { source: 'calldata', pubdata: pubdata.slice(), linearHash: linear[0]! },
          }
        : {
            status: 'fail',
            detail: `keccak(pubdata) ${hex(got)} ≠ log key 1 ${hex(want)}`,
            stateDiffHash,
            blobs,
          }
    }
    if (source === 1) {
      const body = da.subarray(1)
      if (
        body.length % BLOB_KZG_DATA_SIZE !== 0 ||
        body.length === 0 ||
        body.length / BLOB_KZG_DATA_SIZE > linear.length
      )
        return {
          status: 'fail',
          detail: `blob pubdata commitments: ${body.length} bytes is not 1–${linear.length} × 144`,
        }
      const n = body.length / BLOB_KZG_DATA_SIZE
      const kzg = Array.from({ length: n }, (_, i) =>
        body.subarray(i * BLOB_KZG_DATA_SIZE, (i + 1) * BLOB_KZG_DATA_SIZE),
      )
      const detail = `${n} blob(s); KZG openings are checked by L1's point-evaluation precompile, not here`
      if (!blobVersionedHashes || blobVersionedHashes.length < n)
        return {
          status: 'skip',
          detail,
          stateDiffHash,
          blobsMissing: `${n} blob commitment(s) need the commit tx's blobVersionedHashes`,
        }
      const blobs = linear.map((l, i) => ({
        linearHash: l,
        commitment: i < n ? publishedBlobCommitment(blobVersionedHashes[i]!, kzg[i]!) : ZERO32,
      }))
      const published: PublishedData = {
        source: 'blobs',
        blobs: kzg.map((k, i) => publishedBlob(linear[i]!, blobVersionedHashes[i]!, k)),
      }
      return { status: 'skip', detail, stateDiffHash, blobs, published }
    }
    return { status: 'fail', detail: `unknown pubdata source byte ${source}` }
  }

  // v26+: operatorDAInput, read by the L1 DA validator (EC da-contracts RollupL1DAValidator / CalldataDA).
  if (da.length === 32)
    return {
      status: 'skip',
      detail: 'validium operatorDAInput (stateDiffHash only, no pubdata)',
      stateDiffHash: da.slice(),
      blobs: [],
    }
  if (da.length < 65)
    return { status: 'fail', detail: `operatorDAInput: ${da.length} bytes, need at least 65` }
  const stateDiffHash = da.slice(0, 32)
  const fullPubdataHash = da.subarray(32, 64)
  const blobsProvided = da[64]!
  if (blobsProvided > MAX_BLOBS)
    return { status: 'fail', detail: `operatorDAInput: ${blobsProvided} blobs, at most ${MAX_BLOBS}` }
  const ptr = 65 + 32 * blobsProvided
  if (da.length < ptr + 1)
    return { status: 'fail', detail: 'operatorDAInput: truncated before the source byte' }
  const linear = Array.from({ length: blobsProvided }, (_, i) => da.slice(65 + 32 * i, 97 + 32 * i))
  // CalldataDA `_processL2RollupDAValidatorOutputHash`: keccak of the prefix must equal the L2 DA validator output.
  const want = logValue(keyFor(layout, 'l2DaValidatorOutputHash'))
  const got = keccak_256(da.subarray(0, ptr))
  if (!want) return { status: 'fail', detail: 'no L2_DA_VALIDATOR_OUTPUT_HASH log', stateDiffHash }
  if (!equalBytes(want, got))
    return {
      status: 'fail',
      detail: `keccak(operatorDAInput header) ${hex(got)} ≠ log key 5 ${hex(want)}`,
      stateDiffHash,
    }
  const source = da[ptr]!
  const rest = da.subarray(ptr + 1)
  if (source === 0) {
    if (blobsProvided !== 1)
      return {
        status: 'fail',
        detail: `calldata DA with ${blobsProvided} blobs; CalldataDA requires 1`,
        stateDiffHash,
      }
    if (rest.length < 32)
      return { status: 'fail', detail: 'calldata DA shorter than its 32-byte blob commitment', stateDiffHash }
    const pubdata = rest.subarray(0, rest.length - 32)
    if (pubdata.length > MAX_CALLDATA_PUBDATA)
      return {
        status: 'fail',
        detail: `calldata pubdata ${pubdata.length} B over ${MAX_CALLDATA_PUBDATA}`,
        stateDiffHash,
      }
    if (!equalBytes(keccak_256(pubdata), fullPubdataHash))
      return { status: 'fail', detail: 'keccak(calldata pubdata) ≠ fullPubdataHash', stateDiffHash }
    return {
      status: 'pass',
      detail: `DA header matches log key 5; calldata pubdata (${pubdata.length} B) matches fullPubdataHash`,
      stateDiffHash,
      blobs: [{ linearHash: linear[0]!, commitment: rest.slice(rest.length - 32) }],
      published: {
        source: 'calldata',
        pubdata: pubdata.slice(),
        linearHash: linear[0]!,
        fullPubdataHash: fullPubdataHash.slice(),
      },
    }
  }
  if (source === 1) {
    if (rest.length !== blobsProvided * BLOB_DA_ENTRY_SIZE)
      return {
        status: 'fail',
        detail: `blob DA: ${rest.length} bytes for ${blobsProvided} blobs of 176`,
        stateDiffHash,
      }
    const detail = `DA header matches log key 5; ${blobsProvided} blob(s), KZG openings not checked here`
    const blobs: BlobPair[] = []
    const publishedBlobs: PublishedBlob[] = []
    let versioned = 0
    for (let i = 0; i < blobsProvided; i++) {
      const entry = rest.subarray(i * BLOB_DA_ENTRY_SIZE, (i + 1) * BLOB_DA_ENTRY_SIZE)
      const prepublished = entry.slice(BLOB_KZG_DATA_SIZE)
      if (!equalBytes(prepublished, ZERO32)) {
        // A blob published earlier with publishBlobs(): L1 checks it is known to the DA validator (storage).
        blobs.push({ linearHash: linear[i]!, commitment: prepublished })
        publishedBlobs.push({ linearHash: linear[i]!, prepublishedCommitment: prepublished })
        continue
      }
      const vh = blobVersionedHashes?.[versioned++]
      if (!vh)
        return {
          status: 'pass',
          detail,
          stateDiffHash,
          blobsMissing: 'blob commitments need the commit tx blobVersionedHashes',
        }
      blobs.push({ linearHash: linear[i]!, commitment: publishedBlobCommitment(vh, entry) })
      publishedBlobs.push(publishedBlob(linear[i]!, vh, entry))
    }
    return {
      status: 'pass',
      detail,
      stateDiffHash,
      blobs,
      published: { source: 'blobs', blobs: publishedBlobs, fullPubdataHash: fullPubdataHash.slice() },
    }
  }
  return { status: 'fail', detail: `operatorDAInput: unknown source byte ${source}`, stateDiffHash }
}
