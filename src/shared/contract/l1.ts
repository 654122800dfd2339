import { z } from 'zod'
import { VerificationOutcomeSchema } from './common'

/**
 * An L1 balance question (issue 4): an address, optionally a token — a symbol of the built-in table or a
 * 0x-address — and either the token's balance-mapping slot (for a token outside the table) or, without a
 * token, a raw storage slot of the address. The address may be all-lowercase, all-uppercase or EIP-55 mixed
 * case; mixed case must carry a correct checksum (the service says so by name otherwise).
 */
const HexAddressText = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be 0x followed by 40 hex digits')
const SlotText = z.string().regex(/^0x[0-9a-fA-F]{1,64}$/, 'must be 0x followed by at most 64 hex digits')

export const L1BalanceRequestSchema = z
  .object({
    address: HexAddressText,
    token: z.string().trim().min(1).max(64).nullable().optional(),
    slot: SlotText.nullable().optional(),
    /** Decimals of a token outside the table (unknown otherwise: amounts are shown in raw units). */
    decimals: z.number().int().min(0).max(255).nullable().optional(),
    /**
     * `finalized` (default): the finalized head of the light client. `latest`: the newest block, signed by
     * the sync committee in its child block — fresher, not final.
     */
    head: z.enum(['finalized', 'latest']).optional(),
  })
  .strict()
export type L1BalanceRequest = z.infer<typeof L1BalanceRequestSchema>

export const KnownTokenViewSchema = z.object({
  symbol: z.string(),
  name: z.string(),
  address: z.string(),
  decimals: z.number(),
  balanceSlot: z.string(),
  unit: z.enum(['tokens', 'shares']),
})
export type KnownTokenView = z.infer<typeof KnownTokenViewSchema>

/**
 * The l1 part of the contract: method name -> { args: z.tuple([...]), result: schema }. Add the names to
 * L1_METHODS in src/shared/methods.ts too (the compiler checks both lists agree).
 */
export const l1Api = {
  /** Proves an ETH / ERC-20 balance or a storage slot from the trusted checkpoint, keeps it in history. */
  l1Balance: { args: z.tuple([L1BalanceRequestSchema]), result: VerificationOutcomeSchema },
  /** The built-in token table (symbol, address, decimals, balance slot). */
  l1Tokens: { args: z.tuple([]), result: z.array(KnownTokenViewSchema) },
} as const
