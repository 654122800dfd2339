import { LightproofError } from '../../../shared/errors'
import { keccak_256 } from '../../crypto/backends'
import { kzgBackend } from '../../crypto/kzgBackend'
import { bytesToHex, concatBytes, equalBytes } from '../../encoding/hex'
import type { FactValue, ReportBuilder } from '../../report'
import type { PublishedData } from '../batches/dataAvailability'
import {
  blobOpeningPoint,
  blobToZkBlob,
  evaluateZkBlob,
  kzgToVersionedHash,
  pubdataToZkBlobs,
  ZK_BLOB_BYTES,
  zkBlobToBlob,
} from './blobEncoding'
import { decodePubdata, type DecodedPubdata } from './pubdataFormat'

/**
 * What a user or a beacon node handed over as the batch's data: EIP-4844 blobs in the order of the commit's
 * versioned hashes (null for one that could not be had: withheld, pruned), or the pubdata itself (a file, an
 * archive). Untrusted: every byte is checked against what the bound batch commitment fixes.
 */
export type DataOffered =
  | { kind: 'blobs'; blobs: readonly (Uint8Array | null)[]; missing?: string }
  | { kind: 'pubdata'; pubdata: Uint8Array }

export interface PublishedDataResult {
  /** The authenticated pubdata (its own length when the format says where it ends), when every blob passed. */
  pubdata?: Uint8Array
  decoded?: DecodedPubdata
}

const hex = bytesToHex

/**
 * "Was this batch's data published, and what is it?" — given the PublishedData of a batch whose StoredBatchInfo is
 * bound to storedBatchHashes[n] (so every linear hash, versioned hash, opening point and claimed value below is a
 * fact L1 stored):
 *
 * - `zksync.da.blob[i].available`: the blob (or the pubdata for it) was handed over; a withheld blob leaves the
 *   verdict incomplete, it contradicts nothing.
 * - `zksync.da.blob[i].linearHash`: keccak256 of the blob's 126,976 pubdata bytes equals the bound linear hash —
 *   this alone authenticates pubdata from any source.
 * - `zksync.da.blob[i].versionedHash`: the KZG commitment recomputed from the blob gives the bound versioned hash
 *   (0x01 ‖ sha256(C)[1:]); L1 required that hash equal BLOBHASH(i) of the commit transaction, so the data was
 *   published to Ethereum.
 * - `zksync.da.blob[i].opening`: z = keccak(linearHash ‖ versionedHash)[16:] and y = p(z) equal the bound
 *   opening point and claimed value (what L1's point evaluation checked).
 * - `zksync.da.fullPubdataHash` (v26+): keccak of the pubdata equals the bound fullPubdataHash.
 * - `zksync.da.pubdata.format`: the pubdata decodes in the standard format (logs, messages, bytecodes, diffs).
 */
