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
