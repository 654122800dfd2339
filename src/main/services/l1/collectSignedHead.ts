import { EndpointError, UsageError } from '../../../shared/errors'
import type { TrustedExecutionHead } from '../../../verifier/beacon/lightClientHeader'
import { networkByName, syncCommitteePeriodAtSlot } from '../../../verifier/beacon/networks'
import { MAX_UPDATES, parseBootstrap } from '../../../verifier/beacon/parseBeacon'
import type { CheckpointProvenance } from '../../../verifier/evidence/beaconCheckpoint'
import { verifyBeaconSection, type BeaconSection } from '../../../verifier/evidence/beaconSection'
import { rawBytes, rawFromBytes, type Evidence, type RawItem } from '../../../verifier/evidence/schema'
import { bytesToHex } from '../../../verifier/encoding/hex'
import { verifySignedBlockHead } from '../../../verifier/l1/verifySignedBlockHead'
import { BeaconApiClient, type BeaconAnswer } from '../../net/beaconApi'
import { loadBeaconState, storedCheckpoint } from '../beacon/beaconStateFile'
import { checkpointCandidates } from '../beacon/checkpointSources'
import { shippedCheckpoint } from '../beacon/shippedCheckpoints'
import type { ServiceContext } from '../context'
import { resolveEndpoints, type EndpointOverrides } from '../endpoints'
import type { Operation } from '../operations'

/** SignedBeaconBlock SSZ: message at byte 100; slot (8), proposer_index (8), then parent_root (32). */
const PARENT_ROOT_AT = 100 + 16

export interface CollectedSignedHead {
  section: BeaconSection
  headBlock: { block: RawItem; child: RawItem }
  checkpoint: string
  provenance: CheckpointProvenance
  createdAt: string
  sources: Evidence['sources']
  /** The head, when the chain and the signature verified: only then is there a block to ask eth_getProof at. */
  head: TrustedExecutionHead | null
}

const raw = (answer: BeaconAnswer): RawItem => rawFromBytes(answer.raw, answer.encoding === 'json')

/**
 * The `latest` head (research l1-light-client.md §2.7, as Colibri does it): the checkpoint's bootstrap, the
 * period updates up to the committee that signs the head, the head block's child (`blocks/head`) and the
 * head block itself (`blocks/<child.parent_root>`), both as SSZ. Nothing is trusted here: the chain and the
 * signature are verified before the head's number is used, and again from the evidence.
 */
export async function collectSignedHead(
  ctx: ServiceContext,
  op: Operation,
  overrides: EndpointOverrides = {},
): Promise<CollectedSignedHead> {
  const endpoints = await resolveEndpoints(ctx, overrides)
  const network = networkByName(endpoints.network)
  const stored = (await loadBeaconState(ctx.dataDir, network)).state
  const choice = checkpointCandidates(
    endpoints.checkpoint,
    stored ? storedCheckpoint(stored) : null,
    shippedCheckpoint(network.name),
  )[0]
  if (!choice)
    throw new UsageError(
      `no checkpoint for ${network.name}: pin a trusted beacon block root in Settings or pass --checkpoint`,
      'trust.no-checkpoint',
    )
  const url = endpoints.beacon[0]
  if (!url)
    throw new UsageError(
      'no beacon endpoint configured: add one in Settings or pass --beacon',
      'l1.no-beacon',
    )
  const client = new BeaconApiClient(url, ctx.limits)
  const sources: Evidence['sources'] = []
  const get = async (path: string, role: string, prefer: 'json' | 'ssz') => {
    const answer = await client.get(path, prefer, op.signal)
    sources.push({ role, endpoint: client.label, request: path })
    return answer
  }

  op.progress(0, null, `fetching the bootstrap for ${choice.source} checkpoint ${choice.root.slice(0, 12)}…`)
  const bootstrap = raw(
    await get(`/eth/v1/beacon/light_client/bootstrap/${choice.root}`, 'bootstrap', 'json'),
  )
  const startPeriod = syncCommitteePeriodAtSlot(
    network,
    parseBootstrap(rawBytes(bootstrap), network).header.beacon.slot,
  )

  op.progress(0, null, 'fetching the head block’s child (blocks/head)')
  const child = await get('/eth/v2/beacon/blocks/head', 'child-block', 'ssz')
  if (child.encoding !== 'ssz' || child.raw.length < PARENT_ROOT_AT + 32)
    throw new EndpointError(
      client.label,
      'blocks/head: an SSZ SignedBeaconBlock is needed',
      'endpoint.protocol',
    )
  const view = new DataView(child.raw.buffer, child.raw.byteOffset, child.raw.byteLength)
  const childSlot = view.getBigUint64(100, true)
  const parentRoot = bytesToHex(child.raw.subarray(PARENT_ROOT_AT, PARENT_ROOT_AT + 32))
  op.progress(0, null, `fetching the head block ${parentRoot.slice(0, 12)}…`)
  const block = await get(`/eth/v2/beacon/blocks/${parentRoot}`, 'head-block', 'ssz')
  if (block.encoding !== 'ssz')
    throw new EndpointError(
      client.label,
      `blocks/${parentRoot}: an SSZ SignedBeaconBlock is needed`,
      'endpoint.protocol',
    )

  // Updates from the checkpoint's period up to the one before the signature's: that last one brings the
  // committee of the signature's period as its next committee.
  const endPeriod = syncCommitteePeriodAtSlot(network, childSlot)
  const count = endPeriod > startPeriod ? Number(endPeriod - startPeriod) : 0
  if (count > MAX_UPDATES)
    throw new UsageError(
      `the checkpoint is ${count} sync-committee periods behind the head: pin a recent finalized block root`,
      'trust.checkpoint-too-old',
    )
  const updates: RawItem[] = []
  for (let from = 0; from < count; from += 16) {
    const n = Math.min(16, count - from)
    const first = Number(startPeriod) + from
    op.progress(from, count, `fetching updates for periods ${first}–${first + n - 1}`)
    updates.push(
      raw(
        await get(`/eth/v1/beacon/light_client/updates?start_period=${first}&count=${n}`, 'updates', 'json'),
      ),
    )
  }

  op.progress(count, count, 'verifying the sync-committee chain and the head signature')
  await new Promise((resolve) => setImmediate(resolve))
  const section: BeaconSection = {
    network: network.name,
    bootstrap,
    updates,
    finality: null,
    optimistic: null,
  }
  const createdAt = ctx.now().toISOString()
  // The answer rests on the signed block below, newer than the section's own head; its age is checked on it.
  const beacon = verifyBeaconSection(section, choice.root, createdAt, undefined, { freshness: 'caller' })
  const headBlock = { block: raw(block), child: raw(child) }
  let head: TrustedExecutionHead | null = null
  if (beacon.report.verdict === 'verified' && beacon.store) {
    head = (await verifySignedBlockHead(network, beacon.store, block.raw, child.raw)).head
  }
  return {
    section,
    headBlock,
    checkpoint: choice.root,
    provenance: { source: choice.source, note: choice.note },
    createdAt,
    sources,
    head,
  }
}
