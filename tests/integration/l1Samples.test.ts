import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { stringifyJson } from '../../src/verifier/encoding/json'
import { COLIBRI_BALANCE, colibriEvidence } from '../support/colibriCases'
import type { Report } from '../../src/verifier/report'
import { readFixture, REPO_ROOT } from '../support/fixtures'

/** The shipped L1 samples (samples/PROVENANCE.md): they verify offline, regenerate exactly, and catch tampering. */
const dir = mkdtempSync(join(tmpdir(), 'lp-l1samples-'))
const sample = (name: string) => join(REPO_ROOT, 'samples', name)

async function cli(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { LIGHTPROOF_DATA_DIR: dir },
  })
  return { code, stdout, stderr }
}

/** The sample with one hex digit of its eth_getProof answer changed (inside a proof node). */
function tampered(
  name: string,
  pick: (evidence: { data: Record<string, unknown> }) => { text: string },
): string {
  const evidence = JSON.parse(readFileSync(sample(name), 'utf8')) as { data: Record<string, unknown> }
  const item = pick(evidence)
  const at = item.text.indexOf('"0xf9') + 300
  item.text = item.text.slice(0, at) + (item.text[at] === '0' ? '1' : '0') + item.text.slice(at + 1)
  const path = join(dir, `tampered-${name}`)
  writeFileSync(path, JSON.stringify(evidence))
  return path
}

describe('samples/l1-balance-mainnet.evidence.json', () => {
  it('`lightproof verify` exits 0 and prints the chain of trust', async () => {
    const r = await cli(['verify', sample('l1-balance-mainnet.evidence.json')])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^VERIFIED {2}ETH balance of 0x95222290dd7278aa3ddd389cc1e1d165cc4bafe5/)
    expect(r.stdout).toContain('formatted: 19.685532618934027846 ETH')
    for (const step of ['checkpoint', 'head', 'state-root', 'account', 'value'])
      expect(r.stdout).toContain(`step: ${step}`)
  })

  it('is exactly what scripts/make-samples/l1.ts builds from the fixtures', () => {
    expect(readFileSync(sample('l1-balance-mainnet.evidence.json'), 'utf8')).toBe(
      stringifyJson(colibriEvidence(COLIBRI_BALANCE, readFixture), 2) + '\n',
    )
  })

  it('one changed digit in the recorded proof exits 1', async () => {
    const path = tampered(
      'l1-balance-mainnet.evidence.json',
      (e) => (e.data.proofs as { answer: { text: string } }[])[0]!.answer,
    )
    const r = await cli(['verify', path, '--json'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as Report
    expect(report.checks.find((c) => c.id === 'l1.proof[0].mpt.account.proof')?.status).toBe('fail')
  })
})

describe('samples/l1-proof-nimbus-weth.evidence.json', () => {
  it('verifies the WETH account and balance slot (exit 0); a changed digit exits 1', async () => {
    const r = await cli(['verify', sample('l1-proof-nimbus-weth.evidence.json'), '--json'])
    expect(r.code).toBe(0)
    const facts = (JSON.parse(r.stdout) as Report).facts as { storage: { value: string }[] }
    expect(BigInt(facts.storage[0]!.value)).toBe(2921291143473600000n)
    const path = tampered('l1-proof-nimbus-weth.evidence.json', (e) => e.data.proof as { text: string })
    expect((await cli(['verify', path])).code).toBe(1)
  })
})
