import { keccak_256 } from '../../crypto/backends'
import { decodeStrict, encodeAbi } from '../../encoding/abi'
import { bigintToBytes32, bytesToHex, equalBytes, hexToBytes } from '../../encoding/hex'
import type { Log } from '../../mpt/receiptsRoot'
import { BOOTLOADER_ADDRESS, type L2ToL1Log } from './l2ToL1Log'

/**
 * L1 → L2 priority requests (deposits) as the chain's diamond announces them (era-contracts
 * `state-transition/chain-interfaces/IMailboxImpl.sol`):
 * `NewPriorityRequest(uint256 txId, bytes32 txHash, uint64 expirationTimestamp, L2CanonicalTransaction transaction,
 * bytes[] factoryDeps)`, nothing indexed, emitted by the Mailbox facet, so from the diamond's address.
 * `L2CanonicalTransaction` is `common/Messaging.sol`'s 16 fields, and the canonical L2 hash is
 * `keccak256(abi.encode(transaction))` (`Mailbox._writePriorityOp`): the ABI encoding of the one dynamic tuple, its
 * leading offset word included. The hash is recomputed here from the decoded fields, never read from the event.
 */
export const L2_CANONICAL_TRANSACTION =
  'tuple(uint256 txType, uint256 from, uint256 to, uint256 gasLimit, uint256 gasPerPubdataByteLimit, uint256 maxFeePerGas, uint256 maxPriorityFeePerGas, uint256 paymaster, uint256 nonce, uint256 value, uint256[4] reserved, bytes data, bytes signature, uint256[] factoryDeps, bytes paymasterInput, bytes reservedDynamic)'

const TUPLE_TYPES =
  '(uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256[4],bytes,bytes,uint256[],bytes,bytes)'

/** keccak256 of the event's canonical signature: topic 0 of every NewPriorityRequest log. */
export const NEW_PRIORITY_REQUEST_TOPIC = keccak_256(
  new TextEncoder().encode(`NewPriorityRequest(uint256,bytes32,uint64,${TUPLE_TYPES},bytes[])`),
)

/** The priority transaction type (zksync-era `PRIORITY_OPERATION_L2_TX_TYPE`, 255). */
export const PRIORITY_TX_TYPE = 255n

export interface L2CanonicalTransaction {
  txType: bigint
  from: bigint
  to: bigint
  gasLimit: bigint
  gasPerPubdataByteLimit: bigint
  maxFeePerGas: bigint
  maxPriorityFeePerGas: bigint
  paymaster: bigint
  nonce: bigint
  value: bigint
  /** [toMint, refundRecipient, 0, 0] for a priority transaction (Mailbox `_serializeL2Transaction`). */
  reserved: [bigint, bigint, bigint, bigint]
  data: Uint8Array
  signature: Uint8Array
  factoryDeps: bigint[]
  paymasterInput: Uint8Array
  reservedDynamic: Uint8Array
}

export interface PriorityRequest {
  txId: bigint
  /** What the event says the canonical hash is; checked against canonicalTxHash(transaction). */
  claimedTxHash: Uint8Array
  expirationTimestamp: bigint
  transaction: L2CanonicalTransaction
  factoryDeps: Uint8Array[]
  /** Whether the log data is exactly the canonical ABI encoding of what was decoded. */
  canonical: boolean
}

export type PriorityRequestRead = { ok: true; request: PriorityRequest } | { ok: false; reason: string }

const transactionValues = (t: L2CanonicalTransaction): unknown[] => [
  t.txType,
  t.from,
  t.to,
  t.gasLimit,
  t.gasPerPubdataByteLimit,
  t.maxFeePerGas,
  t.maxPriorityFeePerGas,
  t.paymaster,
  t.nonce,
  t.value,
  t.reserved,
  bytesToHex(t.data),
  bytesToHex(t.signature),
  t.factoryDeps,
  bytesToHex(t.paymasterInput),
  bytesToHex(t.reservedDynamic),
]

/** `keccak256(abi.encode(transaction))`: the canonical L2 transaction hash of a priority request. */
export function canonicalTxHash(t: L2CanonicalTransaction): Uint8Array {
  return keccak_256(encodeAbi([L2_CANONICAL_TRANSACTION], [transactionValues(t)]))
}

