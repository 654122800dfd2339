import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../../tests/support/fixtures'
import { bytesToHex, hexToBytes } from '../../encoding/hex'
import { emptySubtreeHashes } from './treeHasher'
import type { ZksStorageProofEntry } from './types'
import { verifyZksStorageProof, type ZksStorageCheck } from './verifyZksStorageProof'

interface RpcEntry {
  key: string
  value: string
  index: number
  proof: string[]
}
interface Vectors {
  rustUnitVectors: {
    emptyTreeRoot: string
    singleLeafTree: { address: string; key: string; index: number; value: string; root: string }
  }
  syntheticTree: { root: string; cases: (RpcEntry & { kind: string; address: string })[] }
}
const V = readFixtureJson<Vectors>('zksync/derived/state_tree_vectors.json')
const M = readFixtureJson<{ address: string; storageProof: RpcEntry; expectedRoot: string }>(
  'zksync/derived/zks_getproof_mainnet_vector.json',
)

function toEntry(e: RpcEntry): ZksStorageProofEntry {
  return {
    key: hexToBytes(e.key),
    value: hexToBytes(e.value),
    index: BigInt(e.index),
    proof: e.proof.map((s) => hexToBytes(s)),
  }
}
function clone(e: ZksStorageProofEntry): ZksStorageProofEntry {
  return { key: e.key.slice(), value: e.value.slice(), index: e.index, proof: e.proof.map((s) => s.slice()) }
}
function flip(b: Uint8Array, at = 0): Uint8Array {
  const c = b.slice()
  c[at] = c[at]! ^ 0x01
  return c
}
function statusOf(r: ReturnType<typeof verifyZksStorageProof>, check: ZksStorageCheck): string | undefined {
  return r.checks.find((c) => c.check === check)?.status
}

const mainnet = {
  root: hexToBytes(M.expectedRoot),
  address: hexToBytes(M.address),
  key: hexToBytes(M.storageProof.key),
  entry: toEntry(M.storageProof),
}
const verifyMainnet = (
  entry: ZksStorageProofEntry,
  root = mainnet.root,
  key = mainnet.key,
  address = mainnet.address,
) => verifyZksStorageProof(root, address, key, entry)

/** Asserts the result is not ok and the named check failed. */
function expectFails(r: ReturnType<typeof verifyZksStorageProof>, check: ZksStorageCheck) {
  expect(r.ok).toBe(false)
  expect(statusOf(r, check)).toBe('fail')
}

