import { keccak_256 } from '../crypto/backends'
import { equalBytes } from '../encoding/hex'
import { decodeRlp, readCanonicalUint } from './rlp'
import { EMPTY_TRIE_ROOT, verifyMptProof, type MptFailure } from './verifyMptProof'

/** keccak256 of empty code: the codeHash of every account without code. */
export const EMPTY_CODE_HASH = keccak_256(new Uint8Array(0))

/** An account as the state trie stores it (Yellow Paper §4.1): RLP([nonce, balance, storageRoot, codeHash]). */
export interface Account {
  nonce: bigint
  balance: bigint
  storageRoot: Uint8Array
  codeHash: Uint8Array
}

export type AccountProofResult =
  | { status: 'present'; account: Account }
  /** Proven not to exist: it reads as nonce 0, balance 0, no storage, no code. */
  | { status: 'absent'; account: Account }
  | { status: 'invalid'; reason: MptFailure | 'bad-account'; detail: string }

/**
 * Proves the account at `address` from `stateRoot` with an eth_getProof `accountProof` (EIP-1186). The trie
 * path is keccak256(address) (research/l1-light-client.md §3.1).
 *
 * @example
 *   const r = verifyAccountProof(trustedStateRoot, address, proof.accountProof)
 *   if (r.status !== 'invalid') r.account.balance
 */
export function verifyAccountProof(
  stateRoot: Uint8Array,
  address: Uint8Array,
  accountProof: readonly Uint8Array[],
): AccountProofResult {
  const r = verifyMptProof(stateRoot, keccak_256(address), accountProof)
  if (r.status === 'invalid') return { status: 'invalid', reason: r.reason, detail: r.detail }
  if (r.status === 'absent') return { status: 'absent', account: emptyAccount() }
  const account = decodeAccount(r.value)
  if (account === undefined) {
    return {
      status: 'invalid',
      reason: 'bad-account',
      detail: 'the leaf value is not RLP([nonce, balance, storageRoot, codeHash])',
    }
  }
  return { status: 'present', account }
}

export function emptyAccount(): Account {
  return { nonce: 0n, balance: 0n, storageRoot: EMPTY_TRIE_ROOT, codeHash: EMPTY_CODE_HASH }
}

/** Strict account decoding: four items, canonical integers (nonce ≤ 64 bits per EIP-2681), 32-byte hashes. */
export function decodeAccount(value: Uint8Array): Account | undefined {
  const item = decodeRlp(value)
  if (!Array.isArray(item) || item.length !== 4) return undefined
  const [n, b, s, c] = item
  const nonce = readCanonicalUint(n, 8)
  const balance = readCanonicalUint(b, 32)
  if (nonce === undefined || balance === undefined) return undefined
  if (!(s instanceof Uint8Array) || s.length !== 32 || !(c instanceof Uint8Array) || c.length !== 32)
    return undefined
  return { nonce, balance, storageRoot: s, codeHash: c }
}

const ZERO_HASH = new Uint8Array(32)

/**
 * Providers describe an absent account with either the empty-trie/empty-code hashes or with zero hashes
 * (research/l1-light-client.md §3.1, helios `is_empty_value`); both mean "no storage, no code".
 */
export function isEmptyStorageHash(hash: Uint8Array): boolean {
  return equalBytes(hash, EMPTY_TRIE_ROOT) || equalBytes(hash, ZERO_HASH)
}

export function isEmptyCodeHash(hash: Uint8Array): boolean {
  return equalBytes(hash, EMPTY_CODE_HASH) || equalBytes(hash, ZERO_HASH)
}
