import { EndpointError, errorMessage, InputError, UsageError } from '../../../shared/errors'
import { bytesToHex } from '../../../verifier/encoding/hex'
import { networkByName, syncCommitteePeriodAtSlot, type Network } from '../../../verifier/beacon/networks'
import {
  MAX_UPDATES,
  parseBootstrap,
  parseFinalityUpdate,
  parseOptimisticUpdate,
  parseUpdates,
} from '../../../verifier/beacon/parseBeacon'
import { loadBlstBackend } from '../../../verifier/beacon/blstBackend'
import type { SyncAggregate } from '../../../verifier/beacon/types'
import type { CheckpointProvenance } from '../../../verifier/evidence/beaconCheckpoint'
import {
  verifyBeaconSection,
  type BeaconSection,
  type BeaconSectionResult,
} from '../../../verifier/evidence/beaconSection'
import { rawFromBytes, type Evidence, type RawItem } from '../../../verifier/evidence/schema'
import type { BeaconAnswer } from '../../net/beaconApi'
import type { ServiceContext } from '../context'
import { resolveEndpoints, type EndpointOverrides } from '../endpoints'
import type { Operation } from '../operations'
import { AllEndpointsFailed, BeaconEndpointPool, throwIfCancelled } from './beaconEndpointPool'
import { loadBeaconState, saveBeaconState, storedCheckpoint } from './beaconStateFile'
import { checkpointCandidates, type CheckpointChoice } from './checkpointSources'
import { shippedCheckpoint } from './shippedCheckpoints'
import { trustRuntime } from './trustRuntime'

/**
 * Updates asked for per request. The protocol allows 128 (consensus-specs MAX_REQUEST_LIGHT_CLIENT_UPDATES);
 * smaller pages give a progress bar that moves and let Cancel take effect between pages.
 */
const UPDATES_PER_REQUEST = 16
/** A finality update may be a little ahead of our clock (skew), not more: otherwise the endpoint lies. */
const MAX_FUTURE_SLOTS = 64n

export interface CollectedBeaconChain {
  /** Raw light-client objects as received, for evidence. */
  section: BeaconSection
  /** The trusted beacon block root the chain starts from (the evidence's trust root). */
  checkpoint: string
  /** The verification of the section; `finalized` is the trusted EL head when it verified. */
  result: BeaconSectionResult
  /** Which beacon endpoint(s) answered (scheme and host). */
  endpoint: string
  /** Where the checkpoint came from: pinned, the last verified state, or the shipped default. */
  checkpointChoice: CheckpointChoice
  /** For evidence `question.checkpoint`. */
  provenance: CheckpointProvenance
  /** The time the verification used as "now"; evidence made from this collection must carry the same. */
  createdAt: string
  /** One entry per raw item: role, endpoint, request. */
  sources: Evidence['sources']
}

const raw = (answer: BeaconAnswer): RawItem => rawFromBytes(answer.raw, answer.encoding === 'json')

function signers(aggregate: SyncAggregate): number {
  let n = 0
  for (const byte of aggregate.syncCommitteeBits) for (let b = byte; b; b &= b - 1) n++
  return n
}

function currentSlot(network: Network, now: Date): bigint | null {
  if (network.genesisTime === 0n) return null
  const ms = BigInt(now.getTime()) - network.genesisTime * 1000n
  return ms < 0n ? 0n : ms / BigInt(network.slotDurationMs)
}

/**
 * Fetches the light-client chain from the best available checkpoint to the current head from the beacon API
 * (untrusted), verifies it, and — only when it verified — persists the new state and trusted head. The answer
 * carries the raw objects so callers can put them into evidence; nothing here is trusted before
 * verifyBeaconSection has passed it.
 *
 * Checkpoint: the pinned root (settings or --checkpoint), else the last verified state on disk, else the
 * shipped default (see checkpointSources.ts). Resuming from the last verified state fetches a bootstrap at its
 * finalized root and updates from its period on, so the evidence still verifies offline: its trust root is
 * that root, and `provenance` records the checkpoint the chain was first verified from.
 */