describe('verifyZksStorageProof on real and vector data', () => {
  it('verifies the mainnet NonceHolder proof: value 0x81 at index 27900957', () => {
    const r = verifyMainnet(mainnet.entry)
    expect(r.checks.map((c) => [c.check, c.status])).toEqual([
      ['key', 'pass'],
      ['length', 'pass'],
      ['index', 'pass'],
      ['proof', 'pass'],
    ])
    expect(r.ok).toBe(true)
    expect(bytesToHex(r.computedRoot!)).toBe(M.expectedRoot)
    expect(mainnet.entry.index).toBe(27900957n)
    expect(mainnet.entry.value[31]).toBe(0x81)
  })

  it('verifies every synthetic case (4 inclusions, 1 non-inclusion) against the synthetic root', () => {
    const root = hexToBytes(V.syntheticTree.root)
    expect(V.syntheticTree.cases.map((c) => c.kind).sort()).toEqual([
      'exclusion',
      'inclusion',
      'inclusion',
      'inclusion',
      'inclusion',
    ])
    for (const c of V.syntheticTree.cases) {
      const r = verifyZksStorageProof(root, hexToBytes(c.address), hexToBytes(c.key), toEntry(c))
      expect(r.ok, `${c.kind} ${c.key}`).toBe(true)
    }
  })

  it('verifies the Rust single-leaf tree with an empty proof (255 empty siblings padded)', () => {
    const s = V.rustUnitVectors.singleLeafTree
    const entry = toEntry({ key: s.key, value: s.value, index: s.index, proof: [] })
    const r = verifyZksStorageProof(hexToBytes(s.root), hexToBytes(s.address), hexToBytes(s.key), entry)
    expect(r.ok).toBe(true)
    expect(r.checks.find((c) => c.check === 'length')!.detail).toContain('256 empty subtrees')
  })

  it('proves absence in the empty tree: index 0, value 0, no siblings folds to the empty root', () => {
    const zero = '0x' + '00'.repeat(32)
    const entry = toEntry({ key: zero, value: zero, index: 0, proof: [] })
    const r = verifyZksStorageProof(
      hexToBytes(V.rustUnitVectors.emptyTreeRoot),
      new Uint8Array(20),
      entry.key,
      entry,
    )
    expect(r.ok).toBe(true)
    // …but not against a non-empty root
    const s = V.rustUnitVectors.singleLeafTree
    expectFails(verifyZksStorageProof(hexToBytes(s.root), new Uint8Array(20), entry.key, entry), 'proof')
  })

  it('accepts explicit empty siblings in place of trimmed ones (same tree, same root)', () => {
    const c = V.syntheticTree.cases[0]!
    const entry = toEntry(c)
    const pad = 256 - entry.proof.length
    // send the next trimmed sibling explicitly: E[pad-1] at the leaf end of the list
    entry.proof.push(emptySubtreeHashes()[pad - 1]!.slice())
    const r = verifyZksStorageProof(
      hexToBytes(V.syntheticTree.root),
      hexToBytes(c.address),
      hexToBytes(c.key),
      entry,
    )
    expect(r.ok).toBe(true)
  })
})

