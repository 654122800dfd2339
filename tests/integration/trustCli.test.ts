import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { parseEvidence } from '../../src/verifier/evidence/schema'
import { verifyEvidence } from '../../src/verifier/kinds/verifyEvidence'
import {
  SET_A_CHECKPOINT,
  SET_A_FINALIZED,
  SET_A_NOW,
  startSetABeacon,
  type BeaconWorld,
} from './trustBeaconWorld'

const worlds: BeaconWorld[] = []
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((w) => w.close()))
})

async function cli(argv: string[], dataDir = mkdtempSync(join(tmpdir(), 'lightproof-sync-cli-'))) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { LIGHTPROOF_DATA_DIR: dataDir, LIGHTPROOF_NOW: SET_A_NOW },
  })
  return { code, stdout, stderr, dataDir }
}

describe('lightproof sync', () => {
  it('verifies set A from --checkpoint: exit 0, one JSON report on stdout, progress on stderr, --save re-verifies', async () => {
    const w = await startSetABeacon()
    worlds.push(w)
    const save = join(mkdtempSync(join(tmpdir(), 'lightproof-sync-save-')), 'sync.evidence.json')
    const r = await cli([
      'sync',
      '--beacon',
      w.url,
      '--checkpoint',
      SET_A_CHECKPOINT,
      '--save',
      save,
      '--json',
    ])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as { verdict: string; facts: { finalized: Record<string, string> } }
    expect(report.verdict).toBe('verified')
    expect(report.facts.finalized).toMatchObject(SET_A_FINALIZED)
    expect(r.stderr).toContain('sync: fetching updates for periods 862–867 (0/6)')
    expect(r.stderr).not.toContain('weak-subjectivity horizon')
    expect(r.stderr).toContain(`checkpoint ${SET_A_CHECKPOINT} (pinned`)

    const saved = parseEvidence(new Uint8Array(readFileSync(save)))
    expect(saved.kind).toBe('beacon')
    expect((await verifyEvidence(saved)).facts.finalized).toEqual(report.facts.finalized)
    const again = await cli(['verify', save, '--json'])
    expect(again.code).toBe(0)
  })

  it('exits 1 when the endpoint lies (a flipped signature bit), naming the check', async () => {
    const w = await startSetABeacon({ lie: 'flip-signature' })
    worlds.push(w)
    const r = await cli(['sync', '--beacon', w.url, '--checkpoint', SET_A_CHECKPOINT])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^FAILED/)
    expect(r.stdout).toMatch(/\[FAIL\] beacon\.update\[864\]/)
  })

  it('exits 3 when no endpoint answers, naming each; 2 on a malformed checkpoint or unknown network', async () => {
    const a = await startSetABeacon()
    const b = await startSetABeacon()
    worlds.push(a, b)
    a.server.setFault('http-500')
    b.server.setFault('http-500')
    const r = await cli(['sync', '--beacon', a.url, '--beacon', b.url, '--checkpoint', SET_A_CHECKPOINT])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain(`${a.url}: HTTP 500`)
    expect(r.stderr).toContain(`${b.url}: HTTP 500`)

    expect((await cli(['sync', '--beacon', a.url, '--checkpoint', '0x1234'])).code).toBe(2)
    expect((await cli(['sync', '--beacon', a.url, '--network', 'nonet'])).code).toBe(2)
    expect((await cli(['sync', '--beacon', 'http://example.org'])).code).toBe(2)
  })
})
