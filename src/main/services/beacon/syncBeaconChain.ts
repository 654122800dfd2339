import { errorMessage, EndpointError } from '../../../shared/errors'
import { loadBlstBackend } from '../../../verifier/beacon/blstBackend'
import { networkByName } from '../../../verifier/beacon/networks'
import type { CheckpointProvenance } from '../../../verifier/evidence/beaconCheckpoint'
import {
  verifyBeaconSection,
  type BeaconSection,
  type BeaconSectionResult,
} from '../../../verifier/evidence/beaconSection'
import type { Evidence } from '../../../verifier/evidence/schema'
import type { ServiceContext } from '../context'
import { resolveEndpoints, type EndpointOverrides } from '../endpoints'
import type { Operation } from '../operations'
import { throwIfCancelled } from './beaconEndpointPool'
import type { CheckpointChoice } from './checkpointSources'
import { fetchBeaconChain } from './fetchBeaconChain'
import { selectCheckpoints } from './fetchLightClient'
import { persistVerifiedBeaconChain } from './persistBeaconChain'
import { trustRuntime } from './trustRuntime'

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

/**
 * The trust sync, in three steps in three places: fetch the light-client chain from the best available
 * checkpoint to the current head (fetchBeaconChain.ts, untrusted), verify it (the verifier's
 * verifyBeaconSection), and — only when it verified — persist the new state and trusted head
 * (persistBeaconChain.ts). The answer
 * carries the raw objects so callers can put them into evidence; nothing here is trusted before
 * verifyBeaconSection has passed it.
 *
 * Checkpoint: the pinned root (settings or --checkpoint), else the last verified state on disk, else the
 * shipped default (see checkpointSources.ts). Resuming from the last verified state fetches a bootstrap at its
 * finalized root and updates from its period on, so the evidence still verifies offline: its trust root is
 * that root, and `provenance` records the checkpoint the chain was first verified from.
 */
export async function syncBeaconChain(
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
  const selection = await selectCheckpoints(ctx, endpoints, network)
  if (selection.notice) trustRuntime(ctx).notice = selection.notice

  // 1. Fetch (untrusted).
  const fetched = await fetchBeaconChain(ctx, op, endpoints, network, selection.candidates)
  const { choice, section } = fetched

  // 2. Verify. CPU-bound (one BLS check per update): yield first so the progress event reaches the UI.
  throwIfCancelled(op.signal)
  op.progress(
    fetched.periods,
    fetched.periods,
    `verifying ${fetched.periods} period(s) of sync-committee signatures`,
  )
  await new Promise((resolve) => setImmediate(resolve))
  const createdAt = ctx.now().toISOString()
  // Native blst when it loads here (main process, CLI): the same answers as noble on every fixture
  // (blstBackend.test.ts), a few ms per period instead of ~50, so the event loop is not held for long.
  const bls = (await loadBlstBackend()) ?? undefined
  const result = verifyBeaconSection(section, choice.root, createdAt, bls)

  // 3. Persist, only what verified.
  await persistVerifiedBeaconChain(ctx, network, { fetched, result, stored: selection.stored, createdAt })

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
    endpoint: fetched.endpoint,
    checkpointChoice: choice,
    provenance,
    createdAt,
    sources: fetched.sources,
  }
}
