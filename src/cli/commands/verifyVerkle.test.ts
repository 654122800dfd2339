import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixturePath } from '../../../tests/support/fixtures'
import { runCli } from '../main'

const RESOURCES = 'verkle/rust-verkle/bindings/java/java_code/src/test/resources'
const BLOCK_72 = fixturePath(`${RESOURCES}/valid_block_72.json`)
const INVALID_72 = fixturePath(`${RESOURCES}/invalid_block_72.json`)
const FULL_BLOCK_72 = fixturePath('verkle/verkle-cryptography-wasm/src.ts/tests/data/kaustinen6Block72.json')
const KAUSTINEN_4 = fixturePath(
  'verkle/ethereumjs-monorepo/packages/client/test/testdata/blocks/kaustinen4.json',
)
const ROOT_71 = '0x64e1a647f42e5c2e3c434531ccf529e1b3e93363a40db9fc8eec81f492123510'

async function cli(args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} })
  return { code, stdout, stderr }
}

interface Out {
  verdict: string
  subject: { kind: string; trustRoot: { kind: string; value: string } }
  checks: { id: string; status: string }[]
  facts: Record<string, unknown>
}

describe('lightproof verify verkle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lightproof-verkle-'))

  it('exits 0 on Kaustinen 6 block 72 against the block-71 state root, with stems/proven/absent facts', async () => {
    const r = await cli(['verify', 'verkle', '--witness', BLOCK_72, '--pre-state-root', ROOT_71, '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as Out
    expect(out.verdict).toBe('verified')
    expect(out.subject).toMatchObject({
      kind: 'verkle',
      trustRoot: { kind: 'pre-state-root', value: ROOT_71 },
    })
    expect(out.facts).toMatchObject({ stems: '5', keys: '21', layout: 'legacy-per-field' })
    expect(Number(out.facts.proven) + Number(out.facts.absent)).toBe(21)
  })

  it('reads an account from a full block file, proven, with the post-state value marked as a claim', async () => {
    const r = await cli([
      'verify', 'verkle', '--witness', FULL_BLOCK_72, '--pre-state-root', ROOT_71,
      '--address', '0x687704db07e902e9a8b3754031d168d46e3d586e', '--address', '0x' + '11'.repeat(20), '--json',
    ]) // prettier-ignore
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as Out
    expect(out.facts.accounts).toEqual([
      {
        address: '0x687704db07e902e9a8b3754031d168d46e3d586e',
        stem: '0x242271cf1aaa13ede9bb0a1550d6f181c6135afb92be8270221f03cc8a721e',
        status: 'present',
        proven: true,
        current: {
          version: '0',
          balance: '289747927169160287',
          nonce: '300',
          codeHash: '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
        },
        claimedNew: { balance: String(0x04ba946f34de545fn) },
      },
      expect.objectContaining({ status: 'not-in-witness', proven: false }),
    ])
    expect(out.facts.postStateValues).toBe('claimed, not proven')
  })

  it('exits 1 on invalid_block_72 and on a wrong root, naming the proof check', async () => {
    const r = await cli(['verify', 'verkle', '--witness', INVALID_72, '--pre-state-root', ROOT_71, '--json'])
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout) as Out
    expect(out.verdict).toBe('failed')
    expect(out.checks.find((c) => c.status === 'fail')?.id).toBe('verkle.witness.proof')
    const wrong = await cli([
      'verify',
      'verkle',
      '--witness',
      BLOCK_72,
      '--pre-state-root',
      '0x' + '00'.repeat(32),
    ])
    expect(wrong.code).toBe(1)
    expect(wrong.stdout).toMatch(/FAILED/)
  })

  it('exits 1 when a commitment is dropped (structure check, the WASM is never called)', async () => {
    const json = JSON.parse(readFileSync(BLOCK_72, 'utf8')) as {
      executionWitness: { verkleProof: { commitmentsByPath: string[] } }
    }
    json.executionWitness.verkleProof.commitmentsByPath.pop()
    const file = join(dir, 'dropped.json')
    writeFileSync(file, JSON.stringify(json))
    const r = await cli(['verify', 'verkle', '--witness', file, '--pre-state-root', ROOT_71, '--json'])
    expect(r.code).toBe(1)
    expect((JSON.parse(r.stdout) as Out).checks.find((c) => c.status === 'fail')?.id).toBe(
      'verkle.witness.commitments',
    )
  })

  it('exits 2 on junk, on a malformed witness and on bad options, with a clear message', async () => {
    const junk = join(dir, 'junk.bin')
    const bytes = new Uint8Array(10 * 1024 * 1024)
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24
    writeFileSync(junk, bytes)
    const r1 = await cli(['verify', 'verkle', '--witness', junk, '--pre-state-root', ROOT_71, '--json'])
    expect(r1.code).toBe(2)
    expect(JSON.parse(r1.stdout)).toMatchObject({ error: { kind: 'input' }, exit: 2 })
    expect(r1.stderr).toMatch(/^lightproof: /)

    const text = readFileSync(BLOCK_72, 'utf8').replace('"suffix": 2,', '"suffix": "two",')
    const malformed = join(dir, 'malformed.json')
    writeFileSync(malformed, text)
    const r2 = await cli(['verify', 'verkle', '--witness', malformed, '--pre-state-root', ROOT_71])
    expect(r2.code).toBe(2)
    expect(r2.stderr).toMatch(/malformed execution witness: stateDiff\[0\]\.suffixDiffs\[2\]\.suffix/)

    const notWitness = join(dir, 'other.json')
    writeFileSync(notWitness, '{"jsonrpc":"2.0","id":1,"result":{"balance":"0x0"}}')
    const r3 = await cli(['verify', 'verkle', '--witness', notWitness, '--pre-state-root', ROOT_71])
    expect(r3.code).toBe(2)
    expect(r3.stderr).toMatch(/no EIP-6800 execution witness found/)

    expect((await cli(['verify', 'verkle', '--witness', BLOCK_72, '--pre-state-root', '0x1234'])).code).toBe(
      2,
    )
    expect((await cli(['verify', 'verkle', '--pre-state-root', ROOT_71])).code).toBe(2)
    expect(
      (await cli(['verify', 'verkle', '--witness', BLOCK_72, '--pre-state-root', ROOT_71, '--layout', 'x']))
        .code,
    ).toBe(2)
    expect(
      (
        await cli([
          'verify',
          'verkle',
          '--witness',
          BLOCK_72,
          '--pre-state-root',
          ROOT_71,
          '--address',
          '0x12',
        ])
      ).code,
    ).toBe(2)
  })

  it('normalises a beacon-API block (string suffixes) and reports what it changed', async () => {
    const root = '0x0934f2a29e91581002a8a44685830b15aedb2561b207fdfc523ff818bf9c9f54'
    const file = join(dir, 'k4-353.json')
    writeFileSync(
      file,
      JSON.stringify((JSON.parse(readFileSync(KAUSTINEN_4, 'utf8')) as Record<string, unknown>)['353']),
    )
    const r = await cli(['verify', 'verkle', '--witness', file, '--pre-state-root', root, '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as Out
    expect(out.facts.witnessAt).toBe('execute.execution_witness')
    expect(String(out.facts.normalisations)).toMatch(/decimal strings/)
  })
})
