import { sha256 } from '@noble/hashes/sha2.js'
import { keccak_256 } from '../crypto/backends'
import { bytesToHex, concatBytes } from '../encoding/hex'
import { computeBlockHash, parseBlockHeader, type ExecutionHeader } from '../mpt/blockHeader'
import { buildTrieRoot } from '../mpt/buildTrieRoot'
import { encodeBytes, encodeList, encodeUint } from '../mpt/rlp'

/**
 * The EL block header rebuilt from a beacon block's execution payload: after the merge every header field is
 * either in the payload or fixed (EIP-3675), so keccak256(RLP(header)) can be recomputed from the signed block
 * alone and compared with the payload's own block_hash — what an execution client checks in
 * engine_newPayload (Engine API paris.md "validate blockHash"). Field by field:
 *
 * - sha3Uncles = keccak256(RLP([])), difficulty = 0, nonce = 0 (EIP-3675); mixHash = prev_randao (EIP-4399);
 *   miner = fee_recipient.
 * - transactionsRoot: the trie of RLP(index) → transaction bytes (Yellow Paper §4.3.2; the payload carries
 *   each transaction as its canonical encoding).
 * - withdrawalsRoot: the trie of RLP(index) → RLP([index, validatorIndex, address, amount]) (EIP-4895).
 * - parentBeaconBlockRoot: the beacon block's parent_root (EIP-4788).
 * - requestsHash (Electra and later): sha256(sha256(type ‖ data) for each non-empty request list) over the
 *   block body's execution_requests, type 0 deposits, 1 withdrawals, 2 consolidations (EIP-7685; consensus
 *   specs electra/beacon-chain.md get_execution_requests_list: data = SSZ serialization of the list).
 *
 * The result goes through parseBlockHeader, the one place that knows the header layout per fork.
 */
export interface PayloadWithdrawal {
  index: number | bigint
  validatorIndex: number | bigint
  address: Uint8Array
  amount: number | bigint
}

export interface PayloadFields {
  parentHash: Uint8Array
  feeRecipient: Uint8Array
  stateRoot: Uint8Array
  receiptsRoot: Uint8Array
  logsBloom: Uint8Array
  prevRandao: Uint8Array
  blockNumber: number | bigint
  gasLimit: number | bigint
  gasUsed: number | bigint
  timestamp: number | bigint
  extraData: Uint8Array
  baseFeePerGas: number | bigint
  blockHash: Uint8Array
  transactions: readonly Uint8Array[]
  withdrawals: readonly PayloadWithdrawal[]
  blobGasUsed: number | bigint
  excessBlobGas: number | bigint
}

/** The three request lists of an Electra body, each already SSZ-serialized (the concatenated fixed-size items). */
export interface SerializedRequests {
  deposits: Uint8Array
  withdrawals: Uint8Array
  consolidations: Uint8Array
}

const EMPTY_LIST_HASH = keccak_256(encodeList([]))
const quantity = (v: number | bigint) => `0x${BigInt(v).toString(16)}`
const indexKey = (i: number) => encodeUint(BigInt(i))

export function headerFromPayload(
  payload: PayloadFields,
  parentBeaconBlockRoot: Uint8Array,
  requests: SerializedRequests | null,
): ExecutionHeader {
  return parseBlockHeader(headerJsonFromPayload(payload, parentBeaconBlockRoot, requests))
}

/** The header fields as eth_getBlockByNumber names them (0x-hex), before RLP. */
export function headerJsonFromPayload(
  payload: PayloadFields,
  parentBeaconBlockRoot: Uint8Array,
  requests: SerializedRequests | null,
): Record<string, string> {
  const transactionsRoot = buildTrieRoot(
    payload.transactions.map((tx, i) => ({ key: indexKey(i), value: tx })),
  )
  const withdrawalsRoot = buildTrieRoot(
    payload.withdrawals.map((w, i) => ({
      key: indexKey(i),
      value: encodeList([
        encodeUint(BigInt(w.index)),
        encodeUint(BigInt(w.validatorIndex)),
        encodeBytes(w.address),
        encodeUint(BigInt(w.amount)),
      ]),
    })),
  )
  const json: Record<string, string> = {
    parentHash: bytesToHex(payload.parentHash),
    sha3Uncles: bytesToHex(EMPTY_LIST_HASH),
    miner: bytesToHex(payload.feeRecipient),
    stateRoot: bytesToHex(payload.stateRoot),
    transactionsRoot: bytesToHex(transactionsRoot),
    receiptsRoot: bytesToHex(payload.receiptsRoot),
    logsBloom: bytesToHex(payload.logsBloom),
    difficulty: '0x0',
    number: quantity(payload.blockNumber),
    gasLimit: quantity(payload.gasLimit),
    gasUsed: quantity(payload.gasUsed),
    timestamp: quantity(payload.timestamp),
    extraData: bytesToHex(payload.extraData),
    mixHash: bytesToHex(payload.prevRandao),
    nonce: '0x0000000000000000',
    baseFeePerGas: quantity(payload.baseFeePerGas),
    withdrawalsRoot: bytesToHex(withdrawalsRoot),
    blobGasUsed: quantity(payload.blobGasUsed),
    excessBlobGas: quantity(payload.excessBlobGas),
    parentBeaconBlockRoot: bytesToHex(parentBeaconBlockRoot),
  }
  if (requests) json.requestsHash = bytesToHex(requestsHash(requests))
  return json
}

/** EIP-7685 requests commitment over the typed request lists (empty lists are left out). */
export function requestsHash(r: SerializedRequests): Uint8Array {
  const parts = [r.deposits, r.withdrawals, r.consolidations].flatMap((data, type) =>
    data.length === 0 ? [] : [sha256(concatBytes(Uint8Array.of(type), data))],
  )
  return sha256(concatBytes(...parts))
}

/** keccak256(RLP(header rebuilt from the payload)), for comparison with payload.blockHash. */
export function payloadHeaderHash(
  payload: PayloadFields,
  parentBeaconBlockRoot: Uint8Array,
  requests: SerializedRequests | null,
): Uint8Array {
  return computeBlockHash(headerFromPayload(payload, parentBeaconBlockRoot, requests))
}
