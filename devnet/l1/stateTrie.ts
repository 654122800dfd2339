import { keccak_256 } from '@noble/hashes/sha3.js'
import { buildTrieNodes, type TrieEntry, type TrieNode } from '../../src/verifier/mpt/buildTrieRoot'
import { bytesToNibbles } from '../../src/verifier/mpt/nibbles'
import { encodeBytes, encodeList, encodeUint } from '../../src/verifier/mpt/rlp'
import { EMPTY_TRIE_ROOT } from '../../src/verifier/mpt/verifyMptProof'

/**
 * A Merkle-Patricia trie BUILDER for the test world (Yellow Paper appendix D): the whole trie is held in
 * memory so that any key's proof — inclusion or exclusion — can be cut from it in eth_getProof form.
 *
 * The trie is the verifier's own (src/verifier/mpt/buildTrieRoot.ts `buildTrieNodes`, the code that rebuilds
 * receipts roots); this module only walks it to cut proofs. The tests compare the roots with @ethereumjs/mpt.
 * Proofs follow geth: the nodes from the root down,
 * each as its RLP; a child shorter than 32 bytes is embedded in its parent and gets no entry of its own.
 */
export type { TrieEntry }

export class MerklePatriciaTrie {
  /** keccak256 of the root node's RLP (the empty trie's root when there are no entries). */
  readonly root: Uint8Array
  readonly size: number
  private readonly top: TrieNode | undefined

  constructor(entries: Iterable<TrieEntry>) {
    const list = [...entries]
    this.size = list.length
    this.top = buildTrieNodes(list)
    this.root = this.top === undefined ? EMPTY_TRIE_ROOT : keccak_256(this.top.encoded)
  }

  /** The value under `key`, or undefined. */
  get(key: Uint8Array): Uint8Array | undefined {
    const r = this.walk(key)
    return r.value
  }

  /**
   * The proof for `key`: every node the walk from the root visits, as RLP, embedded nodes left out. It proves
   * the value when the key is present and the absence (an empty branch slot, or a leaf or extension whose
   * path diverges) when it is not. The empty trie has the empty proof, as geth answers for empty storage.
   */
  prove(key: Uint8Array): Uint8Array[] {
    return this.walk(key).nodes
  }

  private walk(key: Uint8Array): { nodes: Uint8Array[]; value?: Uint8Array } {
    const nodes: Uint8Array[] = []
    if (this.top === undefined) return { nodes }
    const path = bytesToNibbles(key)
    let node: TrieNode = this.top
    let pos = 0
    nodes.push(node.encoded)
    for (;;) {
      let next: TrieNode | undefined
      if (node.kind === 'leaf') {
        return startsWith(path, pos, node.path) && pos + node.path.length === path.length
          ? { nodes, value: node.value }
          : { nodes }
      } else if (node.kind === 'extension') {
        if (!startsWith(path, pos, node.path)) return { nodes }
        pos += node.path.length
        next = node.child
      } else {
        if (pos === path.length) return node.value ? { nodes, value: node.value } : { nodes }
        next = node.children[path[pos]!]
        pos++
      }
      if (next === undefined) return { nodes }
      if (next.encoded.length >= 32) nodes.push(next.encoded)
      node = next
    }
  }
}

/** A trie keyed by raw paths (transactions and receipts: RLP(index)). */
export function buildTrie(entries: Iterable<TrieEntry>): MerklePatriciaTrie {
  return new MerklePatriciaTrie(entries)
}

/** A secure trie: the path of `key` is keccak256(key) (state trie: address; storage trie: 32-byte slot). */
export class SecureTrie {
  private readonly trie: MerklePatriciaTrie
  constructor(entries: Iterable<TrieEntry>) {
    const hashed: TrieEntry[] = []
    for (const e of entries) hashed.push({ key: keccak_256(e.key), value: e.value })
    this.trie = new MerklePatriciaTrie(hashed)
  }
  get root(): Uint8Array {
    return this.trie.root
  }
  get(key: Uint8Array): Uint8Array | undefined {
    return this.trie.get(keccak_256(key))
  }
  prove(key: Uint8Array): Uint8Array[] {
    return this.trie.prove(keccak_256(key))
  }
}

/** The state-trie leaf (Yellow Paper §4.1): RLP([nonce, balance, storageRoot, codeHash]). */
export interface AccountLeaf {
  nonce: bigint
  balance: bigint
  storageRoot: Uint8Array
  codeHash: Uint8Array
}

export function encodeAccountLeaf(a: AccountLeaf): Uint8Array {
  return encodeList([
    encodeUint(a.nonce),
    encodeUint(a.balance),
    encodeBytes(a.storageRoot),
    encodeBytes(a.codeHash),
  ])
}

/**
 * A storage trie: slot (32 bytes) → RLP(value as minimal bytes) under keccak256(slot). Zero values are not
 * stored (the EVM deletes a slot set to zero), so they are left out here and read back as absent.
 */
export function buildStorageTrie(slots: Iterable<[slot: Uint8Array, value: bigint]>): SecureTrie {
  const entries: TrieEntry[] = []
  for (const [slot, value] of slots) {
    if (slot.length !== 32) throw new Error(`storage trie: slot of ${slot.length} bytes`)
    if (value !== 0n) entries.push({ key: slot, value: encodeUint(value) })
  }
  return new SecureTrie(entries)
}

function startsWith(path: Uint8Array, pos: number, part: Uint8Array): boolean {
  if (pos + part.length > path.length) return false
  for (let i = 0; i < part.length; i++) if (path[pos + i] !== part[i]) return false
  return true
}
