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

/**
 * The root of the Merkle-Patricia trie holding exactly `entries` (Yellow Paper appendix D), built from
 * scratch: used to rebuild a block's receipts (or transactions) trie and compare it with the header's root.
 * A node whose RLP is shorter than 32 bytes is embedded in its parent; every other child is referenced by
 * keccak256 of its RLP; the root is always hashed.
 */
export function buildTrieRoot(entries: readonly TrieEntry[]): Uint8Array {
  if (entries.length === 0) return EMPTY_TRIE_ROOT
  const seen = new Set<string>()
  const paths: PathEntry[] = entries.map((e) => {
    const k = bytesToHex(e.key)
    if (seen.has(k)) throw new InputError(`trie: duplicate key ${k}`)
    seen.add(k)
    if (e.value.length === 0) throw new InputError(`trie: empty value under ${k}`)
    return { path: bytesToNibbles(e.key), value: e.value }
  })
  return keccak_256(encodeNode(paths, 0))
}

/** A child as it appears inside its parent: embedded when short, else the hash of its RLP. */
function childReference(encodedNode: Uint8Array): Uint8Array {
  return encodedNode.length < 32 ? encodedNode : encodeBytes(keccak_256(encodedNode))
}

const EMPTY = encodeBytes(new Uint8Array(0))

function encodeNode(entries: PathEntry[], depth: number): Uint8Array {
  if (entries.length === 1) {
    const only = entries[0]!
    return encodeList([
      encodeBytes(encodeHexPrefix(only.path.subarray(depth), true)),
      encodeBytes(only.value),
    ])
  }
  const shared = sharedPrefixLength(entries, depth)
  if (shared > 0) {
    const prefix = entries[0]!.path.subarray(depth, depth + shared)
    return encodeList([
      encodeBytes(encodeHexPrefix(prefix, false)),
      childReference(encodeNode(entries, depth + shared)),
    ])
  }
  const groups: PathEntry[][] = Array.from({ length: 16 }, () => [])
  let value: Uint8Array = EMPTY
  for (const e of entries) {
    if (e.path.length === depth) value = encodeBytes(e.value)
    else groups[e.path[depth]!]!.push(e)
  }
  const items = groups.map((g) => (g.length === 0 ? EMPTY : childReference(encodeNode(g, depth + 1))))
  items.push(value)
  return encodeList(items)
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
