import { secp256k1 } from '@noble/curves/secp256k1.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToBigint, concatBytes } from '../../verifier/encoding/hex'
import type { Receipt } from '../../verifier/mpt/receiptsRoot'
import { encodeBytes, encodeList, encodeUint } from '../../verifier/mpt/rlp'

/**
 * Transactions and receipts of the test world. Transactions are real EIP-1559 (type 2) envelopes signed with
 * keys derived from the world's seed, so hash = keccak256(0x02 ‖ RLP(fields, yParity, r, s)) and the sender
 * is what ecrecover gives — a client that checks either sees a genuine transaction.
 */
export interface DynamicFeeTransaction {
  chainId: bigint
  nonce: bigint
  maxPriorityFeePerGas: bigint
  maxFeePerGas: bigint
  gasLimit: bigint
  to: Uint8Array
  value: bigint
  input: Uint8Array
}

export interface SignedTransaction extends DynamicFeeTransaction {
  type: 2
  from: Uint8Array
  yParity: 0 | 1
  r: bigint
  s: bigint
  /** The EIP-2718 envelope: the transactions-trie value and the SSZ `Transaction` of the payload. */
  envelope: Uint8Array
  hash: Uint8Array
}

/** EIP-2718 type byte of EIP-1559 transactions and their receipts. */
export const DYNAMIC_FEE_TX_TYPE = 2

function unsignedFields(tx: DynamicFeeTransaction): Uint8Array[] {
  return [
    encodeUint(tx.chainId),
    encodeUint(tx.nonce),
    encodeUint(tx.maxPriorityFeePerGas),
    encodeUint(tx.maxFeePerGas),
    encodeUint(tx.gasLimit),
    encodeBytes(tx.to),
    encodeUint(tx.value),
    encodeBytes(tx.input),
    encodeList([]), // access list
  ]
}

/** The address of a secp256k1 key: the last 20 bytes of keccak256 of the uncompressed public key. */
export function addressOfKey(secretKey: Uint8Array): Uint8Array {
  return keccak_256(secp256k1.getPublicKey(secretKey, false).subarray(1)).subarray(12)
}

export function signTransaction(tx: DynamicFeeTransaction, secretKey: Uint8Array): SignedTransaction {
  const type = Uint8Array.of(DYNAMIC_FEE_TX_TYPE)
  const fields = unsignedFields(tx)
  // EIP-1559: the signed message is keccak256(0x02 ‖ RLP([chainId, …, accessList])).
  const digest = keccak_256(concatBytes(type, encodeList(fields)))
  // RFC 6979 nonces and low-s (EIP-2): the same world always signs the same bytes.
  const sig = secp256k1.sign(digest, secretKey, { prehash: false, format: 'recovered' })
  const yParity = (sig[0]! & 1) as 0 | 1
  const r = bytesToBigint(sig.subarray(1, 33))
  const s = bytesToBigint(sig.subarray(33, 65))
  const envelope = concatBytes(
    type,
    encodeList([...fields, encodeUint(BigInt(yParity)), encodeUint(r), encodeUint(s)]),
  )
  return {
    ...tx,
    type: 2,
    from: addressOfKey(secretKey),
    yParity,
    r,
    s,
    envelope,
    hash: keccak_256(envelope),
  }
}

/**
 * A receipt of the world: the verifier's Receipt (whose encodeReceipt gives the receipts-trie value) plus what
 * eth_getTransactionReceipt reports. The world's calls emit no events, so logs are empty.
 */
export interface WorldReceipt extends Receipt {
  status: bigint
  gasUsed: bigint
  effectiveGasPrice: bigint
  logs: []
}

/** Intrinsic gas (Yellow Paper eq. 60, EIP-2028): 21000 plus 4 per zero and 16 per nonzero calldata byte. */
export function intrinsicGas(input: Uint8Array): bigint {
  let gas = 21_000n
  for (const b of input) gas += b === 0 ? 4n : 16n
  return gas
}
