import { EndpointError, errorMessage, UsageError } from '../../../shared/errors'
import { syncCommitteePeriodAtSlot, type Network } from '../../../verifier/beacon/networks'
import { MAX_UPDATES, parseBootstrap, parseUpdates } from '../../../verifier/beacon/parseBeacon'
import { rawFromBytes, type Evidence, type RawItem } from '../../../verifier/evidence/schema'
import type { BeaconAnswer, BeaconApiClient } from '../../net/beaconApi'
import type { ServiceContext } from '../context'
import type { ResolvedEndpoints } from '../endpoints'
import type { Operation } from '../operations'
import { AllEndpointsFailed, BeaconEndpointPool } from './beaconEndpointPool'
import { loadBeaconState, storedCheckpoint, type PersistedBeaconState } from './beaconStateFile'
import { checkpointCandidates, type CheckpointChoice } from './checkpointSources'
import { shippedCheckpoint } from './shippedCheckpoints'

/**
 * Gathering the light-client chain, for every flow that starts from a checkpoint (the trust sync, a signed
 * `latest` head): which checkpoints to try, the bootstrap of the first one some endpoint serves, the period
 * updates from there. Everything here is untrusted and only parsed as far as the next request needs (a slot, a
 * period); the verifier decides. Every request goes through one BeaconEndpointPool: failover across every
 * configured endpoint, typed requests, each answer recorded as an evidence source.
 */

/**
 * Updates asked for per request. The protocol allows 128 (consensus-specs MAX_REQUEST_LIGHT_CLIENT_UPDATES);
 * smaller pages give a progress bar that moves and let Cancel take effect between pages.
 */
const UPDATES_PER_REQUEST = 16

export const rawAnswer = (answer: BeaconAnswer): RawItem =>
  rawFromBytes(answer.raw, answer.encoding === 'json')

/** The checkpoints to try, in order, and the verified state on disk they were partly taken from. */
export interface CheckpointSelection {
  candidates: CheckpointChoice[]
  stored: PersistedBeaconState | null
  /** A problem with the state file the user should hear about once (it was replaced). */
  notice?: string
}

/**
 * Checkpoint selection, the one place it happens: the pinned root (settings or --checkpoint), else the last
 * verified state on disk, else the shipped default (checkpointSources.ts).
 */
export async function selectCheckpoints(
  ctx: ServiceContext,
  endpoints: ResolvedEndpoints,
  network: Network,
): Promise<CheckpointSelection> {
  const loaded = await loadBeaconState(ctx.dataDir, network)
  const stored = loaded.state
  const candidates = checkpointCandidates(
    endpoints.checkpoint,
    stored ? storedCheckpoint(stored) : null,
    shippedCheckpoint(network.name),
  )
  if (candidates.length === 0) {
    throw new UsageError(
      `no checkpoint for ${network.name}: pin a trusted beacon block root in Settings or pass --checkpoint`,
      'trust.no-checkpoint',
    )
  }
  return { candidates, stored, ...(loaded.notice ? { notice: loaded.notice } : {}) }
}

/** The beacon requests of one collection, through one pool, each answer kept as an evidence source. */
export class BeaconRequests {
  readonly sources: Evidence['sources'] = []
  private readonly used = new Set<string>()
  readonly pool: BeaconEndpointPool

  constructor(
    ctx: ServiceContext,
    endpoints: ResolvedEndpoints,
    private readonly op: Operation,
  ) {
    if (endpoints.beacon.length === 0)
      throw new UsageError(
        'no beacon endpoint configured: add one in Settings or pass --beacon',
        'beacon.no-endpoint',
      )
    this.pool = new BeaconEndpointPool(endpoints.beacon, ctx.limits, (failed, next) =>
      op.progress(0, null, `${failed.message}; trying ${next}`),
    )
  }

