import { bytesToHex, equalBytes } from '../encoding/hex'
import { ReportBuilder, type Report } from '../report'
import {
  bitAt,
  decodeBinaryNode,
  hashBinaryNode,
  NodeDecodeError,
  STEM_LENGTH,
  type BinaryNode,
} from './binaryNode'
import type { BinaryProofFile } from './parseBinaryProof'

/**
 * Verifies an EIP-7864 (draft) single-key binary-tree proof against a trusted root, written here rather than
 * calling `@ethereumjs/binarytree`'s `verifyBinaryProof`, because that function navigates by the child paths
 * stored in internal nodes — which no hash covers — so a proof with a rewritten path can make it return a
 * neighbouring stem's value for the key (binaryNode.ts; the test shows it). Here the walk is decided by the
 * key's bits alone and every step is bound by a hash:
 *
 *   node 0 hashes to the root; at depth d an internal node's child for bit d of the stem is the hash of the
 *   next node (or the empty subtree, which proves absence); the walk ends at a stem node, which must sit on
 *   the key's prefix: the same stem proves the slot's value (or its absence), another stem proves the key
 *   absent. Nothing may follow the node that ends the walk.
 *
 * Draft spec: the EIP's hash function (BLAKE3 placeholder), key layout and proof encoding may all change.
 */
export const BINARY_PROOF_CHECKS = {
  nodes: { id: 'binarytree.proof.nodes', title: 'Every proof node decodes as an internal or stem node' },
  root: { id: 'binarytree.proof.root', title: 'The first node hashes to the trusted root' },
  path: { id: 'binarytree.proof.path', title: "Each node is the child its parent holds for the key's bit" },
  stem: { id: 'binarytree.proof.stem', title: "The walk ends on the key's prefix" },
  complete: { id: 'binarytree.proof.complete', title: 'No node follows the end of the walk' },
  claimedValue: { id: 'binarytree.value.claimed', title: 'The value the file claims is the proven one' },
} as const

export const BINARY_TREE_SUBJECT =
  'EIP-7864 binary-tree single-key proof (draft spec: BLAKE3, pre-2026 layout)'

export type BinaryProofOutcome =
  | { present: true; value: Uint8Array; depth: number }
  | {
      present: false
      reason: 'empty-tree' | 'empty-subtree' | 'other-stem' | 'empty-slot'
      depth: number
      otherStem?: Uint8Array
    }

export function verifyBinaryProof(file: BinaryProofFile, root: Uint8Array): Report {
  const C = BINARY_PROOF_CHECKS
  const b = new ReportBuilder({ kind: 'binary-tree', description: BINARY_TREE_SUBJECT })
  const stem = file.key.subarray(0, STEM_LENGTH)
  const suffix = file.key[STEM_LENGTH]!
  b.fact('key', bytesToHex(file.key))
    .fact('stem', bytesToHex(stem))
    .fact('suffix', suffix)
    .fact('draftSpec', true)

  const nodes: BinaryNode[] = []
  for (let i = 0; i < file.proof.length; i++) {
    try {
      nodes.push(decodeBinaryNode(file.proof[i]!))
    } catch (err) {
      if (!(err instanceof NodeDecodeError)) throw err
      b.fail(C.nodes.id, C.nodes.title, `proof[${i}]: ${err.message}`)
      return b.build()
    }
  }
  b.pass(C.nodes.id, C.nodes.title, `${nodes.length} nodes`)

  const outcome = walk(b, nodes, root, stem, suffix)
  if (!outcome) return b.build()

  b.fact('present', outcome.present).fact('depth', outcome.depth)
  if (outcome.present) b.fact('value', bytesToHex(outcome.value))
  else {
    b.fact('value', null).fact('absence', outcome.reason)
    if (outcome.otherStem) b.fact('otherStem', bytesToHex(outcome.otherStem))
  }
  if (file.claimedValue !== undefined) {
    const proven = outcome.present ? outcome.value : null
    const same =
      proven === null || file.claimedValue === null
        ? proven === file.claimedValue
        : equalBytes(proven, file.claimedValue)
    const show = (v: Uint8Array | null) => (v === null ? 'absent' : bytesToHex(v))
    b.expect(
      C.claimedValue.id,
      C.claimedValue.title,
      same,
      `proven ${show(proven)}`,
      `the file claims ${show(file.claimedValue)}, the proof proves ${show(proven)}`,
    )
  }
  return b.build()
}

