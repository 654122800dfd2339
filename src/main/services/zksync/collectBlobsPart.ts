import { EndpointError, errorMessage, InputError, LightproofError } from '../../../shared/errors'
import { networkByName } from '../../../verifier/beacon/networks'
import { bytesToHex, hexToBytes, parseQuantity } from '../../../verifier/encoding/hex'
import { rawFromBytes, rawJson, type Evidence, type RawItem } from '../../../verifier/evidence/schema'
import { BLOB_BYTES, kzgToVersionedHash } from '../../../verifier/zksync/da/blobEncoding'
import type { DaSection } from '../../../verifier/zksync/evidence/pubdataEvidence'
import { parseCommitTransaction } from '../../../verifier/zksync/evidence/parseCommitTransaction'
import type { BeaconApiClient } from '../../net/beaconApi'
import { AllEndpointsFailed, BeaconEndpointPool } from '../beacon/beaconEndpointPool'
import type { ServiceContext } from '../context'
import { resolveEndpoints, type EndpointOverrides } from '../endpoints'
import type { Operation } from '../operations'
import type { BatchParts } from './collectZksyncEvidence'
import type { ZksyncEndpoints } from './zksyncEndpoints'

/**
 * Beacon nodes keep blobs for MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS = 4096 epochs (~18 days); after that the data is
 * only in archives. Said in every "missing" message, with what to do instead.
 */
const RETENTION =
  'beacon nodes keep blobs for ~18 days (4096 epochs), so a node no longer retains blobs of an older batch; ' +
  'save the batch with `lightproof zksync batch N --save F` and give its data from an archive with ' +
  '`lightproof verify pubdata --pubdata FILE --batch-evidence F`'

/** A few blobs of 128 KiB, as hex in JSON: far below this. A whole block's sidecars (21 blobs post-BPO2) too. */
const BLOBS_MAX_BYTES = 6 * 1024 * 1024
const SIDECARS_MAX_BYTES = 24 * 1024 * 1024

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v)

function blobFromHex(value: unknown, what: string): Uint8Array {
  const bytes = hexToBytes(value, what)
  if (bytes.length !== BLOB_BYTES)
    throw new InputError(`${what}: ${bytes.length} bytes, a blob is ${BLOB_BYTES}`)
  return bytes
}

/** `GET /eth/v1/beacon/blobs/{block_id}` (beacon-APIs v4): SSZ `List[Blob]`, or JSON `{ data: [blob…] }`. */
async function fetchBlobs(client: BeaconApiClient, slot: bigint, hashes: string[], signal: AbortSignal) {
  const query = hashes.map((h) => `versioned_hashes=${h}`).join('&')
  const answer = await client.get(`/eth/v1/beacon/blobs/${slot}?${query}`, 'ssz', signal)
  if (answer.encoding === 'ssz') {
    if (answer.raw.length % BLOB_BYTES !== 0 || answer.raw.length / BLOB_BYTES > hashes.length)
      throw new InputError(`blobs (SSZ): ${answer.raw.length} bytes is not 0–${hashes.length} blobs`)
    return Array.from({ length: answer.raw.length / BLOB_BYTES }, (_, i) =>
      answer.raw.slice(i * BLOB_BYTES, (i + 1) * BLOB_BYTES),
    )
  }
  const data = isObj(answer.json) ? answer.json.data : undefined
  if (!Array.isArray(data) || data.length > hashes.length)
    throw new InputError(`blobs (JSON): expected data: [≤ ${hashes.length} blobs]`)
  return data.map((b, i) => blobFromHex(b, `blobs data.${i}`))
}

/**
 * The removed `GET /eth/v1/beacon/blob_sidecars/{block_id}` (beacon-APIs PR #577), where a node still serves it:
 * every sidecar of the block, each with its KZG commitment, so ours are picked by versioned hash (sha256 only).
 */
async function fetchSidecars(client: BeaconApiClient, slot: bigint, hashes: string[], signal: AbortSignal) {
  const answer = await client.get(`/eth/v1/beacon/blob_sidecars/${slot}`, 'json', signal)
  const data = isObj(answer.json) ? answer.json.data : undefined
  if (!Array.isArray(data)) throw new InputError('blob_sidecars: expected data: [sidecar…]')
  const byHash = new Map<string, Uint8Array>()
  for (const [i, s] of data.entries()) {
    if (!isObj(s)) throw new InputError(`blob_sidecars data.${i}: not an object`)
    const vh = bytesToHex(kzgToVersionedHash(hexToBytes(s.kzg_commitment, `sidecar ${i} kzg_commitment`, 48)))
    if (hashes.includes(vh)) byHash.set(vh, blobFromHex(s.blob, `sidecar ${i} blob`))
  }
  return hashes.map((h) => byHash.get(h) ?? null)
}

