import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { LightproofError } from '../../src/shared/errors'
import { parseEvidence, rawBytes, rawFromBytes, type Evidence } from '../../src/verifier/evidence/schema'
import { verifyEvidence } from '../../src/verifier/kinds/verifyEvidence'
import type { Report } from '../../src/verifier/report'
import { fixturePath, REPO_ROOT } from '../support/fixtures'

const dir = mkdtempSync(join(tmpdir(), 'lp-evidence-'))
const SAMPLES = join(REPO_ROOT, 'samples')

async function cli(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: {},
  })
  return { code, stdout, stderr }
}

const withoutTimings = (r: Report) => ({ ...r, timings: {} })
const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T
const write = (name: string, value: unknown) => {
  const path = join(dir, name)
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value))
  return path
}

/** A raw-input command, run with --save, and the saved file re-verified offline. */
const ROUND_TRIPS: { name: string; argv: string[] }[] = [
  {
    name: 'l1-proof',
    argv: [
      'verify',
      'l1-proof',
      '--proof',
      fixturePath('l1/nimbus/nimbus_verified_proxy/tests/data/storage_proof.json'),
      '--state-root',
      '',
    ],
  },
  {
    name: 'commit-calldata',
    argv: [
      'verify',
      'commit-calldata',
      fixturePath('zksync/zksync-era/consistency_checker/commit_l1_batch_351000-351004_mainnet.calldata'),
    ],
  },
  {
    name: 'verkle',
    argv: [
      'verify',
      'verkle',
      '--witness',
      fixturePath('verkle/rust-verkle/bindings/java/java_code/src/test/resources/valid_block_72.json'),
      '--pre-state-root',
      '0x64e1a647f42e5c2e3c434531ccf529e1b3e93363a40db9fc8eec81f492123510',
    ],
  },
]

describe('evidence files: save, re-verify offline, identical report', () => {
  it('round-trips every raw-input kind through --save and verify FILE', async () => {
    // The nimbus proof's trusted root is its block's stateRoot.
    const block = readJson<{ stateRoot?: string; result?: { stateRoot: string } }>(
      fixturePath('l1/nimbus/nimbus_verified_proxy/tests/data/proof_block.json'),
    )
    ROUND_TRIPS[0]!.argv[5] = block.stateRoot ?? block.result!.stateRoot
    for (const trip of ROUND_TRIPS) {
      const saved = join(dir, `${trip.name}.evidence.json`)
      const live = await cli([...trip.argv, '--save', saved, '--json'])
      expect(live.code, `${trip.name}: ${live.stderr}`).toBe(0)
      const again = await cli(['verify', saved, '--json'])
      expect(again.code, trip.name).toBe(0)
      expect(withoutTimings(JSON.parse(again.stdout) as Report)).toEqual(
        withoutTimings(JSON.parse(live.stdout) as Report),
      )
    }
  })

  it('verifies every shipped sample from a fresh clone, naming its trust root', async () => {
    const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.evidence.json'))
    expect(files.length).toBeGreaterThanOrEqual(3)
    for (const f of files) {
      const r = await cli(['verify', join(SAMPLES, f), '--json'])
      expect(r.code, `${f}: ${r.stderr}`).toBe(0)
      const report = JSON.parse(r.stdout) as Report
      expect(report.verdict).toBe('verified')
      const evidence = readJson<Evidence>(join(SAMPLES, f))
      if (evidence.trust.kind !== 'none') expect(report.subject.trustRoot).toEqual(evidence.trust)
    }
  })
})

/** Flips one hex digit inside a raw item's text, at the first place after `after`. */
function flipHexAfter(text: string, after: string): string {
  const at = text.indexOf(after)
  expect(at).toBeGreaterThanOrEqual(0)
  const m = /0x[0-9a-f]{8}/.exec(text.slice(at))
  expect(m).not.toBeNull()
  const i = at + m!.index + 6
  return text.slice(0, i) + (text[i] === 'a' ? 'b' : 'a') + text.slice(i + 1)
}

