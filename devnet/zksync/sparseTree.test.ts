import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../tests/support/fixtures'
import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
import { parseZksProof } from '../../src/verifier/zksync/stateTree/parseZksProof'
import { verifyZksProof } from '../../src/verifier/zksync/stateTree/verifyZksProof'
import type { LosslessJson } from '../../src/verifier/encoding/json'
import { emptyRoots, leafHash, SparseTreeBuilder, storageTreeKey, zksProofJson } from './sparseTree'

interface Case {
  kind: 'inclusion' | 'exclusion'
  address: string
  key: string
  value: string
  index: number
  proof: string[]
  treeKey: string
}
const V = readFixtureJson<{
  emptySubtreeHashes: Record<string, string>
  rustUnitVectors: {
    emptyTreeRoot: string
    singleLeafTree: { address: string; key: string; index: number; value: string; root: string }
    leafHash_index1_value0x01x32: string
  }
  syntheticTree: {
    root: string
    leaves: { address: string; slot: string; value: string; index: number }[]
    cases: Case[]
  }
}>('zksync/derived/state_tree_vectors.json')

const b = (h: string) => hexToBytes(h)

function syntheticTree() {
  const t = new SparseTreeBuilder()
  for (const l of V.syntheticTree.leaves) {
    const { index } = t.write(b(l.address), b(l.slot), b(l.value))
    expect(index).toBe(BigInt(l.index))
  }
  return t.snapshot()
}

describe('SparseTreeBuilder against state_tree_vectors.json', () => {
  it('has the empty-subtree hashes and the empty-tree root of the Rust tests', () => {
    const e = emptyRoots()
    expect(bytesToHex(e[0]!)).toBe(V.emptySubtreeHashes.depth0_emptyLeaf)
    expect(bytesToHex(e[1]!)).toBe(V.emptySubtreeHashes.depth1)
    expect(bytesToHex(e[2]!)).toBe(V.emptySubtreeHashes.depth2)
    expect(bytesToHex(new SparseTreeBuilder().snapshot().root)).toBe(V.rustUnitVectors.emptyTreeRoot)
    expect(bytesToHex(leafHash(1n, new Uint8Array(32).fill(1)))).toBe(
      V.rustUnitVectors.leafHash_index1_value0x01x32,
    )
  })

  it('reproduces the Rust single-leaf root', () => {
    const s = V.rustUnitVectors.singleLeafTree
    const t = new SparseTreeBuilder()
    expect(t.write(b(s.address), b(s.key), b(s.value)).index).toBe(BigInt(s.index))
    expect(bytesToHex(t.snapshot().root)).toBe(s.root)
  })

  it('reproduces the synthetic 4-leaf root, and every proof byte for byte (order and trimming)', () => {
    const snap = syntheticTree()
    expect(bytesToHex(snap.root)).toBe(V.syntheticTree.root)
    for (const c of V.syntheticTree.cases) {
      expect(bytesToHex(storageTreeKey(b(c.address), b(c.key)))).toBe(c.treeKey)
      const json = zksProofJson(snap, b(c.address), [b(c.key)])
      expect(json.storageProof[0]).toEqual({ key: c.key, proof: c.proof, value: c.value, index: c.index })
    }
  })

  it('changes the root when a value changes, and keeps the index of a repeated write', () => {
    const t = new SparseTreeBuilder()
    const l = V.syntheticTree.leaves
    for (const x of l) t.write(b(x.address), b(x.slot), b(x.value))
    const before = t.snapshot().root
    const again = t.write(b(l[1]!.address), b(l[1]!.slot), new Uint8Array(32))
    expect(again).toEqual({ index: 2n, initial: false })
    expect(t.lastIndex).toBe(4n)
    expect(bytesToHex(t.snapshot().root)).not.toBe(bytesToHex(before))
  })
})

describe('SparseTreeBuilder proofs pass the existing verifier', () => {
  // 300 leaves over a few contracts: deep shared prefixes and many single-leaf subtrees.
  const t = new SparseTreeBuilder()
  const contracts = [
    '0x000000000000000000000000000000000000800a',
    '0x0000000000000000000000000000000000008003',
  ]
  for (let i = 0; i < 300; i++) {
    const slot = new Uint8Array(32)
    slot[30] = i >> 8
    slot[31] = i & 0xff
    const value = new Uint8Array(32)
    value[31] = (i % 250) + 1
    t.write(b(contracts[i % 2]!), slot, value)
  }
  const snap = t.snapshot()
  const verify = (address: string, slots: Uint8Array[]) => {
    const json = zksProofJson(snap, b(address), slots)
    const parsed = parseZksProof(json as unknown as LosslessJson)
    return {
      json,
      report: verifyZksProof(parsed, snap.root, {
        request: { address: b(address), keys: slots },
        maxIndex: snap.lastIndex,
      }),
    }
  }
  const slotOf = (i: number) => {
    const s = new Uint8Array(32)
    s[30] = i >> 8
    s[31] = i & 0xff
    return s
  }

  it('inclusion: every sampled leaf verifies, with its index', () => {
    const slots = [0, 2, 98, 150, 298].map(slotOf)
    const { json, report } = verify(contracts[0]!, slots)
    expect(report.verdict).toBe('verified')
    expect(json.storageProof.map((e) => e.index)).toEqual([1, 3, 99, 151, 299])
  })

  it('non-inclusion: absent slots verify as (index 0, value 0)', () => {
    // Slot 1 belongs to the other contract; 1000+ were never written anywhere.
    const slots = [1, 1001, 5000].map(slotOf)
    const { json, report } = verify(contracts[0]!, slots)
    expect(report.verdict).toBe('verified')
    for (const e of json.storageProof) {
      expect(e.index).toBe(0)
      expect(e.value).toBe(bytesToHex(new Uint8Array(32)))
    }
  })

  it('a proof from an older snapshot fails against the newer root (zks.storage[0].proof)', () => {
    const older = snap
    t.write(b(contracts[0]!), slotOf(0), new Uint8Array(32).fill(9))
    const newer = t.snapshot()
    const json = zksProofJson(older, b(contracts[0]!), [slotOf(0)])
    const r = verifyZksProof(parseZksProof(json as unknown as LosslessJson), newer.root)
    expect(r.verdict).toBe('failed')
    expect(r.checks.find((c) => c.id === 'zks.storage[0].proof')?.status).toBe('fail')
  })
})