export function checkPublishedData(
  r: ReportBuilder,
  published: PublishedData,
  offered: DataOffered,
): PublishedDataResult {
  if (published.source === 'calldata') return checkCalldataPubdata(r, published, offered)
  const bound = published.blobs
  const countTitle = 'As many blobs as the batch committed to'
  if (offered.kind === 'blobs' && offered.blobs.length !== bound.length) {
    r.fail(
      'zksync.da.blobs.count',
      countTitle,
      `${offered.blobs.length} blob(s) offered, the commit binds ${bound.length}`,
    )
    return {}
  }
  if (offered.kind === 'pubdata' && offered.pubdata.length > bound.length * ZK_BLOB_BYTES) {
    r.fail(
      'zksync.da.blobs.count',
      countTitle,
      `${offered.pubdata.length} bytes of pubdata need more than the ${bound.length} blob(s) the commit binds`,
    )
    return {}
  }
  r.pass('zksync.da.blobs.count', countTitle, `${bound.length} blob(s)`)

  const chunks =
    offered.kind === 'pubdata'
      ? padToBlobs(offered.pubdata, bound.length)
      : offered.blobs.map((b, i) => (b ? blobToZkBlobChecked(r, b, i) : undefined))
  const facts: FactValue[] = []
  let allPassed = true
  for (let i = 0; i < bound.length; i++) {
    const blob = bound[i]!
    const id = `zksync.da.blob[${i}]`
    const offeredBlob = offered.kind === 'blobs' ? offered.blobs[i] : undefined
    const zk = chunks[i]
    facts.push({
      index: i,
      linearHash: hex(blob.linearHash),
      versionedHash: blob.versionedHash ? hex(blob.versionedHash) : null,
    })
    if (offered.kind === 'blobs' && offeredBlob === null) {
      r.skip(
        `${id}.available`,
        `Blob ${i} was handed over`,
        `no blob for versioned hash ${blob.versionedHash ? hex(blob.versionedHash) : '(prepublished)'}: ${offered.missing ?? 'withheld'}`,
      )
      allPassed = false
      continue
    }
    if (!zk) {
      allPassed = false
      continue
    }
    r.pass(
      `${id}.available`,
      `Blob ${i} was handed over`,
      offered.kind === 'blobs' ? 'EIP-4844 blob' : 'pubdata',
    )
    const linear = keccak_256(zk)
    if (
      !r.expect(
        `${id}.linearHash`,
        `Blob ${i}: keccak of its pubdata equals the bound linear hash`,
        equalBytes(linear, blob.linearHash),
        `keccak256(126,976 bytes) = ${hex(linear)}`,
        `keccak256 of the data is ${hex(linear)}, the commitment binds ${hex(blob.linearHash)}: this is not the batch's data`,
      )
    ) {
      allPassed = false
      continue
    }
    if (!blob.versionedHash || !blob.openingPoint || !blob.claimedValue) {
      r.skip(
        `${id}.versionedHash`,
        `Blob ${i}: KZG commitment gives the bound versioned hash`,
        'prepublished blob: L1 knows it by its commitment, no versioned hash in this commit',
      )
      allPassed = false
      continue
    }
    if (!checkVersionedHash(r, i, zk, offeredBlob ?? undefined, blob.versionedHash)) {
      allPassed = false
      continue
    }
    const z = blobOpeningPoint(blob.linearHash, blob.versionedHash)
    const y = evaluateZkBlob(zk, z)
    const opened = r.expect(
      `${id}.opening`,
      `Blob ${i}: opening point and value (z = keccak(linearHash ‖ versionedHash)[16:], y = p(z))`,
      equalBytes(z, blob.openingPoint) && equalBytes(y, blob.claimedValue),
      `z ${hex(z)}, y ${hex(y)}`,
      `recomputed z ${hex(z)}, y ${hex(y)}; the commit binds z ${hex(blob.openingPoint)}, y ${hex(blob.claimedValue)}`,
    )
    if (!opened) allPassed = false
  }
  r.fact('blobs', facts)
  if (!allPassed || chunks.some((c) => !c)) return {}
  return finishPubdata(r, concatBytes(...(chunks as Uint8Array[])), published.fullPubdataHash)
}

function padToBlobs(pubdata: Uint8Array, count: number): Uint8Array[] {
  const chunks = pubdataToZkBlobs(pubdata)
  while (chunks.length < count) chunks.push(new Uint8Array(ZK_BLOB_BYTES))
  return chunks
}

function blobToZkBlobChecked(r: ReportBuilder, blob: Uint8Array, i: number): Uint8Array | undefined {
  try {
    return blobToZkBlob(blob)
  } catch (err) {
    if (err instanceof LightproofError && err.kind === 'input') {
      r.fail(
        `zksync.da.blob[${i}].encoding`,
        `Blob ${i} is a ZKsync blob (31 bytes per field element)`,
        err.message,
      )
      return undefined
    }
    throw err
  }
}

/**
 * Blob → KZG commitment → versioned hash with the installed KZG backend: the path `zksync.da.blob[i].versionedHash`
 * takes for a blob as a beacon node serves it (the bench's `da-blob-commitment`). Undefined without a backend.
 */
export function blobVersionedHash(
  blob: Uint8Array,
): { commitment: Uint8Array; versionedHash: Uint8Array; backend: string } | undefined {
  const kzg = kzgBackend()
  if (!kzg) return undefined
  const commitment = kzg.blobToKzgCommitment(blob)
  return { commitment, versionedHash: kzgToVersionedHash(commitment), backend: kzg.name }
}

function checkVersionedHash(
  r: ReportBuilder,
  i: number,
  zk: Uint8Array,
  blob: Uint8Array | undefined,
  bound: Uint8Array,
): boolean {
  const id = `zksync.da.blob[${i}].versionedHash`
  const title = `Blob ${i}: KZG commitment gives the bound versioned hash`
  // A blob from a beacon node is committed to as received; pubdata is encoded first (FFT, bit-reversal).
  const got = blobVersionedHash(blob ?? zkBlobToBlob(zk))
  if (!got) {
    r.error(id, title, 'no KZG backend is loaded here, so the blob commitment cannot be computed')
    return false
  }
  const { commitment, versionedHash: vh, backend } = got
  return r.expect(
    id,
    title,
    equalBytes(vh, bound),
    `KZG commitment ${hex(commitment)} (${backend}) → ${hex(vh)}`,
    `KZG commitment ${hex(commitment)} (${backend}) → ${hex(vh)}, the commitment binds ${hex(bound)}: not the blob L1 saw`,
  )
}