/**
 * `zksync batch N --blobs`: the blobs of the batch's commit transaction, from the configured beacon endpoints with
 * failover. The commit transaction's versioned hashes and block are untrusted locators (the verifier binds the
 * hashes through the commitment and checks every blob against them); the block's beacon slot follows from its
 * timestamp and the network's genesis time. Blobs the endpoints do not have are null, with the reason in
 * `missing`, so the verdict is incomplete rather than failed. A batch whose data is in calldata has no blobs.
 */
export async function collectBlobsPart(
  ctx: ServiceContext,
  op: Operation,
  eps: ZksyncEndpoints,
  parts: BatchParts,
  overrides: EndpointOverrides = {},
): Promise<{ da: DaSection; sources: Evidence['sources'] }> {
  const none = (missing: string) => ({ da: { offered: 'blobs' as const, blobs: [], missing }, sources: [] })
  if (!parts.commitTx) return none('no commit transaction was found')
  let tx
  try {
    tx = parseCommitTransaction(rawJson(parts.commitTx))
  } catch (err) {
    if (err instanceof LightproofError && err.kind === 'input') return none(errorMessage(err))
    throw err
  }
  const hashes = tx.blobVersionedHashes.map(bytesToHex)
  if (hashes.length === 0) return none('the commit transaction carries no blobs')
  const missingAll = (why: string) => ({
    da: { offered: 'blobs' as const, blobs: hashes.map(() => null), missing: why },
    sources: [],
  })
  if (tx.blockNumber === null) return missingAll('the commit transaction is not in a block yet')

  op.progress(
    0,
    null,
    `locating the beacon block of L1 block ${tx.blockNumber} (commit of batch ${parts.batchNumber})`,
  )
  const { answer } = await eps.ask(
    eps.l1,
    'commit-block',
    'eth_getBlockByNumber',
    [`0x${tx.blockNumber.toString(16)}`, false],
    op.signal,
  )
  const block = answer.result
  if (!isObj(block)) return missingAll(`the L1 node does not know block ${tx.blockNumber}`)
  const timestamp = parseQuantity(block.timestamp, 'commit block timestamp')
  const endpoints = await resolveEndpoints(ctx, overrides)
  const network = networkByName(endpoints.network)
  const secondsPerSlot = BigInt(network.slotDurationMs / 1000)
  if (network.genesisTime === 0n || timestamp < network.genesisTime)
    return missingAll(
      `the network ${network.name} has no genesis time to find the slot of block ${tx.blockNumber}`,
    )
  const slot = (timestamp - network.genesisTime) / secondsPerSlot

  const sources: Evidence['sources'] = []
  const pool = new BeaconEndpointPool(endpoints.beacon, { ...ctx.limits, maxBytes: BLOBS_MAX_BYTES })
  op.progress(0, null, `fetching ${hashes.length} blob(s) of batch ${parts.batchNumber} at slot ${slot}`)
  let blobs: (Uint8Array | null)[] = []
  let refused = ''
  try {
    const got = await pool.request(`blobs at slot ${slot}`, op.signal, (c) =>
      fetchBlobs(c, slot, hashes, op.signal),
    )
    sources.push({ role: 'blobs', endpoint: got.endpoint, request: `/eth/v1/beacon/blobs/${slot}` })
    blobs = got.value
  } catch (err) {
    if (!(err instanceof AllEndpointsFailed) || !err.allRefused) throw err
    refused = err.message
  }
  if (blobs.length < hashes.length) {
    // Fewer than asked (a node that pruned them answers an empty list) or refused: the old route, if served.
    const sidecarPool = new BeaconEndpointPool(endpoints.beacon, {
      ...ctx.limits,
      maxBytes: SIDECARS_MAX_BYTES,
    })
    try {
      const got = await sidecarPool.request(`blob sidecars at slot ${slot}`, op.signal, (c) =>
        fetchSidecars(c, slot, hashes, op.signal),
      )
      if (got.value.filter(Boolean).length > blobs.length) {
        sources.push({
          role: 'blob-sidecars',
          endpoint: got.endpoint,
          request: `/eth/v1/beacon/blob_sidecars/${slot}`,
        })
        blobs = got.value
      }
    } catch (err) {
      if (!(err instanceof EndpointError)) throw err
      refused ||= err.message
    }
  }
  const items: (RawItem | null)[] = hashes.map((_, i) => {
    const b = blobs.length === hashes.length ? blobs[i] : undefined
    return b ? rawFromBytes(b, false) : null
  })
  const have = items.filter(Boolean).length
  const missing =
    have === hashes.length
      ? undefined
      : `the beacon endpoint(s) served ${have} of the ${hashes.length} blob(s) of slot ${slot} (L1 block ` +
        `${tx.blockNumber})${refused ? ` (${refused})` : ''}: ${RETENTION}`
  return { da: { offered: 'blobs', blobs: items, ...(missing ? { missing } : {}) }, sources }
}
