import { z } from 'zod'
import { InputError } from '../../../shared/errors'
import { rawBytes, RawItemSchema, type Evidence } from '../../evidence/schema'
import { ReportBuilder, type Report } from '../../report'
import { BLOB_BYTES, MAX_BLOBS_PER_BATCH, ZK_BLOB_BYTES } from '../da/blobEncoding'
import { checkPublishedData, type DataOffered } from '../da/checkPublishedData'
import { BatchPartSchema, verifyBatchChain } from './zksyncEvidence'

/**
 * `data.da` of a pubdata evidence: what was offered as the batch's data, untrusted, checked byte by byte against
 * what the bound commitment fixes. Either the EIP-4844 blobs in the order of the commit's versioned hashes, each
 * as received (base64 of its 131,072 bytes; null when no endpoint gave it, with `missing` saying why), or the
 * pubdata itself from a file.
 */
export const DaSectionSchema = z.union([
  z
    .object({
      offered: z.literal('blobs'),
      blobs: z.array(RawItemSchema.nullable()).max(MAX_BLOBS_PER_BATCH),
      /** Why a blob is missing (pruned: "the node no longer retains blobs"; withheld; unreachable). */
      missing: z.string().max(2048).optional(),
    })
    .strict(),
  z.object({ offered: z.literal('pubdata'), pubdata: RawItemSchema }).strict(),
])
export type DaSection = z.infer<typeof DaSectionSchema>

/** The batch part of a zksync-batch evidence (the same chain, the same checks) plus the data. */
export const ZksyncPubdataDataSchema = BatchPartSchema.extend({ da: DaSectionSchema }).strict()

function offeredOf(da: DaSection): DataOffered {
  if (da.offered === 'pubdata') {
    const pubdata = rawBytes(da.pubdata)
    if (pubdata.length > MAX_BLOBS_PER_BATCH * ZK_BLOB_BYTES)
      throw new InputError(`pubdata: ${pubdata.length} bytes, more than 16 blobs hold`, 'evidence.invalid')
    return { kind: 'pubdata', pubdata }
  }
  const blobs = da.blobs.map((b, i) => {
    if (!b) return null
    const bytes = rawBytes(b)
    if (bytes.length !== BLOB_BYTES)
      throw new InputError(
        `da.blobs.${i}: ${bytes.length} bytes, a blob is ${BLOB_BYTES}`,
        'evidence.invalid',
      )
    return bytes
  })
  return { kind: 'blobs', blobs, ...(da.missing ? { missing: da.missing } : {}) }
}

/**
 * A batch's published data: the batch chain of zksync-batch (its StoredBatchInfo bound to storedBatchHashes[n],
 * which fixes every blob's linear hash, versioned hash, opening point and value), then the data offered checked
 * against them (checkPublishedData: `zksync.da.*`) and decoded. Only a bound batch can vouch for data: without one,
 * `zksync.da.bound` is skipped and the verdict incomplete.
 */
export function verifyZksyncPubdataEvidence(e: Evidence): Report {
  const parsed = ZksyncPubdataDataSchema.safeParse(e.data)
  if (!parsed.success)
    throw new InputError(
      `evidence data: ${z.prettifyError(parsed.error).split('\n').slice(0, 2).join('; ')}`,
      'evidence.invalid',
    )
  const data = parsed.data
  const n = BigInt(data.batchNumber)
  const r = new ReportBuilder({
    kind: e.kind,
    description: `ZKsync Era batch ${n}: its data published on Ethereum (blobs) and what it changed (pubdata)`,
  })
  const offered = offeredOf(data.da)
  const batch = verifyBatchChain(r, e, data)
  const title = 'The batch commitment that fixes the data is bound to L1'
  if (!batch?.bound || !batch.published) {
    r.skip(
      'zksync.da.bound',
      title,
      batch?.bound
        ? 'the batch publishes no pubdata (validium)'
        : "no StoredBatchInfo is bound to storedBatchHashes[n], so nothing vouches for the batch's data",
    )
    return r.build()
  }
  r.pass(
    'zksync.da.bound',
    title,
    batch.published.source === 'blobs'
      ? `${batch.published.blobs.length} blob(s): linear hashes, versioned hashes, opening points and values bound`
      : 'calldata DA: the pubdata is in the bound commit calldata',
  )
  r.fact('daSource', batch.published.source)
  checkPublishedData(r, batch.published, offered)
  return r.build()
}
