import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex } from '../../src/verifier/encoding/hex'
import { HEADER_FIELDS } from '../../src/verifier/mpt/blockHeader'
import { encodeBytes, encodeList, encodeUint } from '../../src/verifier/mpt/rlp'
import type { SignedTransaction, WorldReceipt } from './l1Transactions'
import { quantity, type L1State } from './l1State'

/**
 * Blocks of the test world and their JSON-RPC shapes. Headers carry every Prague field; their RLP follows the
 * verifier's own field table (HEADER_FIELDS), so the block hash is exactly what computeBlockHash recomputes.
 */
export interface L1Header {
  parentHash: Uint8Array
  sha3Uncles: Uint8Array
  miner: Uint8Array
  stateRoot: Uint8Array
  transactionsRoot: Uint8Array
  receiptsRoot: Uint8Array
  logsBloom: Uint8Array
  difficulty: bigint
  number: bigint
  gasLimit: bigint
  gasUsed: bigint
  timestamp: bigint
  extraData: Uint8Array
  mixHash: Uint8Array
  nonce: Uint8Array
  baseFeePerGas: bigint
  withdrawalsRoot: Uint8Array
  blobGasUsed: bigint
  excessBlobGas: bigint
  parentBeaconBlockRoot: Uint8Array
  requestsHash: Uint8Array
}

export interface L1Block {
  number: bigint
  hash: Uint8Array
  header: L1Header
  transactions: SignedTransaction[]
  receipts: WorldReceipt[]
  /** The world has no validators to withdraw to, so every block's withdrawal list is empty. */
  withdrawals: []
  /** The state after this block; header.stateRoot === state.root. */
  state: L1State
  /** Length of RLP([header, transactions, ommers, withdrawals]), as eth_getBlockBy* reports `size`. */
  size: bigint
}

/** RLP of a header in the Prague layout (every field of HEADER_FIELDS, in its order). */
export function encodeHeader(h: L1Header): Uint8Array {
  const record = h as unknown as Record<string, bigint | Uint8Array>
  return encodeList(
    HEADER_FIELDS.map((f) => {
      const v = record[f.name]
      if (v === undefined) throw new Error(`header field ${f.name} missing`)
      return typeof v === 'bigint' ? encodeUint(v) : encodeBytes(v)
    }),
  )
}

export function headerHash(h: L1Header): Uint8Array {
  return keccak_256(encodeHeader(h))
}

/** Block RLP for `size`: typed transactions are byte strings in the body (EIP-2718). */
export function blockSize(h: L1Header, txs: readonly SignedTransaction[]): bigint {
  const body = encodeList([
    encodeHeader(h),
    encodeList(txs.map((t) => encodeBytes(t.envelope))),
    encodeList([]),
    encodeList([]),
  ])
  return BigInt(body.length)
}

type Json = Record<string, unknown>

export function headerJson(h: L1Header): Json {
  const out: Json = {}
  for (const f of HEADER_FIELDS) {
    const v = (h as unknown as Record<string, bigint | Uint8Array>)[f.name]!
    out[f.name] = typeof v === 'bigint' ? quantity(v) : bytesToHex(v)
  }
  return out
}

/** eth_getBlockByNumber / eth_getBlockByHash result, with transaction hashes or full objects. */
export function blockJson(block: L1Block, fullTransactions: boolean): Json {
  return {
    ...headerJson(block.header),
    hash: bytesToHex(block.hash),
    size: quantity(block.size),
    transactions: block.transactions.map((tx, i) =>
      fullTransactions ? transactionJson(block, i) : bytesToHex(tx.hash),
    ),
    uncles: [],
    withdrawals: [],
  }
}

/** eth_getTransactionByHash result for the transaction at `index` of `block` (geth's field set for type 2). */
export function transactionJson(block: L1Block, index: number): Json {
  const tx = block.transactions[index]!
  const receipt = block.receipts[index]!
  return {
    blockHash: bytesToHex(block.hash),
    blockNumber: quantity(block.number),
    from: bytesToHex(tx.from),
    gas: quantity(tx.gasLimit),
    gasPrice: quantity(receipt.effectiveGasPrice),
    maxFeePerGas: quantity(tx.maxFeePerGas),
    maxPriorityFeePerGas: quantity(tx.maxPriorityFeePerGas),
    hash: bytesToHex(tx.hash),
    input: bytesToHex(tx.input),
    nonce: quantity(tx.nonce),
    to: bytesToHex(tx.to),
    transactionIndex: quantity(BigInt(index)),
    value: quantity(tx.value),
    type: quantity(BigInt(tx.type)),
    accessList: [],
    ...(tx.blobVersionedHashes?.length
      ? {
          maxFeePerBlobGas: quantity(tx.maxFeePerBlobGas ?? 1n),
          blobVersionedHashes: tx.blobVersionedHashes.map((h) => bytesToHex(h)),
        }
      : {}),
    chainId: quantity(tx.chainId),
    v: quantity(BigInt(tx.yParity)),
    yParity: quantity(BigInt(tx.yParity)),
    r: quantity(tx.r),
    s: quantity(tx.s),
  }
}

/** eth_getTransactionReceipt result (also the items of eth_getBlockReceipts). */
export function receiptJson(block: L1Block, index: number): Json {
  const tx = block.transactions[index]!
  const r = block.receipts[index]!
  return {
    blockHash: bytesToHex(block.hash),
    blockNumber: quantity(block.number),
    contractAddress: null,
    cumulativeGasUsed: quantity(r.cumulativeGasUsed),
    effectiveGasPrice: quantity(r.effectiveGasPrice),
    from: bytesToHex(tx.from),
    gasUsed: quantity(r.gasUsed),
    logs: blockLogsJson(block).filter((l) => l.transactionIndex === quantity(BigInt(index))),
    logsBloom: bytesToHex(r.logsBloom),
    status: quantity(r.status),
    to: bytesToHex(tx.to),
    transactionHash: bytesToHex(tx.hash),
    transactionIndex: quantity(BigInt(index)),
    type: quantity(BigInt(r.type)),
  }
}

export interface LogJson {
  address: string
  topics: string[]
  data: string
  blockNumber: string
  blockHash: string
  transactionHash: string
  transactionIndex: string
  logIndex: string
  removed: false
}

/** Every log of a block in eth_getLogs shape; logIndex counts across the whole block. */
export function blockLogsJson(block: L1Block): LogJson[] {
  const out: LogJson[] = []
  block.receipts.forEach((r, i) => {
    for (const l of r.logs) {
      out.push({
        address: bytesToHex(l.address),
        topics: l.topics.map(bytesToHex),
        data: bytesToHex(l.data),
        blockNumber: quantity(block.number),
        blockHash: bytesToHex(block.hash),
        transactionHash: bytesToHex(block.transactions[i]!.hash),
        transactionIndex: quantity(BigInt(i)),
        logIndex: quantity(BigInt(out.length)),
        removed: false,
      })
    }
  })
  return out
}
