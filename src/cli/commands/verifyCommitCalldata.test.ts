import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fixturePath, readFixture, readFixtureJson } from '../../../tests/support/fixtures'
import { bytesToHex } from '../../verifier/encoding/hex'
import { runCli } from '../main'

const CC = 'zksync/zksync-era/consistency_checker/'
const MAINNET = CC + 'commit_l1_batch_351000-351004_mainnet.calldata'
const GOERLI = CC + 'commit_l1_batch_200000_testnet_goerli.calldata'
const expected = readFixtureJson<
  Record<string, { lastCommitted: { storedBatchHash8: string }; batches: Record<string, unknown>[] }>
>('zksync/derived/consistency_checker_calldata_decoded.json')['commit_l1_batch_351000-351004_mainnet']!

const dir = mkdtempSync(join(tmpdir(), 'lightproof-commit-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function run(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} })
  return { code, stdout, stderr }
}

const FIELDS = [
  'batchNumber',
  'timestamp',
  'newStateRoot',
  'indexRepeatedStorageChanges',
  'numberOfLayer1Txs',
  'priorityOperationsHash',
] as const
const expectedBatches = expected.batches.map((b) =>
  Object.fromEntries(FIELDS.map((f) => [f, typeof b[f] === 'number' ? String(b[f]) : b[f]])),
)

describe('lightproof verify commit-calldata', () => {
  it('prints the five mainnet batches 351000–351004 exactly, exit 0 (raw bytes and hex text)', async () => {
    const hexFile = join(dir, 'mainnet.hex')
    writeFileSync(hexFile, bytesToHex(readFixture(MAINNET)).slice(2) + '\n')
    for (const file of [fixturePath(MAINNET), hexFile]) {
      const { code, stdout, stderr } = await run(['verify', 'commit-calldata', file, '--json'])
      expect(stderr).toBe('')
      expect(code).toBe(0)
      const report = JSON.parse(stdout)
      expect(report.verdict).toBe('verified')
      expect(report.subject.kind).toBe('commit-calldata')
      expect(report.facts.selector).toBe('0x701f58c5')
      expect(report.facts.batches).toEqual(expectedBatches)
      expect(report.facts.lastCommitted.storedBatchHash).toBe(expected.lastCommitted.storedBatchHash8)
      expect(report.facts.lastCommitted.batchNumber).toBe('350999')
    }
  })

  it('human output says the calldata is not bound to L1', async () => {
    const { code, stdout } = await run(['verify', 'commit-calldata', fixturePath(MAINNET)])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^VERIFIED/)
    expect(stdout).toMatch(/not bound to L1 storage/)
    expect(stdout).toMatch(/zksync\.commit\.lastCommitted\.binding.*\(optional\)/)
  })

  it('a tampered state root exits 1 naming the failed check', async () => {
    const raw = readFixture(MAINNET).slice()
    // Batch 351000's newStateRoot is linked by batch 351001's PREV_BATCH_HASH log.
    const root = readFixture(MAINNET)
    const needle = Buffer.from('02648e6b9ab1eb8da0bbc426e3fb4f6fc8efea5923db8d9340bbe52eeb674730', 'hex')
    const at = Buffer.from(root).indexOf(needle)
    expect(at).toBeGreaterThan(0)
    raw[at + 31]! ^= 1
    const file = join(dir, 'tampered.calldata')
    writeFileSync(file, raw)
    const { code, stdout } = await run(['verify', 'commit-calldata', file, '--json'])
    expect(code).toBe(1)
    const report = JSON.parse(stdout)
    expect(report.verdict).toBe('failed')
    const failedIds = report.checks
      .filter((c: { status: string }) => c.status === 'fail')
      .map((c: { id: string }) => c.id)
    expect(failedIds).toContain('zksync.commit.logs.prevBatchHash')
  })

  it('refuses the goerli pre-Boojum calldata as unsupported, exit 2', async () => {
    const { code, stdout, stderr } = await run(['verify', 'commit-calldata', fixturePath(GOERLI), '--json'])
    expect(code).toBe(2)
    // Under --json the error is one JSON object on stdout, as well as the line on stderr.
    expect(JSON.parse(stdout)).toMatchObject({ error: { kind: 'input' }, exit: 2 })
    expect(stderr).toMatch(/unsupported commit calldata: selector 0x0c4dd810 is pre-Boojum commitBlocks/)
  })

  it('bad input and usage exit 2', async () => {
    const junk = join(dir, 'junk.txt')
    writeFileSync(junk, 'not calldata at all')
    expect((await run(['verify', 'commit-calldata', junk])).code).toBe(2)
    expect((await run(['verify', 'commit-calldata', join(dir, 'missing')])).code).toBe(2)
    expect((await run(['verify', 'commit-calldata'])).code).toBe(2)
  })
})
