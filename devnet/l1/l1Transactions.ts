import { secp256k1 } from '@noble/curves/secp256k1.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToBigint, concatBytes } from '../../src/verifier/encoding/hex'
import type { Log, Receipt } from '../../src/verifier/mpt/receiptsRoot'
import { encodeBytes, encodeList, encodeUint } from '../../src/verifier/mpt/rlp'

/**
 * Transactions and receipts of the test world. Transactions are EIP-1559 (type 2) envelopes, and
 * hash = keccak256(0x02 ‖ RLP(fields, yParity, r, s)). Those from the world's own senders are signed with keys
 * derived from the seed, so ecrecover gives the sender; those from a foreign address carry a placeholder
 * signature (placeholderSignedTransaction).
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
  /** EIP-4844: present (non-empty) for a blob transaction, which is then type 3 (ZKsync's blob commits). */
  blobVersionedHashes?: Uint8Array[]
  maxFeePerBlobGas?: bigint
}

export interface SignedTransaction extends DynamicFeeTransaction {
  type: 2 | 3
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
/** EIP-4844 blob transactions: the 1559 fields, then max_fee_per_blob_gas and blob_versioned_hashes. */
export const BLOB_TX_TYPE = 3

const isBlobTx = (tx: DynamicFeeTransaction) => (tx.blobVersionedHashes?.length ?? 0) > 0
export const txTypeOf = (tx: DynamicFeeTransaction): 2 | 3 =>
  isBlobTx(tx) ? BLOB_TX_TYPE : DYNAMIC_FEE_TX_TYPE

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
    ...(isBlobTx(tx)
      ? [
          encodeUint(tx.maxFeePerBlobGas ?? 1n),
          encodeList(tx.blobVersionedHashes!.map((h) => encodeBytes(h))),
        ]
      : []),
  ]
}

/** The address of a secp256k1 key: the last 20 bytes of keccak256 of the uncompressed public key. */
export function addressOfKey(secretKey: Uint8Array): Uint8Array {
  return keccak_256(secp256k1.getPublicKey(secretKey, false).subarray(1)).subarray(12)
}

export function signTransaction(tx: DynamicFeeTransaction, secretKey: Uint8Array): SignedTransaction {
  // EIP-1559: the signed message is keccak256(0x02 ‖ RLP([chainId, …, accessList])).
  const digest = keccak_256(concatBytes(Uint8Array.of(txTypeOf(tx)), encodeList(unsignedFields(tx))))
  // RFC 6979 nonces and low-s (EIP-2): the same world always signs the same bytes.
  const sig = secp256k1.sign(digest, secretKey, { prehash: false, format: 'recovered' })
  return sealTransaction(tx, addressOfKey(secretKey), {
    yParity: (sig[0]! & 1) as 0 | 1,
    r: bytesToBigint(sig.subarray(1, 33)),
    s: bytesToBigint(sig.subarray(33, 65)),
  })
}

/**
 * A transaction "from" an address the world holds no key for (the zksync part names its own operator): the
 * envelope carries a placeholder signature derived from `salt` — well-formed (0 < r < n, 0 < s ≤ n/2) but not
 * made by `from`, so ecrecover gives some other address. Its hash is still keccak256 of its envelope.
 */
export function placeholderSignedTransaction(
  tx: DynamicFeeTransaction,
  from: Uint8Array,
  salt: Uint8Array,
): SignedTransaction {
  const n = secp256k1.Point.CURVE().n
  const r = (bytesToBigint(keccak_256(concatBytes(salt, Uint8Array.of(1)))) % (n - 1n)) + 1n
  const s = (bytesToBigint(keccak_256(concatBytes(salt, Uint8Array.of(2)))) % (n / 2n - 1n)) + 1n
  return sealTransaction(tx, from, { yParity: 0, r, s })
}

function sealTransaction(
  tx: DynamicFeeTransaction,
  from: Uint8Array,
  sig: { yParity: 0 | 1; r: bigint; s: bigint },
): SignedTransaction {
  const envelope = concatBytes(
    Uint8Array.of(txTypeOf(tx)),
    encodeList([
      ...unsignedFields(tx),
      encodeUint(BigInt(sig.yParity)),
      encodeUint(sig.r),
      encodeUint(sig.s),
    ]),
  )
  return { ...tx, type: txTypeOf(tx), from, ...sig, envelope, hash: keccak_256(envelope) }
}

/** The 2048-bit log bloom (Yellow Paper §4.3.1 M3:2048): for the address and each topic, three bits. */
export function logsBloom(logs: readonly Log[]): Uint8Array {
  const bloom = new Uint8Array(256)
  for (const log of logs) {
    for (const item of [log.address, ...log.topics]) {
      const h = keccak_256(item)
      for (let i = 0; i < 6; i += 2) {
        const bit = ((h[i]! << 8) | h[i + 1]!) & 0x7ff
        bloom[255 - (bit >> 3)]! |= 1 << (bit & 7)
      }
    }
  }
  return bloom
}

export function orBlooms(blooms: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(256)
  for (const b of blooms) for (let i = 0; i < 256; i++) out[i]! |= b[i]!
  return out
}

/**
 * A receipt of the world: the verifier's Receipt (whose encodeReceipt gives the receipts-trie value) plus what
 * eth_getTransactionReceipt reports.
 */
export interface WorldReceipt extends Receipt {
  status: bigint
  gasUsed: bigint
  effectiveGasPrice: bigint
}

/** Intrinsic gas (Yellow Paper eq. 60, EIP-2028): 21000 plus 4 per zero and 16 per nonzero calldata byte. */
export function intrinsicGas(input: Uint8Array): bigint {
  let gas = 21_000n
  for (const b of input) gas += b === 0 ? 4n : 16n
  return gas
}
