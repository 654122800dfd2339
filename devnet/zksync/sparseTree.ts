import { blake2s } from '@noble/hashes/blake2.js'
import { bytesToHex, equalBytes } from '../../src/verifier/encoding/hex'

/**
 * A builder for the ZKsync Era state tree (zksync.md §3.2): a sparse binary Merkle tree of depth 256 over
 * Blake2s-256, where a slot's position is `Blake2s(12 zero bytes ‖ address ‖ slot)` read as a little-endian
 * integer, and a leaf is `Blake2s(u64_be(enumerationIndex) ‖ value)`. Enumeration indices start at 1 and are
 * handed out once, at a key's first write (an "initial write"); later writes keep the index, and a key written
 * back to zero stays in the tree with its index, as in zksync-era's `ZkSyncTree`.
 *
 * The hashing is written here again on purpose instead of imported from src/verifier: the test world is a second,
 * independent implementation, so a shared bug cannot make a wrong proof look right in the tests.
 *
 * Only occupied subtrees are hashed: leaves are kept sorted by their key integer, so every subtree is a contiguous
 * run of them, and a subtree with one leaf costs `height` hashes. A few hundred leaves build in well under a second.
 */

export const TREE_DEPTH = 256
const U64_LIMIT = 1n << 64n

function branch(left: Uint8Array, right: Uint8Array): Uint8Array {
  const buf = new Uint8Array(64)
  buf.set(left, 0)
  buf.set(right, 32)
  return blake2s(buf)
}

/** `Blake2s(u64_be(index) ‖ value)`; index 0 with a zero value is the empty leaf. */
export function leafHash(index: bigint, value: Uint8Array): Uint8Array {
  if (index < 0n || index >= U64_LIMIT) throw new RangeError('enumeration index does not fit in a u64')
  if (value.length !== 32) throw new RangeError('leaf value must be 32 bytes')
  const buf = new Uint8Array(40)
  new DataView(buf.buffer).setBigUint64(0, index, false)
  buf.set(value, 8)
  return blake2s(buf)
}

let empty: Uint8Array[] | undefined

/** `E[h]`: the root of an empty subtree of height h (E[0] the empty leaf, E[256] the empty-tree root). */
export function emptyRoots(): readonly Uint8Array[] {
  if (!empty) {
    const e = [leafHash(0n, new Uint8Array(32))]
    for (let h = 0; h < TREE_DEPTH; h++) e.push(branch(e[h]!, e[h]!))
    empty = e
  }
  return empty
}

/** The tree key of `(address, slot)`: `Blake2s(12 zero bytes ‖ address(20) ‖ slot(32))` (ZE `hashed_key`). */
export function storageTreeKey(address: Uint8Array, slot: Uint8Array): Uint8Array {
  if (address.length !== 20) throw new RangeError('address must be 20 bytes')
  if (slot.length !== 32) throw new RangeError('slot must be 32 bytes')
  const buf = new Uint8Array(64)
  buf.set(address, 12)
  buf.set(slot, 32)
  return blake2s(buf)
}

