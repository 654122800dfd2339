import { blake2s256 as blake2s } from '../../crypto/backends'
import { bytesToHex, equalBytes } from '../../encoding/hex'
import { emptySubtreeHashes, hashLeaf, TREE_DEPTH } from './treeHasher'
import { treeKeyBit, zksTreeKey } from './treeKey'
import type { ZksStorageProofEntry } from './types'

/** The per-entry checks, in the order they are reported; a report names them `zks.storage[<i>].<check>`. */
export type ZksStorageCheck = 'key' | 'length' | 'index' | 'proof'

export interface ZksStorageCheckResult {
  check: ZksStorageCheck
  /** `skip` only when an earlier check makes this one meaningless (a proof too long to fold). */
  status: 'pass' | 'fail' | 'skip'
  detail: string
}

export interface ZksStorageProofResult {
  /** True only when every check passed. */
  ok: boolean
  checks: ZksStorageCheckResult[]
  /** Blake2s(12 zero bytes ‖ address ‖ requested key), the leaf's position in the tree. */
  treeKey: Uint8Array
  /** The root the proof folds to, when it could be folded. */
  computedRoot?: Uint8Array
}

export interface ZksStorageProofOptions {
  /**
   * The highest enumeration index the batch can contain (`StoredBatchInfo.indexRepeatedStorageChanges`). The
   * root already binds the index; this catches a bogus one cheaply (zksync.md §3.3).
   */
  maxIndex?: bigint
}

const U64_LIMIT = 1n << 64n

/**
 * Verifies one `zks_getProof` storage entry against a trusted tree root (zksync.md §3.2):
 * the entry is for the requested key, has at most 256 siblings, index 0 carries value 0, and the leaf
 * `Blake2s(u64_be(index) ‖ value)` folds up the path of the tree key to `root`. Absent slots (index 0, value 0)
 * are proven the same way: non-inclusion is the inclusion of the empty leaf.
 *
 * @example
 * const r = verifyZksStorageProof(batchRoot, nonceHolder, slot, parsed.storageProof[0]!)
 * if (r.ok) showValue(parsed.storageProof[0]!.value)
 */
export function verifyZksStorageProof(
  root: Uint8Array,
  address: Uint8Array,
  key: Uint8Array,
  entry: ZksStorageProofEntry,
  options: ZksStorageProofOptions = {},
): ZksStorageProofResult {
  const checks: ZksStorageCheckResult[] = []
  const treeKey = zksTreeKey(address, key)

  // The server hashes whatever key it is given; a different key in the answer is a proof of something else.
  const keyOk = equalBytes(entry.key, key)
  checks.push({
    check: 'key',
    status: keyOk ? 'pass' : 'fail',
    detail: keyOk
      ? `entry is for slot ${bytesToHex(key)}`
      : `entry is for slot ${bytesToHex(entry.key)}, requested ${bytesToHex(key)}`,
  })

  // A depth-256 tree has at most 256 siblings (zksync-era `TreeEntryWithProof::verify`).
  const badSibling = entry.proof.findIndex((s) => s.length !== 32)
  const lengthOk = entry.proof.length <= TREE_DEPTH && badSibling < 0 && root.length === 32
  checks.push({
    check: 'length',
    status: lengthOk ? 'pass' : 'fail',
    detail: lengthOk
      ? `${entry.proof.length} siblings given, ${TREE_DEPTH - entry.proof.length} empty subtrees padded`
      : badSibling >= 0
        ? `sibling ${badSibling} is not 32 bytes`
        : root.length !== 32
          ? 'trusted root is not 32 bytes'
          : `${entry.proof.length} siblings, more than the tree depth ${TREE_DEPTH}`,
  })

  // Index 0 means "not in the tree", whose leaf is the empty leaf: a nonzero value there is a lie
  // (zksync-era `TreeEntryWithProof::verify`).
  const valueIsZero = entry.value.length === 32 && entry.value.every((b) => b === 0)
  let indexDetail: string
  let indexOk = false
  if (entry.value.length !== 32) indexDetail = 'value is not 32 bytes'
  else if (entry.index < 0n || entry.index >= U64_LIMIT) indexDetail = `index ${entry.index} is not a u64`
  else if (entry.index === 0n && !valueIsZero) indexDetail = 'index 0 (absent slot) with a nonzero value'
  else if (options.maxIndex !== undefined && entry.index > options.maxIndex)
    indexDetail = `index ${entry.index} is above the batch's last enumeration index ${options.maxIndex}`
  else {
    indexOk = true
    indexDetail = entry.index === 0n ? 'absent slot: index 0, value 0' : `leaf index ${entry.index}`
  }
  checks.push({ check: 'index', status: indexOk ? 'pass' : 'fail', detail: indexDetail })

  let computedRoot: Uint8Array | undefined
  if (!lengthOk || entry.value.length !== 32 || entry.index < 0n || entry.index >= U64_LIMIT) {
    checks.push({ check: 'proof', status: 'skip', detail: 'proof not folded: its shape is invalid' })
  } else {
    computedRoot = foldToRoot(treeKey, hashLeaf(entry.index, entry.value), entry.proof)
    const rootOk = equalBytes(computedRoot, root)
    checks.push({
      check: 'proof',
      status: rootOk ? 'pass' : 'fail',
      detail: rootOk
        ? `path folds to the trusted root ${bytesToHex(root)}`
        : `path folds to ${bytesToHex(computedRoot)}, trusted root is ${bytesToHex(root)}`,
    })
  }

  return {
    ok: checks.every((c) => c.status === 'pass'),
    checks,
    treeKey,
    ...(computedRoot ? { computedRoot } : {}),
  }
}

/**
 * Folds a leaf hash up to the root (zksync.md §3.2 steps 5–6). `proof` is root-to-leaf with the leaf-side empty
 * siblings trimmed, so the sibling at depth d (0 next to the leaf) is `E[d]` for d < pad and
 * `proof[len − 1 − (d − pad)]` above. One 64-byte buffer is reused: the fold is 256 Blake2s calls and little else.
 */
export function foldToRoot(
  treeKey: Uint8Array,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  if (proof.length > TREE_DEPTH) throw new RangeError('proof longer than the tree depth')
  const empty = emptySubtreeHashes()
  const pad = TREE_DEPTH - proof.length
  const last = proof.length - 1
  const buf = new Uint8Array(64)
  let h = leafHash
  for (let d = 0; d < TREE_DEPTH; d++) {
    const sibling = d < pad ? empty[d]! : proof[last - (d - pad)]!
    if (treeKeyBit(treeKey, d) === 1) {
      buf.set(sibling, 0)
      buf.set(h, 32)
    } else {
      buf.set(h, 0)
      buf.set(sibling, 32)
    }
    h = blake2s(buf)
  }
  return h
}
