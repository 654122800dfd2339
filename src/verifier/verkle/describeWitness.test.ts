import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../tests/support/fixtures'
import type { LosslessJson } from '../encoding/json'
import { describeWitness } from './describeWitness'
import { parseExecutionWitness } from './parseWitness'

const BLOCK_72 = 'verkle/rust-verkle/bindings/java/java_code/src/test/resources/valid_block_72.json'
const BLOCK_73 = 'verkle/rust-verkle/bindings/java/java_code/src/test/resources/valid_block_73.json'
const EEST = 'verkle/ethereumjs-monorepo/packages/vm/test/api/testdata/verkleBlockWithValue.json'

const parse = (rel: string) => parseExecutionWitness(readFixtureJson<LosslessJson>(rel))

describe('describeWitness', () => {
  it('Kaustinen 6 block 72: stems, decoded legacy leaves, absences, commitments by path, proof sizes', () => {
    const d = describeWitness(parse(BLOCK_72))
    expect(d.layout.layout).toBe('legacy-per-field')
    expect(d.counts).toMatchObject({ stems: 5, keys: 21, commitments: 13, otherStems: 0 })
    expect(d.counts.present + d.counts.absent).toBe(21)
    const first = d.stems[0]!
    expect(first).toMatchObject({
      stem: '0x242271cf1aaa13ede9bb0a1550d6f181c6135afb92be8270221f03cc8a721e',
      depth: 1,
      ext: 'present',
    })
    expect(first.suffixes[1]).toMatchObject({
      suffix: 1,
      role: 'balance',
      currentDecoded: { balance: '289747927169160287' },
      newDecoded: { balance: String(0x04ba946f34de545fn) },
    })
    expect(first.suffixes[4]).toMatchObject({ current: null, new: null })
    expect(d.absentKeys).toContain('0x242271cf1aaa13ede9bb0a1550d6f181c6135afb92be8270221f03cc8a721e04')
    // Root first (its commitment is the trusted pre-state root, not part of the witness), then every path.
    expect(d.commitmentsByPath).toHaveLength(14)
    expect(d.commitmentsByPath[0]).toEqual({ path: '0x', kind: 'root', commitment: null })
    expect(d.commitmentsByPath[1]).toMatchObject({ path: '0x24', kind: 'leaf' })
    expect(d.commitmentsByPath[2]).toMatchObject({ path: '0x2402', kind: 'c1' })
    expect(d.commitmentsByPath.map((c) => c.kind)).not.toContain('unknown')
    expect(d.proof.cl).toHaveLength(8)
    expect(d.proof.sizes).toMatchObject({ ipaProofBytes: 576, commitmentBytes: 13 * 32, hintBytes: 5 })
    expect(d.structure.every((c) => c.ok)).toBe(true)
  })

  it('block 73: absence proofs show the other stem; internal nodes appear', () => {
    const d = describeWitness(parse(BLOCK_73))
    expect(d.counts.stems).toBe(91)
    const absent = d.stems.filter((s) => s.ext === 'different-stem')
    expect(absent.length).toBeGreaterThan(0)
    for (const s of absent)
      expect(s.otherStem?.slice(0, 2 + 2 * s.depth!)).toBe(s.stem.slice(0, 2 + 2 * s.depth!))
    expect(d.commitmentsByPath.some((c) => c.kind === 'internal')).toBe(true)
  })

  it('EEST: the current basic-data layout is detected and decoded', () => {
    const d = describeWitness(
      parseExecutionWitness(readFixtureJson<{ blocks: LosslessJson[] }>(EEST).blocks[0]!),
    )
    expect(d.layout.layout).toBe('basic-data')
    expect(d.normalisations.join()).toMatch(/left-padded/)
    const sender = d.stems.find((s) => s.stem.startsWith('0x0365b079'))!
    expect(sender.suffixes[0]).toMatchObject({
      role: 'basic data',
      currentDecoded: { balance: '1000000000000000000000' },
    })
  })

  it('still describes a structurally broken witness, with paths unknown', () => {
    const parsed = parse(BLOCK_72)
    parsed.witness.verkleProof.commitmentsByPath.pop()
    const d = describeWitness(parsed)
    expect(d.structure.find((c) => !c.ok)?.id).toBe('verkle.witness.commitments')
    expect(d.commitmentsByPath.every((c) => c.kind === 'unknown' && c.path === null)).toBe(true)
    expect(d.stems).toHaveLength(5)
  })

  it('honours a layout chosen by the caller', () => {
    expect(describeWitness(parse(BLOCK_72), 'basic-data').stems[0]!.suffixes[1]!.role).toBe('codeHash')
  })
})
