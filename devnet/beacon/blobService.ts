import { bytesToHex } from '../../src/verifier/encoding/hex'
import { pubdataToZkBlobs, zkBlobToBlob } from '../../src/verifier/zksync/da/blobEncoding'
import type { ZksyncBatch } from '../zksync/buildZksyncWorld'
import { DEVNET_GENESIS_TIME, DEVNET_SECONDS_PER_SLOT } from './devnetNetwork'

/**
 * The blobs a beacon node of the test world holds: for each of the world's blob batches, its commit's blobs at the
 * slot of the L1 block that carried the commit (slot = (timestamp − genesis) / 12, the block's beacon slot). The
 * lies `blob-*` (world.ts): a blob of another batch's data, a corrupted blob, a withheld one.
 */
export const BLOB_LIES = ['other-batch', 'corrupted', 'withheld'] as const
export type BlobLie = (typeof BLOB_LIES)[number]

export const BLOB_LIE_HELP: Record<BlobLie, string> = {
  'other-batch':
    'serves, for each asked versioned hash, the blob of another batch’s pubdata (a valid ZKsync blob)',
  corrupted: 'serves the right blob with one byte of one field element changed',
  withheld: 'answers without the blobs, as a node that pruned them (past ~18 days)',
}

export interface BlobService {
  /** The blobs of `slot` whose versioned hash is in `hashes` (all of them when `hashes` is empty), in block order. */
  blobsAt(slot: bigint, hashes: readonly string[]): { versionedHash: string; blob: Uint8Array }[]
  setLie(lie: BlobLie | undefined): void
}

export function blobService(
  batches: readonly ZksyncBatch[],
  commitTimestamp: (batch: bigint) => bigint | undefined,
  initialLie?: BlobLie,
): BlobService {
  let lie = initialLie
  const bySlot = new Map<bigint, { batch: ZksyncBatch; versionedHash: string; blob: Uint8Array }[]>()
  for (const b of batches) {
    const ts = b.blobs ? commitTimestamp(b.number) : undefined
    if (!b.blobs || ts === undefined) continue
    const slot = (ts - DEVNET_GENESIS_TIME) / DEVNET_SECONDS_PER_SLOT
    const list = bySlot.get(slot) ?? []
    for (const x of b.blobs) list.push({ batch: b, versionedHash: bytesToHex(x.versionedHash), blob: x.blob })
    bySlot.set(slot, list)
  }
  const otherBatchBlob = (b: ZksyncBatch) => {
    const other = batches.find((o) => o.number !== b.number && o.pubdata) ?? b
    return zkBlobToBlob(pubdataToZkBlobs(other.pubdata ?? new Uint8Array(0))[0]!)
  }
  return {
    blobsAt(slot, hashes) {
      if (lie === 'withheld') return []
      const wanted = (bySlot.get(slot) ?? []).filter(
        (e) => hashes.length === 0 || hashes.includes(e.versionedHash),
      )
      return wanted.map((e) => {
        if (lie === 'other-batch') return { versionedHash: e.versionedHash, blob: otherBatchBlob(e.batch) }
        if (lie === 'corrupted') {
          const blob = e.blob.slice()
          blob[32 * 7 + 31]! ^= 0x01
          return { versionedHash: e.versionedHash, blob }
        }
        return e
      })
    },
    setLie(next) {
      lie = next
    },
  }
}
