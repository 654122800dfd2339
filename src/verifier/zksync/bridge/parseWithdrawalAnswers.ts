import { z } from 'zod'
import { InputError } from '../../../shared/errors'
import { hexToBytes, parseQuantity } from '../../encoding/hex'
import type { LosslessJson } from '../../encoding/json'
import { unwrapJsonRpc } from '../../encoding/rpc'
import { hexData, parseWith, quantity } from '../../mpt/jsonSchemas'

/**
 * The boundary for the ZKsync node's answers a withdrawal question uses. Both are untrusted locators: the
 * receipt says where the message is (batch, position in it) and what it says; the log proof gives a sibling
 * path. The verifier builds the leaf itself from the decoded message and folds it; only L1 storage decides.
 */

/** `eth_getTransactionReceipt` on ZKsync: the fields a withdrawal needs. */
export interface L2Receipt {
  transactionHash: Uint8Array
  /** 1 success, 0 reverted (a reverted transaction sends no message). */
  status: bigint | null
  l1BatchNumber: bigint | null
  l1BatchTxIndex: bigint | null
  logs: { address: Uint8Array; topics: Uint8Array[]; data: Uint8Array }[]
  l2ToL1Logs: {
    sender: Uint8Array
    key: Uint8Array
    value: Uint8Array
    isService: boolean
    shardId: bigint
  }[]
}

const nullableQuantity = z.union([quantity, z.null()]).optional()
const ReceiptSchema = z.object({
  transactionHash: hexData({ length: 32 }),
  status: nullableQuantity,
  l1BatchNumber: nullableQuantity,
  l1BatchTxIndex: nullableQuantity,
  logs: z
    .array(
      z.object({
        address: hexData({ length: 20 }),
        topics: z.array(hexData({ length: 32 })).max(4),
        data: hexData({ maxBytes: 1024 * 1024 }),
      }),
    )
    .max(10_000),
  l2ToL1Logs: z
    .array(
      z.object({
        sender: hexData({ length: 20 }),
        key: hexData({ length: 32 }),
        value: hexData({ length: 32 }),
        isService: z.boolean(),
        shardId: quantity,
      }),
    )
    .max(16_384),
})

const opt = (v: string | number | bigint | null | undefined, what: string) =>
  v === null || v === undefined ? null : parseQuantity(v, what)

export function parseL2Receipt(json: LosslessJson): L2Receipt | null {
  const result = unwrapJsonRpc(json)
  if (result === null) return null
  const r = parseWith(ReceiptSchema, result, 'L2 receipt', 'input.l2-receipt')
  return {
    transactionHash: hexToBytes(r.transactionHash),
    status: opt(r.status, 'status'),
    l1BatchNumber: opt(r.l1BatchNumber, 'l1BatchNumber'),
    l1BatchTxIndex: opt(r.l1BatchTxIndex, 'l1BatchTxIndex'),
    logs: r.logs.map((l) => ({
      address: hexToBytes(l.address),
      topics: l.topics.map((t) => hexToBytes(t)),
      data: hexToBytes(l.data),
    })),
    l2ToL1Logs: r.l2ToL1Logs.map((l) => ({
      sender: hexToBytes(l.sender),
      key: hexToBytes(l.key),
      value: hexToBytes(l.value),
      isService: l.isService,
      shardId: parseQuantity(l.shardId, 'shardId'),
    })),
  }
}

/** `zks_getL2ToL1LogProof(txHash, index)`: `{ proof, id, root }` (zksync-era `api::L2ToL1LogProof`). */
export interface LogProofAnswer {
  proof: Uint8Array[]
  /** The leaf's position in the batch's logs tree (the `l2MessageIndex` L1 keys claims by). */
  id: bigint
  /** The node's claimed root: shown, never used. */
  root: Uint8Array
  batchNumber: bigint | null
}

const LogProofSchema = z.object({
  proof: z.array(hexData({ length: 32 })).max(512),
  id: quantity,
  root: hexData({ length: 32 }),
  batchNumber: nullableQuantity,
})

export function parseLogProof(json: LosslessJson): LogProofAnswer | null {
  const result = unwrapJsonRpc(json)
  if (result === null) return null
  const p = parseWith(LogProofSchema, result, 'L2→L1 log proof', 'input.log-proof')
  const id = parseQuantity(p.id, 'id')
  if (id >= 1n << 32n) throw new InputError('L2→L1 log proof: id is a u32', 'input.log-proof')
  return {
    proof: p.proof.map((w) => hexToBytes(w)),
    id,
    root: hexToBytes(p.root),
    batchNumber: opt(p.batchNumber, 'batchNumber'),
  }
}
