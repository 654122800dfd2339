import { ssz, type deneb } from '@lodestar/types'
import type { L1Block } from './l1Block'

/**
 * The beacon chain's view of an L1 block (consensus-specs deneb/beacon-chain.md ExecutionPayload(Header);
 * Electra keeps the Deneb container). The header differs from the EL header in two roots: transactions_root is
 * the SSZ hash_tree_root of the list of transaction envelopes (List[Transaction, 2^20], each a
 * ByteList[2^30]) and withdrawals_root the SSZ root of the withdrawal list — not the EL tries' roots.
 * Values are in @lodestar/types' form (Uint8Array bytes; UintNum64 as number; base fee and blob gas bigint),
 * so `ssz.deneb.ExecutionPayloadHeader.hashTreeRoot(executionPayloadOf(block))` is the root a beacon block
 * body commits to.
 */
export function executionPayloadOf(block: L1Block): deneb.ExecutionPayloadHeader {
  const full = fullExecutionPayloadOf(block)
  const { transactions, withdrawals, ...common } = full
  return {
    ...common,
    transactionsRoot: ssz.bellatrix.Transactions.hashTreeRoot(transactions),
    withdrawalsRoot: ssz.capella.Withdrawals.hashTreeRoot(withdrawals),
  }
}

/** The full ExecutionPayload (transactions as EIP-2718 envelopes), for beacon blocks that carry it. */
export function fullExecutionPayloadOf(block: L1Block): deneb.ExecutionPayload {
  const h = block.header
  return {
    parentHash: h.parentHash,
    feeRecipient: h.miner,
    stateRoot: h.stateRoot,
    receiptsRoot: h.receiptsRoot,
    logsBloom: h.logsBloom,
    prevRandao: h.mixHash,
    blockNumber: Number(h.number),
    gasLimit: Number(h.gasLimit),
    gasUsed: Number(h.gasUsed),
    timestamp: Number(h.timestamp),
    extraData: h.extraData,
    baseFeePerGas: h.baseFeePerGas,
    blockHash: block.hash,
    transactions: block.transactions.map((t) => t.envelope),
    withdrawals: [],
    blobGasUsed: h.blobGasUsed,
    excessBlobGas: h.excessBlobGas,
  }
}
