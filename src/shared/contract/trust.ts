import { z } from 'zod'
import { EndpointUrl, NetworkName, Root32 } from '../settings'
import { ReportSchema, VerificationOutcomeSchema } from './common'

/**
 * The trust part of the contract: method name -> { args: z.tuple([...]), result: schema }. Add the names to
 * TRUST_METHODS in src/shared/methods.ts too (the compiler checks both lists agree).
 */

/** Per-call overrides of a sync (the CLI's flags); never persisted. */
export const SyncOverridesSchema = z
  .object({
    beacon: z.array(EndpointUrl).min(1).max(8).optional(),
    checkpoint: Root32.optional(),
    network: NetworkName.optional(),
  })
  .strict()
export type SyncOverrides = z.infer<typeof SyncOverridesSchema>

const Slot = z.string().regex(/^[0-9]+$/)

/** One verified head: the beacon slot and the EL block it carries. Integers are decimal strings. */
export const TrustedHeadViewSchema = z.object({
  slot: Slot,
  beaconRoot: z.string(),
  executionBlockNumber: z.string(),
  executionBlockHash: z.string(),
  executionStateRoot: z.string(),
  executionTimestamp: z.string(),
  /** Seconds since the EL block's timestamp, by the service's clock. */
  ageSeconds: z.number(),
})
export type TrustedHeadView = z.infer<typeof TrustedHeadViewSchema>

export const CheckpointSourceSchema = z.enum(['pinned', 'last-verified', 'shipped'])

export const CheckpointViewSchema = z.object({
  root: z.string(),
  source: CheckpointSourceSchema,
  /** Null for a pinned root until its bootstrap has been fetched. */
  slot: Slot.nullable(),
  ageSeconds: z.number().nullable(),
  /** True when older than the weak-subjectivity horizon (the UI warns). */
  beyondWeakSubjectivity: z.boolean().nullable(),
  note: z.string(),
})
export type CheckpointView = z.infer<typeof CheckpointViewSchema>

export const TrustFailureSchema = z.object({
  at: z.string(),
  message: z.string(),
  code: z.string(),
  checkId: z.string().nullable(),
  endpoint: z.string().nullable(),
})

export const TrustStateSchema = z.object({
  network: z.string(),
  /** Where the next sync starts (null: no source for this network; pin one). */
  checkpoint: CheckpointViewSchema.nullable(),
  /** The verified state on disk: what it was verified from, and when. */
  verified: z
    .object({
      checkpoint: CheckpointViewSchema,
      origin: z.object({ root: z.string(), source: z.enum(['pinned', 'shipped']), slot: Slot.nullable() }),
      verifiedAt: z.string(),
      endpoint: z.string(),
    })
    .nullable(),
  finalized: TrustedHeadViewSchema.nullable(),
  optimistic: TrustedHeadViewSchema.nullable(),
  syncCommitteePeriod: Slot.nullable(),
  nextSyncCommitteeKnown: z.boolean().nullable(),
  participation: z
    .object({ finality: z.number().nullable(), optimistic: z.number().nullable(), size: z.number() })
    .nullable(),
  weakSubjectivityHorizonSeconds: z.number(),
  lastError: TrustFailureSchema.nullable(),
  lastHistoryId: z.string().nullable(),
  /** E.g. a state file that was unusable and was moved aside. */
  notice: z.string().nullable(),
  /** The operation id of a sync in flight (progress events carry it; cancelOperation takes it). */
  syncing: z.string().nullable(),
})
export type TrustState = z.infer<typeof TrustStateSchema>

/** A fresh checkpoint asked of several checkpoint-sync providers; `root` only when enough of them agree. */
export const ProviderCheckpointSchema = z.object({
  report: ReportSchema,
  root: z.string().nullable(),
  slot: Slot.nullable(),
  /** Set when the agreed root was pinned in Settings (the caller asked for it). */
  pinned: z.boolean(),
})
export type ProviderCheckpoint = z.infer<typeof ProviderCheckpointSchema>

export const ProviderCheckpointRequestSchema = z
  .object({
    /** Providers for this call; default: settings, else the network's built-in list. */
    providers: z.array(EndpointUrl).min(1).max(8).optional(),
    /** Pin the agreed root as the checkpoint the next sync starts from. */
    pin: z.boolean().optional(),
  })
  .strict()
export type ProviderCheckpointRequest = z.infer<typeof ProviderCheckpointRequestSchema>

export const trustApi = {
  /** Syncs the light client from the best checkpoint to the head, verifies it as evidence, keeps it in history. */
  syncNow: { args: z.tuple([SyncOverridesSchema.optional()]), result: VerificationOutcomeSchema },
  /** The trusted heads, the checkpoint and where it came from, committee and participation, the last error. */
  getTrustState: { args: z.tuple([]), result: TrustStateSchema },
  /** Asks checkpoint-sync providers for their finalized root; agreed by two or more, it can be pinned. */
  checkpointFromProviders: {
    args: z.tuple([ProviderCheckpointRequestSchema.optional()]),
    result: ProviderCheckpointSchema,
  },
} as const
