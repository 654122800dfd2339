import { equalBytes } from '../../encoding/hex'
import type { FactValue } from '../../report'
import { emptySubtreeHashes, TREE_DEPTH } from '../stateTree/treeHasher'

export interface TreePathSummary {
  /** Siblings the endpoint sent (root side of the path). */
  given: number
  /** Of those, how many are the empty-subtree hash of their height (sent explicitly above the trimmed part). */
  givenEmpty: number
  /** Leaf-side levels the endpoint trimmed, padded with empty-subtree hashes. */
  padded: number
  /**
   * One character per level, root first: `#` a given non-empty sibling, `o` a given sibling that is an empty
   * subtree, `.` a trimmed (padded) empty sibling. 256 characters.
   */
  picture: string
}

/**
 * Which of the 256 siblings of a zks_getProof path were given and which were empty (zksync.md §3.2 step 5).
 * `proof` is root-to-leaf, so proof[j] is the sibling of height 255 − j.
 */
export function treePathSummary(proof: readonly Uint8Array[]): TreePathSummary {
  const empty = emptySubtreeHashes()
  const given = Math.min(proof.length, TREE_DEPTH)
  let givenEmpty = 0
  let picture = ''
  for (let j = 0; j < TREE_DEPTH; j++) {
    if (j < given) {
      const isEmpty = equalBytes(proof[j]!, empty[TREE_DEPTH - 1 - j]!)
      if (isEmpty) givenEmpty++
      picture += isEmpty ? 'o' : '#'
    } else picture += '.'
  }
  return { given, givenEmpty, padded: TREE_DEPTH - given, picture }
}

export function treePathFact(s: TreePathSummary): FactValue {
  return { given: s.given, givenEmpty: s.givenEmpty, padded: s.padded, picture: s.picture }
}
