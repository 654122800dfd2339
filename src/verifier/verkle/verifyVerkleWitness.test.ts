import { beforeAll, describe, expect, it } from 'vitest'
import { listRepoDir, readFixtureJson, readFixtureText, readRepoText } from '../../../tests/support/fixtures'
import { InputError } from '../../shared/errors'
import { bytesToHex, hexToBytes } from '../encoding/hex'
import { parseJsonBytes, type LosslessJson } from '../encoding/json'
import { parseExecutionWitness, witnessToVerifierJson, type ParsedWitness } from './parseWitness'
import type { VerkleBackend } from './verkleBackend'
import { verifyVerkleWitness } from './verifyVerkleWitness'
import { loadVerkleWasmBackend } from './wasmBackend'

interface Case {
  file: string
  witnessPath: string
  expect: boolean
  preStateRoot?: string
  preStateRootPath?: string
}

const INDEX = readFixtureJson<{ witnesses: Case[] }>('verkle/index.json')

function at(value: unknown, path: string): unknown {
  let v = value
  for (const key of path.split('.')) v = (v as Record<string, unknown>)[key]
  return v
}

/** The witness and its pre-state root as index.json names them; normalisation is the parser's job. */
function load(c: Case): { parsed: ParsedWitness; root: Uint8Array } {
  const file = readFixtureJson<unknown>(`verkle/${c.file}`)
  const root = c.preStateRoot ?? (at(file, c.preStateRootPath!) as string)
  return { parsed: parseExecutionWitness(at(file, c.witnessPath) as LosslessJson), root: hexToBytes(root) }
}

const find = (suffix: string, expected = true) =>
  INDEX.witnesses.find((c) => c.file.endsWith(suffix) && c.expect === expected)!
const BLOCK_72 = find('/valid_block_72.json')
const ABSENCE = find('synthetic-absence-witness.json')

/** The real backend, with every call recorded, so tests can assert what reached the WASM. */
function recording(inner: VerkleBackend): VerkleBackend & { calls: string[] } {
  const calls: string[] = []
  return {
    name: inner.name,
    calls,
    verifyExecutionWitnessPreState(root, json) {
      calls.push(json)
      return inner.verifyExecutionWitnessPreState(root, json)
    },
    getTreeKeyHash: (a, i) => inner.getTreeKeyHash(a, i),
  }
}

let wasm: VerkleBackend
beforeAll(async () => {
  wasm = await loadVerkleWasmBackend()
})

const failing = (r: ReturnType<typeof verifyVerkleWitness>) =>
  r.checks.filter((c) => c.status === 'fail' || c.status === 'error').map((c) => c.id)

describe('every witness in verkle/index.json gives its expected result', () => {
  it.each(INDEX.witnesses.map((c) => ({ ...c, name: `${c.file} ${c.witnessPath}` })))('$name', (c) => {
    const { parsed, root } = load(c)
    const report = verifyVerkleWitness(parsed, root, wasm)
    expect(report.verdict).toBe(c.expect ? 'verified' : 'failed')
    if (!c.expect) expect(failing(report)).toEqual(['verkle.witness.proof'])
  })
})

describe('verifyVerkleWitness report', () => {
  it('names the trust root, counts stems, proven values and absences, and labels post-state claims', () => {
    const { parsed, root } = load(BLOCK_72)
    const r = verifyVerkleWitness(parsed, root, wasm)
    expect(r.subject.kind).toBe('verkle-witness')
    expect(r.subject.trustRoot).toEqual({
      kind: 'pre-state-root',
      value: '0x64e1a647f42e5c2e3c434531ccf529e1b3e93363a40db9fc8eec81f492123510',
    })
    expect(r.verdict).toBe('verified')
    expect(r.facts).toMatchObject({ stems: '5', keys: '21', postStateValues: 'claimed, not proven' })
    expect(Number(r.facts.proven) + Number(r.facts.absent)).toBe(21)
    expect(Number(r.facts.absent)).toBeGreaterThan(0)
    const post = r.checks.find((c) => c.id === 'verkle.post-state')!
    expect(post).toMatchObject({ status: 'skip', required: false })
    expect(post.detail).toMatch(/not prove/)
  })

  it('proves absences: the synthetic absence witness counts its absent keys', () => {
    const { parsed, root } = load(ABSENCE)
    const r = verifyVerkleWitness(parsed, root, wasm)
    expect(r.verdict).toBe('verified')
    expect(Number(r.facts.absent)).toBeGreaterThanOrEqual(4)
  })
})