  /** Asks every endpoint in turn until one answers what `ask` accepts; records who answered. */
  async ask<T extends { answer: BeaconAnswer }>(
    what: string,
    role: string,
    request: string,
    ask: (client: BeaconApiClient, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const got = await this.pool.request(what, this.op.signal, (client) => ask(client, this.op.signal))
    this.sources.push({ role, endpoint: got.endpoint, request })
    this.used.add(got.endpoint)
    return got.value
  }

  /** The endpoints that answered (scheme and host), for display. */
  get endpoint(): string {
    return [...this.used].join(', ')
  }
}

export interface FetchedBootstrap {
  choice: CheckpointChoice
  bootstrap: RawItem
  slot: bigint
}

/**
 * The bootstrap of the first candidate some endpoint serves. A candidate every endpoint refuses (HTTP errors:
 * they keep ~129 periods of light-client data) falls back to the next; any other failure is thrown.
 */
export async function fetchBootstrap(
  requests: BeaconRequests,
  op: Operation,
  network: Network,
  candidates: readonly CheckpointChoice[],
): Promise<FetchedBootstrap> {
  for (const [i, candidate] of candidates.entries()) {
    op.progress(
      0,
      null,
      `fetching the bootstrap for ${candidate.source} checkpoint ${candidate.root.slice(0, 12)}…`,
    )
    try {
      const got = await requests.ask(
        `bootstrap ${candidate.root}`,
        'bootstrap',
        `/eth/v1/beacon/light_client/bootstrap/${candidate.root}`,
        async (client, signal) => {
          const answer = await client.bootstrap(candidate.root, signal)
          return { answer, slot: parseBootstrap(answer.raw, network).header.beacon.slot }
        },
      )
      return { choice: candidate, bootstrap: rawAnswer(got.answer), slot: got.slot }
    } catch (err) {
      const refused =
        err instanceof AllEndpointsFailed
          ? err.allRefused
          : err instanceof EndpointError && err.code.startsWith('endpoint.http-')
      const next = candidates[i + 1]
      if (!refused) throw err
      if (!next) {
        const tried = candidates.map((c) => `${c.source} ${c.root}`).join(', ')
        throw new EndpointError(
          (err as EndpointError).endpoint,
          `no endpoint serves a light-client bootstrap for the checkpoint(s) tried (${tried}): ` +
            `${errorMessage(err)}. Beacon nodes keep about 129 sync-committee periods of light-client data; ` +
            'pin a recent finalized block root',
          (err as EndpointError).code,
        )
      }
      op.progress(
        0,
        null,
        `no bootstrap for ${candidate.root.slice(0, 12)}… (${errorMessage(err)}); falling back to the ${next.source} checkpoint`,
      )
    }
  }
  throw new UsageError('no checkpoint could be used', 'trust.no-checkpoint')
}

/** How many periods from the bootstrap's to `headSlot`'s, refused when beacon nodes cannot serve them. */
export function periodsTo(
  network: Network,
  choice: CheckpointChoice,
  bootstrapSlot: bigint,
  headSlot: bigint,
  inclusive: boolean,
): number {
  const start = syncCommitteePeriodAtSlot(network, bootstrapSlot)
  const end = syncCommitteePeriodAtSlot(network, headSlot)
  const periods = end >= start ? Number(end - start) + (inclusive ? 1 : 0) : inclusive ? 1 : 0
  if (periods > MAX_UPDATES) {
    throw new UsageError(
      `the ${choice.source} checkpoint ${choice.root} is ${periods} sync-committee periods behind the head; ` +
        'beacon nodes keep about 129 periods of light-client data: pin a recent finalized block root',
      'trust.checkpoint-too-old',
    )
  }
  return periods
}

/** One update per period for `periods` periods from the bootstrap's, in pages (each parsed, not verified). */
export async function fetchPeriodUpdates(
  requests: BeaconRequests,
  op: Operation,
  network: Network,
  bootstrapSlot: bigint,
  periods: number,
): Promise<RawItem[]> {
  const startPeriod = Number(syncCommitteePeriodAtSlot(network, bootstrapSlot))
  const updates: RawItem[] = []
  for (let from = 0; from < periods; from += UPDATES_PER_REQUEST) {
    const count = Math.min(UPDATES_PER_REQUEST, periods - from)
    const first = startPeriod + from
    op.progress(from, periods, `fetching updates for periods ${first}–${first + count - 1}`)
    const got = await requests.ask(
      `updates ${first}+${count}`,
      'updates',
      `/eth/v1/beacon/light_client/updates?start_period=${first}&count=${count}`,
      async (client, signal) => {
        const answer = await client.updates(first, count, signal)
        parseUpdates(answer.raw, network, `updates ${first}+${count}`)
        return { answer }
      },
    )
    updates.push(rawAnswer(got.answer))
  }
  return updates
}
