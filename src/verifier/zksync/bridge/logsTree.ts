import { keccak_256 } from '../../crypto/backends'
import { concatBytes } from '../../encoding/hex'
import { DEFAULT_LOG_LEAF } from './l2ToL1Log'

/**
 * The shape of a batch's L2→L1 logs tree by protocol version, one row per change, keyed by the first version
 * it applies to (zksync-era `core/lib/types/src/l2_to_l1_log.rs` `l2_to_l1_logs_tree_size` with
 * `basic_types/src/protocol_version.rs`: pre-Boojum < v18, VM 1.4.0/1.4.1 = v18–v20, VM 1.4.2 = v21–v22,
 * VM 1.5.0 from v23; `gateway_upgrade()` = v26). From v26 the batch's root is `keccak(localRoot ‖
 * aggregatedRoot)` (L1Messenger `publishPubdataAndClearState`), and the node's proofs carry a metadata word
 * and the aggregated root as one more sibling (era-contracts `MessageHashing.parseProofMetadata`).
 */
export interface LogsTreeShape {
  fromVersion: number
  leaves: number
  depth: number
  /** Whether the batch root hashes the local root with the aggregated (message) root. */
  aggregatedRoot: boolean
  vm: string
}

export const LOGS_TREE_SHAPES: readonly LogsTreeShape[] = [
  { fromVersion: 0, leaves: 512, depth: 9, aggregatedRoot: false, vm: 'pre-Boojum' },
  { fromVersion: 18, leaves: 2048, depth: 11, aggregatedRoot: false, vm: 'VM 1.4.0/1.4.1' },
  { fromVersion: 21, leaves: 4096, depth: 12, aggregatedRoot: false, vm: 'VM 1.4.2' },
  { fromVersion: 23, leaves: 16384, depth: 14, aggregatedRoot: false, vm: 'VM 1.5.0' },
  { fromVersion: 26, leaves: 16384, depth: 14, aggregatedRoot: true, vm: 'Gateway' },
]

/** The row for a protocol version (minor). */
export function logsTreeShapeOf(version: number): LogsTreeShape {
  let shape = LOGS_TREE_SHAPES[0]!
  for (const s of LOGS_TREE_SHAPES) if (version >= s.fromVersion) shape = s
  return shape
}

/** The versions a row covers, in words (`v23–v25`, `v26+`). */
export function versionsOf(shape: LogsTreeShape): string {
  const i = LOGS_TREE_SHAPES.indexOf(shape)
  const next = LOGS_TREE_SHAPES[i + 1]
  return next ? `v${shape.fromVersion}–v${next.fromVersion - 1}` : `v${shape.fromVersion}+`
}

const node = (left: Uint8Array, right: Uint8Array) => keccak_256(concatBytes(left, right))

/**
 * Folds a leaf up a sibling path (era-contracts `Merkle.calculateRootMemory`): at each level an even index puts
 * the running hash on the left. The index must fit the path (`MerkleIndexOutOfBounds` on L1).
 */
export function foldMerklePath(leaf: Uint8Array, index: bigint, path: readonly Uint8Array[]): Uint8Array {
  if (path.length === 0 || path.length > 255) throw new RangeError('a Merkle path has 1 to 255 siblings')
  if (index < 0n || index >= 1n << BigInt(path.length)) throw new RangeError('index out of the tree')
  let cur = leaf
  let i = index
  for (const sibling of path) {
    cur = i % 2n === 0n ? node(cur, sibling) : node(sibling, cur)
    i >>= 1n
  }
  return cur
}

/** Roots of empty subtrees of the logs tree: level 0 is the default leaf. */
function emptySubtrees(depth: number): Uint8Array[] {
  const out = [DEFAULT_LOG_LEAF]
  for (let d = 1; d <= depth; d++) out.push(node(out[d - 1]!, out[d - 1]!))
  return out
}

/**
 * The root of a fixed-size tree over `leaves` padded with the default leaf, and the sibling path of `index`
 * (zksync-era `MiniMerkleTree::merkle_root_and_path`). Used by the tests and the test world to build what a node
 * serves; the verifier itself only folds.
 */
export function logsTreeRootAndPath(
  leaves: readonly Uint8Array[],
  depth: number,
  index?: number,
): { root: Uint8Array; path: Uint8Array[] } {
  if (leaves.length > 2 ** depth) throw new RangeError(`${leaves.length} leaves do not fit depth ${depth}`)
  const empty = emptySubtrees(depth)
  let level = [...leaves]
  const path: Uint8Array[] = []
  let i = index
  for (let d = 0; d < depth; d++) {
    if (i !== undefined) {
      const sib = i ^ 1
      path.push(level[sib] ?? empty[d]!)
      i >>= 1
    }
    const next: Uint8Array[] = []
    for (let k = 0; k < level.length; k += 2) next.push(node(level[k]!, level[k + 1] ?? empty[d]!))
    level = next
  }
  return { root: level[0] ?? empty[depth]!, path }
}
