import { InputError } from '../../../shared/errors'
import type { Network } from '../../../verifier/beacon/networks'
import { parseFinalityUpdate, parseOptimisticUpdate } from '../../../verifier/beacon/parseBeacon'
import type { BeaconSection } from '../../../verifier/evidence/beaconSection'
import type { Evidence } from '../../../verifier/evidence/schema'
import type { ServiceContext } from '../context'
import type { ResolvedEndpoints } from '../endpoints'
import type { Operation } from '../operations'
import type { CheckpointChoice } from './checkpointSources'
import { BeaconRequests, fetchBootstrap, fetchPeriodUpdates, periodsTo, rawAnswer } from './fetchLightClient'

/** A finality update may be a little ahead of our clock (skew), not more: otherwise the endpoint lies. */
const MAX_FUTURE_SLOTS = 64n

/** What the trust sync gathered: the raw light-client chain, untrusted until verifyBeaconSection passes it. */
export interface FetchedBeaconChain {
  section: BeaconSection
  choice: CheckpointChoice
  bootstrapSlot: bigint
  /** Sync-committee periods from the bootstrap's to the head's, inclusive. */
  periods: number
  sources: Evidence['sources']
  /** Which beacon endpoint(s) answered (scheme and host). */
  endpoint: string
}

function currentSlot(network: Network, now: Date): bigint | null {
  if (network.genesisTime === 0n) return null
  const ms = BigInt(now.getTime()) - network.genesisTime * 1000n
  return ms < 0n ? 0n : ms / BigInt(network.slotDurationMs)
}

/**
 * The light-client chain from the first usable checkpoint to the current head: the bootstrap, the finality
 * update (its slot bounds how many periods to ask for), one update per period, the optimistic update.
 */
export async function fetchBeaconChain(
  ctx: ServiceContext,
  op: Operation,
  endpoints: ResolvedEndpoints,
  network: Network,
  candidates: readonly CheckpointChoice[],
): Promise<FetchedBeaconChain> {
  const requests = new BeaconRequests(ctx, endpoints, op)
  const { choice, bootstrap, slot: bootstrapSlot } = await fetchBootstrap(requests, op, network, candidates)

  op.progress(0, null, 'fetching the latest finality update')
  const now = currentSlot(network, ctx.now())
  const finality = await requests.ask(
    'finality update',
    'finality',
    '/eth/v1/beacon/light_client/finality_update',
    async (client, signal) => {
      const answer = await client.finalityUpdate(signal)
      const slot = parseFinalityUpdate(answer.raw, network).attestedHeader.beacon.slot
      if (now !== null && slot > now + MAX_FUTURE_SLOTS)
        throw new InputError(`its attested slot ${slot} is in the future (now ${now})`, 'input.beacon')
      return { answer, slot }
    },
  )
  const periods = periodsTo(network, choice, bootstrapSlot, finality.slot, true)
  const updates = await fetchPeriodUpdates(requests, op, network, bootstrapSlot, periods)

  op.progress(periods, periods, 'fetching the latest optimistic update')
  const optimistic = await requests.ask(
    'optimistic update',
    'optimistic',
    '/eth/v1/beacon/light_client/optimistic_update',
    async (client, signal) => {
      const answer = await client.optimisticUpdate(signal)
      parseOptimisticUpdate(answer.raw, network)
      return { answer }
    },
  )
  return {
    section: {
      network: network.name,
      bootstrap,
      updates,
      finality: rawAnswer(finality.answer),
      optimistic: rawAnswer(optimistic.answer),
    },
    choice,
    bootstrapSlot,
    periods,
    sources: requests.sources,
    endpoint: requests.endpoint,
  }
}
