import { createBinaryTree, verifyBinaryProof as libraryVerify, type BinaryTree } from '@ethereumjs/binarytree'
import { RLP } from '@ethereumjs/rlp'
import { bitsToBytes, bytesToBits } from '@ethereumjs/util'
import { sha256 } from '@noble/hashes/sha2.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { bytesToHex, concatBytes } from '../encoding/hex'
import type { Report } from '../report'
import { decodeBinaryNode } from './binaryNode'
import { describeBinaryProof } from './describeBinaryProof'
import { parseBinaryProofFile, type BinaryProofFile } from './parseBinaryProof'
import { verifyBinaryProof } from './verifyBinaryProof'

/*
 * No EIP-7864 proof fixtures exist anywhere (research/verkle.md §5.2), so every proof here is generated with
 * @ethereumjs/binarytree@10.1.3 — the only JS implementation — and the verifier is held to agree with that
 * library's own verifyBinaryProof on every honest proof, and to refuse each tampered one with the check id.
 */

const STEMS = 48
const stemOf = (i: number) => sha256(Uint8Array.of(0x57, i)).subarray(0, 31)
const valueOf = (i: number, s: number) => sha256(Uint8Array.of(0x56, i, s))
const SUFFIXES = [0, 1, 5, 64, 200]
const key = (stem: Uint8Array, suffix: number) => concatBytes(stem, Uint8Array.of(suffix))

let tree: BinaryTree
let root: Uint8Array

async function proofFor(k: Uint8Array, t = tree): Promise<BinaryProofFile> {
  return { key: k, proof: await t.createBinaryProof(k) }
}

const checkStatus = (r: Report, id: string) => r.checks.find((c) => c.id === id)?.status

beforeAll(async () => {
  tree = await createBinaryTree()
  for (let i = 0; i < STEMS; i++)
    await tree.put(
      stemOf(i),
      SUFFIXES,
      SUFFIXES.map((s) => valueOf(i, s)),
    )
  root = tree.root()
})

describe('verifyBinaryProof on proofs made by @ethereumjs/binarytree', () => {
  it('proves every present key of a 48-stem tree, agreeing with the library', async () => {
    for (let i = 0; i < STEMS; i += 3) {
      const k = key(stemOf(i), SUFFIXES[i % SUFFIXES.length]!)
      const file = await proofFor(k)
      const report = verifyBinaryProof(file, root)
      expect(report.verdict, `stem ${i}`).toBe('verified')
      expect(report.facts.present).toBe(true)
      expect(report.facts.value).toBe(bytesToHex(valueOf(i, SUFFIXES[i % SUFFIXES.length]!)))
      expect(bytesToHex((await libraryVerify(root, k, file.proof))!)).toBe(report.facts.value)
    }
  })

  it('proves an empty slot of a present stem and an absent stem absent, as the library does', async () => {
    const emptySlot = await proofFor(key(stemOf(7), 99))
    const r1 = verifyBinaryProof(emptySlot, root)
    expect(r1.verdict).toBe('verified')
    expect(r1.facts).toMatchObject({ present: false, value: null, absence: 'empty-slot' })
    expect((await libraryVerify(root, emptySlot.key, emptySlot.proof)) ?? null).toBeNull()

    const reasons = new Set<string>()
    for (let j = 0; j < 16; j++) {
      const absent = await proofFor(key(sha256(Uint8Array.of(0x99, j)).subarray(0, 31), 1))
      const r = verifyBinaryProof(absent, root)
      expect(r.verdict).toBe('verified')
      expect(r.facts.present).toBe(false)
      reasons.add(String(r.facts.absence))
      if (r.facts.absence === 'other-stem')
        expect((await libraryVerify(root, absent.key, absent.proof)) ?? null).toBeNull()
      // The library cannot check its own empty-subtree absence proofs: it reads `.values` of the last
      // (internal) node and throws a TypeError.
      else await expect(libraryVerify(root, absent.key, absent.proof)).rejects.toThrow(TypeError)
    }
    // Both kinds of absence occur: a different stem on the key's prefix, and an empty subtree.
    expect([...reasons].sort()).toEqual(['empty-subtree', 'other-stem'])
  })

  it('handles the one-stem tree (root is the stem node) and the empty tree', async () => {
    const single = await createBinaryTree()
    await single.put(stemOf(1), [3], [valueOf(1, 3)])
    const present = verifyBinaryProof(await proofFor(key(stemOf(1), 3), single), single.root())
    expect(present.verdict).toBe('verified')
    expect(present.facts.depth).toBe(0)
    const other = verifyBinaryProof(await proofFor(key(stemOf(2), 3), single), single.root())
    expect(other.facts).toMatchObject({ present: false, absence: 'other-stem' })

    const empty = await createBinaryTree()
    const e = verifyBinaryProof(await proofFor(key(stemOf(1), 0), empty), empty.root())
    expect(e.verdict).toBe('verified')
    expect(e.facts.absence).toBe('empty-tree')
    // An empty proof against a non-empty root proves nothing.
    expect(
      checkStatus(verifyBinaryProof({ key: key(stemOf(1), 0), proof: [] }, root), 'binarytree.proof.root'),
    ).toBe('fail')
  })
})

