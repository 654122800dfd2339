import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../tests/support/fixtures'
import type { LosslessJson } from '../encoding/json'
import { parseExecutionWitness, type ExecutionWitness } from './parseWitness'
import { checkWitnessStructure, STRUCTURE_CHECKS } from './witnessStructure'

interface Case {
  file: string
  witnessPath: string
  expect: boolean
  block?: number
  network: string
}

const INDEX = readFixtureJson<{ witnesses: Case[] }>('verkle/index.json')

function witnessOf(c: Case): ExecutionWitness {
  let v = readFixtureJson<unknown>(`verkle/${c.file}`)
  for (const key of c.witnessPath.split('.')) v = (v as Record<string, unknown>)[key]
  return parseExecutionWitness(v as LosslessJson).witness
}

const BLOCK_72 = INDEX.witnesses.find((c) => c.file.endsWith('valid_block_72.json') && c.expect)!
const BLOCK_73 = INDEX.witnesses.find((c) => c.file.endsWith('valid_block_73.json') && c.expect)!
const ABSENCE = INDEX.witnesses.find((c) => c.file.endsWith('synthetic-absence-witness.json'))!

function failedIds(w: ExecutionWitness): string[] {
  return checkWitnessStructure(w)
    .checks.filter((c) => !c.ok)
    .map((c) => c.id)
}

describe('checkWitnessStructure on real and synthetic witnesses', () => {
  // The commitment count it predicts equals the count in every real witness: the path bookkeeping matches
  // the provers (go-verkle on Kaustinen, the EEST filler, rust-verkle-checked synthetic witnesses).
  it.each(INDEX.witnesses)('is consistent for $file $witnessPath', (c) => {
    const s = checkWitnessStructure(witnessOf(c))
    expect(s.checks.filter((k) => !k.ok)).toEqual([])
    expect(s.ok).toBe(true)
    expect(s.paths.length).toBe(witnessOf(c).verkleProof.commitmentsByPath.length + 1)
  })

  it('counts the openings of the synthetic witnesses as the research note measured (7 and 684)', () => {
    const one = INDEX.witnesses.find((c) => c.file.endsWith('synthetic-witness-1.json'))!
    const hundred = INDEX.witnesses.find((c) => c.file.endsWith('synthetic-witness-100.json'))!
    expect(checkWitnessStructure(witnessOf(one)).openings).toBe(7)
    expect(checkWitnessStructure(witnessOf(hundred)).openings).toBe(684)
  })

  it('pairs absence proofs with the other stems they point to', () => {
    const s = checkWitnessStructure(witnessOf(BLOCK_73))
    const diff = s.stems.filter((h) => h.ext === 'different-stem')
    expect(diff.length).toBeGreaterThan(0)
    for (const h of diff) {
      expect(h.otherStem).toBeDefined()
      expect(Array.from(h.otherStem!.subarray(0, h.depth))).toEqual(Array.from(h.stem.subarray(0, h.depth)))
    }
    expect(checkWitnessStructure(witnessOf(ABSENCE)).stems.map((h) => h.ext)).toEqual([
      'present',
      'none',
      'none',
    ])
  })
})

describe('checkWitnessStructure on tampered witnesses names the failing check', () => {
  it('drops a commitment', () => {
    const w = witnessOf(BLOCK_72)
    w.verkleProof.commitmentsByPath.pop()
    expect(failedIds(w)).toEqual([STRUCTURE_CHECKS.commitments.id])
  })

  it('adds a commitment', () => {
    const w = witnessOf(BLOCK_72)
    w.verkleProof.commitmentsByPath.push(w.verkleProof.commitmentsByPath[0]!)
    expect(failedIds(w)).toEqual([STRUCTURE_CHECKS.commitments.id])
  })

  it('swaps two stems, repeats a stem, repeats or reorders a suffix, empties a stem', () => {
    const swapped = witnessOf(BLOCK_72)
    const [a, b] = swapped.stateDiff
    swapped.stateDiff[0] = b!
    swapped.stateDiff[1] = a!
    expect(failedIds(swapped)).toEqual([STRUCTURE_CHECKS.order.id])

    const repeated = witnessOf(BLOCK_72)
    repeated.stateDiff.splice(1, 0, {
      ...repeated.stateDiff[0]!,
      suffixDiffs: [repeated.stateDiff[0]!.suffixDiffs[0]!],
    })
    expect(failedIds(repeated)).toEqual([STRUCTURE_CHECKS.order.id])

    // The same key twice: rust-verkle would prove the last value while a reader sees the first.
    const dupSuffix = witnessOf(BLOCK_72)
    const diffs = dupSuffix.stateDiff[0]!.suffixDiffs
    diffs.splice(1, 0, { ...diffs[1]!, currentValue: new Uint8Array(32).fill(7) })
    expect(failedIds(dupSuffix)).toEqual([STRUCTURE_CHECKS.order.id])

    const reordered = witnessOf(BLOCK_72)
    reordered.stateDiff[0]!.suffixDiffs.reverse()
    expect(failedIds(reordered)).toEqual([STRUCTURE_CHECKS.order.id])

    const empty = witnessOf(BLOCK_72)
    empty.stateDiff[2]!.suffixDiffs = []
    expect(failedIds(empty)).toEqual([STRUCTURE_CHECKS.order.id])

    const none = witnessOf(BLOCK_72)
    none.stateDiff = []
    expect(failedIds(none)).toEqual([STRUCTURE_CHECKS.order.id])
  })

  it('shortens the hints, uses ext status 3, depth 0', () => {
    const short = witnessOf(BLOCK_72)
    short.verkleProof.depthExtensionPresent = short.verkleProof.depthExtensionPresent.slice(1)
    expect(failedIds(short)).toEqual([STRUCTURE_CHECKS.hints.id])
    const ext3 = witnessOf(BLOCK_72)
    ext3.verkleProof.depthExtensionPresent[0] = ext3.verkleProof.depthExtensionPresent[0]! | 3
    expect(failedIds(ext3)).toEqual([STRUCTURE_CHECKS.hints.id])
    const depth0 = witnessOf(BLOCK_72)
    depth0.verkleProof.depthExtensionPresent[0] = 2
    expect(failedIds(depth0)).toEqual([STRUCTURE_CHECKS.hints.id])
  })

  it('gives an absent stem a value', () => {
    const w = witnessOf(ABSENCE)
    w.stateDiff[1]!.suffixDiffs[0]!.currentValue = new Uint8Array(32).fill(1)
    expect(failedIds(w)).toEqual([STRUCTURE_CHECKS.hints.id])
  })

  it('drops or adds an other stem', () => {
    const dropped = witnessOf(BLOCK_73)
    dropped.verkleProof.otherStems.pop()
    expect(failedIds(dropped)).toEqual([STRUCTURE_CHECKS.otherStems.id])
    const added = witnessOf(BLOCK_72)
    added.verkleProof.otherStems.push(new Uint8Array(31).fill(0xee))
    expect(failedIds(added)).toEqual([STRUCTURE_CHECKS.otherStems.id])
  })

  it('truncates the IPA rounds or makes the final scalar non-canonical', () => {
    const rounds = witnessOf(BLOCK_72)
    rounds.verkleProof.ipaProof.cr.pop()
    expect(failedIds(rounds)).toEqual([STRUCTURE_CHECKS.proofShape.id])
    const scalar = witnessOf(BLOCK_72)
    scalar.verkleProof.ipaProof.finalEvaluation = new Uint8Array(32).fill(0xff)
    expect(failedIds(scalar)).toEqual([STRUCTURE_CHECKS.proofShape.id])
  })
})
