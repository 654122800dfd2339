import { describe, expect, it } from 'vitest'
import { readFixture, readFixtureJson, readFixtureText } from '../../../tests/support/fixtures'
import { InputError } from '../../shared/errors'
import { parseJsonBytes, parseJsonLossless, type LosslessJson } from '../encoding/json'
import { parseExecutionWitness, witnessToVerifierJson } from './parseWitness'

const BLOCK_72 = 'verkle/rust-verkle/bindings/java/java_code/src/test/resources/valid_block_72.json'
const KAUSTINEN_2 = 'verkle/ethereumjs-monorepo/packages/client/test/testdata/blocks/kaustinen2.json'
const EEST = 'verkle/ethereumjs-monorepo/packages/vm/test/api/testdata/verkleBlock.json'

interface Block72 {
  executionWitness: {
    stateDiff: {
      stem: string
      suffixDiffs: { suffix: unknown; currentValue: unknown; newValue: unknown }[]
    }[]
    verkleProof: { commitmentsByPath: string[]; depthExtensionPresent: string; ipaProof: { cl: string[] } }
  }
}

const block72 = (): Block72 => readFixtureJson<Block72>(BLOCK_72)

function refused(input: unknown, message: RegExp): void {
  let thrown: unknown
  try {
    parseExecutionWitness(input as LosslessJson)
  } catch (err) {
    thrown = err
  }
  expect(thrown).toBeInstanceOf(InputError)
  expect((thrown as InputError).message).toMatch(message)
}

describe('parseExecutionWitness', () => {
  it('finds the witness inside a block JSON and keeps every value', () => {
    const parsed = parseExecutionWitness(parseJsonLossless(readFixtureText(BLOCK_72)))
    expect(parsed.foundAt).toBe('executionWitness')
    expect(parsed.normalisations).toEqual([])
    expect(parsed.witness.stateDiff).toHaveLength(5)
    const first = parsed.witness.stateDiff[0]!
    expect(first.stem).toHaveLength(31)
    expect(first.suffixDiffs.map((d) => d.suffix)).toEqual([0, 1, 2, 3, 4])
    expect(first.suffixDiffs[4]!.currentValue).toBeNull()
    // Re-serialised JSON is the input's witness exactly (it is already lowercase and canonical).
    expect(JSON.parse(witnessToVerifierJson(parsed.witness))).toEqual(block72().executionWitness)
  })

  it('reads beacon-API string suffixes as numbers and says so', () => {
    const parsed = parseExecutionWitness(readFixtureJson<{ block13: LosslessJson }>(KAUSTINEN_2).block13)
    expect(parsed.foundAt).toBe('execute.execution_witness')
    expect(parsed.normalisations.join()).toMatch(/decimal strings/)
    expect(parsed.witness.stateDiff[0]!.suffixDiffs.map((d) => d.suffix)).toEqual([0, 1, 2, 3, 4])
    expect(witnessToVerifierJson(parsed.witness)).toContain('"suffix":0,')
  })

  it('left-pads the odd-length depthExtensionPresent of EEST verkle@v0.0.4', () => {
    const eest = readFixtureJson<{ blocks: LosslessJson[] }>(EEST)
    const parsed = parseExecutionWitness(eest.blocks[0]!)
    expect(parsed.foundAt).toBe('witness')
    expect(parsed.normalisations.join()).toMatch(/left-padded/)
    expect(Array.from(parsed.witness.verkleProof.depthExtensionPresent)).toEqual([0x0a, 0x0a, 0x08, 0x08])
  })

  it("drops unknown keys (the invalid vectors' comments) and ignores parentStateRoot '0x'", () => {
    const invalid = parseExecutionWitness(
      readFixtureJson('verkle/rust-verkle/bindings/java/java_code/src/test/resources/invalid_block_72.json'),
    )
    expect(witnessToVerifierJson(invalid.witness)).not.toContain('comment')
    const ejs = parseExecutionWitness(
      readFixtureJson('verkle/ethereumjs-monorepo/packages/testdata/src/blocks/verkleKaustinen6Block72.json'),
    )
    expect(ejs.claimedParentStateRoot).toBeUndefined()
    expect(ejs.normalisations.join()).toMatch(/parentStateRoot "0x" ignored/)
  })

  it('accepts a JSON-RPC response wrapping the witness', () => {
    const parsed = parseExecutionWitness({
      jsonrpc: '2.0',
      id: 1,
      result: block72().executionWitness,
    } as LosslessJson)
    expect(parsed.foundAt).toBe('(top level)')
  })
})