describe('verifyBinaryProof refuses tampered proofs with the failing check', () => {
  let honest: BinaryProofFile
  beforeAll(async () => {
    honest = await proofFor(key(stemOf(10), 5))
    expect(honest.proof.length).toBeGreaterThan(3)
  })

  it('a lied root', () => {
    const lied = root.slice()
    lied[0]! ^= 1
    expect(checkStatus(verifyBinaryProof(honest, lied), 'binarytree.proof.root')).toBe('fail')
  })

  it('a flipped byte in the proven value', () => {
    const raw = RLP.decode(honest.proof[honest.proof.length - 1]!) as Uint8Array[]
    const value = raw[2 + 5]!.slice()
    value[31]! ^= 1
    raw[2 + 5] = value
    const last = RLP.encode(raw)
    const r = verifyBinaryProof({ ...honest, proof: [...honest.proof.slice(0, -1), last] }, root)
    expect(r.verdict).toBe('failed')
    expect(checkStatus(r, 'binarytree.proof.path')).toBe('fail')
  })

  it('a dropped middle node, a dropped last node, an appended node', () => {
    const p = honest.proof
    const dropped = verifyBinaryProof({ ...honest, proof: [p[0]!, ...p.slice(2)] }, root)
    expect(checkStatus(dropped, 'binarytree.proof.path')).toBe('fail')
    const truncated = verifyBinaryProof({ ...honest, proof: p.slice(0, -1) }, root)
    expect(checkStatus(truncated, 'binarytree.proof.path')).toBe('fail')
    const appended = verifyBinaryProof({ ...honest, proof: [...p, p[0]!] }, root)
    expect(checkStatus(appended, 'binarytree.proof.complete')).toBe('fail')
  })

  it('a node that is not a binary-tree node', () => {
    const r = verifyBinaryProof(
      { ...honest, proof: [honest.proof[0]!, Uint8Array.of(0xc2, 0x05, 0x06)] },
      root,
    )
    expect(checkStatus(r, 'binarytree.proof.nodes')).toBe('fail')
  })

  it('another key presented with this proof', () => {
    const other = key(stemOf(11), 5)
    const r = verifyBinaryProof({ key: other, proof: honest.proof }, root)
    expect(r.verdict).not.toBe('verified')
  })

  it('a lied claimed value', () => {
    const r = verifyBinaryProof({ ...honest, claimedValue: valueOf(10, 1) }, root)
    expect(checkStatus(r, 'binarytree.value.claimed')).toBe('fail')
    const absentClaim = verifyBinaryProof({ ...honest, claimedValue: null }, root)
    expect(checkStatus(absentClaim, 'binarytree.value.claimed')).toBe('fail')
    expect(
      checkStatus(
        verifyBinaryProof({ ...honest, claimedValue: valueOf(10, 5) }, root),
        'binarytree.value.claimed',
      ),
    ).toBe('pass')
  })

  it('a rewritten child path (not hashed): the library returns the neighbour value, this verifier proves absence', async () => {
    // Find an absent stem whose walk ends on another stem that has a value in the key's slot.
    let file: BinaryProofFile | undefined
    for (let j = 0; j < 64 && !file; j++) {
      const k = key(sha256(Uint8Array.of(0x98, j)).subarray(0, 31), 5)
      const p = await proofFor(k)
      if (verifyBinaryProof(p, root).facts.absence === 'other-stem') file = p
    }
    if (!file) throw new Error('no other-stem absence found')
    const parentIndex = file.proof.length - 2
    const raw = RLP.decode(file.proof[parentIndex]!) as Uint8Array[]
    const keyBits = bytesToBits(file.key.subarray(0, 31))
    const depth = parentIndex
    const side = keyBits[depth]!
    raw[3 + side] = RLP.encode([Uint8Array.of(keyBits.length), bitsToBytes(keyBits)])
    const forged = [...file.proof]
    forged[parentIndex] = RLP.encode(raw)
    expect(decodeBinaryNode(forged[parentIndex]!).type).toBe('internal')

    const libraryValue = await libraryVerify(root, file.key, forged)
    expect(libraryValue).not.toBeNull() // the library is fooled: it returns the other stem's slot 5
    const report = verifyBinaryProof({ key: file.key, proof: forged }, root)
    expect(report.verdict).toBe('verified')
    expect(report.facts).toMatchObject({ present: false, absence: 'other-stem' })
  })
})

describe('parseBinaryProofFile and describeBinaryProof', () => {
  it('reads the file format and describes each node', async () => {
    const k = key(stemOf(4), 64)
    const proof = await tree.createBinaryProof(k)
    const file = parseBinaryProofFile({
      format: 'eip7864-binary-proof',
      key: bytesToHex(k),
      proof: proof.map(bytesToHex),
      root: bytesToHex(root),
      value: bytesToHex(valueOf(4, 64)),
    })
    expect(verifyBinaryProof(file, root).verdict).toBe('verified')
    const d = describeBinaryProof(file)
    expect(d.nodeCount).toBe(proof.length)
    expect(d.nodes[0]!.hash).toBe(bytesToHex(root))
    expect(d.nodes.at(-1)).toMatchObject({
      type: 'stem',
      stem: bytesToHex(stemOf(4)),
      valueAtKey: bytesToHex(valueOf(4, 64)),
    })
  })

  it('refuses malformed files with an InputError', () => {
    expect(() => parseBinaryProofFile({ key: '0x12', proof: [] })).toThrow(/key/)
    expect(() => parseBinaryProofFile({ key: '0x' + '00'.repeat(32), proof: ['0xabc'] })).toThrow(/proof.0/)
    expect(() => parseBinaryProofFile({ key: '0x' + '00'.repeat(32), proof: 'x' })).toThrow(/proof/)
  })
})
