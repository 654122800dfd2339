import { EndpointError } from '../../../shared/errors'
import type { TrustedExecutionHead } from '../../../verifier/beacon/lightClientHeader'
import { networkByName } from '../../../verifier/beacon/networks'
import type { CheckpointProvenance } from '../../../verifier/evidence/beaconCheckpoint'
import { verifyBeaconSection, type BeaconSection } from '../../../verifier/evidence/beaconSection'
import type { Evidence, RawItem } from '../../../verifier/evidence/schema'
import { signedBlockLocator, verifySignedBlockHead } from '../../../verifier/l1/verifySignedBlockHead'
import {
  BeaconRequests,
  fetchBootstrap,
  fetchPeriodUpdates,
  periodsTo,
  rawAnswer,
  selectCheckpoints,
} from '../beacon/fetchLightClient'
import type { ServiceContext } from '../context'
import { resolveEndpoints, type EndpointOverrides } from '../endpoints'
import type { Operation } from '../operations'

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

const sszOnly = (label: string, what: string) =>
  new EndpointError(label, `${what}: an SSZ SignedBeaconBlock is needed`, 'endpoint.protocol')

/**
 * The `latest` head (research l1-light-client.md §2.7, as Colibri does it): the checkpoint's bootstrap, the
 * period updates up to the committee that signs the head, the head block's child (`blocks/head`) and the
 * head block itself (`blocks/<child.parent_root>`), both as SSZ. Fetched through the same beacon requests as
 * the trust sync (fetchLightClient.ts: one checkpoint selection, failover across every beacon endpoint).
 * Nothing is trusted here: the chain and the signature are verified before the head's number is used, and
 * again from the evidence.
 */
export async function collectSignedHead(
  ctx: ServiceContext,
  op: Operation,
  overrides: EndpointOverrides = {},
): Promise<CollectedSignedHead> {
  const endpoints = await resolveEndpoints(ctx, overrides)
  const network = networkByName(endpoints.network)
  const { candidates } = await selectCheckpoints(ctx, endpoints, network)
  const requests = new BeaconRequests(ctx, endpoints, op)
  const { choice, bootstrap, slot: bootstrapSlot } = await fetchBootstrap(requests, op, network, candidates)

  op.progress(0, null, 'fetching the head block’s child (blocks/head)')
  const child = await requests.ask(
    'blocks/head',
    'child-block',
    '/eth/v2/beacon/blocks/head',
    async (client, signal) => {
      const answer = await client.signedBlock('head', signal)
      if (answer.encoding !== 'ssz') throw sszOnly(client.label, 'blocks/head')
      return { answer, ...signedBlockLocator(answer.raw, 'blocks/head') }
    },
  )
  op.progress(0, null, `fetching the head block ${child.parentRoot.slice(0, 12)}…`)
  const block = await requests.ask(
    `blocks/${child.parentRoot}`,
    'head-block',
    `/eth/v2/beacon/blocks/${child.parentRoot}`,
    async (client, signal) => {
      const answer = await client.signedBlock(child.parentRoot, signal)
      if (answer.encoding !== 'ssz') throw sszOnly(client.label, `blocks/${child.parentRoot}`)
      return { answer }
    },
  )

  // Updates from the checkpoint's period up to the one before the signature's: that last one brings the
  // committee of the signature's period as its next committee.
  const count = periodsTo(network, choice, bootstrapSlot, child.slot, false)
  const updates = await fetchPeriodUpdates(requests, op, network, bootstrapSlot, count)
  const sources = requests.sources

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
  const headBlock = { block: rawAnswer(block.answer), child: rawAnswer(child.answer) }
  let head: TrustedExecutionHead | null = null
  if (beacon.report.verdict === 'verified' && beacon.store) {
    head = (await verifySignedBlockHead(network, beacon.store, block.answer.raw, child.answer.raw)).head
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
