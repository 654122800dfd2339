import { createHash, getHashes } from 'node:crypto'
import { blake2s } from '@noble/hashes/blake2.js'
import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../../tests/support/fixtures'
import { bytesToHex, hexToBytes } from '../../encoding/hex'
import { emptySubtreeHashes, emptyTreeRoot, hashBranch, hashLeaf } from './treeHasher'

interface Vectors {
  emptySubtreeHashes: Record<string, string>
  rustUnitVectors: { emptyTreeRoot: string; leafHash_index1_value0x01x32: string }
}
const V = readFixtureJson<Vectors>('zksync/derived/state_tree_vectors.json')

describe('state tree hasher', () => {
  it('computes the empty subtree hashes of the vectors and the Rust empty-tree root', () => {
    const E = emptySubtreeHashes()
    expect(E).toHaveLength(257)
    expect(bytesToHex(E[0]!)).toBe(V.emptySubtreeHashes.depth0_emptyLeaf)
    expect(bytesToHex(E[1]!)).toBe(V.emptySubtreeHashes.depth1)
    expect(bytesToHex(E[2]!)).toBe(V.emptySubtreeHashes.depth2)
    expect(bytesToHex(E[256]!)).toBe(V.emptySubtreeHashes.depth256_emptyTree)
    // zksync-era `empty_tree_hash_is_as_expected`
    expect(bytesToHex(emptyTreeRoot())).toBe(V.rustUnitVectors.emptyTreeRoot)
    expect(emptySubtreeHashes()).toBe(E) // computed once
  })

  it('hashes a leaf as Blake2s(u64_be(index) ‖ value)', () => {
    expect(bytesToHex(hashLeaf(1n, new Uint8Array(32).fill(1)))).toBe(
      V.rustUnitVectors.leafHash_index1_value0x01x32,
    )
    // the empty leaf is index 0 with value 0
    expect(bytesToHex(hashLeaf(0n, new Uint8Array(32)))).toBe(V.emptySubtreeHashes.depth0_emptyLeaf)
    // the index is big-endian: index 1 and index 2^56 differ
    expect(bytesToHex(hashLeaf(1n << 56n, new Uint8Array(32).fill(1)))).not.toBe(
      V.rustUnitVectors.leafHash_index1_value0x01x32,
    )
    expect(() => hashLeaf(1n << 64n, new Uint8Array(32))).toThrow(RangeError)
    expect(() => hashLeaf(1n, new Uint8Array(31))).toThrow(RangeError)
  })

  it('hashes a branch as Blake2s(left ‖ right), order mattering', () => {
    const E = emptySubtreeHashes()
    expect(hashBranch(E[0]!, E[0]!)).toEqual(E[1])
    const a = hexToBytes(V.emptySubtreeHashes.depth1)
    const b = hexToBytes(V.emptySubtreeHashes.depth2)
    expect(hashBranch(a, b)).not.toEqual(hashBranch(b, a))
  })

  // node:crypto is only a cross-check here: the verifier stays on @noble/hashes so it runs in the renderer.
  it.runIf(getHashes().includes('blake2s256'))('agrees with node:crypto blake2s256', () => {
    for (const len of [0, 1, 32, 40, 63, 64, 65, 200]) {
      const data = Uint8Array.from({ length: len }, (_, i) => (i * 37 + len) & 0xff)
      const node = new Uint8Array(createHash('blake2s256').update(data).digest())
      expect(bytesToHex(blake2s(data))).toBe(bytesToHex(node))
    }
    const E = emptySubtreeHashes()
    const node = new Uint8Array(
      createHash('blake2s256')
        .update(Buffer.concat([E[255]!, E[255]!]))
        .digest(),
    )
    expect(bytesToHex(node)).toBe(V.rustUnitVectors.emptyTreeRoot)
  })
})
