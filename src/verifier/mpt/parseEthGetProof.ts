import { z } from 'zod'
import { InputError } from '../../shared/errors'
import type { LosslessJson } from '../encoding/json'
import { unwrapJsonRpc } from '../encoding/rpc'
import { hexData, parseWith, quantity, toBytes, toQuantity } from './jsonSchemas'

/**
 * The boundary for EIP-1186 `eth_getProof` results (research/l1-light-client.md §3.1–3.2). Everything here is
 * a claim of the endpoint; the verifier proves or refutes each one against a trusted state root.
 */
export interface ClaimedStorageProof {
  /** The storage slot as 32 bytes (short keys are left-padded, as §3.2 notes some clients send them). */
  key: Uint8Array
  value: bigint
  proof: Uint8Array[]
}

export interface EthGetProof {
  address: Uint8Array
  balance: bigint
  nonce: bigint
  codeHash: Uint8Array
  storageHash: Uint8Array
  accountProof: Uint8Array[]
  storageProof: ClaimedStorageProof[]
}

/**
 * Size bounds: a trie path has at most 64 branch levels plus a leaf, and a branch node is at most 17 × 33
 * bytes plus its list prefix (532 bytes in practice). Anything far beyond that is not a state proof.
 */
export const ETH_GET_PROOF_LIMITS = { maxNodes: 80, maxNodeBytes: 1024, maxStorageProofs: 1024 } as const

const proofNodes = z
  .array(hexData({ maxBytes: ETH_GET_PROOF_LIMITS.maxNodeBytes }))
  .max(ETH_GET_PROOF_LIMITS.maxNodes)

/** A storage key: 0x-hex of 1–64 digits (odd lengths allowed: some clients send it as a QUANTITY). */
const storageKey = z.string().regex(/^0x[0-9a-fA-F]{1,64}$/, 'expected a storage key of at most 32 bytes')

const schema = z.object({
  address: hexData({ length: 20 }),
  balance: quantity,
  nonce: quantity,
  codeHash: hexData({ length: 32 }),
  storageHash: hexData({ length: 32 }),
  accountProof: proofNodes,
  storageProof: z
    .array(z.object({ key: storageKey, value: quantity, proof: proofNodes }))
    .max(ETH_GET_PROOF_LIMITS.maxStorageProofs),
})

const ERROR_CODE = 'input.eth-get-proof'

/** Parses an `eth_getProof` result, given bare or as a whole JSON-RPC response. Throws InputError. */
export function parseEthGetProof(json: LosslessJson): EthGetProof {
  const result = unwrapJsonRpc(json)
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    throw new InputError(
      'eth_getProof: expected an object with address, accountProof, storageProof',
      ERROR_CODE,
    )
  }
  const p = parseWith(schema, result, 'eth_getProof', ERROR_CODE)
  const nonce = toQuantity(p.nonce)
  if (nonce >= 1n << 64n) throw new InputError('eth_getProof: nonce does not fit in 64 bits', ERROR_CODE)
  return {
    address: toBytes(p.address),
    balance: toQuantity(p.balance),
    nonce,
    codeHash: toBytes(p.codeHash),
    storageHash: toBytes(p.storageHash),
    accountProof: p.accountProof.map(toBytes),
    storageProof: p.storageProof.map((s) => ({
      key: toBytes('0x' + s.key.slice(2).padStart(64, '0')),
      value: toQuantity(s.value),
      proof: s.proof.map(toBytes),
    })),
  }
}
