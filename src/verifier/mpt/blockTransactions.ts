import { z } from 'zod'
import { keccak_256 } from '../crypto/backends'
import { InputError } from '../../shared/errors'
import { bytesToHex, concatBytes, equalBytes } from '../encoding/hex'
import type { LosslessJson } from '../encoding/json'
import { unwrapJsonRpc } from '../encoding/rpc'
import { buildTrieRoot } from './buildTrieRoot'
import { hexData, parseWith, quantity, toBytes, toQuantity } from './jsonSchemas'
import { encodeBytes, encodeList, encodeUint } from './rlp'

/**
 * A block's transactions as eth_getBlockByNumber(n, true) lists them, re-encoded as their EIP-2718 envelopes: the
 * values of the transactions trie (key RLP(index)) and the preimages of the transaction hashes. The JSON's own
 * `hash` is never used: a transaction's hash here is keccak256 of the envelope built from its fields, so the
 * block's transactionsRoot binds every hash to its position.
 *
 * One table row per type: the RLP field order of each envelope (after the type byte, before the signature).
 */
type FieldKind = 'uint' | 'to' | 'bytes' | 'accessList' | 'hashes' | 'authorizations'

interface TxField {
  /** The JSON-RPC name. */
  name: string
  kind: FieldKind
}

const f = (name: string, kind: FieldKind): TxField => ({ name, kind })

export const TRANSACTION_TYPES: readonly {
  type: number
  name: string
  source: string
  fields: readonly TxField[]
}[] = [
  {
    type: 0,
    name: 'legacy',
    source: 'Yellow Paper §4.2; EIP-155 v',
    fields: [
      f('nonce', 'uint'),
      f('gasPrice', 'uint'),
      f('gas', 'uint'),
      f('to', 'to'),
      f('value', 'uint'),
      f('input', 'bytes'),
    ],
  },
  {
    type: 1,
    name: 'access list',
    source: 'EIP-2930',
    fields: [
      f('chainId', 'uint'),
      f('nonce', 'uint'),
      f('gasPrice', 'uint'),
      f('gas', 'uint'),
      f('to', 'to'),
      f('value', 'uint'),
      f('input', 'bytes'),
      f('accessList', 'accessList'),
    ],
  },
  {
    type: 2,
    name: 'dynamic fee',
    source: 'EIP-1559',
    fields: [
      f('chainId', 'uint'),
      f('nonce', 'uint'),
      f('maxPriorityFeePerGas', 'uint'),
      f('maxFeePerGas', 'uint'),
      f('gas', 'uint'),
      f('to', 'to'),
      f('value', 'uint'),
      f('input', 'bytes'),
      f('accessList', 'accessList'),
    ],
  },
  {
    type: 3,
    name: 'blob',
    source: 'EIP-4844',
    fields: [
      f('chainId', 'uint'),
      f('nonce', 'uint'),
      f('maxPriorityFeePerGas', 'uint'),
      f('maxFeePerGas', 'uint'),
      f('gas', 'uint'),
      f('to', 'to'),
      f('value', 'uint'),
      f('input', 'bytes'),
      f('accessList', 'accessList'),
      f('maxFeePerBlobGas', 'uint'),
      f('blobVersionedHashes', 'hashes'),
    ],
  },
  {
    type: 4,
    name: 'set code',
    source: 'EIP-7702',
    fields: [
      f('chainId', 'uint'),
      f('nonce', 'uint'),
      f('maxPriorityFeePerGas', 'uint'),
      f('maxFeePerGas', 'uint'),
      f('gas', 'uint'),
      f('to', 'to'),
      f('value', 'uint'),
      f('input', 'bytes'),
      f('accessList', 'accessList'),
      f('authorizationList', 'authorizations'),
    ],
  },
]

/** Bounds far above mainnet blocks that still cap hostile input. */
export const TRANSACTION_LIMITS = { maxTransactions: 20_000, maxInputBytes: 4 * 1024 * 1024 } as const

const accessListSchema = z
  .array(
    z.object({
      address: hexData({ length: 20 }),
      storageKeys: z.array(hexData({ length: 32 })).max(100_000),
    }),
  )
  .max(100_000)

const authorizationSchema = z.object({
  chainId: quantity,
  address: hexData({ length: 20 }),
  nonce: quantity,
  yParity: quantity,
  r: quantity,
  s: quantity,
})

const txSchema = z.object({
  type: quantity.optional(),
  chainId: quantity.optional(),
  nonce: quantity,
  gasPrice: quantity.optional(),
  maxPriorityFeePerGas: quantity.optional(),
  maxFeePerGas: quantity.optional(),
  maxFeePerBlobGas: quantity.optional(),
  gas: quantity,
  to: hexData({ length: 20 }).nullable().optional(),
  value: quantity,
  input: hexData({ maxBytes: TRANSACTION_LIMITS.maxInputBytes }),
  accessList: accessListSchema.optional(),
  blobVersionedHashes: z
    .array(hexData({ length: 32 }))
    .max(4096)
    .optional(),
  authorizationList: z.array(authorizationSchema).max(10_000).optional(),
  v: quantity.optional(),
  yParity: quantity.optional(),
  r: quantity,
  s: quantity,
  transactionIndex: quantity.nullable().optional(),
})

type TxJson = z.infer<typeof txSchema>

