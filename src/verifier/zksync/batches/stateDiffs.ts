import { keccak_256 } from '../../crypto/backends'
import { InputError } from '../../../shared/errors'
import { bigintToBytes32, concatBytes } from '../../encoding/hex'

/** One storage write of a batch as the L1Messenger hashes it (zk_evm `StateDiffRecord`). */
export interface StateDiffRecord {
  address: Uint8Array
  key: bigint
  derivedKey: Uint8Array
  enumerationIndex: bigint
  initialValue: bigint
  finalValue: bigint
}

/** 156 packed bytes, zero-padded to 4 × 68 = 272 (`encode_padded`; STATE_DIFF_ENTRY_SIZE). */
export const STATE_DIFF_PADDED_SIZE = 272

export function encodeStateDiffPadded(d: StateDiffRecord): Uint8Array {
  if (d.address.length !== 20) throw new InputError('state diff: address must be 20 bytes')
  if (d.derivedKey.length !== 32) throw new InputError('state diff: derived key must be 32 bytes')
  if (d.enumerationIndex < 0n || d.enumerationIndex >= 1n << 64n)
    throw new InputError('state diff: enumeration index does not fit in u64')
  const packed = concatBytes(
    d.address,
    bigintToBytes32(d.key),
    d.derivedKey,
    bigintToBytes32(d.enumerationIndex).subarray(24),
    bigintToBytes32(d.initialValue),
    bigintToBytes32(d.finalValue),
  )
  const out = new Uint8Array(STATE_DIFF_PADDED_SIZE)
  out.set(packed)
  return out
}

/**
 * `stateDiffHash` as L1 sees it in the STATE_DIFF_HASH log (≤ v25) or in operatorDAInput (v26+): keccak of the
 * concatenated padded records, in the order the L1Messenger received them.
 */
export function stateDiffsHash(diffs: readonly StateDiffRecord[]): Uint8Array {
  return keccak_256(concatBytes(...diffs.map(encodeStateDiffPadded)))
}
