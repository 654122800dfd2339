import { describe, expect, it } from 'vitest'
import { keccak_256 } from '../../crypto/backends'
import { bytesToHex, concatBytes } from '../../encoding/hex'
import { foldLogLeaf, readLogProofPath } from './logProofPath'
import { logsTreeRootAndPath } from './logsTree'

const leafOf = (i: number) => keccak_256(new Uint8Array(88).fill(i + 1))
const leaves = Array.from({ length: 5 }, (_, i) => leafOf(i))
const aggregated = keccak_256(new TextEncoder().encode('aggregated'))
const metadata = (logLen: number, batchLen: number, final: boolean, version = 1) => {
  const w = new Uint8Array(32)
  w.set([version, logLen, batchLen, final ? 1 : 0])
  return w
}

/** The v26+ proof of leaf `id` as zksync-era serves it: metadata, 14 siblings, the aggregated root. */
function modernProof(id: number) {
  const { root: local, path } = logsTreeRootAndPath(leaves, 14, id)
  return {
    root: keccak_256(concatBytes(local, aggregated)),
    words: [metadata(15, 0, true), ...path, aggregated],
  }
}

describe('zks_getL2ToL1LogProof paths (era-contracts MessageHashing)', () => {
  it('a v26+ final proof folds to keccak(localRoot ‖ aggregatedRoot)', () => {
    const { root, words } = modernProof(3)
    const read = readLogProofPath(words)
    expect(read).toMatchObject({ ok: true, proof: { format: 'metadata', final: true } })
    if (!read.ok) return
    const fold = foldLogLeaf(leaves[3]!, 3n, read.proof)
    expect(fold).toMatchObject({ ok: true, shape: { leaves: 16384, aggregatedRoot: true } })
    if (fold.ok) expect(bytesToHex(fold.root)).toBe(bytesToHex(root))
  })

  it('an old plain path folds to the local root, its shape taken from its length', () => {
    for (const depth of [9, 11, 12, 14]) {
      const { root, path } = logsTreeRootAndPath(leaves, depth, 1)
      const read = readLogProofPath(path)
      expect(read).toMatchObject({ ok: true, proof: { format: 'plain' } })
      if (!read.ok) continue
      const fold = foldLogLeaf(leaves[1]!, 1n, read.proof)
      expect(fold.ok && bytesToHex(fold.root)).toBe(bytesToHex(root))
    }
  })

  it('lies: each one named', () => {
    const { root, words } = modernProof(2)
    const fold = (w: Uint8Array[], id = 2n, leaf = leaves[2]!) => {
      const read = readLogProofPath(w)
      return read.ok ? foldLogLeaf(leaf, id, read.proof) : read
    }
    // Another position, another leaf, a changed sibling: a fold to another root (the L1 check catches it).
    for (const other of [fold(words, 3n), fold(words, 2n, leaves[4]!)])
      expect(other.ok && bytesToHex(other.root)).not.toBe(bytesToHex(root))
    const forged = words.map((w, i) => (i === 5 ? keccak_256(w) : w))
    const f = fold(forged)
    expect(f.ok && bytesToHex(f.root)).not.toBe(bytesToHex(root))
    // Shapes no tree has; a shorter path; a leaf outside the local tree; trailing words; bad metadata.
    expect(fold(words.slice(0, 14))).toMatchObject({ ok: false })
    expect(fold([metadata(13, 0, true), ...words.slice(1, 14)])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/fits no logs tree/),
    })
    expect(fold(words, 16384n)).toMatchObject({ ok: false, reason: expect.stringMatching(/outside/) })
    expect(readLogProofPath([...words, aggregated])).toMatchObject({ ok: false, reason: /after the final/ })
    expect(readLogProofPath([metadata(15, 2, true), ...words.slice(1)])).toMatchObject({ ok: false })
    expect(readLogProofPath([metadata(40, 0, true), ...words.slice(1)])).toMatchObject({ ok: false })
    expect(readLogProofPath([metadata(15, 0, true, 2), ...words.slice(1)])).toMatchObject({
      ok: false,
      unsupported: true,
    })
    expect(readLogProofPath([])).toMatchObject({ ok: false })
  })

  it('a non-final proof (the batch settled on Gateway) is read, with what follows it', () => {
    const { words } = modernProof(0)
    const rest = [new Uint8Array(32).fill(7), new Uint8Array(32).fill(8)]
    const read = readLogProofPath([metadata(15, 1, false), ...words.slice(1), ...rest])
    expect(read).toMatchObject({
      ok: true,
      proof: { format: 'metadata', final: false, batchLeafProofLen: 1 },
    })
  })
})
