import type { HandlersOf } from '../../shared/api'
import type { VerificationOutcome } from '../../shared/contract/common'
import type { CheckpointView, TrustedHeadView, TrustState } from '../../shared/contract/trust'
import { errorMessage, UsageError } from '../../shared/errors'
import type { TRUST_METHODS } from '../../shared/methods'
import { bytesToHex } from '../../verifier/encoding/hex'
import { trustedExecutionHead } from '../../verifier/beacon/lightClientHeader'
import { networkByName, syncCommitteePeriodAtSlot, type Network } from '../../verifier/beacon/networks'
import type { LightClientHeader } from '../../verifier/beacon/types'
import { slotAgeSeconds, WEAK_SUBJECTIVITY_HORIZON_SECONDS } from '../../verifier/evidence/beaconCheckpoint'
import { createEvidence } from '../../verifier/evidence/createEvidence'
import { beaconKind } from '../../verifier/kinds/beaconKind'
import type { Evidence } from '../../verifier/evidence/schema'
import { loadBeaconState, storedCheckpoint } from './beacon/beaconStateFile'
import { checkpointCandidates } from './beacon/checkpointSources'
import { checkpointFromProviders } from './beacon/providerCheckpoint'
import { syncBeaconChain, type CollectedBeaconChain } from './beacon/syncBeaconChain'
import { shippedCheckpoint } from './beacon/shippedCheckpoints'
import { trustRuntime } from './beacon/trustRuntime'
import type { ServiceContext } from './context'
import { resolveEndpoints, type EndpointOverrides } from './endpoints'
import type { Operation } from './operations'
import { runVerification } from './runVerification'

export interface BeaconSyncResult {
  collected: CollectedBeaconChain
  evidence: Evidence
  outcome: VerificationOutcome
}

/** The evidence of one sync: the raw chain, its trust root, and where that root came from. */
export function beaconEvidence(collected: CollectedBeaconChain): Evidence {
  return createEvidence({
    kind: beaconKind.kind,
    createdAt: collected.createdAt,
    question: {
      network: collected.section.network,
      checkpoint: collected.provenance,
      // What the chain answers, bound on re-verification (evidence.question.finalizedSlot).
      ...(collected.result.finalized ? { finalizedSlot: collected.result.finalized.slot.toString() } : {}),
    },
    trust: { kind: 'beacon-checkpoint', value: collected.checkpoint },
    data: { beacon: collected.section },
    sources: collected.sources,
  })
}

/**
 * One sync, as the Trust page and `lightproof sync` run it: collect the chain (which persists the new state only
 * when it verified), then verify it as evidence through runVerification so the report is in history and
 * re-verifies offline from the evidence's checkpoint. `beforeVerify` lets the CLI save the evidence first.
 */
export async function syncBeacon(
  ctx: ServiceContext,
  op: Operation,
  overrides: EndpointOverrides = {},
  beforeVerify?: (evidence: Evidence) => Promise<void>,
): Promise<BeaconSyncResult> {
  const runtime = trustRuntime(ctx)
  const collected = await syncBeaconChain(ctx, op, overrides)
  const evidence = beaconEvidence(collected)
  if (beforeVerify) await beforeVerify(evidence)
  op.progress(1, 1, 'verifying the evidence')
  const outcome = await runVerification(ctx, evidence)
  runtime.lastHistoryId = outcome.historyId
  ctx.events.emit('trust', null)
  return { collected, evidence, outcome }
}

function headView(header: LightClientHeader, now: Date): TrustedHeadView {
  const head = trustedExecutionHead(header)
  return {
    slot: head.slot.toString(),
    beaconRoot: bytesToHex(head.beaconRoot),
    executionBlockNumber: head.blockNumber.toString(),
    executionBlockHash: bytesToHex(head.blockHash),
    executionStateRoot: bytesToHex(head.stateRoot),
    executionTimestamp: head.timestamp.toString(),
    ageSeconds: Math.floor(now.getTime() / 1000 - Number(head.timestamp)),
  }
}