function sameNode(a: BinaryNode, b: BinaryNode): boolean {
  return equalBytes(hashBinaryNode(a), hashBinaryNode(b))
}

function walk(
  b: ReportBuilder,
  nodes: BinaryNode[],
  root: Uint8Array,
  stem: Uint8Array,
  suffix: number,
): BinaryProofOutcome | undefined {
  const C = BINARY_PROOF_CHECKS
  const end = (lastIndex: number, outcome: BinaryProofOutcome): BinaryProofOutcome | undefined => {
    // @ethereumjs/binarytree repeats the stem node when it is the root (findPath returns it both as the
    // stack's root and as the found node); an identical repeat adds nothing, so exactly that one is allowed.
    const last = nodes[lastIndex]
    const repeat = nodes[lastIndex + 1]
    const repeated =
      last?.type === 'stem' &&
      repeat !== undefined &&
      nodes.length === lastIndex + 2 &&
      sameNode(last, repeat)
    const extra = nodes.length - 1 - lastIndex - (repeated ? 1 : 0)
    if (
      !b.expect(
        C.complete.id,
        C.complete.title,
        extra === 0,
        'the walk used every node',
        `${extra} node(s) after the end of the walk`,
      )
    )
      return undefined
    return outcome
  }

  if (nodes.length === 0) {
    // An empty proof only proves something about the empty tree, whose root is 32 zero bytes.
    const empty = root.every((x) => x === 0)
    if (
      !b.expect(
        C.root.id,
        C.root.title,
        empty,
        'empty tree (root is zero)',
        'the proof is empty but the root is not the empty tree',
      )
    )
      return undefined
    b.pass(C.path.id, C.path.title, 'no nodes').pass(C.stem.id, C.stem.title, 'empty tree')
    return end(-1, { present: false, reason: 'empty-tree', depth: 0 })
  }

  const rootOk = equalBytes(hashBinaryNode(nodes[0]!), root)
  if (
    !b.expect(
      C.root.id,
      C.root.title,
      rootOk,
      `root ${bytesToHex(root)}`,
      `proof[0] hashes to ${bytesToHex(hashBinaryNode(nodes[0]!))}, not ${bytesToHex(root)}`,
    )
  )
    return undefined

  let depth = 0
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!
    if (node.type === 'stem') {
      b.pass(C.path.id, C.path.title, `${i + 1} node(s) linked by hash down to depth ${depth}`)
      let prefixOk = true
      for (let d = 0; d < depth && prefixOk; d++) prefixOk = bitAt(node.stem, d) === bitAt(stem, d)
      if (
        !b.expect(
          C.stem.id,
          C.stem.title,
          prefixOk,
          `stem node at depth ${depth}`,
          `the stem node at depth ${depth} (${bytesToHex(node.stem)}) does not share the key's first ${depth} bits`,
        )
      )
        return undefined
      if (!equalBytes(node.stem, stem))
        return end(i, { present: false, reason: 'other-stem', depth, otherStem: node.stem })
      const value = node.values[suffix]
      return end(i, value ? { present: true, value, depth } : { present: false, reason: 'empty-slot', depth })
    }
    if (depth >= STEM_LENGTH * 8) {
      b.fail(
        C.path.id,
        C.path.title,
        `internal node at depth ${depth}: the stem has only ${STEM_LENGTH * 8} bits`,
      )
      return undefined
    }
    const child = node.children[bitAt(stem, depth)]
    if (child === null) {
      b.pass(C.path.id, C.path.title, `${i + 1} node(s) linked by hash; empty subtree at depth ${depth + 1}`)
      b.pass(C.stem.id, C.stem.title, `no stem below depth ${depth}`)
      return end(i, { present: false, reason: 'empty-subtree', depth: depth + 1 })
    }
    const next = nodes[i + 1]
    if (!next) {
      b.fail(
        C.path.id,
        C.path.title,
        `proof ends at depth ${depth}, but the node there has a child for the key`,
      )
      return undefined
    }
    if (!equalBytes(hashBinaryNode(next), child)) {
      b.fail(
        C.path.id,
        C.path.title,
        `proof[${i + 1}] is not the child proof[${i}] holds for bit ${depth} of the stem`,
      )
      return undefined
    }
    depth++
  }
  return undefined // unreachable: the loop returns at its last node
}
