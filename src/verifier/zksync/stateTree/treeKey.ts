import { blake2s256 as blake2s } from '../../crypto/backends'

/**
 * The tree key of a storage slot: `Blake2s256(12 zero bytes ‖ address(20) ‖ slot(32))`, the 32-byte address
 * padding of zksync-era `StorageKey::hashed_key` (`core/lib/types/src/storage/mod.rs`); zksync.md §3.2 step 1.
 */
export function zksTreeKey(address: Uint8Array, slot: Uint8Array): Uint8Array {
  if (address.length !== 20) throw new RangeError('address must be 20 bytes')
  if (slot.length !== 32) throw new RangeError('storage slot must be 32 bytes')
  const buf = new Uint8Array(64)
  buf.set(address, 12)
  buf.set(slot, 32)
  return blake2s(buf)
}

/**
 * Bit `depth` of the tree key, with depth 0 next to the leaf and 255 at the root. The Rust tree reads the digest
 * as `U256::from_little_endian`, so bit i lives in byte i>>3 at position i&7 (zksync.md §3.2 steps 1 and 6).
 * A 1 means the path goes right at that level: the sibling is on the left.
 */
export function treeKeyBit(treeKey: Uint8Array, depth: number): number {
  return (treeKey[depth >> 3]! >> (depth & 7)) & 1
}
