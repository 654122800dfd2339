import { foldMerklePath, LOGS_TREE_SHAPES, versionsOf, type LogsTreeShape } from './logsTree'

/** The only proof metadata version L1 accepts (era-contracts `MessageHashing` SUPPORTED_PROOF_METADATA_VERSION). */
const PROOF_METADATA_VERSION = 1

/**
 * A `zks_getL2ToL1LogProof` path read the way L1 reads it (era-contracts `MessageHashing.parseProofMetadata` and
 * `_getProofData`). The first word is metadata when its last 28 bytes are zero (`uint256(word) << 32 == 0`):
 * `version ‖ logLeafProofLen ‖ batchLeafProofLen ‖ isFinal ‖ 28 zero bytes`; then the log leaf's path (from v26 the
 * 14 siblings and the aggregated root as a 15th), and, when not final, the batch leaf's proof into its settlement
 * layer (Gateway) and that layer's own proof. Any other first word starts an old, plain sibling path.
 */
export type LogProofPath =
  | { format: 'plain'; path: Uint8Array[] }
  | { format: 'metadata'; final: true; path: Uint8Array[] }
  | { format: 'metadata'; final: false; path: Uint8Array[]; batchLeafProofLen: number; rest: Uint8Array[] }

export type LogProofRead =
  | { ok: true; proof: LogProofPath }
  /** `unsupported`: a format this verifier does not know (incomplete); otherwise the path is malformed. */
  | { ok: false; reason: string; unsupported?: boolean }

export function readLogProofPath(words: readonly Uint8Array[]): LogProofRead {
  if (words.length === 0) return { ok: false, reason: 'the proof is empty' }
  const first = words[0]!
  if (!first.subarray(4).every((b) => b === 0))
    return { ok: true, proof: { format: 'plain', path: [...words] } }
  const [version, logLen, batchLen, finalFlag] = [first[0]!, first[1]!, first[2]!, first[3]!]
  if (version !== PROOF_METADATA_VERSION)
    return {
      ok: false,
      unsupported: true,
      reason: `proof metadata version ${version}: only version ${PROOF_METADATA_VERSION} is known`,
    }
  const final = finalFlag !== 0
  if (final && batchLen !== 0)
    return { ok: false, reason: `a final proof has no batch leaf proof, this one claims ${batchLen} words` }
  if (logLen === 0 || 1 + logLen > words.length)
    return {
      ok: false,
      reason: `metadata claims a ${logLen}-word log leaf path, the proof has ${words.length - 1} words after it`,
    }
  const path = words.slice(1, 1 + logLen)
  if (final) {
    if (words.length !== 1 + logLen)
      return {
        ok: false,
        reason: `${words.length - 1 - logLen} word(s) after the final log leaf path: not a proof L1 reads`,
      }
    return { ok: true, proof: { format: 'metadata', final: true, path } }
  }
  return {
    ok: true,
    proof: {
      format: 'metadata',
      final: false,
      path,
      batchLeafProofLen: batchLen,
      rest: words.slice(1 + logLen),
    },
  }
}

/**
 * The proof as it would be handed to L1 again (a claim's `merkleProof`), in its canonical spelling: L1 reads any
 * non-zero final-node byte of the metadata word as `true` (`uint8(metadata[3]) != 0`), so a proof whose byte is,
 * say, 0x11 proves the same and is written with 0x01 — and the change is said, not hidden.
 */
export function canonicalLogProof(words: readonly Uint8Array[]): {
  words: Uint8Array[]
  normalisations: string[]
} {
  const first = words[0]
  if (!first || !first.subarray(4).every((b) => b === 0) || first[3]! <= 1)
    return { words: [...words], normalisations: [] }
  const canonical = Uint8Array.from(first)
  canonical[3] = 1
  return {
    words: [canonical, ...words.slice(1)],
    normalisations: [
      `proof metadata final-node flag 0x${first[3]!.toString(16).padStart(2, '0')} read as 0x01 (L1 reads any non-zero flag as final)`,
    ],
  }
}

export type LeafFold =
  | {
      ok: true
      /** The batch's logs root the leaf folds to (local ‖ aggregated from v26). */
      root: Uint8Array
      shape: LogsTreeShape
      /** The aggregated root the proof carries as its last sibling (v26+), for the facts. */
      aggregatedRoot?: Uint8Array
    }
  | { ok: false; reason: string }

/** The path length of a row: its depth, plus one for the aggregated root the v26+ paths end with. */
const pathLength = (s: LogsTreeShape) => s.depth + (s.aggregatedRoot ? 1 : 0)

/**
 * Folds the leaf at position `id` up the log leaf path, after holding the path to a tree shape of the table
 * (logsTree.ts) by its length: 9, 11, 12 or 14 siblings for the pre-v26 trees, 15 for v26+ (14 siblings, then the
 * aggregated root, with the local root as the left child: the leaf must lie in the local tree, id < 16384). The
 * format does not choose the shape: L1 folds whatever path either format carries, so this does too.
 */
export function foldLogLeaf(leaf: Uint8Array, id: bigint, proof: LogProofPath): LeafFold {
  const shape = [...LOGS_TREE_SHAPES].reverse().find((s) => pathLength(s) === proof.path.length)
  if (!shape) {
    const lengths = [...new Set(LOGS_TREE_SHAPES.map((s) => `${pathLength(s)} (${versionsOf(s)})`))]
    return {
      ok: false,
      reason: `a ${proof.path.length}-word log leaf path fits no logs tree: expected ${lengths.join(', ')}`,
    }
  }
  if (id >= BigInt(shape.leaves))
    return { ok: false, reason: `leaf position ${id} is outside a ${shape.leaves}-leaf logs tree` }
  const root = foldMerklePath(leaf, id, proof.path)
  return {
    ok: true,
    root,
    shape,
    ...(shape.aggregatedRoot ? { aggregatedRoot: proof.path[proof.path.length - 1]! } : {}),
  }
}

export function describeLogProof(proof: LogProofPath): string {
  if (proof.format === 'plain') return `plain ${proof.path.length}-sibling path`
  return `metadata v1, ${proof.path.length}-word log leaf path, ${proof.final ? 'final' : `not final (${proof.batchLeafProofLen}-word batch leaf proof, ${proof.rest.length} words follow)`}`
}