function checkpointView(
  network: Network,
  now: Date,
  c: { root: string; source: CheckpointView['source']; slot: bigint | null; note: string },
): CheckpointView {
  const age = c.slot === null ? null : slotAgeSeconds(network, c.slot, now.getTime())
  return {
    root: c.root,
    source: c.source,
    slot: c.slot === null ? null : c.slot.toString(),
    ageSeconds: age,
    beyondWeakSubjectivity: age === null ? null : age > WEAK_SUBJECTIVITY_HORIZON_SECONDS,
    note: c.note,
  }
}

export async function getTrustState(ctx: ServiceContext): Promise<TrustState> {
  const runtime = trustRuntime(ctx)
  const endpoints = await resolveEndpoints(ctx)
  const now = ctx.now()
  const base: TrustState = {
    network: endpoints.network,
    checkpoint: null,
    verified: null,
    finalized: null,
    optimistic: null,
    syncCommitteePeriod: null,
    nextSyncCommitteeKnown: null,
    participation: null,
    weakSubjectivityHorizonSeconds: WEAK_SUBJECTIVITY_HORIZON_SECONDS,
    lastError: runtime.lastError,
    lastHistoryId: runtime.lastHistoryId,
    notice: runtime.notice,
    syncing: runtime.syncing,
  }
  let network: Network
  try {
    network = networkByName(endpoints.network)
  } catch (err) {
    return { ...base, notice: errorMessage(err) }
  }
  const loaded = await loadBeaconState(ctx.dataDir, network)
  if (loaded.notice) runtime.notice = loaded.notice
  const state = loaded.state
  const next = checkpointCandidates(
    endpoints.checkpoint,
    state ? storedCheckpoint(state) : null,
    shippedCheckpoint(network.name),
  )[0]
  const out: TrustState = {
    ...base,
    notice: runtime.notice,
    checkpoint: next ? checkpointView(network, now, next) : null,
  }
  if (!state) return out
  const { file, store } = state
  return {
    ...out,
    verified: {
      checkpoint: checkpointView(network, now, {
        root: file.checkpoint.root,
        source: file.checkpoint.source,
        slot: BigInt(file.checkpoint.slot),
        note:
          file.checkpoint.source === 'last-verified'
            ? `the state verified before, from the ${file.origin.source} checkpoint ${file.origin.root}`
            : file.checkpoint.source === 'pinned'
              ? 'pinned by the user'
              : (shippedCheckpoint(network.name)?.provenance ?? 'shipped with Lightproof'),
      }),
      origin: file.origin,
      verifiedAt: file.verifiedAt,
      endpoint: file.endpoint,
    },
    finalized: headView(store.finalizedHeader, now),
    optimistic: headView(store.optimisticHeader, now),
    syncCommitteePeriod: syncCommitteePeriodAtSlot(network, store.finalizedHeader.beacon.slot).toString(),
    nextSyncCommitteeKnown: store.nextSyncCommittee !== null,
    participation: file.participation,
  }
}

/** The trust area's services; its methods are declared in src/shared/contract/trust.ts. */
export function createTrustHandlers(ctx: ServiceContext): HandlersOf<(typeof TRUST_METHODS)[number]> {
  return {
    syncNow: async (overrides) => {
      const runtime = trustRuntime(ctx)
      if (runtime.syncing) throw new UsageError('a beacon sync is already running', 'trust.busy')
      const op = ctx.operations.start('beaconSync', 'Beacon sync')
      runtime.syncing = op.id
      ctx.events.emit('trust', null)
      try {
        const { outcome } = await syncBeacon(ctx, op, overrides ?? {})
        op.finish(outcome.report.verdict)
        return outcome
      } catch (err) {
        op.finish(`failed: ${errorMessage(err)}`)
        throw err
      } finally {
        runtime.syncing = null
        ctx.events.emit('trust', null)
      }
    },
    getTrustState: () => getTrustState(ctx),
    checkpointFromProviders: async (request) => {
      const result = await checkpointFromProviders(ctx, request ?? {})
      if (result.pinned) ctx.events.emit('trust', null)
      return result
    },
  }
}
