import { z } from 'zod'
import type { Network } from '../beacon/networks'
import { parseBootstrap } from '../beacon/parseBeacon'
import { verdictOf, type Check, type Report } from '../report'
import { rawBytes, type RawItem } from './schema'

/**
 * How far back a checkpoint may lie before a light client should distrust it. The sync-committee chain is only
 * as safe as the weak-subjectivity period allows (consensus-specs `phase0/weak-subjectivity.md`): past it, keys
 * of an old committee may have been sold or leaked, and a long-range fork signed by them would look valid.
 * 14 days is helios' `max_checkpoint_age` (ethereum/src/config/networks.rs), the same bound Nimbus documents
 * for `--trusted-block-root` (~1–2 weeks); see ../shared/research/l1-light-client.md §2.8.
 */
export const WEAK_SUBJECTIVITY_HORIZON_SECONDS = 14 * 24 * 3600

export const CHECKPOINT_SOURCES = ['pinned', 'last-verified', 'shipped'] as const
export type CheckpointSource = (typeof CHECKPOINT_SOURCES)[number]

const ROOT = z.string().regex(/^0x[0-9a-fA-F]{64}$/)

/**
 * Where the evidence's checkpoint came from (written by the collecting service into `question.checkpoint`).
 * Informative only: nothing in the evidence can prove how a root came to be trusted.
 */
export const CheckpointProvenanceSchema = z
  .object({
    source: z.enum(CHECKPOINT_SOURCES),
    note: z.string().max(512).optional(),
    /** For `last-verified`: the root the app's chain of verifications began at, and when it last verified. */
    verifiedFrom: z
      .object({
        root: ROOT,
        source: z.enum(['pinned', 'shipped']),
        verifiedAt: z.string().max(64).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
export type CheckpointProvenance = z.infer<typeof CheckpointProvenanceSchema>

/** Seconds between a slot's start and a moment (ms since epoch); null when the network has no genesis time. */
export function slotAgeSeconds(network: Network, slot: bigint, atMs: number): number | null {
  if (network.genesisTime === 0n || !Number.isFinite(atMs)) return null
  const slotMs = Number(network.genesisTime) * 1000 + Number(slot) * network.slotDurationMs
  return Math.floor((atMs - slotMs) / 1000)
}

export function describeAge(seconds: number): string {
  const abs = Math.abs(seconds)
  if (abs < 120) return `${seconds} s`
  if (abs < 7200) return `${Math.round(seconds / 60)} min`
  if (abs < 172_800) return `${Math.round(seconds / 3600)} h`
  return `${Math.round(seconds / 86_400)} days`
}

/**
 * The checkpoint's age at the evidence's creation, as an optional check: beyond the weak-subjectivity horizon
 * it fails (not required: the chain may still be right, but the user is told why it might not be).
 */
export function checkpointAgeCheck(
  network: Network,
  checkpointSlot: bigint,
  createdAt: string | undefined,
): Check {
  const base = {
    id: 'beacon.checkpoint.age',
    title: 'Checkpoint is within the weak-subjectivity horizon',
    required: false,
  }
  const age = createdAt ? slotAgeSeconds(network, checkpointSlot, Date.parse(createdAt)) : null
  const horizon = describeAge(WEAK_SUBJECTIVITY_HORIZON_SECONDS)
  if (age === null) {
    return {
      ...base,
      status: 'skip',
      detail: 'the evidence has no creation time (or the network no genesis time), so the age is unknown',
    }
  }
  if (age <= WEAK_SUBJECTIVITY_HORIZON_SECONDS) {
    return {
      ...base,
      status: 'pass',
      detail: `checkpoint slot ${checkpointSlot} was ${describeAge(age)} old when the evidence was made (horizon ${horizon})`,
    }
  }
  return {
    ...base,
    status: 'fail',
    detail:
      `checkpoint slot ${checkpointSlot} was ${describeAge(age)} old when the evidence was made, beyond the ` +
      `${horizon} weak-subjectivity horizon: a long-range fork signed by old sync committees cannot be ruled ` +
      `out. Pin a recent finalized block root from a source you trust.`,
  }
}

export function checkpointSourceCheck(provenance: CheckpointProvenance | null, checkpoint: string): Check {
  const base = {
    id: 'beacon.checkpoint.source',
    title: 'Where the checkpoint came from (as recorded, not provable)',
    status: 'skip' as const,
    required: false,
  }
  if (!provenance) return { ...base, detail: 'the evidence does not say where its checkpoint came from' }
  const note = provenance.note ? ` (${provenance.note})` : ''
  switch (provenance.source) {
    case 'pinned':
      return { ...base, detail: `${checkpoint} was pinned by the user${note}` }
    case 'shipped':
      return { ...base, detail: `${checkpoint} is the checkpoint shipped with Lightproof${note}` }
    case 'last-verified': {
      const from = provenance.verifiedFrom
      const earlier = from
        ? `; that chain was verified earlier${from.verifiedAt ? ` (last on ${from.verifiedAt})` : ''} from the ${from.source} checkpoint ${from.root}`
        : ''
      return {
        ...base,
        detail: `${checkpoint} is the last finalized block root this app verified${earlier}${note}`,
      }
    }
  }
}

/**
 * Adds the checkpoint checks to a beacon report: its age against the evidence's creation time, and its recorded
 * provenance. Both are optional checks, so the verdict stays what the chain itself earned.
 */
export function withCheckpointChecks(
  report: Report,
  network: Network,
  bootstrap: RawItem,
  checkpoint: string,
  createdAt: string | undefined,
  question: Record<string, unknown>,
): Report {
  const checks: Check[] = []
  const provenance = CheckpointProvenanceSchema.safeParse(question.checkpoint)
  checks.push(checkpointSourceCheck(provenance.success ? provenance.data : null, checkpoint))
  try {
    const slot = parseBootstrap(rawBytes(bootstrap), network).header.beacon.slot
    checks.push(checkpointAgeCheck(network, slot, createdAt))
  } catch {
    // A bootstrap that does not parse already failed the report; its age is unknowable.
  }
  const all = [...report.checks, ...checks]
  return { ...report, checks: all, verdict: verdictOf(all) }
}
