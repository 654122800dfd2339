import { sha256 } from '@noble/hashes/sha2.js'
import { equalBytes } from '../encoding/hex'
import { gindexDepth } from './forks'

const ZERO32 = new Uint8Array(32)

export function isZeroBytes(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0) return false
  return true
}

export function isZeroBranch(branch: readonly Uint8Array[]): boolean {
  return branch.every(isZeroBytes)
}

/**
 * consensus-specs `is_valid_normalized_merkle_branch` (Electra): a branch longer than the gindex depth
 * (stored in a later fork's container) must be left-padded with zero nodes; the rest is checked as
 * `is_valid_merkle_branch(leaf, branch[extra:], depth, gindex % 2**depth, root)`: node i is the sibling at
 * level i, on the left when bit i of the subtree index is 1.
 */
export function isValidNormalizedMerkleBranch(
  leaf: Uint8Array,
  branch: readonly Uint8Array[],
  gindex: number,
  root: Uint8Array,
): boolean {
  const depth = gindexDepth(gindex)
  const extra = branch.length - depth
  if (extra < 0) return false
  for (let i = 0; i < extra; i++) if (!equalBytes(branch[i]!, ZERO32)) return false
  const index = gindex - 2 ** depth
  let node = leaf
  const buf = new Uint8Array(64)
  for (let i = 0; i < depth; i++) {
    const sibling = branch[extra + i]!
    if (sibling.length !== 32) return false
    if (Math.floor(index / 2 ** i) % 2 === 1) {
      buf.set(sibling, 0)
      buf.set(node, 32)
    } else {
      buf.set(node, 0)
      buf.set(sibling, 32)
    }
    node = sha256(buf)
  }
  return equalBytes(node, root)
}
