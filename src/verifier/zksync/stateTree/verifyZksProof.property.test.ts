import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../../tests/support/fixtures'
import { bytesToHex, hexToBytes } from '../../encoding/hex'
import { emptySubtreeHashes } from './treeHasher'
import { treeKeyBit, zksTreeKey } from './treeKey'
import type { ZksProof } from './types'
import { verifyZksProof } from './verifyZksProof'

/**
 * Property: no single mutation of a valid answer (or of the root it is checked against) is ever verified.
 * Mutations that leave the tree statement unchanged — e.g. sending an explicitly empty sibling that the server
 * would have trimmed — are not tampering and are discarded with fc.pre.
 */

interface RpcEntry {
  key: string
  value: string
  index: number
  proof: string[]
}
const M = readFixtureJson<{ address: string; storageProof: RpcEntry; expectedRoot: string }>(
  'zksync/derived/zks_getproof_mainnet_vector.json',
)
const V = readFixtureJson<{ syntheticTree: { root: string; cases: (RpcEntry & { address: string })[] } }>(
  'zksync/derived/state_tree_vectors.json',
)

interface Case {
  root: Uint8Array
  proof: ZksProof
}
function makeCase(root: string, address: string, e: RpcEntry): Case {
  return {
    root: hexToBytes(root),
    proof: {
      address: hexToBytes(address),
      storageProof: [
        {
          key: hexToBytes(e.key),
          value: hexToBytes(e.value),
          index: BigInt(e.index),
          proof: e.proof.map((s) => hexToBytes(s)),
        },
      ],
    },
  }
}
const CASES: Case[] = [
  makeCase(M.expectedRoot, M.address, M.storageProof),
  ...V.syntheticTree.cases.map((c) => makeCase(V.syntheticTree.root, c.address, c)),
]

