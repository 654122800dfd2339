import { z } from 'zod'
import { ReportSchema, VerificationOutcomeSchema } from './common'

const BatchNumber = z.string().regex(/^\d{1,20}$/, 'must be a batch number')

export const BatchStatusSchema = z.enum(['committed', 'proven', 'executed', 'unknown'])

/** L1's view of ZKsync Era batches at the trusted head: the counters as proven now, and recent batches. */
export const BatchesOverviewSchema = z.object({
  report: ReportSchema,
  /** The trusted L1 block the counters were proven at. */
  l1Block: z.string().nullable(),
  counters: z.object({ committed: z.string(), proven: z.string(), executed: z.string() }).nullable(),
  /** Status from the proven counters; empty when they did not verify. */
  recent: z.array(z.object({ batchNumber: z.string(), status: BatchStatusSchema })),
  /** The ZKsync node's latest sealed batch (zks_L1BatchNumber): untrusted, for orientation only. */
  sealedOnL2: z.string().nullable(),
})
export type BatchesOverview = z.infer<typeof BatchesOverviewSchema>

/**
 * The batches part of the contract: method name -> { args: z.tuple([...]), result: schema }. Add the names to
 * BATCHES_METHODS in src/shared/methods.ts too (the compiler checks both lists agree).
 */
export const batchesApi = {
  /**
   * Status, bound StoredBatchInfo and commitment of one batch, proven from the trusted head; with `proof`, its
   * SNARK checked locally too (snark.* checks, facts.proof).
   */
  zksyncBatch: {
    args: z.tuple([z.object({ batchNumber: BatchNumber, proof: z.boolean().optional() }).strict()]),
    result: VerificationOutcomeSchema,
  },
  batchesOverview: { args: z.tuple([]), result: BatchesOverviewSchema },
} as const
