import { z } from 'zod'
import { InputError } from '../../shared/errors'
import { bytesToHex, concatBytes, equalBytes } from '../encoding/hex'
import type { LosslessJson } from '../encoding/json'
import { unwrapJsonRpc } from '../encoding/rpc'
import { buildTrieRoot } from './buildTrieRoot'
import { hexData, parseWith, quantity, toBytes, toQuantity } from './jsonSchemas'
import { encodeBytes, encodeList, encodeUint } from './rlp'

/**
 * Receipts of a block (eth_getBlockReceipts) and the receipts trie they must rebuild
 * (research/l1-light-client.md §3.4): key RLP(transaction index), value the receipt encoding — legacy
 * RLP([status | postStateRoot, cumulativeGasUsed, logsBloom, logs]); typed receipts are the type byte
 * followed by that RLP (EIP-2718). A log is [address, topics, data].
 */
export const RECEIPT_TYPES = [
  { type: 0, name: 'legacy', source: 'Yellow Paper §4.3.1' },
  { type: 1, name: 'access list', source: 'EIP-2930' },
  { type: 2, name: 'dynamic fee', source: 'EIP-1559' },
  { type: 3, name: 'blob', source: 'EIP-4844' },
  { type: 4, name: 'set code', source: 'EIP-7702' },
] as const

/** Bounds far above mainnet blocks (≈ 3,000 transactions at 60M gas) that still cap hostile input. */
export const RECEIPT_LIMITS = {
  maxReceipts: 20_000,
  maxLogs: 20_000,
  maxLogDataBytes: 4 * 1024 * 1024,
} as const

export interface Log {
  address: Uint8Array
  topics: Uint8Array[]
  data: Uint8Array
}

export interface Receipt {
  type: number
  /** Byzantium and later: 1 success, 0 failure. Before Byzantium the receipt holds `root` instead. */
  status?: bigint
  root?: Uint8Array
  cumulativeGasUsed: bigint
  logsBloom: Uint8Array
  logs: Log[]
  /** The index the endpoint claims; it must equal the receipt's position. */
  transactionIndex?: bigint
}

const logSchema = z.object({
  address: hexData({ length: 20 }),
  topics: z.array(hexData({ length: 32 })).max(4),
  data: hexData({ maxBytes: RECEIPT_LIMITS.maxLogDataBytes }),
})

const receiptSchema = z.object({
  type: quantity.optional(),
  status: quantity.nullable().optional(),
  root: hexData({ length: 32 }).nullable().optional(),
  cumulativeGasUsed: quantity,
  logsBloom: hexData({ length: 256 }),
  logs: z.array(logSchema).max(RECEIPT_LIMITS.maxLogs),
  transactionIndex: quantity.optional(),
})

const ERROR_CODE = 'input.block-receipts'

/** Parses an eth_getBlockReceipts result (bare or a whole response). Throws InputError. */
export function parseBlockReceipts(json: LosslessJson): Receipt[] {
  const result = unwrapJsonRpc(json)
  const list = parseWith(
    z.array(receiptSchema).max(RECEIPT_LIMITS.maxReceipts),
    result,
    'receipts',
    ERROR_CODE,
  )
  return list.map((r, i) => {
    const type = r.type === undefined ? 0 : Number(toQuantity(r.type))
    if (!RECEIPT_TYPES.some((t) => t.type === type)) {
      throw new InputError(`receipts.${i}: unsupported receipt type ${type}`, ERROR_CODE)
    }
    const hasStatus = r.status !== undefined && r.status !== null
    const hasRoot = r.root !== undefined && r.root !== null
    if (hasStatus === hasRoot)
      throw new InputError(`receipts.${i}: needs exactly one of status and root`, ERROR_CODE)
    return {
      type,
      ...(hasStatus ? { status: toQuantity(r.status!) } : { root: toBytes(r.root!) }),
      cumulativeGasUsed: toQuantity(r.cumulativeGasUsed),
      logsBloom: toBytes(r.logsBloom),
      logs: r.logs.map((l) => ({
        address: toBytes(l.address),
        topics: l.topics.map(toBytes),
        data: toBytes(l.data),
      })),
      ...(r.transactionIndex !== undefined ? { transactionIndex: toQuantity(r.transactionIndex) } : {}),
    }
  })
}

/** The consensus encoding of a receipt: the value stored in the receipts trie. */
export function encodeReceipt(r: Receipt): Uint8Array {
  const outcome = r.root !== undefined ? encodeBytes(r.root) : encodeUint(r.status ?? 0n)
  const logs = encodeList(
    r.logs.map((l) =>
      encodeList([encodeBytes(l.address), encodeList(l.topics.map(encodeBytes)), encodeBytes(l.data)]),
    ),
  )
  const body = encodeList([outcome, encodeUint(r.cumulativeGasUsed), encodeBytes(r.logsBloom), logs])
  return r.type === 0 ? body : concatBytes(Uint8Array.of(r.type), body)
}

export function computeReceiptsRoot(receipts: readonly Receipt[]): Uint8Array {
  return buildTrieRoot(receipts.map((r, i) => ({ key: encodeUint(BigInt(i)), value: encodeReceipt(r) })))
}

export type ReceiptsRootCheck =
  { status: 'pass'; root: Uint8Array; count: number } | { status: 'fail'; root?: Uint8Array; detail: string }

/**
 * Rebuilds the receipts trie from all of a block's receipts and compares its root with the (verified)
 * header's receiptsRoot. Passing proves every receipt — and so every log — as listed, in that order.
 *
 * @example
 *   verifyReceiptsRoot(parseBlockReceipts(json), header.receiptsRoot)
 */
export function verifyReceiptsRoot(
  receipts: readonly Receipt[],
  receiptsRoot: Uint8Array,
): ReceiptsRootCheck {
  const misplaced = receipts.findIndex(
    (r, i) => r.transactionIndex !== undefined && r.transactionIndex !== BigInt(i),
  )
  if (misplaced >= 0) {
    return {
      status: 'fail',
      detail: `receipt at position ${misplaced} claims transactionIndex ${receipts[misplaced]!.transactionIndex}`,
    }
  }
  const root = computeReceiptsRoot(receipts)
  if (!equalBytes(root, receiptsRoot)) {
    return {
      status: 'fail',
      root,
      detail: `the ${receipts.length} receipts rebuild root ${bytesToHex(root)}, not ${bytesToHex(receiptsRoot)}`,
    }
  }
  return { status: 'pass', root, count: receipts.length }
}
