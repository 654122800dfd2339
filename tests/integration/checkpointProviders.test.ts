import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ssz } from '@lodestar/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCheckpointProviders } from '../../devnet/beacon/checkpointProviders'
import type { DevServer } from '../../devnet/servers/devServer'
import { startWorld, type RunningWorld } from '../../devnet/world'
import { runCli } from '../../src/cli/main'
import { bytesToHex } from '../../src/verifier/encoding/hex'
import type { Report } from '../../src/verifier/report'

/**
 * Issue 23, item 3, in the test world: two checkpoint-sync providers that agree give a fresh checkpoint (and
 * `--pin` makes the next sync start from it); a provider that names a header of its own making is refused with
 * both answers shown (`checkpoint.agreement`); a dead provider leaves too few answers: incomplete, never verified.
 */
let world: RunningWorld
let forged: DevServer[]
let dataDir: string

async function lightproof(args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli([...args, '--json'], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { LIGHTPROOF_DATA_DIR: dataDir },
  })
  return { code, report: JSON.parse(stdout) as Report, stderr }
}

const check = (r: Report, id: string) => r.checks.find((c) => c.id === id)

beforeAll(async () => {
  world = await startWorld({ seed: 'checkpoint-providers' })
  forged = await startCheckpointProviders(world.beacon, { lie: 'forged' })
  dataDir = mkdtempSync(join(tmpdir(), 'lp-checkpoint-'))
})

afterAll(async () => {
  await Promise.all(forged.map((s) => s.close()))
  await world?.close()
})

describe('lightproof checkpoint --provider … against the test world', () => {
  it('two providers that agree: verified, the world’s finalized root; --pin makes the next sync start there', async () => {
    const [a, b] = world.info.checkpointProviders
    const net = ['--network', world.info.network]
    const r = await lightproof(['checkpoint', '--provider', a!, '--provider', b!, ...net, '--pin'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.report.verdict).toBe('verified')
    const finalized = world.beacon.finalityUpdate.finalizedHeader.beacon
    expect(r.report.facts.root).toBe(bytesToHex(ssz.phase0.BeaconBlockHeader.hashTreeRoot(finalized)))
    expect(r.report.facts.slot).toBe(String(finalized.slot))
    expect(r.report.facts.agreedBy).toEqual([a, b])
    expect(r.stderr).toMatch(/pinned/)

    const sync = await lightproof(['sync', '--beacon', world.info.beacon, ...net])
    expect(sync.code, sync.stderr).toBe(0)
    expect(sync.stderr).toContain(`checkpoint ${String(r.report.facts.root)} (pinned`)
  })

  it('a provider naming a header of its own making is refused, both answers shown', async () => {
    const honest = world.info.checkpointProviders[0]!
    const liar = forged[1]!.url
    const r = await lightproof([
      'checkpoint',
      '--provider',
      honest,
      '--provider',
      liar,
      '--network',
      world.info.network,
    ])
    expect(r.code).toBe(1)
    expect(r.report.verdict).toBe('failed')
    const agreement = check(r.report, 'checkpoint.agreement')!
    expect(agreement.status).toBe('fail')
    const roots = (r.report.facts.providers as { root: string }[]).map((p) => p.root)
    expect(new Set(roots).size).toBe(2)
    for (const root of roots) expect(agreement.detail).toContain(root)
    expect(r.report.facts.root).toBeUndefined()
  })

  it('a dead provider leaves one answer: incomplete, naming it', async () => {
    const r = await lightproof([
      'checkpoint',
      '--provider',
      world.info.checkpointProviders[0]!,
      '--provider',
      'http://127.0.0.1:1',
      '--network',
      world.info.network,
    ])
    expect(r.code).toBe(1)
    expect(r.report.verdict).toBe('incomplete')
    expect(check(r.report, 'checkpoint.provider[1].header')!.detail).toMatch(/127\.0\.0\.1:1: no answer/)
    expect(check(r.report, 'checkpoint.agreement')!.detail).toMatch(/only 1 of 2/)
  })
})
