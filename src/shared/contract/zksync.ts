import { z } from 'zod'
import { Address, VerificationOutcomeSchema } from './common'

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

/**
 * The zksync part of the contract: method name -> { args: z.tuple([...]), result: schema }. Add the names to
 * ZKSYNC_METHODS in src/shared/methods.ts too (the compiler checks both lists agree).
 */
export const zksyncApi = {
  /** Proves ETH (and a token) balance and the nonce at a batch, down to the trusted beacon checkpoint. */
  zksyncBalance: { args: z.tuple([ZksyncBalanceRequestSchema]), result: VerificationOutcomeSchema },
} as const
