import { bytesToHex } from '../encoding/hex'
import { decodeBinaryNode, hashBinaryNode, NodeDecodeError, STEM_LENGTH } from './binaryNode'
import type { BinaryProofFile } from './parseBinaryProof'

/**
 * What a binary-tree proof file holds, for the inspector: the key split into stem and suffix, and the nodes
 * along the path with their hashes. JSON-safe; it proves nothing (verifyBinaryProof does).
 */
export interface DescribedBinaryNode {
  index: number
  bytes: number
  type: 'internal' | 'stem' | 'invalid'
  hash?: string
  /** Internal node: child hashes (left = bit 0, right = bit 1), null for an empty subtree. */
  children?: [string | null, string | null]
  stem?: string
  /** Stem node: how many of its 256 slots hold a value. */
  valueCount?: number
  /** Stem node: the value in the key's slot, when this is the key's stem. */
  valueAtKey?: string | null
  error?: string
}

export interface BinaryProofDescription {
  draftSpec: true
  key: string
  stem: string
  suffix: number
  claimedRoot: string | null
  claimedValue: string | null | 'not claimed'
  nodeCount: number
  totalBytes: number
  nodes: DescribedBinaryNode[]
}

export function describeBinaryProof(file: BinaryProofFile): BinaryProofDescription {
  const stem = file.key.subarray(0, STEM_LENGTH)
  const stemHex = bytesToHex(stem)
  const suffix = file.key[STEM_LENGTH]!
  const nodes = file.proof.map((bytes, index): DescribedBinaryNode => {
    try {
      const node = decodeBinaryNode(bytes)
      const hash = bytesToHex(hashBinaryNode(node))
      if (node.type === 'internal') {
        const [l, r] = node.children
        return {
          index,
          bytes: bytes.length,
          type: 'internal',
          hash,
          children: [l && bytesToHex(l), r && bytesToHex(r)],
        }
      }
      const own = bytesToHex(node.stem) === stemHex
      const v = node.values[suffix]
      return {
        index,
        bytes: bytes.length,
        type: 'stem',
        hash,
        stem: bytesToHex(node.stem),
        valueCount: node.values.filter((x) => x !== null).length,
        ...(own ? { valueAtKey: v ? bytesToHex(v) : null } : {}),
      }
    } catch (err) {
      if (!(err instanceof NodeDecodeError)) throw err
      return { index, bytes: bytes.length, type: 'invalid', error: err.message }
    }
  })
  return {
    draftSpec: true,
    key: bytesToHex(file.key),
    stem: stemHex,
    suffix,
    claimedRoot: file.claimedRoot ? bytesToHex(file.claimedRoot) : null,
    claimedValue:
      file.claimedValue === undefined ? 'not claimed' : file.claimedValue && bytesToHex(file.claimedValue),
    nodeCount: nodes.length,
    totalBytes: file.proof.reduce((n, p) => n + p.length, 0),
    nodes,
  }
}
