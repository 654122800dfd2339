import { keccak_256 } from '../crypto/backends'
import { decodeRlp, readCanonicalUint } from './rlp'
import { verifyMptProof, type MptFailure } from './verifyMptProof'

export type StorageProofResult =
  /** `value` is the 256-bit word; an absent slot reads as 0 (the EVM never stores zero). */
  | { status: 'present' | 'absent'; value: bigint }
  | { status: 'invalid'; reason: MptFailure | 'bad-value'; detail: string }

/**
 * Proves one storage slot from an account's storage root (research/l1-light-client.md §3.2). The trie path is
 * keccak256(slot as 32 bytes); the leaf holds RLP(value as minimal bytes), so a stored value is never zero
 * and never has a leading zero byte — either would be a second encoding of the same word, and is refused.
 *
 * @example
 *   const r = verifyStorageProof(account.storageRoot, slot32, entry.proof)
 */
export function verifyStorageProof(
  storageRoot: Uint8Array,
  slot: Uint8Array,
  proof: readonly Uint8Array[],
): StorageProofResult {
  const r = verifyMptProof(storageRoot, keccak_256(slot), proof)
  if (r.status === 'invalid') return { status: 'invalid', reason: r.reason, detail: r.detail }
  if (r.status === 'absent') return { status: 'absent', value: 0n }
  const value = readCanonicalUint(decodeRlp(r.value), 32)
  if (value === undefined || value === 0n) {
    return {
      status: 'invalid',
      reason: 'bad-value',
      detail: 'the leaf is not RLP of a nonzero word in minimal bytes',
    }
  }
  return { status: 'present', value }
}