describe('tampered witnesses fail with the check that caught them', () => {
  it('a flipped byte in a currentValue', () => {
    const { parsed, root } = load(BLOCK_72)
    parsed.witness.stateDiff[0]!.suffixDiffs[1]!.currentValue![0]! ^= 1
    const r = verifyVerkleWitness(parsed, root, wasm)
    expect(r.verdict).toBe('failed')
    expect(failing(r)).toEqual(['verkle.witness.proof'])
  })

  it('an absent value claimed present, and a present value claimed absent', () => {
    const a = load(BLOCK_72)
    a.parsed.witness.stateDiff[0]!.suffixDiffs[4]!.currentValue = new Uint8Array(32)
    expect(failing(verifyVerkleWitness(a.parsed, a.root, wasm))).toEqual(['verkle.witness.proof'])
    const b = load(BLOCK_72)
    b.parsed.witness.stateDiff[0]!.suffixDiffs[1]!.currentValue = null
    expect(failing(verifyVerkleWitness(b.parsed, b.root, wasm))).toEqual(['verkle.witness.proof'])
  })

  it('a lie about the root: the post-state root, a flipped root byte, a non-point', () => {
    const { parsed } = load(BLOCK_72)
    for (const root of [
      '0x18d1dfcc6ccc6f34d14af48a865895bf34bde7f3571d9ba24a4b98122841048c',
      '0x64e1a647f42e5c2e3c434531ccf529e1b3e93363a40db9fc8eec81f492123511',
      '0x' + 'ff'.repeat(32),
    ]) {
      const r = verifyVerkleWitness(parsed, hexToBytes(root), wasm)
      expect(r.verdict).toBe('failed')
      expect(failing(r)).toEqual(['verkle.witness.proof'])
    }
    expect(failing(verifyVerkleWitness(parsed, new Uint8Array(31), wasm))).toEqual(['verkle.witness.proof'])
  })

  it('a flipped byte in a commitment, in the proof point D, in an L point', () => {
    for (const tamper of [
      (p: ParsedWitness) => (p.witness.verkleProof.commitmentsByPath[2]![31]! ^= 1),
      (p: ParsedWitness) => (p.witness.verkleProof.d[31]! ^= 1),
      (p: ParsedWitness) => (p.witness.verkleProof.ipaProof.cl[3]![31]! ^= 1),
      (p: ParsedWitness) => (p.witness.verkleProof.ipaProof.finalEvaluation[31]! ^= 1),
    ]) {
      const { parsed, root } = load(BLOCK_72)
      tamper(parsed)
      expect(failing(verifyVerkleWitness(parsed, root, wasm))).toEqual(['verkle.witness.proof'])
    }
  })

  it('a dropped commitment never reaches the WASM (which would abort) and fails by name', () => {
    const { parsed, root } = load(BLOCK_72)
    parsed.witness.verkleProof.commitmentsByPath.splice(4, 1)
    const backend = recording(wasm)
    const r = verifyVerkleWitness(parsed, root, backend)
    expect(backend.calls).toEqual([])
    expect(r.verdict).toBe('failed')
    expect(failing(r)).toEqual(['verkle.witness.commitments'])
    expect(r.checks.find((c) => c.id === 'verkle.witness.proof')!.status).toBe('skip')
  })

  it('a stem swapped for another stem (invalid_block_72 style) fails even with the right root', () => {
    const { parsed, root } = load(BLOCK_72)
    parsed.witness.stateDiff[4]!.stem[30]! ^= 1
    expect(failing(verifyVerkleWitness(parsed, root, wasm))).toEqual(['verkle.witness.proof'])
  })

  it('a backend that throws gives an error check and an incomplete verdict, never a pass', () => {
    const { parsed, root } = load(BLOCK_72)
    const throwing: VerkleBackend = {
      name: 'throwing',
      verifyExecutionWitnessPreState: () => {
        throw new Error('RuntimeError: unreachable')
      },
      getTreeKeyHash: () => new Uint8Array(32),
    }
    const r = verifyVerkleWitness(parsed, root, throwing)
    expect(r.verdict).toBe('incomplete')
    expect(r.checks.find((c) => c.id === 'verkle.witness.proof')!.status).toBe('error')
  })
})

describe('malformed input never reaches the WASM and the process survives', () => {
  it('refuses malformed witnesses; a raw WASM abort retires the instance; a reload verifies again', async () => {
    const good = load(BLOCK_72)
    const text = readFixtureText(`verkle/${BLOCK_72.file}`)
    const stem = '0x242271cf1aaa13ede9bb0a1550d6f181c6135afb92be8270221f03cc8a721e'
    const commitment = (
      JSON.parse(text) as { executionWitness: { verkleProof: { commitmentsByPath: string[] } } }
    ).executionWitness.verkleProof.commitmentsByPath[0]!
    const bad = [
      text.replace('"suffix": 1,', '"suffix": "one",'), // string suffix
      text.replace(stem, stem.slice(0, -1)), // odd hex
      text.replace(commitment, commitment.slice(0, -2)), // truncated commitment
      text.slice(0, text.length / 2), // truncated file
    ]
    for (const b of bad)
      expect(() => parseExecutionWitness(parseJsonBytes(new TextEncoder().encode(b)))).toThrow(InputError)
    // The raw WASM aborts on the first of these; ours refused them before calling it.
    const raw = JSON.parse(bad[0]!) as { executionWitness: unknown }
    expect(() =>
      wasm.verifyExecutionWitnessPreState(bytesToHex(good.root), JSON.stringify(raw.executionWitness)),
    ).toThrow()
    // That instance is retired (a trapped WASM is not trusted again): using it is an error, never a pass;
    // loading again gives a fresh instance that verifies.
    expect(verifyVerkleWitness(good.parsed, good.root, wasm).verdict).toBe('incomplete')
    wasm = await loadVerkleWasmBackend()
    const fresh = verifyVerkleWitness(good.parsed, good.root, wasm)
    expect(fresh.verdict).toBe('verified')
    expect(witnessToVerifierJson(good.parsed.witness)).not.toContain('"one"')
  })
})

describe('the @ethereumjs/verkle tree (insertion-order root bug) cannot reach an answer', () => {
  it('no verifier module imports it', () => {
    const dir = 'src/verifier/verkle'
    const modules = listRepoDir(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))
    expect(modules.length).toBeGreaterThan(5)
    for (const f of modules) expect(readRepoText(`${dir}/${f}`)).not.toMatch(/@ethereumjs\/verkle/)
  })
})
