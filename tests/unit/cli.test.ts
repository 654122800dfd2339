import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { COMMANDS } from '../../src/cli/commands'

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

describe('lightproof CLI contract', () => {
  it('--help lists every command and exits 0', async () => {
    const r = await cli(['--help'])
    expect(r.code).toBe(0)
    for (const c of COMMANDS) expect(r.stdout).toContain(c.path.join(' '))
    expect(r.stdout).toMatch(/exit status: 0 verified, 1 failed/)
  })

  it('exits 2 with a clear message on unknown commands and on no command', async () => {
    const r = await cli(['nonsense'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/unknown command 'nonsense'/)
    expect(r.stdout).toBe('')
    expect((await cli([])).code).toBe(2)
  })

  it('an unknown command that is close to one is answered with it; under --json as one JSON object', async () => {
    const r = await cli(['zksync', 'batchs', '5'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/Did you mean 'lightproof zksync batch'\?/)
    const j = await cli(['verfy', 'x.json', '--json'])
    expect(j.code).toBe(2)
    expect(JSON.parse(j.stdout)).toEqual({
      error: {
        kind: 'usage',
        code: 'usage.unknown-command',
        message: expect.stringMatching(/Did you mean 'lightproof verify'\?/) as unknown,
      },
      exit: 2,
    })
  })

  it('an empty file, a text file and binary data say what they are, not "bad number"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lightproof-cli-'))
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['empty.json', '', /empty\.json: empty file \(0 bytes\)/],
      ['notes.txt', 'hello world\nsecond line', /not JSON \(starts with "hello world"…\)/],
      [
        'zeros.bin',
        new Uint8Array(4096),
        /binary data, not JSON \(starts with bytes 00 00 00 00 00 00 00 00\)/,
      ],
    ]
    for (const [name, content, message] of cases) {
      writeFileSync(join(dir, name), content)
      const r = await cli(['verify', join(dir, name), '--json'])
      expect(r.code, name).toBe(2)
      expect(r.stderr, name).toMatch(message)
      expect(JSON.parse(r.stdout), name).toMatchObject({ error: { kind: 'input' }, exit: 2 })
    }
  })

  it('each command’s help lists exactly the options it uses; ignored endpoint flags are named apart', async () => {
    const sync = await cli(['sync', '--help'])
    expect(sync.stdout).not.toMatch(/^ {2}--(l1-rpc|zksync-rpc)/m)
    expect(sync.stdout).toMatch(/^ {2}--beacon/m)
    expect(sync.stdout).toMatch(/also accepted and ignored.*--l1-rpc, --zksync-rpc/)
    expect((await cli(['sync', '--l1-rpc', 'http://127.0.0.1:1', '--help'])).code).toBe(0)
    const l1 = await cli(['l1', 'balance', '--help'])
    expect(l1.stdout).not.toMatch(/^ {2}--zksync-rpc/m)
    expect(l1.stdout).toMatch(/^ {2}--l1-rpc/m)
    const verify = await cli(['verify', '--help'])
    for (const c of COMMANDS.filter((x) => x.path[0] === 'verify' && x.path.length > 1))
      expect(verify.stdout).toContain(c.path.join(' '))
  })

  it('an endpoint failure is printed once (not also as the operation’s last progress line); --json gets the object', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lightproof-cli-data-'))
    let stdout = ''
    let stderr = ''
    const code = await runCli(['sync', '--beacon', 'http://127.0.0.1:1', '--json'], {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      env: { LIGHTPROOF_DATA_DIR: dataDir },
    })
    expect(code).toBe(3)
    expect(stderr.match(/127\.0\.0\.1:1: unreachable/g)).toHaveLength(1)
    expect(JSON.parse(stdout)).toMatchObject({ error: { kind: 'endpoint', class: 'refused' }, exit: 3 })
    expect(stderr).toMatch(/next step: Nothing listens there/)
  })

  it('every command has help, and bad options exit 2 naming the command', async () => {
    for (const c of COMMANDS) {
      const help = await cli([...c.path, '--help'])
      expect(help.code, c.path.join(' ')).toBe(0)
      expect(help.stdout).toContain(`usage: lightproof ${c.path.join(' ')}`)
      const bad = await cli([...c.path, '--no-such-option', 'x'])
      expect(bad.code, c.path.join(' ')).toBe(2)
      expect(bad.stderr).toContain(c.path.join(' '))
    }
  })
})