export interface BlockTransaction {
  type: number
  /** The EIP-2718 envelope (legacy: the bare RLP list): the transactions-trie value. */
  envelope: Uint8Array
  /** keccak256(envelope): computed, never the JSON's `hash`. */
  hash: Uint8Array
  /** `to`, null for a contract creation. */
  to: Uint8Array | null
  input: Uint8Array
}

const ERROR_CODE = 'input.block-transactions'

/**
 * The transactions of an eth_getBlockByNumber(n, true) answer (bare block, whole response, or a bare array of
 * transaction objects), re-encoded. Throws InputError on a shape it cannot encode (hashes only, an unknown type,
 * a missing field).
 */
export function parseBlockTransactions(json: LosslessJson): BlockTransaction[] {
  const result = unwrapJsonRpc(json)
  const list =
    Array.isArray(result) || result === null || typeof result !== 'object'
      ? result
      : (result as { transactions?: unknown }).transactions
  if (Array.isArray(list) && list.some((t) => typeof t === 'string'))
    throw new InputError(
      'block transactions: the block lists hashes only; ask eth_getBlockByNumber with full transactions',
      ERROR_CODE,
    )
  const txs = parseWith(
    z.array(txSchema).max(TRANSACTION_LIMITS.maxTransactions),
    list,
    'block transactions',
    ERROR_CODE,
  )
  return txs.map((t, i) => {
    if (
      t.transactionIndex !== undefined &&
      t.transactionIndex !== null &&
      toQuantity(t.transactionIndex) !== BigInt(i)
    )
      throw new InputError(
        `transactions.${i}: claims transactionIndex ${toQuantity(t.transactionIndex)}`,
        ERROR_CODE,
      )
    return encodeTransaction(t, i)
  })
}

function encodeField(t: TxJson, field: TxField, i: number): Uint8Array {
  const value = (t as Record<string, unknown>)[field.name]
  const missing = () =>
    new InputError(`transactions.${i}: a ${field.name} is needed for this type`, ERROR_CODE)
  switch (field.kind) {
    case 'uint':
      if (value === undefined || value === null) throw missing()
      return encodeUint(toQuantity(value as string))
    case 'to':
      return encodeBytes(value ? toBytes(value as string) : new Uint8Array(0))
    case 'bytes':
      return encodeBytes(toBytes(value as string))
    case 'accessList':
      return encodeList(
        (t.accessList ?? []).map((e) =>
          encodeList([
            encodeBytes(toBytes(e.address)),
            encodeList(e.storageKeys.map((k) => encodeBytes(toBytes(k)))),
          ]),
        ),
      )
    case 'hashes':
      if (!t.blobVersionedHashes) throw missing()
      return encodeList(t.blobVersionedHashes.map((h) => encodeBytes(toBytes(h))))
    case 'authorizations':
      if (!t.authorizationList) throw missing()
      return encodeList(
        t.authorizationList.map((a) =>
          encodeList([
            encodeUint(toQuantity(a.chainId)),
            encodeBytes(toBytes(a.address)),
            encodeUint(toQuantity(a.nonce)),
            encodeUint(toQuantity(a.yParity)),
            encodeUint(toQuantity(a.r)),
            encodeUint(toQuantity(a.s)),
          ]),
        ),
      )
  }
}

function encodeTransaction(t: TxJson, i: number): BlockTransaction {
  const type = t.type === undefined ? 0 : Number(toQuantity(t.type))
  const row = TRANSACTION_TYPES.find((x) => x.type === type)
  if (!row) throw new InputError(`transactions.${i}: unsupported transaction type ${type}`, ERROR_CODE)
  const body = row.fields.map((field) => encodeField(t, field, i))
  // Legacy: v as given (27/28, or chainId·2 + 35/36 under EIP-155); typed: the y parity, from yParity or v.
  const parity = type === 0 ? t.v : (t.yParity ?? t.v)
  if (parity === undefined) throw new InputError(`transactions.${i}: no v / yParity`, ERROR_CODE)
  const signature = [encodeUint(toQuantity(parity)), encodeUint(toQuantity(t.r)), encodeUint(toQuantity(t.s))]
  const list = encodeList([...body, ...signature])
  const envelope = type === 0 ? list : concatBytes(Uint8Array.of(type), list)
  return {
    type,
    envelope,
    hash: keccak_256(envelope),
    to: t.to ? toBytes(t.to) : null,
    input: toBytes(t.input),
  }
}

export function computeTransactionsRoot(txs: readonly BlockTransaction[]): Uint8Array {
  return buildTrieRoot(txs.map((t, i) => ({ key: encodeUint(BigInt(i)), value: t.envelope })))
}

export type TransactionsRootCheck =
  { status: 'pass'; root: Uint8Array; count: number } | { status: 'fail'; root: Uint8Array; detail: string }

/**
 * Rebuilds the transactions trie and compares its root with the (verified) header's transactionsRoot. Passing
 * proves every transaction — and so every hash — at its position.
 */
export function verifyTransactionsRoot(
  txs: readonly BlockTransaction[],
  transactionsRoot: Uint8Array,
): TransactionsRootCheck {
  const root = computeTransactionsRoot(txs)
  if (!equalBytes(root, transactionsRoot))
    return {
      status: 'fail',
      root,
      detail: `the ${txs.length} transactions rebuild root ${bytesToHex(root)}, not ${bytesToHex(transactionsRoot)}`,
    }
  return { status: 'pass', root, count: txs.length }
}
