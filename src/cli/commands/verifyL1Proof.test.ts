import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixturePath } from '../../../tests/support/fixtures'
import { runCli } from '../main'

const WETH_PROOF = fixturePath('l1/nimbus/nimbus_verified_proxy/tests/data/storage_proof.json')
const PROOF_BLOCK = fixturePath('l1/nimbus/nimbus_verified_proxy/tests/data/proof_block.json')
const STATE_ROOT = (JSON.parse(readFileSync(PROOF_BLOCK, 'utf8')) as { stateRoot: string }).stateRoot

async function cli(args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} })
  return { code, stdout, stderr }
}

describe('lightproof verify l1-proof', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lightproof-l1-proof-'))

  it('exits 0 on the nimbus WETH proof against proof_block.json stateRoot, with the account and slot facts', async () => {
    expect(STATE_ROOT).toBe('0xd324a9504ad97df5426168230af58254192d50bed56232ac0073d5a63eb6e7e7')
    const r = await cli(['verify', 'l1-proof', '--proof', WETH_PROOF, '--state-root', STATE_ROOT, '--json'])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as {
      verdict: string
      facts: { account: { balance: string }; storage: { key: string; value: string }[] }
    }
    expect(report.verdict).toBe('verified')
    expect(report.facts.account.balance).toBe('2221356247135323604826973')
    expect(report.facts.storage[0]!.value).toBe(
      '0x000000000000000000000000000000000000000000000000288a82d13c3d1600',
    )
  })

  it('--save onto a directory (or under a file) is a usage error, exit 2, not an internal error', async () => {
    const args = ['verify', 'l1-proof', '--proof', WETH_PROOF, '--state-root', STATE_ROOT]
    const onDir = await cli([...args, '--save', dir])
    expect(onDir.code).toBe(2)
    expect(onDir.stderr).toMatch(/is a directory/)
    expect(onDir.stderr).not.toMatch(/internal error/)
    // A "folder" that is a file cannot hold the evidence either.
    writeFileSync(join(dir, 'plain-file'), 'x')
    const underFile = await cli([...args, '--save', join(dir, 'plain-file', 'e.json')])
    expect(underFile.code).toBe(2)
    expect(underFile.stderr).not.toMatch(/internal error/)
  })

  it('accepts a whole JSON-RPC response and prints a human report without --json', async () => {
    const file = join(dir, 'response.json')
    writeFileSync(
      file,
      JSON.stringify({ jsonrpc: '2.0', id: 7, result: JSON.parse(readFileSync(WETH_PROOF, 'utf8')) }),
    )
    const r = await cli(['verify', 'l1-proof', '--proof', file, '--state-root', STATE_ROOT])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^VERIFIED/)
    expect(r.stdout).toContain('mpt.storage[0].value')
  })

  it('exits 1 when the proof is tampered (a lied balance, a flipped node byte)', async () => {
    const original = JSON.parse(readFileSync(WETH_PROOF, 'utf8')) as {
      balance: string
      accountProof: string[]
    }
    const lied = { ...original, balance: '0x1d663f6a4afc5b01abb5e' }
    const liedFile = join(dir, 'lied.json')
    writeFileSync(liedFile, JSON.stringify(lied))
    const r1 = await cli(['verify', 'l1-proof', '--proof', liedFile, '--state-root', STATE_ROOT, '--json'])
    expect(r1.code).toBe(1)
    const rep1 = JSON.parse(r1.stdout) as { verdict: string; checks: { id: string; status: string }[] }
    expect(rep1.verdict).toBe('failed')
    expect(rep1.checks.find((c) => c.id === 'mpt.account.fields')!.status).toBe('fail')

    const node = original.accountProof[2]!
    const flipped = {
      ...original,
      accountProof: original.accountProof.map((n, i) =>
        i === 2 ? node.slice(0, 100) + (node[100] === '0' ? '1' : '0') + node.slice(101) : n,
      ),
    }
    const flippedFile = join(dir, 'flipped.json')
    writeFileSync(flippedFile, JSON.stringify(flipped))
    const r2 = await cli(['verify', 'l1-proof', '--proof', flippedFile, '--state-root', STATE_ROOT, '--json'])
    expect(r2.code).toBe(1)
    const rep2 = JSON.parse(r2.stdout) as { checks: { id: string; status: string; detail: string }[] }
    expect(rep2.checks.find((c) => c.id === 'mpt.account.proof')).toMatchObject({ status: 'fail' })
  })

  it('exits 1 against another state root', async () => {
    const r = await cli([
      'verify',
      'l1-proof',
      '--proof',
      WETH_PROOF,
      '--state-root',
      '0x' + '11'.repeat(32),
      '--json',
    ])
    expect(r.code).toBe(1)
  })

  it('exits 2 on bad input or usage, with a message', async () => {
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '{"address": "0x12"}')
    const cases = [
      ['verify', 'l1-proof', '--proof', bad, '--state-root', STATE_ROOT],
      ['verify', 'l1-proof', '--proof', join(dir, 'missing.json'), '--state-root', STATE_ROOT],
      ['verify', 'l1-proof', '--proof', WETH_PROOF, '--state-root', '0x1234'],
      ['verify', 'l1-proof', '--proof', WETH_PROOF],
      ['verify', 'l1-proof', '--state-root', STATE_ROOT],
      ['verify', 'l1-proof', 'extra', '--proof', WETH_PROOF, '--state-root', STATE_ROOT],
    ]
    for (const args of cases) {
      const r = await cli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/lightproof: /)
    }
  })
})