describe('verifyZksStorageProof rejects tampering (mainnet proof)', () => {
  it('any sibling flipped', () => {
    for (let i = 0; i < mainnet.entry.proof.length; i++) {
      const e = clone(mainnet.entry)
      e.proof[i] = flip(e.proof[i]!, i % 32)
      expectFails(verifyMainnet(e), 'proof')
    }
  })

  it('the index: changed, or set to 0 with a nonzero value', () => {
    for (const index of [27900956n, 27900958n, 1n, (1n << 64n) - 1n]) {
      expectFails(verifyMainnet({ ...clone(mainnet.entry), index }), 'proof')
    }
    const r = verifyMainnet({ ...clone(mainnet.entry), index: 0n })
    expectFails(r, 'index')
    expect(r.checks.find((c) => c.check === 'index')!.detail).toContain('nonzero value')
    const big = verifyMainnet({ ...clone(mainnet.entry), index: 1n << 64n })
    expectFails(big, 'index')
    expect(statusOf(big, 'proof')).toBe('skip')
  })

  it('the value', () => {
    expectFails(verifyMainnet({ ...clone(mainnet.entry), value: flip(mainnet.entry.value, 31) }), 'proof')
    expectFails(verifyMainnet({ ...clone(mainnet.entry), value: new Uint8Array(32) }), 'proof')
  })

  it('the key: an answer for another slot, or a proof replayed for another slot', () => {
    // the answer names another slot than the one requested
    const e = { ...clone(mainnet.entry), key: flip(mainnet.entry.key, 5) }
    const r = verifyMainnet(e)
    expectFails(r, 'key')
    // the fold uses the requested slot, so the path itself still holds: only the label lies
    expect(statusOf(r, 'proof')).toBe('pass')
    // the same proof claimed for another slot (key consistent with the request)
    expectFails(verifyMainnet(e, mainnet.root, e.key), 'proof')
    // or for another account
    expectFails(
      verifyMainnet(clone(mainnet.entry), mainnet.root, mainnet.key, flip(mainnet.address, 19)),
      'proof',
    )
  })

  it('the order of the proof', () => {
    for (let i = 0; i + 1 < mainnet.entry.proof.length; i++) {
      const e = clone(mainnet.entry)
      ;[e.proof[i], e.proof[i + 1]] = [e.proof[i + 1]!, e.proof[i]!]
      expectFails(verifyMainnet(e), 'proof')
    }
    const reversed = clone(mainnet.entry)
    reversed.proof.reverse()
    expectFails(verifyMainnet(reversed), 'proof')
  })

  it('an extra sibling, at the leaf end, the root end or the middle', () => {
    const extra = new Uint8Array(32).fill(0x42)
    for (const at of [0, 14, mainnet.entry.proof.length]) {
      const e = clone(mainnet.entry)
      e.proof.splice(at, 0, extra)
      expectFails(verifyMainnet(e), 'proof')
    }
    // a duplicated sibling
    const dup = clone(mainnet.entry)
    dup.proof.push(dup.proof[dup.proof.length - 1]!.slice())
    expectFails(verifyMainnet(dup), 'proof')
  })

  it('a missing sibling, at either end or the middle', () => {
    for (const at of [0, 14, mainnet.entry.proof.length - 1]) {
      const e = clone(mainnet.entry)
      e.proof.splice(at, 1)
      expectFails(verifyMainnet(e), 'proof')
    }
    const none = { ...clone(mainnet.entry), proof: [] }
    expectFails(verifyMainnet(none), 'proof')
  })

  it('more than 256 siblings, or a sibling of the wrong length', () => {
    const e = clone(mainnet.entry)
    while (e.proof.length < 257) e.proof.unshift(emptySubtreeHashes()[255]!.slice())
    const r = verifyMainnet(e)
    expectFails(r, 'length')
    expect(statusOf(r, 'proof')).toBe('skip')
    const short = clone(mainnet.entry)
    short.proof[3] = short.proof[3]!.slice(0, 31)
    expectFails(verifyMainnet(short), 'length')
  })

  it('a wrong root', () => {
    expectFails(verifyMainnet(mainnet.entry, flip(mainnet.root, 0)), 'proof')
    expectFails(verifyMainnet(mainnet.entry, hexToBytes(V.rustUnitVectors.emptyTreeRoot)), 'proof')
    expectFails(verifyMainnet(mainnet.entry, hexToBytes(V.syntheticTree.root)), 'proof')
  })

  it('a batch whose last enumeration index is below the claimed index', () => {
    const r = verifyZksStorageProof(mainnet.root, mainnet.address, mainnet.key, mainnet.entry, {
      maxIndex: 27900956n,
    })
    expectFails(r, 'index')
    const ok = verifyZksStorageProof(mainnet.root, mainnet.address, mainnet.key, mainnet.entry, {
      maxIndex: 27900957n,
    })
    expect(ok.ok).toBe(true)
  })
})

describe('verifyZksStorageProof rejects tampering (synthetic non-inclusion proof)', () => {
  const root = hexToBytes(V.syntheticTree.root)
  const c = V.syntheticTree.cases.find((x) => x.kind === 'exclusion')!
  const base = toEntry(c)
  const run = (e: ZksStorageProofEntry) =>
    verifyZksStorageProof(root, hexToBytes(c.address), hexToBytes(c.key), e)

  it('claims a value for the absent slot', () => {
    const one = new Uint8Array(32)
    one[31] = 1
    expectFails(run({ ...clone(base), value: one }), 'index') // index 0 with a nonzero value
    expectFails(run({ ...clone(base), value: one, index: 5n }), 'proof')
  })

  it('flips any sibling, drops one, or reorders them', () => {
    for (let i = 0; i < base.proof.length; i++) {
      const e = clone(base)
      e.proof[i] = flip(e.proof[i]!, 7)
      expectFails(run(e), 'proof')
    }
    expectFails(run({ ...clone(base), proof: base.proof.slice(1) }), 'proof')
    expectFails(run({ ...clone(base), proof: base.proof.slice().reverse() }), 'proof')
  })

  it('uses the exclusion path to claim presence of another slot of the same account', () => {
    const inc = V.syntheticTree.cases.find((x) => x.kind === 'inclusion' && x.address === c.address)!
    expectFails(run({ ...toEntry(inc), key: base.key }), 'proof')
  })
})