const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 })
const bitPos = fc.record({ byte: fc.integer({ min: 0, max: 31 }), bit: fc.integer({ min: 0, max: 7 }) })
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flipSibling' as const), at: fc.nat(), pos: bitPos }),
  fc.record({ kind: fc.constant('replaceSibling' as const), at: fc.nat(), with: bytes32 }),
  fc.record({ kind: fc.constant('swapSiblings' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('insertSibling' as const), at: fc.nat(), with: bytes32 }),
  fc.record({ kind: fc.constant('duplicateSibling' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('deleteSibling' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('index' as const), index: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) }),
  fc.record({ kind: fc.constant('indexDelta' as const), delta: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant('value' as const), pos: bitPos }),
  fc.record({ kind: fc.constant('answerKey' as const), pos: bitPos }),
  fc.record({
    kind: fc.constant('address' as const),
    pos: fc.record({ byte: fc.integer({ min: 0, max: 19 }), bit: fc.integer({ min: 0, max: 7 }) }),
  }),
  fc.record({ kind: fc.constant('root' as const), pos: bitPos }),
  fc.record({ kind: fc.constant('randomRoot' as const), with: bytes32 }),
)
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never

function flipped(b: Uint8Array, pos: { byte: number; bit: number }): Uint8Array {
  const c = b.slice()
  c[pos.byte] = c[pos.byte]! ^ (1 << pos.bit)
  return c
}

/** The proof with leaf-side siblings that equal the empty subtree at their depth removed, as hex. */
function canonical(proof: Uint8Array[]): string {
  const E = emptySubtreeHashes()
  const p = proof.slice()
  while (p.length > 0 && bytesToHex(p[p.length - 1]!) === bytesToHex(E[256 - p.length]!)) p.pop()
  return p.map(bytesToHex).join()
}

function apply(c: Case, m: Mutation): Case {
  const e = c.proof.storageProof[0]!
  const proof: Uint8Array[] = e.proof.map((s) => s.slice())
  let { key, value, index } = e
  let { address } = c.proof
  let root = c.root
  const n = proof.length
  switch (m.kind) {
    case 'flipSibling':
      fc.pre(n > 0)
      proof[m.at % n] = flipped(proof[m.at % n]!, m.pos)
      break
    case 'replaceSibling':
      fc.pre(n > 0)
      proof[m.at % n] = m.with
      break
    case 'swapSiblings': {
      fc.pre(n > 1)
      const a = m.a % n
      const b = m.b % n
      ;[proof[a], proof[b]] = [proof[b]!, proof[a]!]
      break
    }
    case 'insertSibling':
      proof.splice(m.at % (n + 1), 0, m.with)
      break
    case 'duplicateSibling':
      fc.pre(n > 0)
      proof.splice(m.at % n, 0, proof[m.at % n]!.slice())
      break
    case 'deleteSibling':
      fc.pre(n > 0)
      proof.splice(m.at % n, 1)
      break
    case 'index':
      fc.pre(m.index !== index)
      index = m.index
      break
    case 'indexDelta':
      fc.pre(m.delta !== 0 && index + BigInt(m.delta) >= 0n)
      index = index + BigInt(m.delta)
      break
    case 'value':
      value = flipped(value, m.pos)
      break
    case 'answerKey':
      key = flipped(key, m.pos)
      break
    case 'address':
      address = flipped(address, m.pos)
      break
    case 'root':
      root = flipped(root, m.pos)
      break
    case 'randomRoot':
      fc.pre(bytesToHex(m.with) !== bytesToHex(root))
      root = m.with
      break
  }
  if (m.kind.endsWith('Sibling') || m.kind === 'swapSiblings') fc.pre(canonical(proof) !== canonical(e.proof))
  return { root, proof: { address, storageProof: [{ key, value, index, proof }] } }
}

/**
 * An absence proof with n siblings shows that the whole subtree of height 256 − n on the key's path is empty
 * (the empty leaf folded with empty siblings is E[d] whichever way the key bits turn). Another slot whose tree
 * key shares those top n bits is then truly absent as well: moving an absence proof there is not a lie.
 * (Inclusion proofs bind all 256 bits, because the leaf hash differs from the empty sibling at every level.)
 */
function sameEmptySubtree(original: Case, t: Case): boolean {
  const a = original.proof.storageProof[0]!
  const b = t.proof.storageProof[0]!
  if (a.index !== 0n || b.index !== 0n || !a.value.every((x) => x === 0) || !b.value.every((x) => x === 0))
    return false
  if (bytesToHex(original.root) !== bytesToHex(t.root) || canonical(a.proof) !== canonical(b.proof))
    return false
  const ka = zksTreeKey(original.proof.address, a.key)
  const kb = zksTreeKey(t.proof.address, b.key)
  for (let d = 256 - a.proof.length; d < 256; d++) if (treeKeyBit(ka, d) !== treeKeyBit(kb, d)) return false
  return true
}

describe('verifyZksProof under random mutation', () => {
  it('every unmutated case verifies (the property below is not vacuous)', () => {
    for (const c of CASES) expect(verifyZksProof(c.proof, c.root).verdict).toBe('verified')
  })

  it('never verifies a mutated answer (10,000 cases)', () => {
    fc.assert(
      fc.property(fc.nat({ max: CASES.length - 1 }), mutation, fc.boolean(), (ci, m, withRequest) => {
        const original = CASES[ci]!
        const t = apply(original, m)
        if (!withRequest) fc.pre(!sameEmptySubtree(original, t))
        // With the request, the answer is held to the account and slot that were asked for; without it (a bare
        // file) the slot is the one the answer names and only the fold protects it.
        const request = withRequest
          ? { address: original.proof.address, keys: [original.proof.storageProof[0]!.key] }
          : undefined
        const r = verifyZksProof(t.proof, t.root, request ? { request } : {})
        expect(r.verdict, `${m.kind} on case ${ci}`).not.toBe('verified')
        expect(r.checks.some((c) => c.required && c.status === 'fail')).toBe(true)
      }),
      { numRuns: 10_000 },
    )
    // 10,000 tree folds take ~15 s alone and over 30 s when the 2 cores are shared; the bound is a hang guard.
  }, 180_000)
})