describe('tampered samples re-verify as failed, naming the failing check', () => {
  const sample = (name: string) => readJson<Evidence>(join(SAMPLES, name))
  const setRaw = (e: Evidence, slot: string, text: string): Evidence => ({
    ...e,
    data: { ...e.data, [slot]: rawFromBytes(new TextEncoder().encode(text), true) },
  })
  const rawText = (e: Evidence, slot: string) => new TextDecoder().decode(rawBytes(e.data[slot] as never))

  const cases: { name: string; file: string; tamper: (e: Evidence) => Evidence; failing: RegExp }[] = [
    {
      name: 'zks-proof: a sibling byte',
      file: 'zks-proof-mainnet-nonceholder.evidence.json',
      tamper: (e) => setRaw(e, 'proof', flipHexAfter(rawText(e, 'proof'), '"proof"')),
      failing: /^zks\.storage\[0\]\.proof$/,
    },
    {
      name: 'zks-proof: the value field',
      file: 'zks-proof-mainnet-nonceholder.evidence.json',
      tamper: (e) =>
        setRaw(
          e,
          'proof',
          rawText(e, 'proof').replace(/"value":"0x0*81"/, (v) => v.replace('81', '82')),
        ),
      failing: /^zks\.storage\[0\]\.proof$/,
    },
    {
      name: 'zks-proof: the trust root',
      file: 'zks-proof-mainnet-nonceholder.evidence.json',
      tamper: (e) => ({
        ...e,
        trust: { ...e.trust, value: e.trust.value.replace(/.$/, (c) => (c === '0' ? '1' : '0')) },
      }),
      failing: /^zks\.storage\[0\]\.proof$/,
    },
    {
      name: 'verkle: a commitment byte',
      file: 'verkle-kaustinen6-block72.evidence.json',
      tamper: (e) => setRaw(e, 'witness', flipHexAfter(rawText(e, 'witness'), '"commitmentsByPath"')),
      failing: /^verkle\.witness\./,
    },
    {
      name: 'verkle: the pre-state root',
      file: 'verkle-kaustinen6-block72.evidence.json',
      tamper: (e) => ({
        ...e,
        trust: { ...e.trust, value: e.trust.value.replace(/.$/, (c) => (c === '0' ? '1' : '0')) },
      }),
      failing: /^verkle\.witness\./,
    },
    {
      name: 'commit-calldata: a state-root byte in the calldata',
      file: 'commit-calldata-mainnet-351000.evidence.json',
      tamper: (e) => {
        const bytes = rawBytes(e.data.calldata as never).slice()
        // Byte 4+32*9: inside the first batch's encoded fields, past the selector and the lastCommitted head.
        bytes[4 + 32 * 12 + 5]! ^= 0x01
        return { ...e, data: { ...e.data, calldata: rawFromBytes(bytes, false) } }
      },
      failing: /^(zksync\.commit\.|evidence\.data)/,
    },
  ]

  for (const c of cases) {
    it(c.name, async () => {
      const path = write(`${c.name.replace(/\W+/g, '-')}.json`, c.tamper(sample(c.file)))
      const r = await cli(['verify', path, '--json'])
      expect(r.code, r.stderr).toBe(1)
      const report = JSON.parse(r.stdout) as Report
      expect(report.verdict).toBe('failed')
      const failed = report.checks.filter((x) => x.status === 'fail').map((x) => x.id)
      expect(
        failed.some((id) => c.failing.test(id)),
        failed.join(', '),
      ).toBe(true)
    })
  }
})

describe('files that are not evidence, or from the future', () => {
  it('refuses foreign files and newer versions with a clear message, exit 2', async () => {
    const foreign = await cli(['verify', write('foreign.json', { hello: 'world' })])
    expect(foreign.code).toBe(2)
    expect(foreign.stderr).toMatch(/not a Lightproof evidence file/)
    const future = readJson<Evidence>(join(SAMPLES, 'zks-proof-mainnet-nonceholder.evidence.json'))
    const newer = await cli(['verify', write('newer.json', { ...future, version: 2 })])
    expect(newer.code).toBe(2)
    expect(newer.stderr).toMatch(/version 2 is newer than this Lightproof reads/)
    const unknownKind = await cli(['verify', write('kind.json', { ...future, kind: 'teleport' })])
    expect(unknownKind.code).toBe(2)
    expect(unknownKind.stderr).toMatch(/unsupported evidence kind: teleport/)
  })

  it('fuzz: random JSON, deep nesting, huge strings and wrong types never crash and never verify', async () => {
    const base = readJson<Record<string, unknown>>(
      join(SAMPLES, 'zks-proof-mainnet-nonceholder.evidence.json'),
    )
    const mutated = fc.oneof(
      fc.jsonValue({ maxDepth: 6 }),
      fc.record({ format: fc.constant('lightproof-evidence'), version: fc.oneof(fc.integer(), fc.string()) }),
      fc
        .dictionary(fc.constantFrom(...Object.keys(base)), fc.jsonValue({ maxDepth: 3 }))
        .map((patch) => ({ ...base, ...patch })),
      fc.constantFrom(...Object.keys(base)).map((k) => {
        const copy = { ...base }
        delete copy[k]
        return copy
      }),
    )
    await fc.assert(
      fc.asyncProperty(mutated, async (value) => {
        const bytes = new TextEncoder().encode(JSON.stringify(value))
        try {
          const evidence = parseEvidence(bytes)
          const report = await verifyEvidence(evidence)
          // Informative fields (sources, question, tool, createdAt) may change; what is verified may not.
          if (report.verdict === 'verified') {
            expect(evidence.data).toEqual(base.data)
            expect(evidence.trust).toEqual(base.trust)
          }
        } catch (err) {
          expect(err).toBeInstanceOf(LightproofError)
        }
      }),
      { numRuns: 400 },
    )
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    expect(() => parseEvidence(new TextEncoder().encode(deep))).toThrow(LightproofError)
    const huge = JSON.stringify({ ...base, tool: 'x'.repeat(5_000_000) })
    expect(() => parseEvidence(new TextEncoder().encode(huge))).toThrow(/invalid evidence/)
  })
})
