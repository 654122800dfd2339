import { blake2s256 as blake2s, hashBackendGeneration } from '../../crypto/backends'

/**
 * The hash functions of the ZKsync Era state tree: a sparse Merkle tree of depth 256 over Blake2s-256
 * (plain, unkeyed, 32-byte digest). Source: zksync-era `core/lib/merkle_tree/src/hasher/mod.rs` and
 * `core/lib/crypto_primitives/src/hasher/blake2.rs`; research note zksync.md §3.2.
 */

/** Depth of the tree: one level per bit of the 256-bit tree key. */
export const TREE_DEPTH = 256

/** `Blake2s256(left ‖ right)`: an internal node (zksync.md §3.2 step 3). */
export function hashBranch(left: Uint8Array, right: Uint8Array): Uint8Array {
  const buf = new Uint8Array(64)
  buf.set(left, 0)
  buf.set(right, 32)
  return blake2s(buf)
}

/**
 * `Blake2s256(u64_be(index) ‖ value)`: a leaf (zksync.md §3.2 step 2). The enumeration index is bound into
 * the leaf, so a proof cannot be replayed with another index. Index 0 with value 0 is the empty leaf.
 */
export function hashLeaf(index: bigint, value: Uint8Array): Uint8Array {
  if (index < 0n || index >= 1n << 64n) throw new RangeError('leaf index does not fit in a u64')
  if (value.length !== 32) throw new RangeError('leaf value must be 32 bytes')
  const buf = new Uint8Array(40)
  new DataView(buf.buffer).setBigUint64(0, index, false)
  buf.set(value, 8)
  return blake2s(buf)
}

let emptySubtrees: Uint8Array[] | undefined
/** The hash backend the table was computed with: a switch of backend (tests, a second lane) recomputes it. */
let emptySubtreesGeneration = -1

/**
 * `E[d]`, the root of an empty subtree of height d, for d = 0..256: `E[0]` is the empty leaf and
 * `E[d+1] = H(E[d] ‖ E[d])`; `E[256]` is the empty-tree root 0x98a48e4e… (zksync.md §3.2 step 4). Computed
 * once, on first use, because the RPC trims these from the leaf side of every proof.
 */
export function emptySubtreeHashes(): readonly Uint8Array[] {
  if (emptySubtrees === undefined || emptySubtreesGeneration !== hashBackendGeneration()) {
    const out: Uint8Array[] = [hashLeaf(0n, new Uint8Array(32))]
    for (let d = 0; d < TREE_DEPTH; d++) {
      const below = out[d]!
      out.push(hashBranch(below, below))
    }
    emptySubtrees = out
    emptySubtreesGeneration = hashBackendGeneration()
  }
  return emptySubtrees
}

/** The root of the tree with no leaves. */
export function emptyTreeRoot(): Uint8Array {
  return emptySubtreeHashes()[TREE_DEPTH]!
}