describe('malformed witnesses are refused with a clear InputError', () => {
  it('odd hex in a stem', () => {
    const b = block72()
    b.executionWitness.stateDiff[1]!.stem = b.executionWitness.stateDiff[1]!.stem.slice(0, -1)
    refused(b, /stateDiff\[1\]\.stem: odd number of hex digits/)
  })

  it('odd hex or non-hex in a value', () => {
    const b = block72()
    b.executionWitness.stateDiff[0]!.suffixDiffs[1]!.currentValue = '0x5fd'
    refused(b, /stateDiff\[0\]\.suffixDiffs\[1\]\.currentValue: odd number of hex digits/)
    const c = block72()
    c.executionWitness.stateDiff[0]!.suffixDiffs[1]!.newValue = '0x' + 'zz'.repeat(32)
    refused(c, /suffixDiffs\[1\]\.newValue: not hex/)
  })

  it('string suffixes that are not small decimal numbers, and out-of-range numbers', () => {
    for (const suffix of ['abc', '0x01', '01', '-1', '1.5', ' 1']) {
      const b = block72()
      b.executionWitness.stateDiff[0]!.suffixDiffs[0]!.suffix = suffix
      refused(b, /stateDiff\[0\]\.suffixDiffs\[0\]\.suffix/)
    }
    for (const suffix of ['256', 256, 1.5, -1, 2n ** 70n, null, true]) {
      const b = block72()
      b.executionWitness.stateDiff[0]!.suffixDiffs[0]!.suffix = suffix
      refused(b, /suffix/)
    }
  })

  it('truncated commitments and wrong-length values', () => {
    const b = block72()
    const cbp = b.executionWitness.verkleProof.commitmentsByPath
    cbp[3] = cbp[3]!.slice(0, -2)
    refused(b, /verkleProof\.commitmentsByPath\[3\]: expected 32 bytes, got 31/)
    const c = block72()
    c.executionWitness.verkleProof.ipaProof.cl[0] = '0x'
    refused(c, /ipaProof\.cl\[0\]: expected 32 bytes, got 0/)
    const d = block72()
    d.executionWitness.stateDiff[2]!.suffixDiffs[0]!.currentValue = '0x' + '00'.repeat(33)
    refused(d, /expected 32 bytes, got 33/)
  })

  it('missing fields and wrong types', () => {
    const b = block72() as unknown as { executionWitness: Record<string, unknown> }
    b.executionWitness.verkleProof = { ...(b.executionWitness.verkleProof as object), d: undefined }
    refused(b, /verkleProof\.d/)
    const c = block72()
    ;(c.executionWitness as unknown as { stateDiff: unknown }).stateDiff = {}
    refused(c, /stateDiff/)
    refused({ hello: 'world' }, /no EIP-6800 execution witness found/)
    refused([], /no EIP-6800 execution witness found/)
    refused('0x1234', /no EIP-6800 execution witness found/)
  })

  it('10 MB of junk: random bytes, and a huge JSON document that is not a witness', () => {
    const junk = new Uint8Array(10 * 1024 * 1024)
    let x = 0x12345678
    for (let i = 0; i < junk.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0
      junk[i] = x >>> 24
    }
    expect(() => parseJsonBytes(junk)).toThrow(InputError)
    const bigArray = new TextEncoder().encode('[' + '"0x00",'.repeat(1_500_000) + '"0x00"]')
    expect(bigArray.length).toBeGreaterThan(10 * 1024 * 1024)
    refused(parseJsonBytes(bigArray), /no EIP-6800 execution witness found/)
    // A witness-shaped document with 10 MB of garbage in the stems.
    const b = block72()
    b.executionWitness.stateDiff[0]!.stem = '0x' + 'ab'.repeat(5 * 1024 * 1024)
    refused(b, /stateDiff\[0\]\.stem: expected 31 bytes/)
  })

  it('leaves a valid witness parseable after all of the above', () => {
    expect(parseExecutionWitness(parseJsonBytes(readFixture(BLOCK_72))).witness.stateDiff).toHaveLength(5)
  })
})
