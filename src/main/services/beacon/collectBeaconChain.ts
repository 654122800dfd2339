import { UsageError } from '../../../shared/errors'
import { bytesToHex } from '../../../verifier/encoding/hex'
import { networkByName, syncCommitteePeriodAtSlot } from '../../../verifier/beacon/networks'
import { parseBootstrap, parseFinalityUpdate } from '../../../verifier/beacon/parseBeacon'
import {
  verifyBeaconSection,
  type BeaconSection,
  type BeaconSectionResult,
} from '../../../verifier/evidence/beaconSection'
import { rawBytes, rawFromBytes, type RawItem } from '../../../verifier/evidence/schema'
import { BeaconApiClient, type BeaconAnswer } from '../../net/beaconApi'
import type { ServiceContext } from '../context'
import { resolveEndpoints, type EndpointOverrides } from '../endpoints'
import type { Operation } from '../operations'

/** The beacon API serves at most this many period updates per request (consensus-specs MAX_REQUEST_LIGHT_CLIENT_UPDATES). */
const UPDATES_PER_REQUEST = 128

export interface CollectedBeaconChain {
  /** Raw light-client objects as received, for evidence. */
  section: BeaconSection
  /** The trusted beacon block root the chain starts from. */
  checkpoint: string
  /** The verification of the section; `finalized` is the trusted EL head when it verified. */
  result: BeaconSectionResult
  /** Which beacon endpoint answered (scheme and host). */
  endpoint: string
}

const raw = (answer: BeaconAnswer): RawItem => rawFromBytes(answer.raw, answer.encoding === 'json')

/**
 * Fetches the light-client chain from the checkpoint to the current head from the beacon API (untrusted),
 * verifies it, and records the verified head. The answer carries the raw objects so callers can put them
 * into evidence; nothing here is trusted before verifyBeaconSection has passed it.
 */
export async function collectBeaconChain(
  ctx: ServiceContext,
  op: Operation,
  overrides: EndpointOverrides = {},
): Promise<CollectedBeaconChain> {
  const endpoints = await resolveEndpoints(ctx, overrides)
  const network = networkByName(endpoints.network)
  const checkpoint = endpoints.checkpoint
  if (!checkpoint) {
    throw new UsageError(
      'no checkpoint: pin a trusted beacon block root in Settings or pass --checkpoint',
      'trust.no-checkpoint',
    )
  }
  const client = new BeaconApiClient(endpoints.beacon[0]!, ctx.limits)
  op.progress(0, null, `fetching the bootstrap for ${checkpoint.slice(0, 10)}… from ${client.label}`)
  const bootstrapAnswer = await client.bootstrap(checkpoint, op.signal)
  const bootstrap = raw(bootstrapAnswer)
  const startPeriod = syncCommitteePeriodAtSlot(
    network,
    parseBootstrap(rawBytes(bootstrap), network).header.beacon.slot,
  )

  op.progress(0, null, 'fetching the latest finality update')
  const finality = raw(await client.finalityUpdate(op.signal))
  const headSlot = parseFinalityUpdate(rawBytes(finality), network).attestedHeader.beacon.slot
  const endPeriod = syncCommitteePeriodAtSlot(network, headSlot)
  const periods = Number(endPeriod - startPeriod + 1n)

  const updates: RawItem[] = []
  for (let from = 0; from < periods; from += UPDATES_PER_REQUEST) {
    const count = Math.min(UPDATES_PER_REQUEST, periods - from)
    op.progress(
      from,
      periods,
      `fetching updates for periods ${startPeriod + BigInt(from)}–${startPeriod + BigInt(from + count - 1)}`,
    )
    updates.push(raw(await client.updates(Number(startPeriod) + from, count, op.signal)))
  }
  op.progress(periods, periods, 'fetching the latest optimistic update')
  const optimistic = raw(await client.optimisticUpdate(op.signal))

  const section: BeaconSection = { network: network.name, bootstrap, updates, finality, optimistic }
  op.progress(periods, periods, `verifying ${periods} period(s) of sync committee signatures`)
  const result = verifyBeaconSection(section, checkpoint, ctx.now().toISOString())
  if (result.finalized) {
    await ctx.trustedHead.set({
      source: 'finalized',
      slot: result.finalized.slot.toString(),
      executionBlockNumber: result.finalized.blockNumber.toString(),
      executionBlockHash: bytesToHex(result.finalized.blockHash),
      executionStateRoot: bytesToHex(result.finalized.stateRoot),
      verifiedAt: ctx.now().toISOString(),
    })
    ctx.events.emit('trusted-head', null)
  }
  return { section, checkpoint, result, endpoint: client.label }
}