function checkCalldataPubdata(
  r: ReportBuilder,
  published: Extract<PublishedData, { source: 'calldata' }>,
  offered: DataOffered,
): PublishedDataResult {
  r.pass(
    'zksync.da.blobs.count',
    'As many blobs as the batch committed to',
    'calldata DA: the pubdata is in the commit calldata itself, no blob to fetch',
  )
  if (offered.kind === 'pubdata' && !equalBytes(offered.pubdata, published.pubdata))
    r.fail(
      'zksync.da.pubdata.calldata',
      'Offered pubdata equals the calldata pubdata',
      `offered ${offered.pubdata.length} bytes differ from the ${published.pubdata.length} bytes the commit carries`,
    )
  return finishPubdata(r, published.pubdata, published.fullPubdataHash)
}

function finishPubdata(
  r: ReportBuilder,
  padded: Uint8Array,
  fullPubdataHash: Uint8Array | undefined,
): PublishedDataResult {
  let decoded: DecodedPubdata
  try {
    decoded = decodePubdata(padded)
  } catch (err) {
    if (err instanceof LightproofError && err.kind === 'input') {
      r.error('zksync.da.pubdata.format', 'Pubdata decodes in the standard format', err.message)
      return {}
    }
    throw err
  }
  const pubdata = padded.slice(0, decoded.length)
  r.pass(
    'zksync.da.pubdata.format',
    'Pubdata decodes in the standard format',
    `${decoded.length} bytes: ${decoded.logs.length} logs, ${decoded.messages.length} messages, ` +
      `${decoded.bytecodes.length} bytecodes, ${decoded.stateDiffs.diffs.length} state diffs`,
  )
  if (fullPubdataHash) {
    const got = keccak_256(pubdata)
    r.expect(
      'zksync.da.fullPubdataHash',
      'keccak of the pubdata equals the bound fullPubdataHash',
      equalBytes(got, fullPubdataHash),
      `keccak256(${pubdata.length} bytes) = ${hex(got)}`,
      `keccak256(${pubdata.length} bytes) = ${hex(got)}, operatorDAInput binds ${hex(fullPubdataHash)}`,
    )
  }
  r.add(
    'zksync.da.pubdata.messagesLogged',
    'Every message has its L1Messenger log (keccak of the message)',
    decoded.unloggedMessages === 0 ? 'pass' : 'fail',
    decoded.unloggedMessages === 0
      ? `${decoded.messages.length} message(s), each logged`
      : `${decoded.unloggedMessages} message(s) without an L1Messenger log`,
    { required: false },
  )
  r.fact('pubdata', pubdataFacts(decoded))
  return { pubdata, decoded }
}

/** The counts and withdrawals an auditor reads first; decimal strings for amounts (DESIGN.md §4). */
export function pubdataFacts(d: DecodedPubdata): Record<string, FactValue> {
  return {
    bytes: d.length,
    logs: d.logs.length,
    messages: d.messages.length,
    bytecodes: d.bytecodes.length,
    stateDiffs: d.stateDiffs.diffs.length,
    initialWrites: d.stateDiffs.initialWrites,
    repeatedWrites: d.stateDiffs.repeatedWrites,
    diffOps: { ...d.stateDiffs.ops },
    // Every state diff as published, for the table an auditor searches and exports: an initial write names
    // its derived key, a repeated write its enumeration index; `value` is the full value or the delta.
    diffs: d.stateDiffs.diffs.map((diff) => ({
      kind: diff.kind,
      key:
        diff.kind === 'initial'
          ? hex(diff.derivedKey ?? new Uint8Array())
          : (diff.enumerationIndex ?? 0n).toString(),
      op: diff.op,
      value: hex(diff.value),
    })),
    withdrawals: d.messages.flatMap((m): FactValue[] =>
      m.withdrawal
        ? [
            m.withdrawal.kind === 'eth'
              ? { kind: 'eth', receiver: m.withdrawal.receiver, amount: m.withdrawal.amount.toString() }
              : {
                  kind: 'erc20-legacy',
                  receiver: m.withdrawal.receiver,
                  l1Token: m.withdrawal.l1Token,
                  amount: m.withdrawal.amount.toString(),
                },
          ]
        : [],
    ),
  }
}
