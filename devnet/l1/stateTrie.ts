import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex } from '../../src/verifier/encoding/hex'
import { bytesToNibbles, encodeHexPrefix } from '../../src/verifier/mpt/nibbles'
import { encodeBytes, encodeList, encodeUint } from '../../src/verifier/mpt/rlp'
import { EMPTY_TRIE_ROOT } from '../../src/verifier/mpt/verifyMptProof'

/**
 * A Merkle-Patricia trie BUILDER for the test world (Yellow Paper appendix D): the whole trie is held in
 * memory so that any key's proof — inclusion or exclusion — can be cut from it in eth_getProof form.
 *
 * src/verifier/mpt/buildTrieRoot.ts computes roots only (it keeps no nodes), so it cannot cut proofs; the
 * world uses it for the transactions and receipts roots and this builder for the state and storage tries.
 * Same node rules and the verifier's RLP and hex-prefix encoders; the tests compare the roots with
 * @ethereumjs/mpt and with buildTrieRoot. Proofs follow geth: the nodes from the root down,
 * each as its RLP; a child shorter than 32 bytes is embedded in its parent and gets no entry of its own.
 */
export interface TrieEntry {
  /** The path as bytes (already hashed for a secure trie). */
  key: Uint8Array
  /** Non-empty: tries never store empty values. */
  value: Uint8Array
}

type TrieNode =
  | { kind: 'leaf'; path: Uint8Array; value: Uint8Array; encoded: Uint8Array }
  | { kind: 'extension'; path: Uint8Array; child: TrieNode; encoded: Uint8Array }
  | { kind: 'branch'; children: (TrieNode | undefined)[]; value?: Uint8Array; encoded: Uint8Array }

export class MerklePatriciaTrie {
  /** keccak256 of the root node's RLP (the empty trie's root when there are no entries). */
  readonly root: Uint8Array
  readonly size: number
  private readonly top: TrieNode | undefined

  constructor(entries: Iterable<TrieEntry>) {
    const byPath = new Map<string, { path: Uint8Array; value: Uint8Array }>()
    for (const e of entries) {
      const k = bytesToHex(e.key)
      if (byPath.has(k)) throw new Error(`trie builder: duplicate key ${k}`)
      if (e.value.length === 0) throw new Error(`trie builder: empty value under ${k}`)
      byPath.set(k, { path: bytesToNibbles(e.key), value: e.value })
    }
    this.size = byPath.size
    this.top = byPath.size === 0 ? undefined : buildNode([...byPath.values()], 0)
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

interface PathEntry {
  path: Uint8Array
  value: Uint8Array
}

function buildNode(entries: PathEntry[], depth: number): TrieNode {
  if (entries.length === 1) {
    const only = entries[0]!
    const path = only.path.subarray(depth)
    return {
      kind: 'leaf',
      path,
      value: only.value,
      encoded: encodeList([encodeBytes(encodeHexPrefix(path, true)), encodeBytes(only.value)]),
    }
  }
  const shared = sharedPrefixLength(entries, depth)
  if (shared > 0) {
    const path = entries[0]!.path.subarray(depth, depth + shared)
    const child = buildNode(entries, depth + shared)
    return {
      kind: 'extension',
      path,
      child,
      encoded: encodeList([encodeBytes(encodeHexPrefix(path, false)), reference(child)]),
    }
  }
  const groups: PathEntry[][] = Array.from({ length: 16 }, () => [])
  let value: Uint8Array | undefined
  for (const e of entries) {
    if (e.path.length === depth) value = e.value
    else groups[e.path[depth]!]!.push(e)
  }
  const children = groups.map((g) => (g.length === 0 ? undefined : buildNode(g, depth + 1)))
  const items = children.map((c) => (c === undefined ? EMPTY_STRING : reference(c)))
  items.push(value === undefined ? EMPTY_STRING : encodeBytes(value))
  return { kind: 'branch', children, ...(value ? { value } : {}), encoded: encodeList(items) }
}

const EMPTY_STRING = encodeBytes(new Uint8Array(0))

/** A child inside its parent: embedded as is when its RLP is under 32 bytes, else RLP(keccak256(RLP)). */
function reference(child: TrieNode): Uint8Array {
  return child.encoded.length < 32 ? child.encoded : encodeBytes(keccak_256(child.encoded))
}

function sharedPrefixLength(entries: PathEntry[], depth: number): number {
  const first = entries[0]!.path
  let n = Math.min(...entries.map((e) => e.path.length)) - depth
  for (const e of entries) {
    let i = 0
    while (i < n && e.path[depth + i] === first[depth + i]) i++
    n = i
    if (n === 0) break
  }
  return n
}

function startsWith(path: Uint8Array, pos: number, part: Uint8Array): boolean {
  if (pos + part.length > path.length) return false
  for (let i = 0; i < part.length; i++) if (path[pos + i] !== part[i]) return false
  return true
}
