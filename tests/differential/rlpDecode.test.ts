import { decode } from '@ethereumjs/rlp'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { LosslessJson } from '../../src/verifier/encoding/json'
import { parseEthGetProof } from '../../src/verifier/mpt/parseEthGetProof'
import { REAL_PROOF_CASES } from '../support/realProofCases'
import { decodeRlp, type RlpItem } from '../../src/verifier/mpt/rlp'
import { readFixtureJson } from '../support/fixtures'

/**
 * Our zero-copy RLP decoder against @ethereumjs/rlp `decode` (the reference it replaced in the trie walk):
 * the same item, or both refusing, on every real proof node, on random mutations of them, on random bytes and
 * on hand-picked non-canonical forms.
 */
const reference = (bytes: Uint8Array): RlpItem | undefined => {
  try {
    return decode(bytes) as RlpItem
  } catch {
    return undefined
  }
}

/** Plain arrays of numbers, so a view and a copy of the same bytes compare equal. */
const plain = (item: RlpItem | undefined): unknown =>
  item === undefined ? 'refused' : item instanceof Uint8Array ? Array.from(item) : item.map(plain)

const nodes: Uint8Array[] = REAL_PROOF_CASES.flatMap((c) => {
  const json = readFixtureJson(c.file)
  return (c.pick ? c.pick(json) : [json]).flatMap((raw) => {
    const p = parseEthGetProof(raw as LosslessJson)
    return [...p.accountProof, ...p.storageProof.flatMap((s) => s.proof)]
  })
})

const same = (bytes: Uint8Array) => expect(plain(decodeRlp(bytes))).toEqual(plain(reference(bytes)))

describe('RLP decoding: ours equals @ethereumjs/rlp', () => {
  it('every real proof node of the fixtures', () => {
    expect(nodes.length).toBeGreaterThan(100)
    for (const n of nodes) {
      same(n)
      expect(decodeRlp(n)).not.toBeUndefined()
    }
  })

  it('random byte edits, truncations and extensions of real proof nodes', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: nodes.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
        fc.integer({ min: -3, max: 3 }),
        (i, edits, resize) => {
          const n = nodes[i]!
          let bytes = n.slice()
          for (const [at, v] of edits) bytes[at % bytes.length] = v
          if (resize < 0) bytes = bytes.subarray(0, Math.max(0, bytes.length + resize))
          if (resize > 0) bytes = Uint8Array.from([...bytes, ...new Array<number>(resize).fill(0)])
          same(bytes)
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('random short inputs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        same(bytes)
      }),
      { numRuns: 5000 },
    )
  })

  it.each([
    ['empty input', []],
    ['single byte', [0x05]],
    ['a byte below 0x80 given a prefix', [0x81, 0x05]],
    ['0x81 0x80 (canonical)', [0x81, 0x80]],
    ['long string form for a short string', [0xb8, 0x05, 1, 2, 3, 4, 5]],
    ['length with a leading zero', [0xb9, 0x00, 0x38, ...new Array<number>(56).fill(1)]],
    ['long list form for a short list', [0xf8, 0x01, 0x05]],
    ['trailing bytes', [0x05, 0x06]],
    ['a list item running past its list', [0xc2, 0x83, 1, 2, 3]],
    ['a string running past the input', [0x83, 1, 2]],
    ['a list length past the input', [0xc5, 0x01]],
    ['an 8-byte length', [0xbf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1]],
    ['nested empty lists', [0xc3, 0xc0, 0xc1, 0xc0]],
  ])('%s', (_what, bytes) => {
    same(Uint8Array.from(bytes))
  })
})
