import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../tests/support/fixtures'
import { runCli } from '../main'

interface RpcEntry {
  key: string
  value: string
  index: number
  proof: string[]
}
const M = readFixtureJson<{ address: string; storageProof: RpcEntry; expectedRoot: string }>(
  'zksync/derived/zks_getproof_mainnet_vector.json',
)
const dir = mkdtempSync(join(tmpdir(), 'lightproof-zks-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Writes a file shaped as the endpoint sends it: the mainnet vector inside a zks_getProof answer. */
function writeProof(name: string, entry: RpcEntry = M.storageProof, wrap = true): string {
  const result = { address: M.address, storageProof: [entry] }
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(wrap ? { jsonrpc: '2.0', id: 1, result } : result))
  return path
}

async function run(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} })
  return { code, stdout, stderr }
}

function flipHex(hex: string, at: number): string {
  const i = 2 + at
  return hex.slice(0, i) + (hex[i] === '0' ? '1' : '0') + hex.slice(i + 1)
}

describe('lightproof verify zks-proof', () => {
  it('exits 0 on the mainnet answer with value 0x81 at index 27900957 in the JSON facts', async () => {
    for (const wrap of [true, false]) {
      const file = writeProof(`mainnet-${wrap}.json`, M.storageProof, wrap)
      const { code, stdout } = await run([
        'verify',
        'zks-proof',
        '--proof',
        file,
        '--root',
        M.expectedRoot,
        '--json',
      ])
      expect(code).toBe(0)
      const report = JSON.parse(stdout)
      expect(report.verdict).toBe('verified')
      expect(report.subject.kind).toBe('zks-proof')
      expect(report.subject.trustRoot).toEqual({ kind: 'zksync-tree-root', value: M.expectedRoot })
      expect(report.facts.storage).toEqual([
        {
          key: M.storageProof.key,
          value: '0x0000000000000000000000000000000000000000000000000000000000000081',
          index: '27900957',
        },
      ])
    }
  })

  it('prints a human report without --json', async () => {
    const file = writeProof('human.json')
    const { code, stdout } = await run(['verify', 'zks-proof', '--proof', file, '--root', M.expectedRoot])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^VERIFIED/)
    expect(stdout).toContain('27900957')
  })

  const tampered: [string, () => { entry?: RpcEntry; root?: string }, string][] = [
    [
      'a sibling',
      () => ({
        entry: {
          ...M.storageProof,
          proof: M.storageProof.proof.map((s, i) => (i === 7 ? flipHex(s, 10) : s)),
        },
      }),
      'zks.storage[0].proof',
    ],
    ['the index', () => ({ entry: { ...M.storageProof, index: 27900958 } }), 'zks.storage[0].proof'],
    ['the index set to 0', () => ({ entry: { ...M.storageProof, index: 0 } }), 'zks.storage[0].index'],
    [
      'the value',
      () => ({ entry: { ...M.storageProof, value: flipHex(M.storageProof.value, 63) } }),
      'zks.storage[0].proof',
    ],
    [
      'the key',
      () => ({ entry: { ...M.storageProof, key: flipHex(M.storageProof.key, 0) } }),
      'zks.storage[0].proof',
    ],
    [
      'the order',
      () => ({ entry: { ...M.storageProof, proof: [...M.storageProof.proof].reverse() } }),
      'zks.storage[0].proof',
    ],
    [
      'an extra sibling',
      () => ({ entry: { ...M.storageProof, proof: [...M.storageProof.proof, M.storageProof.proof[0]!] } }),
      'zks.storage[0].proof',
    ],
    [
      'a missing sibling',
      () => ({ entry: { ...M.storageProof, proof: M.storageProof.proof.slice(0, -1) } }),
      'zks.storage[0].proof',
    ],
    [
      '257 siblings',
      () => ({ entry: { ...M.storageProof, proof: Array(257).fill(M.storageProof.proof[0]!) } }),
      'zks.storage[0].length',
    ],
    ['the root', () => ({ root: flipHex(M.expectedRoot, 5) }), 'zks.storage[0].proof'],
  ]
  for (const [what, make, checkId] of tampered) {
    it(`exits 1 when ${what} is tampered, naming ${checkId}`, async () => {
      const t = make()
      const file = writeProof(`tampered-${what.replace(/\W+/g, '-')}.json`, t.entry)
      const { code, stdout } = await run([
        'verify',
        'zks-proof',
        '--proof',
        file,
        '--root',
        t.root ?? M.expectedRoot,
        '--json',
      ])
      expect(code).toBe(1)
      const report = JSON.parse(stdout)
      expect(report.verdict).toBe('failed')
      expect(report.checks.find((c: { id: string }) => c.id === checkId)?.status).toBe('fail')
    })
  }

  it('exits 2 on bad input and bad usage', async () => {
    const bad = join(dir, 'bad.json')
    writeFileSync(
      bad,
      JSON.stringify({ address: M.address, storageProof: [{ ...M.storageProof, value: '0x81' }] }),
    )
    const malformed = await run(['verify', 'zks-proof', '--proof', bad, '--root', M.expectedRoot, '--json'])
    expect(malformed.code).toBe(2)
    expect(malformed.stderr).toMatch(/storageProof\.0\.value/)
    expect(JSON.parse(malformed.stdout)).toMatchObject({ error: { kind: 'input' }, exit: 2 })
    const nul = join(dir, 'null.json')
    writeFileSync(nul, JSON.stringify({ jsonrpc: '2.0', id: 1, result: null }))
    expect((await run(['verify', 'zks-proof', '--proof', nul, '--root', M.expectedRoot])).stderr).toMatch(
      /not in the tree/,
    )
    expect((await run(['verify', 'zks-proof', '--proof', writeProof('ok.json')])).code).toBe(2)
    expect(
      (await run(['verify', 'zks-proof', '--proof', writeProof('ok.json'), '--root', '0x1234'])).code,
    ).toBe(2)
    expect(
      (await run(['verify', 'zks-proof', '--proof', join(dir, 'missing.json'), '--root', M.expectedRoot]))
        .code,
    ).toBe(2)
  })
})