export async function collectBeaconChain(
  ctx: ServiceContext,
  op: Operation,
  overrides: EndpointOverrides = {},
): Promise<CollectedBeaconChain> {
  const runtime = trustRuntime(ctx)
  try {
    const collected = await collect(ctx, op, overrides)
    const failed = collected.result.report.checks.find((c) => c.required && c.status !== 'pass')
    runtime.lastError =
      collected.result.report.verdict === 'verified'
        ? null
        : {
            at: collected.createdAt,
            message: failed
              ? `${failed.title}: ${failed.detail}`
              : `verification ${collected.result.report.verdict}`,
            code: `report.${collected.result.report.verdict}`,
            checkId: failed?.id ?? null,
            endpoint: collected.endpoint,
          }
    return collected
  } catch (err) {
    runtime.lastError = {
      at: ctx.now().toISOString(),
      message: errorMessage(err),
      code: (err as { code?: string }).code ?? 'internal',
      checkId: null,
      endpoint: err instanceof EndpointError ? err.endpoint : null,
    }
    throw err
  } finally {
    ctx.events.emit('trust', null)
  }
}

async function collect(
  ctx: ServiceContext,
  op: Operation,
  overrides: EndpointOverrides,
): Promise<CollectedBeaconChain> {
  const endpoints = await resolveEndpoints(ctx, overrides)
  const network = networkByName(endpoints.network)
  const runtime = trustRuntime(ctx)
  const loaded = await loadBeaconState(ctx.dataDir, network)
  if (loaded.notice) runtime.notice = loaded.notice
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
  const pool = new BeaconEndpointPool(endpoints.beacon, ctx.limits, (failed, next) =>
    op.progress(0, null, `${failed.message}; trying ${next}`),
  )
  const sources: Evidence['sources'] = []
  const used = new Set<string>()
  const signal = op.signal

  // 1. The bootstrap, from the first checkpoint some endpoint has one for.
  let choice: CheckpointChoice | undefined
  let bootstrap: RawItem | undefined
  let bootstrapSlot = 0n
  for (const [i, candidate] of candidates.entries()) {
    op.progress(
      0,
      null,
      `fetching the bootstrap for ${candidate.source} checkpoint ${candidate.root.slice(0, 12)}…`,
    )
    try {
      const got = await pool.request(`bootstrap ${candidate.root}`, signal, async (client) => {
        const answer = await client.bootstrap(candidate.root, signal)
        return { answer, slot: parseBootstrap(answer.raw, network).header.beacon.slot }
      })
      choice = candidate
      bootstrap = raw(got.value.answer)
      bootstrapSlot = got.value.slot
      sources.push({
        role: 'bootstrap',
        endpoint: got.endpoint,
        request: `/eth/v1/beacon/light_client/bootstrap/${candidate.root}`,
      })
      used.add(got.endpoint)
      break
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
  if (!choice || !bootstrap) throw new UsageError('no checkpoint could be used', 'trust.no-checkpoint')
  const startPeriod = syncCommitteePeriodAtSlot(network, bootstrapSlot)

  // 2. The head, to know how many periods to ask for. Unverified here: it only bounds the request.
  op.progress(0, null, 'fetching the latest finality update')
  const now = currentSlot(network, ctx.now())
  const finalityGot = await pool.request('finality update', signal, async (client) => {
    const answer = await client.finalityUpdate(signal)
    const slot = parseFinalityUpdate(answer.raw, network).attestedHeader.beacon.slot
    if (now !== null && slot > now + MAX_FUTURE_SLOTS)
      throw new InputError(`its attested slot ${slot} is in the future (now ${now})`, 'input.beacon')
    return { answer, slot }
  })
  const finality = raw(finalityGot.value.answer)
  sources.push({
    role: 'finality',
    endpoint: finalityGot.endpoint,
    request: '/eth/v1/beacon/light_client/finality_update',
  })
  used.add(finalityGot.endpoint)
  const endPeriod = syncCommitteePeriodAtSlot(network, finalityGot.value.slot)
  const periods = endPeriod >= startPeriod ? Number(endPeriod - startPeriod + 1n) : 1
  if (periods > MAX_UPDATES) {
    throw new UsageError(
      `the ${choice.source} checkpoint ${choice.root} is ${periods} sync-committee periods behind the head; ` +
        'beacon nodes keep about 129 periods of light-client data: pin a recent finalized block root',
      'trust.checkpoint-too-old',
    )
  }

  // 3. One update per period, from the checkpoint's period to the head's.
  const updates: RawItem[] = []
  for (let from = 0; from < periods; from += UPDATES_PER_REQUEST) {
    const count = Math.min(UPDATES_PER_REQUEST, periods - from)
    const first = Number(startPeriod) + from
    op.progress(from, periods, `fetching updates for periods ${first}–${first + count - 1}`)
    const got = await pool.request(`updates ${first}+${count}`, signal, async (client) => {
      const answer = await client.updates(first, count, signal)
      parseUpdates(answer.raw, network, `updates ${first}+${count}`)
      return answer
    })
    updates.push(raw(got.value))
    sources.push({
      role: 'updates',
      endpoint: got.endpoint,
      request: `/eth/v1/beacon/light_client/updates?start_period=${first}&count=${count}`,
    })
    used.add(got.endpoint)
  }

  op.progress(periods, periods, 'fetching the latest optimistic update')
  const optimisticGot = await pool.request('optimistic update', signal, async (client) => {
    const answer = await client.optimisticUpdate(signal)
    parseOptimisticUpdate(answer.raw, network)
    return answer
  })
  const optimistic = raw(optimisticGot.value)
  sources.push({
    role: 'optimistic',
    endpoint: optimisticGot.endpoint,
    request: '/eth/v1/beacon/light_client/optimistic_update',
  })
  used.add(optimisticGot.endpoint)

  // 4. Verify. CPU-bound (one BLS check per update): yield first so the progress event reaches the UI.
  throwIfCancelled(signal)
  op.progress(periods, periods, `verifying ${periods} period(s) of sync-committee signatures`)
  await new Promise((resolve) => setImmediate(resolve))
  const section: BeaconSection = { network: network.name, bootstrap, updates, finality, optimistic }
  const createdAt = ctx.now().toISOString()
  // Native blst when it loads here (main process, CLI): the same answers as noble on every fixture
  // (blstBackend.test.ts), a few ms per period instead of ~50, so the event loop is not held for long.
  const bls = (await loadBlstBackend()) ?? undefined
  const result = verifyBeaconSection(section, choice.root, createdAt, bls)
  const endpoint = [...used].join(', ')

  if (result.finalized && result.store && result.report.verdict === 'verified') {
    const keepStored =
      stored !== null &&
      stored.file.origin.root === choice.origin.root &&
      stored.store.finalizedHeader.beacon.slot > result.store.finalizedHeader.beacon.slot
    if (!keepStored) {
      await saveBeaconState(ctx.dataDir, network, result.store, {
        checkpoint: { root: choice.root, source: choice.source, slot: bootstrapSlot },
        origin: choice.source === 'last-verified' ? choice.origin : { ...choice.origin, slot: bootstrapSlot },
        verifiedAt: createdAt,
        endpoint,
        participation: {
          finality: signers(parseFinalityUpdate(finalityGot.value.answer.raw, network).syncAggregate),
          optimistic: signers(parseOptimisticUpdate(optimisticGot.value.raw, network).syncAggregate),
          size: network.preset.syncCommitteeSize,
        },
      })
      await ctx.trustedHead.set({
        source: 'finalized',
        slot: result.finalized.slot.toString(),
        executionBlockNumber: result.finalized.blockNumber.toString(),
        executionBlockHash: bytesToHex(result.finalized.blockHash),
        executionStateRoot: bytesToHex(result.finalized.stateRoot),
        verifiedAt: createdAt,
      })
      ctx.events.emit('trusted-head', null)
    }
  }

  const provenance: CheckpointProvenance = {
    source: choice.source,
    note: choice.note,
    ...(choice.source === 'last-verified' && choice.origin.source
      ? {
          verifiedFrom: {
            root: choice.origin.root,
            source: choice.origin.source,
            ...(choice.verifiedAt ? { verifiedAt: choice.verifiedAt } : {}),
          },
        }
      : {}),
  }
  return {
    section,
    checkpoint: choice.root,
    result,
    endpoint,
    checkpointChoice: choice,
    provenance,
    createdAt,
    sources,
  }
}
