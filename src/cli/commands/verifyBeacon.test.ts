import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixturePath } from '../../../tests/support/fixtures'
import { runCli } from '../main'

const A = (f: string) => fixturePath(`l1/helios/ethereum/testdata/${f}`)
const CHECKPOINT = '0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275'

async function cli(args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} })
  return { code, stdout, stderr }
}

interface JsonReport {
  verdict: string
  subject: { kind: string; trustRoot: { kind: string; value: string } }
  checks: { id: string; status: string }[]
  facts: { finalized?: Record<string, string>; optimistic?: Record<string, string> }
}

describe('lightproof verify beacon', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lightproof-beacon-'))
  const base = ['verify', 'beacon', '--checkpoint', CHECKPOINT, '--bootstrap', A('bootstrap.json')]

  it('set A: exits 0 with finalized EL block 17923026 (noble)', async () => {
    // Updates split over two --updates files to exercise the repeatable option.
    const all = JSON.parse(readFileSync(A('updates.json'), 'utf8')) as unknown[]
    writeFileSync(join(dir, 'u1.json'), JSON.stringify(all.slice(0, 3)))
    writeFileSync(join(dir, 'u2.json'), JSON.stringify(all.slice(3)))
    const r = await cli([
      ...base,
      '--updates',
      join(dir, 'u1.json'),
      '--updates',
      join(dir, 'u2.json'),
      '--finality',
      A('finality.json'),
      '--optimistic',
      A('optimistic.json'),
      '--bls',
      'noble',
      '--json',
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as JsonReport
    expect(report.subject).toMatchObject({
      kind: 'beacon-chain',
      trustRoot: { kind: 'beacon-checkpoint', value: CHECKPOINT },
    })
    expect(report.facts.finalized).toMatchObject({
      slot: '7109344',
      executionBlockNumber: '17923026',
      executionBlockHash: '0xbc8499537876e5406c7a65e25f99063f1cd85a17014a3aa5ade38271b1fbf64f',
      executionStateRoot: '0x226f5ff47ab3725b5a4a3afc74b1e79e4aa3a29704561eccce590e58900baec3',
    })
    expect(report.facts.optimistic).toMatchObject({ slot: '7109431', executionBlockNumber: '17923113' })
  })

  it('an empty updates file (0 bytes, or no update in it) is refused, saying so (exit 2)', async () => {
    for (const [name, text] of [
      ['empty.json', ''],
      ['none.json', '[]'],
    ]) {
      writeFileSync(join(dir, name!), text!)
      const r = await cli([...base, '--updates', join(dir, name!)])
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(text ? /no update was given/ : /empty file \(0 bytes\)/)
    }
  })

  it('prints a human report without --json', async () => {
    const r = await cli([...base, '--updates', A('updates.json'), '--finality', A('finality.json')])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('17923026')
  })

  it('a tampered finality update exits 1 naming the check', async () => {
    const f = JSON.parse(readFileSync(A('finality.json'), 'utf8')) as {
      data: { finality_branch: string[] }
    }
    f.data.finality_branch[2] = '0x' + '11'.repeat(32)
    writeFileSync(join(dir, 'finality-bad.json'), JSON.stringify(f))
    const r = await cli([
      ...base,
      '--updates',
      A('updates.json'),
      '--finality',
      join(dir, 'finality-bad.json'),
      '--json',
    ])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as JsonReport
    expect(report.verdict).toBe('failed')
    expect(report.checks.find((c) => c.id === 'beacon.finality.finality-branch')?.status).toBe('fail')
    expect(report.facts.finalized).toBeUndefined()
  })

  it('a wrong checkpoint exits 1', async () => {
    const wrong = CHECKPOINT.slice(0, -1) + '4'
    const r = await cli([
      'verify',
      'beacon',
      '--checkpoint',
      wrong,
      '--bootstrap',
      A('bootstrap.json'),
      '--json',
    ])
    expect(r.code).toBe(1)
    expect((JSON.parse(r.stdout) as JsonReport).checks[0]).toMatchObject({
      id: 'beacon.bootstrap.root',
      status: 'fail',
    })
  })

  it('an update the chain cannot reach exits 1', async () => {
    const all = JSON.parse(readFileSync(A('updates.json'), 'utf8')) as unknown[]
    writeFileSync(join(dir, 'skip.json'), JSON.stringify([all[0], all[5]]))
    const r = await cli([...base, '--updates', join(dir, 'skip.json'), '--bls', 'noble', '--json'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as JsonReport
    expect(report.checks.find((c) => c.id === 'beacon.update[867].period')?.status).toBe('fail')
  })

  it('set C: SSZ octet-stream bootstrap and updates-by-range body (deneb) exit 0', async () => {
    const c = (f: string) => fixturePath(`l1/colibri/test/data/eth_getStorageAt_electra/${f}`)
    const r = await cli([
      'verify',
      'beacon',
      '--checkpoint',
      '0xd9717ecc253684291f828688f311ba74d05af74c31654f6e14077669fca62f6a',
      '--bootstrap',
      c(
        'eth_v1_beacon_light_client_bootstrap_0xd9717ecc253684291f828688f311ba74d05af74c31654f6e14077669fca62.ssz',
      ),
      '--updates',
      c('eth_v1_beacon_light_client_updates_start_period_1421_count_1.ssz'),
      '--json',
    ])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as JsonReport & { facts: { nextSyncCommitteeKnown?: boolean } }
    expect(report.facts.nextSyncCommitteeKnown).toBe(true)
    expect(report.checks.find((c) => c.id === 'beacon.update[1421].next-committee-branch')?.status).toBe(
      'pass',
    )
  })

  it('malformed input and bad usage exit 2', async () => {
    writeFileSync(join(dir, 'garbage.json'), '{"version":"capella","data":{"header":1}}')
    expect(
      (await cli(['verify', 'beacon', '--checkpoint', CHECKPOINT, '--bootstrap', join(dir, 'garbage.json')]))
        .code,
    ).toBe(2)
    expect((await cli(['verify', 'beacon', '--bootstrap', A('bootstrap.json')])).code).toBe(2)
    expect((await cli([...base, '--network', 'goerli'])).code).toBe(2)
    expect((await cli([...base, '--bls', 'fast'])).code).toBe(2)
  })

  it('accepts a custom network file (mainnet values under another name)', async () => {
    const { NETWORK_DATA } = await import('../../verifier/beacon/networks')
    writeFileSync(join(dir, 'net.json'), JSON.stringify({ ...NETWORK_DATA.mainnet, name: 'my-mainnet-copy' }))
    const r = await cli([...base, '--network', join(dir, 'net.json'), '--json'])
    expect(r.code).toBe(0)
  })
})
