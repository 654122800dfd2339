import { ssz } from '@lodestar/types'
import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
import type { ExecutionPayloadHeaderValue } from './beaconBlocks'
import { devnetTimestampAt } from './devnetNetwork'
import { deriveBeaconBytes } from './syncCommittees'

/**
 * The ExecutionPayloadHeader a beacon block commits to (consensus-specs deneb/beacon-chain.md; unchanged in
 * Electra). Accepted in the shape the verifier's domain type has (Uint8Array, bigint) or as hex strings and
 * decimal/0x quantities, so `executionPayloadOf(block)` from the L1 world can be passed as it is.
 */
type BytesInput = Uint8Array | string
type UintInput = bigint | number | string

export interface ExecutionPayloadInput {
  parentHash: BytesInput
  feeRecipient: BytesInput
  stateRoot: BytesInput
  receiptsRoot: BytesInput
  logsBloom: BytesInput
  prevRandao: BytesInput
  blockNumber: UintInput
  gasLimit: UintInput
  gasUsed: UintInput
  timestamp: UintInput
  extraData: BytesInput
  baseFeePerGas: UintInput
  blockHash: BytesInput
  transactionsRoot: BytesInput
  withdrawalsRoot: BytesInput
  blobGasUsed?: UintInput
  excessBlobGas?: UintInput
}

function hex(value: BytesInput, what: string, length?: number): string {
  return bytesToHex(typeof value === 'string' ? hexToBytes(value, what, length) : value)
}

function decimal(value: UintInput, what: string): string {
  let n: bigint
  try {
    n = typeof value === 'string' && !/^0x/i.test(value) && !/^[0-9]+$/.test(value) ? -1n : BigInt(value)
  } catch {
    n = -1n
  }
  if (n < 0n) throw new TypeError(`execution payload ${what}: not an unsigned integer`)
  return n.toString()
}

/** The lodestar (SSZ) value of an execution payload header; throws on a malformed field. */
export function toExecutionPayloadHeader(input: ExecutionPayloadInput): ExecutionPayloadHeaderValue {
  return ssz.electra.ExecutionPayloadHeader.fromJson({
    parent_hash: hex(input.parentHash, 'parentHash', 32),
    fee_recipient: hex(input.feeRecipient, 'feeRecipient', 20),
    state_root: hex(input.stateRoot, 'stateRoot', 32),
    receipts_root: hex(input.receiptsRoot, 'receiptsRoot', 32),
    logs_bloom: hex(input.logsBloom, 'logsBloom', 256),
    prev_randao: hex(input.prevRandao, 'prevRandao', 32),
    block_number: decimal(input.blockNumber, 'blockNumber'),
    gas_limit: decimal(input.gasLimit, 'gasLimit'),
    gas_used: decimal(input.gasUsed, 'gasUsed'),
    timestamp: decimal(input.timestamp, 'timestamp'),
    extra_data: hex(input.extraData, 'extraData'),
    base_fee_per_gas: decimal(input.baseFeePerGas, 'baseFeePerGas'),
    block_hash: hex(input.blockHash, 'blockHash', 32),
    transactions_root: hex(input.transactionsRoot, 'transactionsRoot', 32),
    withdrawals_root: hex(input.withdrawalsRoot, 'withdrawalsRoot', 32),
    blob_gas_used: decimal(input.blobGasUsed ?? 0n, 'blobGasUsed'),
    excess_blob_gas: decimal(input.excessBlobGas ?? 0n, 'excessBlobGas'),
  })
}

/**
 * A payload for a block before the world's EL history (the bootstrap and period-update blocks): random-looking
 * hashes from the seed, the slot's timestamp, and a block number counting one EL block per slot back from the
 * head (never below 0). Nothing checks these against an L1 server; only the head's payload is the caller's.
 */
export function syntheticPayload(
  seed: string,
  slot: bigint,
  head: ExecutionPayloadHeaderValue,
  headSlot: bigint,
): ExecutionPayloadHeaderValue {
  const bytes = (label: string) => deriveBeaconBytes(seed, `payload/${slot}/${label}`)
  const back = Number(headSlot - slot)
  return {
    ...ssz.electra.ExecutionPayloadHeader.defaultValue(),
    parentHash: bytes('parent-hash'),
    feeRecipient: deriveBeaconBytes(seed, 'fee-recipient').subarray(12),
    stateRoot: bytes('state-root'),
    receiptsRoot: bytes('receipts-root'),
    prevRandao: bytes('prev-randao'),
    blockNumber: Math.max(0, head.blockNumber - back),
    gasLimit: 36_000_000,
    gasUsed: 0,
    timestamp: Number(devnetTimestampAt(slot)),
    extraData: new TextEncoder().encode('lightproof devnet'),
    baseFeePerGas: 1_000_000_000n,
    blockHash: bytes('block-hash'),
    transactionsRoot: bytes('transactions-root'),
    withdrawalsRoot: bytes('withdrawals-root'),
  }
}