/** The key as the tree reads it: `U256::from_little_endian(digest)`; bit d is the branch at height d + 1. */
function keyInteger(treeKey: Uint8Array): bigint {
  let v = 0n
  for (let i = treeKey.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(treeKey[i]!)
  return v
}

const bit = (k: bigint, d: number): number => Number((k >> BigInt(d)) & 1n)

export interface TreeLeaf {
  treeKey: Uint8Array
  index: bigint
  value: Uint8Array
}

export interface TreeEntryProof {
  /** The leaf's enumeration index; 0 when the key is not in the tree. */
  index: bigint
  /** The stored value; zero when the key is not in the tree. */
  value: Uint8Array
  /** Siblings root-to-leaf with the leaf-side run of empty-subtree siblings trimmed (zksync.md §3.2 step 5). */
  siblings: Uint8Array[]
}

interface SortedLeaf extends TreeLeaf {
  k: bigint
}

/**
 * An immutable tree state: the tree after one batch. Node hashes are memoised, so many proofs from one snapshot
 * share the work.
 */
export class TreeSnapshot {
  readonly root: Uint8Array
  /** The highest enumeration index in use (`indexRepeatedStorageChanges` of the batch). */
  readonly lastIndex: bigint
  private readonly leaves: SortedLeaf[]
  private readonly byKey: Map<string, SortedLeaf>
  private readonly memo = new Map<string, Uint8Array>()

  /**
   * @param chains a cache of single-leaf folds shared between the snapshots of one builder: a leaf alone in a
   *   subtree of height h hashes to the h-th step of its own fold, whatever else is in the tree, so a leaf that did
   *   not change between batches costs nothing again.
   */
  constructor(
    leaves: readonly TreeLeaf[],
    lastIndex: bigint,
    private readonly chains: Map<string, Uint8Array[]> = new Map(),
  ) {
    this.leaves = leaves
      .map((l) => ({ ...l, k: keyInteger(l.treeKey) }))
      .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    this.byKey = new Map(this.leaves.map((l) => [bytesToHex(l.treeKey), l]))
    this.lastIndex = lastIndex
    this.root = this.node(TREE_DEPTH, 0, this.leaves.length)
  }

  get size(): number {
    return this.leaves.length
  }

  /** The leaf at a tree key, if the key has ever been written. */
  lookup(treeKey: Uint8Array): TreeLeaf | undefined {
    return this.byKey.get(bytesToHex(treeKey))
  }

  /** All leaves, ordered by enumeration index. */
  entries(): TreeLeaf[] {
    return [...this.leaves].sort((a, b) => (a.index < b.index ? -1 : 1)).map(({ k: _k, ...l }) => l)
  }

  /**
   * The proof for a tree key, present or not. For an absent key the path may end at another leaf (the fold of
   * `(0, 0)` then meets that leaf's hash at the level where the paths part, ZE `create_proof` `LeafMismatch`).
   */
  prove(treeKey: Uint8Array): TreeEntryProof {
    const k = keyInteger(treeKey)
    const e = emptyRoots()
    const leafToRoot: Uint8Array[] = new Array<Uint8Array>(TREE_DEPTH)
    let lo = 0
    let hi = this.leaves.length
    for (let h = TREE_DEPTH; h >= 1; h--) {
      const mid = this.split(lo, hi, h - 1)
      const goRight = bit(k, h - 1) === 1
      leafToRoot[h - 1] = goRight ? this.node(h - 1, lo, mid) : this.node(h - 1, mid, hi)
      if (goRight) lo = mid
      else hi = mid
      if (lo === hi) {
        // Our side is empty from here down: every lower sibling is an empty subtree.
        for (let d = h - 2; d >= 0; d--) leafToRoot[d] = e[d]!
        break
      }
    }
    let trim = 0
    while (trim < TREE_DEPTH && equalBytes(leafToRoot[trim]!, e[trim]!)) trim++
    const found = this.lookup(treeKey)
    return {
      index: found?.index ?? 0n,
      value: found?.value ?? new Uint8Array(32),
      siblings: leafToRoot.slice(trim).reverse(),
    }
  }

  /** The leaf's fold with only empty siblings: entry h is the root of a height-h subtree holding just it. */
  private singleLeafChain(leaf: SortedLeaf): Uint8Array[] {
    const id = `${bytesToHex(leaf.treeKey)}:${leaf.index}:${bytesToHex(leaf.value)}`
    let chain = this.chains.get(id)
    if (!chain) {
      const e = emptyRoots()
      chain = [leafHash(leaf.index, leaf.value)]
      for (let d = 0; d < TREE_DEPTH; d++) {
        const h = chain[d]!
        chain.push(bit(leaf.k, d) === 1 ? branch(e[d]!, h) : branch(h, e[d]!))
      }
      this.chains.set(id, chain)
    }
    return chain
  }

  /** First position in [lo, hi) whose key has bit d set (all keys there agree above d, so they are ordered by it). */
  private split(lo: number, hi: number, d: number): number {
    let a = lo
    let b = hi
    while (a < b) {
      const m = (a + b) >> 1
      if (bit(this.leaves[m]!.k, d) === 1) b = m
      else a = m + 1
    }
    return a
  }

  /** The hash of the subtree of height h holding leaves [lo, hi). */
  private node(h: number, lo: number, hi: number): Uint8Array {
    if (lo === hi) return emptyRoots()[h]!
    const id = `${h}:${lo}`
    const cached = this.memo.get(id)
    if (cached) return cached
    let out: Uint8Array
    if (hi - lo === 1) {
      out = this.singleLeafChain(this.leaves[lo]!)[h]!
    } else {
      const mid = this.split(lo, hi, h - 1)
      out = branch(this.node(h - 1, lo, mid), this.node(h - 1, mid, hi))
    }
    this.memo.set(id, out)
    return out
  }
}

/** A mutable tree: write slots batch by batch and take a snapshot after each. */
export class SparseTreeBuilder {
  private readonly leaves = new Map<string, TreeLeaf>()
  private readonly chains = new Map<string, Uint8Array[]>()
  private last = 0n

  /** The highest enumeration index handed out so far. */
  get lastIndex(): bigint {
    return this.last
  }

  /**
   * Writes a value at a tree key. A key seen for the first time gets the next enumeration index (an initial
   * write); a known key keeps its index (a repeated write). Returns the index and which kind of write it was.
   */
  writeTreeKey(treeKey: Uint8Array, value: Uint8Array): { index: bigint; initial: boolean } {
    if (treeKey.length !== 32) throw new RangeError('tree key must be 32 bytes')
    if (value.length !== 32) throw new RangeError('value must be 32 bytes')
    const id = bytesToHex(treeKey)
    const known = this.leaves.get(id)
    if (known) {
      known.value = value.slice()
      return { index: known.index, initial: false }
    }
    this.last++
    this.leaves.set(id, { treeKey: treeKey.slice(), index: this.last, value: value.slice() })
    return { index: this.last, initial: true }
  }

  write(address: Uint8Array, slot: Uint8Array, value: Uint8Array): { index: bigint; initial: boolean } {
    return this.writeTreeKey(storageTreeKey(address, slot), value)
  }

  read(address: Uint8Array, slot: Uint8Array): TreeLeaf | undefined {
    return this.leaves.get(bytesToHex(storageTreeKey(address, slot)))
  }

  snapshot(): TreeSnapshot {
    return new TreeSnapshot(
      [...this.leaves.values()].map((l) => ({ ...l, value: l.value.slice() })),
      this.last,
      this.chains,
    )
  }
}

/** One `storageProof` entry of a `zks_getProof` answer (ZE `StorageProof`, camelCase; index a JSON number). */
export interface ZksStorageProofJson {
  key: string
  proof: string[]
  value: string
  index: number
}

export interface ZksProofJson {
  address: string
  storageProof: ZksStorageProofJson[]
}

/** `zks_getProof(address, keys, batch)` against one tree state, shaped as the RPC answers it. */
export function zksProofJson(snapshot: TreeSnapshot, address: Uint8Array, slots: Uint8Array[]): ZksProofJson {
  return {
    address: bytesToHex(address),
    storageProof: slots.map((slot) => {
      const p = snapshot.prove(storageTreeKey(address, slot))
      return {
        key: bytesToHex(slot),
        proof: p.siblings.map(bytesToHex),
        value: bytesToHex(p.value),
        index: Number(p.index),
      }
    }),
  }
}
