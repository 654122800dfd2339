import { keccak_256 } from '../crypto/backends'
import { InputError } from '../../shared/errors'
import { bytesToHex } from '../encoding/hex'
import { bytesToNibbles, encodeHexPrefix } from './nibbles'
import { encodeBytes, encodeList } from './rlp'
import { EMPTY_TRIE_ROOT } from './verifyMptProof'

export interface TrieEntry {
  /** The trie path as bytes (not hashed here: receipts and transactions tries use RLP(index) directly). */
  key: Uint8Array
  /** A non-empty value; tries never store empty values. */
  value: Uint8Array
}

interface PathEntry {
  path: Uint8Array
  value: Uint8Array
}

/** A node of a built trie with its RLP; `path`s are nibbles. Kept so the test world can cut proofs from it. */
export type TrieNode =
  | { kind: 'leaf'; path: Uint8Array; value: Uint8Array; encoded: Uint8Array }
  | { kind: 'extension'; path: Uint8Array; child: TrieNode; encoded: Uint8Array }
  | { kind: 'branch'; children: (TrieNode | undefined)[]; value?: Uint8Array; encoded: Uint8Array }

/**
 * The root of the Merkle-Patricia trie holding exactly `entries` (Yellow Paper appendix D), built from
 * scratch: used to rebuild a block's receipts (or transactions) trie and compare it with the header's root.
 */
export function buildTrieRoot(entries: readonly TrieEntry[]): Uint8Array {
  const top = buildTrieNodes(entries)
  return top === undefined ? EMPTY_TRIE_ROOT : keccak_256(top.encoded)
}

/**
 * The whole trie holding exactly `entries` (undefined when there are none). A node whose RLP is shorter than
 * 32 bytes is embedded in its parent; every other child is referenced by keccak256 of its RLP; the root is
 * always hashed.
 */
export function buildTrieNodes(entries: Iterable<TrieEntry>): TrieNode | undefined {
  const seen = new Set<string>()
  const paths: PathEntry[] = []
  for (const e of entries) {
    const k = bytesToHex(e.key)
    if (seen.has(k)) throw new InputError(`trie: duplicate key ${k}`)
    seen.add(k)
    if (e.value.length === 0) throw new InputError(`trie: empty value under ${k}`)
    paths.push({ path: bytesToNibbles(e.key), value: e.value })
  }
  return paths.length === 0 ? undefined : buildNode(paths, 0)
}

/** A child as it appears inside its parent: embedded when short, else the hash of its RLP. */
function reference(child: TrieNode): Uint8Array {
  return child.encoded.length < 32 ? child.encoded : encodeBytes(keccak_256(child.encoded))
}

const EMPTY = encodeBytes(new Uint8Array(0))

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
  const items = children.map((c) => (c === undefined ? EMPTY : reference(c)))
  items.push(value === undefined ? EMPTY : encodeBytes(value))
  return { kind: 'branch', children, ...(value ? { value } : {}), encoded: encodeList(items) }
}

/** Nibbles all entries share after `depth`, stopping where the shortest path ends. */
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
