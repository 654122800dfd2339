import { z } from 'zod'
import { Address, ReportSchema, VerificationOutcomeSchema } from './common'

const BatchNumber = z.string().regex(/^\d{1,20}$/, 'must be a batch number')

/**
 * A ZKsync Era balance question: the account, optionally a token (a symbol of the built-in table, an L2 address,
 * or `address:slot:decimals` for a token outside the table) and a batch (default: the latest executed one).
 */
export const ZksyncBalanceRequestSchema = z
  .object({
    address: Address,
    token: z.string().trim().max(140).optional(),
    batch: BatchNumber.optional(),
  })
  .strict()
export type ZksyncBalanceRequest = z.infer<typeof ZksyncBalanceRequestSchema>

const TxHash = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 32-byte 0x-hex transaction hash')

/** "Is my withdrawal final, claimable, claimed?": the L2 transaction that withdrew, and which of its messages. */
export const ZksyncWithdrawalRequestSchema = z
  .object({
    txHash: TxHash,
    /** The L2→L1 log among the transaction's (default: its first withdrawal message). */
    index: z.number().int().min(0).max(16383).optional(),
  })
  .strict()
export type ZksyncWithdrawalRequest = z.infer<typeof ZksyncWithdrawalRequestSchema>

/** "Did my deposit arrive?": the L1 transaction that deposited. */
export const ZksyncDepositRequestSchema = z.object({ l1TxHash: TxHash }).strict()
export type ZksyncDepositRequest = z.infer<typeof ZksyncDepositRequestSchema>

/** One snapshot of the upgrade watch in the timeline, with the watched fields that changed since the one before. */
export const WatchTimelineRowSchema = z.object({
  historyId: z.string(),
  createdAt: z.string(),
  asOf: z.string().nullable(),
  verdict: z.enum(['verified', 'failed', 'incomplete']),
  changes: z.array(z.object({ field: z.string(), what: z.string(), alert: z.boolean() })),
})
export type WatchTimelineRow = z.infer<typeof WatchTimelineRowSchema>

/** `zksyncWatch`: this run's report (facts.sinceLastSnapshot compares it with the last one) and the timeline. */
export const WatchOutcomeSchema = z.object({
  report: ReportSchema,
  historyId: z.string().nullable(),
  /** Oldest first, ending with this run; each earlier snapshot re-verified from its evidence. */
  timeline: z.array(WatchTimelineRowSchema),
})
export type WatchOutcome = z.infer<typeof WatchOutcomeSchema>

/**
 * The zksync part of the contract: method name -> { args: z.tuple([...]), result: schema }. Add the names to
 * ZKSYNC_METHODS in src/shared/methods.ts too (the compiler checks both lists agree).
 */
export const zksyncApi = {
  /** Proves ETH (and a token) balance and the nonce at a batch, down to the trusted beacon checkpoint. */
  zksyncBalance: { args: z.tuple([ZksyncBalanceRequestSchema]), result: VerificationOutcomeSchema },
  /** Proves a withdrawal final (claimable or claimed) or not yet, down to the trusted beacon checkpoint. */
  zksyncWithdrawal: { args: z.tuple([ZksyncWithdrawalRequestSchema]), result: VerificationOutcomeSchema },
  /** Proves a deposit executed on L2 and whether it succeeded (a failed one: reclaimable on L1), or not yet. */
  zksyncDeposit: { args: z.tuple([ZksyncDepositRequestSchema]), result: VerificationOutcomeSchema },
  /** The upgrade watch (issue 21) at the trusted head, compared with the last snapshot, and the timeline. */
  zksyncWatch: { args: z.tuple([]), result: WatchOutcomeSchema },
} as const
