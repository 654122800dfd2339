import { z } from 'zod'
import { InputError } from '../../../shared/errors'
import { hexToBytes, parseQuantity } from '../../encoding/hex'
import type { LosslessJson } from '../../encoding/json'
import { unwrapJsonRpc } from '../../encoding/rpc'
import { hexData } from '../../mpt/jsonSchemas'

/**
 * The boundary for the commit transaction (`eth_getTransactionByHash`), an untrusted locator: its hash, block and
 * sender prove nothing. Only its `input` (the commit calldata) and, for blob batches, its `blobVersionedHashes`
 * are used, and both are bound later through `storedBatchHashes[n]` (the StoredBatchInfo built from them must
 * hash to the value proven from L1 storage).
 */
export interface CommitTransaction {
  hash: string | null
  blockNumber: bigint | null
  input: Uint8Array
  blobVersionedHashes: Uint8Array[]
}

/** A commit carries one batch's CommitBatchInfo and pubdata; calldata pubdata is capped near 128 KiB. */
const MAX_INPUT_BYTES = 2 * 1024 * 1024

const schema = z.object({
  hash: hexData({ length: 32 }).optional(),
  blockNumber: z.union([z.string(), z.number(), z.bigint(), z.null()]).optional(),
  input: hexData({ maxBytes: MAX_INPUT_BYTES }),
  blobVersionedHashes: z
    .array(hexData({ length: 32 }))
    .max(16)
    .nullable()
    .optional(),
})

/** Parses a bare result or a whole JSON-RPC response; `null` (unknown transaction) is refused by name. */
export function parseCommitTransaction(json: LosslessJson): CommitTransaction {
  const result = unwrapJsonRpc(json)
  if (result === null)
    throw new InputError(
      'eth_getTransactionByHash returned null: the L1 node does not know the commit transaction',
      'input.commit-tx.null',
    )
  const parsed = schema.safeParse(result)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'result'
    throw new InputError(
      `commit transaction: ${where}: ${issue?.message ?? 'invalid'}`,
      'input.commit-tx.shape',
    )
  }
  const t = parsed.data
  return {
    hash: t.hash ? t.hash.toLowerCase() : null,
    blockNumber:
      t.blockNumber === undefined || t.blockNumber === null
        ? null
        : parseQuantity(t.blockNumber, 'commit transaction blockNumber'),
    input: hexToBytes(t.input, 'commit transaction input'),
    blobVersionedHashes: (t.blobVersionedHashes ?? []).map((h, i) =>
      hexToBytes(h, `blobVersionedHashes.${i}`, 32),
    ),
  }
}
