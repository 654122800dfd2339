import { InputError } from '../../shared/errors'
import { CODE_OFFSET, HEADER_STORAGE_OFFSET, MAIN_STORAGE_OFFSET, NODE_WIDTH, STEM_LENGTH } from './constants'
import type { VerkleBackend } from './verkleBackend'

/**
 * EIP-6800 tree keys (ethereum/EIPs@f767a1e8:EIPS/eip-6800.md `get_tree_key`, research/verkle.md §4):
 * key = pedersen_hash(address32 ‖ tree_index as 32 bytes LE)[:31] ‖ sub_index. Our own few lines on top of
 * the backend's hash, because @ethereumjs/util dropped these helpers after 10.0.0; the conformance test
 * checks them against ethereumjs-util-verkle (= @ethereumjs/util@10.0.0) and against stems in real witnesses.
 *
 * Keys of Kaustinen 2/4 were hashed before EIP-6800 commits af04410a1/59a1e791e (2024-03-11) and cannot be
 * derived here; their proofs still verify, because verification does not derive keys.
 */

export interface TreePosition {
  treeIndex: bigint
  subIndex: number
}

const TREE_INDEX_LIMIT = 1n << 256n

function address32(address: Uint8Array): Uint8Array {
  if (address.length !== 20) throw new InputError(`address must be 20 bytes, got ${address.length}`)
  const out = new Uint8Array(32)
  out.set(address, 12)
  return out
}

function treeIndexLE(treeIndex: bigint): Uint8Array {
  if (treeIndex < 0n || treeIndex >= TREE_INDEX_LIMIT)
    throw new InputError('tree index does not fit in 32 bytes')
  const out = new Uint8Array(32)
  let v = treeIndex
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  return out
}

/** The 31-byte stem holding an account's header (tree index 0) or another group of 256 values. */
export function getStem(backend: VerkleBackend, address: Uint8Array, treeIndex = 0n): Uint8Array {
  return backend.getTreeKeyHash(address32(address), treeIndexLE(treeIndex)).slice(0, STEM_LENGTH)
}

export function getTreeKey(backend: VerkleBackend, address: Uint8Array, position: TreePosition): Uint8Array {
  const key = new Uint8Array(32)
  key.set(getStem(backend, address, position.treeIndex))
  key[31] = position.subIndex
  return key
}

function positionOf(pos: bigint): TreePosition {
  const width = BigInt(NODE_WIDTH)
  return { treeIndex: pos / width, subIndex: Number(pos % width) }
}

/** Slots 0..63 sit in the account header at 64 + slot; every other slot at 256^31 + slot. */
export function storageSlotPosition(slot: bigint): TreePosition {
  if (slot < 0n || slot >= TREE_INDEX_LIMIT) throw new InputError('storage slot does not fit in 32 bytes')
  const headerSlots = BigInt(CODE_OFFSET - HEADER_STORAGE_OFFSET)
  return positionOf(slot < headerSlots ? BigInt(HEADER_STORAGE_OFFSET) + slot : MAIN_STORAGE_OFFSET + slot)
}

/** Code chunk i (31 bytes of code each) sits at position 128 + i. */
export function codeChunkPosition(chunk: number): TreePosition {
  if (!Number.isSafeInteger(chunk) || chunk < 0)
    throw new InputError('code chunk index must be a natural number')
  return positionOf(BigInt(CODE_OFFSET + chunk))
}
