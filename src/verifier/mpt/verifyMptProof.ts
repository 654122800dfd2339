import { encode } from '@ethereumjs/rlp'
import { keccak_256 } from '../crypto/backends'
import { bytesToHex, equalBytes } from '../encoding/hex'
import { bytesToNibbles, decodeHexPrefix } from './nibbles'
import { decodeRlp, type RlpItem } from './rlp'

/** keccak256(RLP('')): the root of a trie with no entries (Yellow Paper, eq. 193 with an empty map). */
export const EMPTY_TRIE_ROOT = keccak_256(Uint8Array.of(0x80))

/** Why a proof was rejected. Each reason is a distinct way an endpoint can lie or a proof can be corrupt. */
export type MptFailure =
  | 'missing-node' // the walk needs a node by hash and the proof has no more nodes
  | 'hash-mismatch' // the next proof node does not hash to the reference its parent (or the root) holds
  | 'bad-rlp' // a node is not canonical RLP
  | 'bad-node' // RLP is fine but the node is no branch / extension / leaf, or a path or reference is malformed
  | 'extra-nodes' // the walk ended (value or proven absence) before the proof's last node

export type MptProofResult =
  | { status: 'present'; value: Uint8Array; nodesUsed: number }
  | { status: 'absent'; nodesUsed: number }
  | { status: 'invalid'; reason: MptFailure; nodeIndex: number; detail: string }

/** Upper bounds that keep a hostile proof from costing more than a real one. */
const MAX_PROOF_NODES = 256

/**
 * Verifies a Merkle-Patricia proof (Yellow Paper appendix D; EIP-1186 proof shape) and returns the value
 * stored under `key`, or a proven absence.
 *
 * `key` is the trie path as bytes: keccak256(address) for the state trie, keccak256(slot) for storage tries,
 * RLP(index) for transaction and receipt tries. `proofNodes` are the RLP nodes from the root down, in walk
 * order, as eth_getProof returns them. Every node must be used exactly once and in order: the first must hash
 * to `root`, each later one to the 32-byte reference its parent holds. Children whose RLP is shorter than 32
 * bytes are embedded in the parent (no proof node of their own). Absence is proven by an empty branch slot
 * or by a leaf or extension whose path diverges from the key.
 *
 * @example
 *   const r = verifyMptProof(stateRoot, keccak_256(address), accountProof)
 *   if (r.status === 'present') decodeAccount(r.value)
 */
export function verifyMptProof(
  root: Uint8Array,
  key: Uint8Array,
  proofNodes: readonly Uint8Array[],
): MptProofResult {
  const path = bytesToNibbles(key)
  let pos = 0
  let used = 0
  const invalid = (reason: MptFailure, detail: string, nodeIndex = used - 1): MptProofResult => ({
    status: 'invalid',
    reason,
    nodeIndex,
    detail,
  })

  if (proofNodes.length > MAX_PROOF_NODES) {
    return invalid(
      'extra-nodes',
      `${proofNodes.length} nodes is more than any trie path needs`,
      MAX_PROOF_NODES,
    )
  }
  // An empty trie may be proven by no nodes at all (what geth returns for an empty storage trie).
  if (proofNodes.length === 0) {
    return equalBytes(root, EMPTY_TRIE_ROOT)
      ? { status: 'absent', nodesUsed: 0 }
      : invalid(
          'missing-node',
          `the proof has no nodes but root ${bytesToHex(root)} is not the empty trie`,
          0,
        )
  }

  // The node to visit next: a 32-byte hash reference (look it up in the proof) or an embedded node.
  let ref: Uint8Array | RlpItem[] = root
  const finish = (result: MptProofResult): MptProofResult => {
    if (result.status !== 'invalid' && used !== proofNodes.length) {
      return invalid(
        'extra-nodes',
        `the walk ended at node ${used - 1}; ${proofNodes.length - used} node(s) left over`,
        used,
      )
    }
    return result
  }

  for (;;) {
    let node: RlpItem
    if (ref instanceof Uint8Array) {
      const encoded = proofNodes[used]
      if (encoded === undefined) {
        return invalid('missing-node', `node ${used} with hash ${bytesToHex(ref)} is not in the proof`, used)
      }
      used++
      if (!equalBytes(keccak_256(encoded), ref)) {
        return invalid('hash-mismatch', `node ${used - 1} does not hash to ${bytesToHex(ref)}`)
      }
      const decoded = decodeRlp(encoded)
      if (decoded === undefined) return invalid('bad-rlp', `node ${used - 1} is not canonical RLP`)
      // RLP('') as the root node is the empty trie: nothing is stored under any key.
      if (decoded instanceof Uint8Array) {
        if (used === 1 && decoded.length === 0) return finish({ status: 'absent', nodesUsed: used })
        return invalid('bad-node', `node ${used - 1} is a byte string, not a trie node`)
      }
      node = decoded
    } else {
      node = ref
      // geth leaves embedded nodes out of proofs; @ethereumjs/mpt createMerkleProof lists them as entries of
      // their own. Accept both: an entry equal to the embedded node's encoding adds no claim of its own.
      const next = proofNodes[used]
      if (next !== undefined && next.length < 32 && equalBytes(next, encode(node))) used++
    }

    if (node.length === 17) {
      // Branch: 16 children by nibble, then a value for a key that ends here.
      if (pos === path.length) {
        const value = node[16]!
        if (!(value instanceof Uint8Array)) return invalid('bad-node', 'branch value is a list')
        return finish(
          value.length === 0
            ? { status: 'absent', nodesUsed: used }
            : { status: 'present', value, nodesUsed: used },
        )
      }
      const child: RlpItem = node[path[pos]!]!
      pos++
      if (child instanceof Uint8Array) {
        if (child.length === 0) return finish({ status: 'absent', nodesUsed: used })
        if (child.length !== 32) return invalid('bad-node', `branch child reference of ${child.length} bytes`)
        ref = child
      } else {
        ref = child
      }
      continue
    }

    if (node.length === 2) {
      const [encodedPath, second] = node as [RlpItem, RlpItem]
      if (!(encodedPath instanceof Uint8Array)) return invalid('bad-node', 'node path is a list')
      const hp = decodeHexPrefix(encodedPath)
      if (hp === undefined) return invalid('bad-node', 'node path is not valid hex-prefix encoding')
      const partial = hp.nibbles
      const remaining = path.length - pos
      if (hp.isLeaf) {
        if (!(second instanceof Uint8Array) || second.length === 0)
          return invalid('bad-node', 'leaf without a value')
        if (partial.length === remaining && nibblesMatch(path, pos, partial)) {
          return finish({ status: 'present', value: second, nodesUsed: used })
        }
        // A leaf for another key where ours would be: ours is not in the trie.
        return finish({ status: 'absent', nodesUsed: used })
      }
      // Extension: a shared path segment, then exactly one child (a branch).
      if (partial.length === 0) return invalid('bad-node', 'extension with an empty path')
      if (partial.length > remaining || !nibblesMatch(path, pos, partial)) {
        return finish({ status: 'absent', nodesUsed: used })
      }
      pos += partial.length
      if (second instanceof Uint8Array) {
        if (second.length !== 32)
          return invalid('bad-node', `extension child reference of ${second.length} bytes`)
      }
      ref = second
      continue
    }

    return invalid('bad-node', `a list of ${node.length} items is no trie node`)
  }
}

function nibblesMatch(path: Uint8Array, pos: number, partial: Uint8Array): boolean {
  for (let i = 0; i < partial.length; i++) if (path[pos + i] !== partial[i]) return false
  return true
}