/** ABI `NewPriorityRequest` data for a request (what the diamond emits): the test world builds its logs with it. */
export function encodePriorityRequestData(p: {
  txId: bigint
  txHash: Uint8Array
  expirationTimestamp: bigint
  transaction: L2CanonicalTransaction
  factoryDeps: Uint8Array[]
}): Uint8Array {
  return encodeAbi(
    ['uint256', 'bytes32', 'uint64', L2_CANONICAL_TRANSACTION, 'bytes[]'],
    [
      p.txId,
      bytesToHex(p.txHash),
      p.expirationTimestamp,
      transactionValues(p.transaction),
      p.factoryDeps.map((d) => bytesToHex(d)),
    ],
  )
}

const big = (v: unknown) => v as bigint
const bytes = (v: unknown) => hexToBytes(v as string)

/** Decodes a NewPriorityRequest log's data; a log that does not decode is reported, never thrown. */
export function readPriorityRequest(data: Uint8Array): PriorityRequestRead {
  let decoded: { values: unknown[]; canonical: boolean }
  try {
    decoded = decodeStrict(
      ['uint256', 'bytes32', 'uint64', L2_CANONICAL_TRANSACTION, 'bytes[]'],
      data,
      'NewPriorityRequest',
    )
  } catch (err) {
    return { ok: false, reason: (err as Error).message }
  }
  const [txId, txHash, expiration, tx, deps] = decoded.values as [
    unknown,
    unknown,
    unknown,
    unknown[],
    unknown[],
  ]
  const reserved = (tx[10] as unknown[]).map(big) as [bigint, bigint, bigint, bigint]
  return {
    ok: true,
    request: {
      txId: big(txId),
      claimedTxHash: bytes(txHash),
      expirationTimestamp: big(expiration),
      transaction: {
        txType: big(tx[0]),
        from: big(tx[1]),
        to: big(tx[2]),
        gasLimit: big(tx[3]),
        gasPerPubdataByteLimit: big(tx[4]),
        maxFeePerGas: big(tx[5]),
        maxPriorityFeePerGas: big(tx[6]),
        paymaster: big(tx[7]),
        nonce: big(tx[8]),
        value: big(tx[9]),
        reserved,
        data: bytes(tx[11]),
        signature: bytes(tx[12]),
        factoryDeps: (tx[13] as unknown[]).map(big),
        paymasterInput: bytes(tx[14]),
        reservedDynamic: bytes(tx[15]),
      },
      factoryDeps: deps.map(bytes),
      canonical: decoded.canonical,
    },
  }
}

/** The logs of a receipt that are NewPriorityRequest events from `diamond` (any other emitter is ignored). */
export function priorityRequestLogs(logs: readonly Log[], diamond: Uint8Array): Log[] {
  return logs.filter(
    (l) =>
      equalBytes(l.address, diamond) &&
      l.topics.length === 1 &&
      equalBytes(l.topics[0]!, NEW_PRIORITY_REQUEST_TOPIC),
  )
}

/**
 * The bootloader's status log for an L1 → L2 transaction (era-contracts `bootloader.yul`
 * `sendL2LogUsingL1Messenger(true, canonicalL1TxHash, success)`; rebuilt the same way by
 * `Mailbox.proveL1ToL2TransactionStatus`): shard 0, a service log from 0x…8001, key = the canonical hash,
 * value = 1 for success, 0 for failure.
 */
export function depositStatusLog(
  txNumberInBatch: number,
  l2TxHash: Uint8Array,
  succeeded: boolean,
): L2ToL1Log {
  return {
    shardId: 0,
    isService: true,
    txNumberInBatch,
    sender: BOOTLOADER_ADDRESS,
    key: l2TxHash,
    value: bigintToBytes32(succeeded ? 1n : 0n),
  }
}

const address = (v: bigint) => bytesToHex(bigintToBytes32(v).subarray(12))

/** What a person reads off a priority request: who, to whom, how much ETH minted and sent, the refund address. */
export function priorityRequestFacts(p: PriorityRequest, l2TxHash: Uint8Array) {
  const t = p.transaction
  return {
    txId: p.txId.toString(),
    l2TxHash: bytesToHex(l2TxHash),
    l2Sender: address(t.from),
    l2Contract: address(t.to),
    l2Value: t.value.toString(),
    mintValue: t.reserved[0].toString(),
    refundRecipient: address(t.reserved[1]),
    l2GasLimit: t.gasLimit.toString(),
    expirationTimestamp: p.expirationTimestamp.toString(),
    ...(t.data.length >= 4 ? { l2Selector: bytesToHex(t.data.subarray(0, 4)) } : {}),
  }
}
