import { createMPT, verifyMerkleProof } from '@ethereumjs/mpt'
import { keccak_256 } from '@noble/hashes/sha3.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bytesToHex } from '../../src/verifier/encoding/hex'
import { buildTrieRoot } from '../../src/verifier/mpt/buildTrieRoot'
import { EMPTY_TRIE_ROOT, verifyMptProof } from '../../src/verifier/mpt/verifyMptProof'
import { buildStorageTrie, buildTrie, MerklePatriciaTrie, SecureTrie } from './stateTrie'

const entriesArb = (maxKey: number, maxLength: number) =>
  fc.uniqueArray(
    fc.record({
      key: fc.uint8Array({ minLength: 0, maxLength: maxKey }),
      value: fc.uint8Array({ minLength: 1, maxLength: 40 }),
    }),
    { maxLength, selector: (e) => bytesToHex(e.key) },
  )

describe('MerklePatriciaTrie', () => {
  it('has the root of @ethereumjs/mpt and of the verifier builder on random data (prefix keys, embedded nodes)', async () => {
    await fc.assert(
      fc.asyncProperty(entriesArb(4, 40), async (entries) => {
        const oracle = await createMPT()
        for (const e of entries) await oracle.put(e.key, e.value)
        const root = bytesToHex(buildTrie(entries).root)
        return root === bytesToHex(oracle.root()) && root === bytesToHex(buildTrieRoot(entries))
      }),
      { numRuns: 60, seed: 11 },
    )
  })

  it('cuts proofs that the verifier and @ethereumjs/mpt accept: every key present, other keys absent', async () => {
    await fc.assert(
      fc.asyncProperty(
        entriesArb(3, 30),
        fc.uint8Array({ minLength: 0, maxLength: 3 }),
        async (entries, probe) => {
          const trie = buildTrie(entries)
          for (const e of entries) {
            const r = verifyMptProof(trie.root, e.key, trie.prove(e.key))
            if (r.status !== 'present' || bytesToHex(r.value) !== bytesToHex(e.value)) return false
            const ej = await verifyMerkleProof(e.key, trie.prove(e.key), {
              root: trie.root,
              useKeyHashing: false,
            })
            if (ej === null || bytesToHex(ej) !== bytesToHex(e.value)) return false
          }
          const stored = entries.find((e) => bytesToHex(e.key) === bytesToHex(probe))
          const r = verifyMptProof(trie.root, probe, trie.prove(probe))
          return stored ? r.status === 'present' : r.status === 'absent' && trie.get(probe) === undefined
        },
      ),
      { numRuns: 40, seed: 12 },
    )
  })

  it('secure tries hash their keys: same root as @ethereumjs/mpt with key hashing, on 300 account-sized leaves', async () => {
    const entries = Array.from({ length: 300 }, (_, i) => ({
      key: keccak_256(Uint8Array.of(i >> 8, i & 0xff)).subarray(12),
      value: keccak_256(Uint8Array.of(7, i >> 8, i & 0xff)).subarray(0, 1 + (i % 32)),
    }))
    const oracle = await createMPT({ useKeyHashing: true })
    for (const e of entries) await oracle.put(e.key, e.value)
    const trie = new SecureTrie(entries)
    expect(bytesToHex(trie.root)).toBe(bytesToHex(oracle.root()))
    // Inclusion and exclusion proofs over a deep trie (hashed branches, no embedded leaves).
    const e = entries[123]!
    const present = verifyMptProof(trie.root, keccak_256(e.key), trie.prove(e.key))
    expect(present.status).toBe('present')
    const absent = verifyMptProof(
      trie.root,
      keccak_256(Uint8Array.of(1, 2, 3)),
      trie.prove(Uint8Array.of(1, 2, 3)),
    )
    expect(absent.status).toBe('absent')
  })

  it('a tampered proof or a wrong root is refused (the builder does not hand out proofs for other roots)', () => {
    const trie = buildTrie([
      { key: Uint8Array.of(0x12, 0x34), value: new Uint8Array(40).fill(1) },
      { key: Uint8Array.of(0x12, 0x35), value: new Uint8Array(40).fill(2) },
      { key: Uint8Array.of(0x99), value: Uint8Array.of(3) },
    ])
    const proof = trie.prove(Uint8Array.of(0x12, 0x35))
    expect(proof.length).toBeGreaterThan(1)
    const forged = proof.map((n) => n.slice())
    forged[forged.length - 1]![5]! ^= 1
    expect(verifyMptProof(trie.root, Uint8Array.of(0x12, 0x35), forged)).toMatchObject({
      status: 'invalid',
      reason: 'hash-mismatch',
    })
    expect(verifyMptProof(trie.root, Uint8Array.of(0x12, 0x35), proof.slice(0, -1))).toMatchObject({
      status: 'invalid',
      reason: 'missing-node',
    })
    expect(verifyMptProof(EMPTY_TRIE_ROOT, Uint8Array.of(0x12, 0x35), proof).status).toBe('invalid')
  })

  it('the empty trie has the empty root and the empty proof; duplicates and empty values are refused', () => {
    const empty = new MerklePatriciaTrie([])
    expect(empty.root).toEqual(EMPTY_TRIE_ROOT)
    expect(empty.prove(Uint8Array.of(1))).toEqual([])
    expect(verifyMptProof(empty.root, Uint8Array.of(1), []).status).toBe('absent')
    expect(() => buildTrie([{ key: Uint8Array.of(1), value: new Uint8Array(0) }])).toThrow(/empty value/)
    expect(() =>
      buildTrie([
        { key: Uint8Array.of(1), value: Uint8Array.of(1) },
        { key: Uint8Array.of(1), value: Uint8Array.of(2) },
      ]),
    ).toThrow(/duplicate/)
  })

  it('storage tries leave zero words out, so a zeroed slot reads as absent', () => {
    const slot = (n: number) => {
      const s = new Uint8Array(32)
      s[31] = n
      return s
    }
    const withZero = buildStorageTrie([
      [slot(1), 5n],
      [slot(2), 0n],
    ])
    expect(withZero.root).toEqual(buildStorageTrie([[slot(1), 5n]]).root)
    expect(verifyMptProof(withZero.root, keccak_256(slot(2)), withZero.prove(slot(2))).status).toBe('absent')
  })
})
