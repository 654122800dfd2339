import { blake3 } from '@noble/hashes/blake3.js'
import { bytesToHex, concatBytes } from '../encoding/hex'
import { decodeRlp, type RlpItem } from '../mpt/rlp'

/**
 * Nodes of an EIP-7864 (draft) binary tree as `@ethereumjs/binarytree@10.1.3` serialises them in a proof, and
 * their hashes. There is no standard binary-tree proof encoding yet (research/verkle.md §5.2); this is the
 * only one any JS library produces, so it is the one read here. Everything is untrusted: a node that does not
 * decode to exactly one of the two shapes below is refused, never guessed at.
 *
 *  - internal node: RLP [0x00, leftHash (0|32 B), rightHash (0|32 B), leftPath, rightPath]. The path fields
 *    (RLP of [bit count, packed bits]) are a convenience of the library and are NOT covered by the node hash,
 *    so a verifier must never navigate by them — only by the key's bits.
 *  - stem node: RLP [0x01, stem (31 B), value_0 … value_255 (each 0|32 B; empty = absent)].
 *
 * Hashing (EIP-7864 draft, `hash` with BLAKE3 as the placeholder the EIP names, as the library does):
 * hash(absent) = hash(64 zero bytes) = 32 zero bytes; internal = hash(left ‖ right); stem node =
 * hash(stem ‖ 0x00 ‖ merkle root of hash(value_i) over the 256 slots).
 */

export const STEM_LENGTH = 31
export const HASH_LENGTH = 32
export const STEM_WIDTH = 256
export const NODE_TYPE = { internal: 0, stem: 1 } as const
export const ZERO_HASH = new Uint8Array(HASH_LENGTH)

export interface InternalNode {
  type: 'internal'
  /** Child hashes, left (bit 0) and right (bit 1); null for an empty subtree. */
  children: [Uint8Array | null, Uint8Array | null]
  /** Bit length of each child's claimed path (informative only, unauthenticated). */
  claimedPathBits: [number | null, number | null]
}

export interface StemNode {
  type: 'stem'
  stem: Uint8Array
  /** 256 slots; null = absent (which differs from 32 zero bytes). */
  values: (Uint8Array | null)[]
}

export type BinaryNode = InternalNode | StemNode

/** Why a node was refused, in words. */
export class NodeDecodeError extends Error {}

function isZero(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0) return false
  return true
}

/** The EIP-7864 `hash`: 32 or 64 bytes in; absent or 64 zero bytes hash to 32 zero bytes. */
export function treeHash(data: Uint8Array | null): Uint8Array {
  if (data === null || (data.length === 64 && isZero(data))) return new Uint8Array(HASH_LENGTH)
  if (data.length !== 32 && data.length !== 64) throw new Error(`hash input of ${data.length} bytes`)
  return blake3(data)
}

function asBytes(item: RlpItem | undefined, what: string): Uint8Array {
  if (!(item instanceof Uint8Array)) throw new NodeDecodeError(`${what} is a list, expected bytes`)
  return item
}

function childHash(item: RlpItem | undefined, side: string): Uint8Array | null {
  const h = asBytes(item, `${side} child hash`)
  if (h.length === 0) return null
  if (h.length !== HASH_LENGTH) throw new NodeDecodeError(`${side} child hash has ${h.length} bytes`)
  // A zero hash is the empty subtree by definition of `hash`; treat it as one.
  return isZero(h) ? null : h
}

function pathBits(item: RlpItem | undefined, hash: Uint8Array | null, side: string): number | null {
  const raw = asBytes(item, `${side} path`)
  if (hash === null) return null
  const decoded = decodeRlp(raw)
  if (!Array.isArray(decoded) || decoded.length !== 2 || !(decoded[0] instanceof Uint8Array))
    throw new NodeDecodeError(`${side} path is not RLP [bit count, bits]`)
  const count = decoded[0]
  if (count.length !== 1) throw new NodeDecodeError(`${side} path bit count is not one byte`)
  return count[0]!
}

/** Decodes one serialised node, or throws NodeDecodeError saying what is wrong. */
export function decodeBinaryNode(bytes: Uint8Array): BinaryNode {
  const raw = decodeRlp(bytes)
  if (!Array.isArray(raw)) throw new NodeDecodeError('not an RLP list')
  const typeByte = asBytes(raw[0], 'node type')
  if (typeByte.length !== 1) throw new NodeDecodeError('node type is not one byte')
  if (typeByte[0] === NODE_TYPE.internal) {
    if (raw.length !== 5) throw new NodeDecodeError(`internal node has ${raw.length} items, expected 5`)
    const left = childHash(raw[1], 'left')
    const right = childHash(raw[2], 'right')
    return {
      type: 'internal',
      children: [left, right],
      claimedPathBits: [pathBits(raw[3], left, 'left'), pathBits(raw[4], right, 'right')],
    }
  }
  if (typeByte[0] === NODE_TYPE.stem) {
    if (raw.length !== STEM_WIDTH + 2)
      throw new NodeDecodeError(`stem node has ${raw.length} items, expected ${STEM_WIDTH + 2}`)
    const stem = asBytes(raw[1], 'stem')
    if (stem.length !== STEM_LENGTH) throw new NodeDecodeError(`stem has ${stem.length} bytes`)
    const values = raw.slice(2).map((item, i) => {
      const v = asBytes(item, `value ${i}`)
      if (v.length === 0) return null
      if (v.length !== HASH_LENGTH) throw new NodeDecodeError(`value ${i} has ${v.length} bytes`)
      return v
    })
    return { type: 'stem', stem, values }
  }
  throw new NodeDecodeError(`unknown node type ${typeByte[0]}`)
}

/** The node's hash, i.e. the reference its parent (or the root) holds. */
export function hashBinaryNode(node: BinaryNode): Uint8Array {
  if (node.type === 'internal') {
    const [l, r] = node.children
    return treeHash(concatBytes(l ?? ZERO_HASH, r ?? ZERO_HASH))
  }
  let layer = node.values.map((v) => treeHash(v))
  while (layer.length > 1) {
    const next: Uint8Array[] = []
    for (let i = 0; i < layer.length; i += 2) next.push(treeHash(concatBytes(layer[i]!, layer[i + 1]!)))
    layer = next
  }
  return treeHash(concatBytes(node.stem, new Uint8Array(1), layer[0]!))
}

/** Bit `i` of `bytes`, most significant bit first (EIP-7864 walks the stem from its first bit). */
export function bitAt(bytes: Uint8Array, i: number): 0 | 1 {
  return ((bytes[i >> 3]! >> (7 - (i & 7))) & 1) as 0 | 1
}

export function describeNodeBrief(node: BinaryNode): string {
  return node.type === 'internal'
    ? `internal (${node.children.filter((c) => c !== null).length} children)`
    : `stem ${bytesToHex(node.stem)} (${node.values.filter((v) => v !== null).length} values)`
}
