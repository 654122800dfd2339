import { z } from 'zod'
import { InputError } from '../../shared/errors'
import { CheckpointProvenanceSchema } from '../evidence/beaconCheckpoint'
import { BeaconSectionSchema, type BeaconSection } from '../evidence/beaconSection'
import { RawItemSchema, type Evidence, type RawItem } from '../evidence/schema'

/**
 * The boundary of the L1 balance evidence kind: what was asked (`question`) and what was received (`data`),
 * validated with zod before anything is verified. Nothing here is trusted; it only has the right shape.
 *
 * data = {
 *   beacon:     the light-client chain from the checkpoint (evidence/beaconSection.ts),
 *   headBlock?: { block, child } raw SSZ SignedBeaconBlocks: when present, the head is `block`, signed by the
 *               sync committee in `child`'s sync_aggregate (no finality update needed; research
 *               l1-light-client.md §2.7), instead of the beacon section's finalized header,
 *   block?:     a raw eth_getBlockByNumber answer of the head's EL block from no named endpoint (older evidence;
 *               held to the verified block hash like the endpoints' headers),
 *   proofs:     what each L1 endpoint asked answered: eth_chainId (`chainId`), eth_getBlockByNumber(head, false)
 *               (`header`, bound to the verified block hash and state root) and eth_getProof at the head's
 *               number (`answer`). `chainId` and `header` are absent in evidence made before they were asked:
 *               the report then says so (the header check is required, so such a file is at best incomplete).
 * }
 */
const MAX_ENDPOINTS = 16

const hex = (bytes: number) => z.string().regex(new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`))
const quantityHex = z
  .string()
  .regex(/^0x(0|[1-9a-fA-F][0-9a-fA-F]{0,15})$/, 'a 0x-quantity of at most 64 bits')
/** A storage slot: 0x-hex of 1–64 digits (a QUANTITY or a full 32-byte word). */
const slotHex = z.string().regex(/^0x[0-9a-fA-F]{1,64}$/, 'a storage slot of at most 32 bytes')

export const ProofAnswerSchema = z
  .object({
    /** Scheme and host of the endpoint that answered (for naming it in a disagreement). */
    endpoint: z.string().min(1).max(512),
    /** The block parameter of the request, a 0x-quantity: must be the trusted head's number, never a tag. */
    block: quantityHex,
    answer: RawItemSchema,
    /** Its eth_chainId answer (checked against the network's L1 chain id, src/verifier/chainIds.ts). */
    chainId: RawItemSchema.optional(),
    /** Its eth_getBlockByNumber(block, false) answer: keccak256(RLP(header)) must be the verified block hash. */
    header: RawItemSchema.optional(),
  })
  .strict()
export type ProofAnswer = z.infer<typeof ProofAnswerSchema>

export const L1BalanceDataSchema = z
  .object({
    beacon: BeaconSectionSchema,
    headBlock: z.object({ block: RawItemSchema, child: RawItemSchema }).strict().nullable().optional(),
    block: RawItemSchema.nullable().optional(),
    /** Empty when the head did not verify, so no block was there to ask at (the report says why). */
    proofs: z.array(ProofAnswerSchema).max(MAX_ENDPOINTS),
  })
  .strict()
export type L1BalanceData = z.infer<typeof L1BalanceDataSchema>

export const TokenQuestionSchema = z
  .object({
    address: hex(20),
    symbol: z.string().min(1).max(32),
    /** null: unknown (an unlisted token whose decimals the user did not give); amounts are then raw units. */
    decimals: z.number().int().min(0).max(255).nullable(),
    /** Slot p of the token's `mapping(address => uint256)` of balances. */
    slot: slotHex,
  })
  .strict()
export type TokenQuestion = z.infer<typeof TokenQuestionSchema>

export const L1BalanceQuestionSchema = z
  .object({
    /** The holder (ETH / ERC-20 modes) or the contract whose storage slot is read (slot mode). */
    address: hex(20),
    token: TokenQuestionSchema.nullable().optional(),
    /** Generic storage mode: read this raw slot of `address`. Exclusive with `token`. */
    slot: slotHex.nullable().optional(),
    /** Informative: the head's EL block number the service asked at. */
    blockNumber: z.string().max(32).optional(),
    /** Where the checkpoint came from, as the collecting service recorded it (informative). */
    checkpoint: CheckpointProvenanceSchema.optional(),
  })
  .strict()
  .refine((q) => !(q.token && q.slot), 'a question has a token or a raw slot, not both')
export type L1BalanceQuestion = z.infer<typeof L1BalanceQuestionSchema>

export interface L1BalanceInput {
  question: L1BalanceQuestion
  data: L1BalanceData
  checkpoint: string
  createdAt: string
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    throw new InputError(
      `${what}: ${z.prettifyError(parsed.error).split('\n').slice(0, 2).join(' ')}`,
      'evidence.invalid',
    )
  }
  return parsed.data
}

/** Reads an L1 balance evidence document's question and data. Throws InputError. */
export function parseL1BalanceEvidence(evidence: Evidence): L1BalanceInput {
  if (evidence.trust.kind !== 'beacon-checkpoint') {
    throw new InputError(
      `evidence of kind l1-balance must rest on a beacon-checkpoint, not a ${evidence.trust.kind}`,
      'evidence.trust',
    )
  }
  return {
    question: parse(L1BalanceQuestionSchema, evidence.question, 'evidence question'),
    data: parse(L1BalanceDataSchema, evidence.data, 'evidence data'),
    checkpoint: evidence.trust.value,
    createdAt: evidence.createdAt,
  }
}

export type { BeaconSection, RawItem }
