import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../src/shared/dispatch'
import { apiSchema } from '../../src/shared/api'
import { METHOD_NAMES } from '../../src/shared/methods'
import { createServices } from '../../src/main/services/createServices'

const services = () =>
  createServices({ dataDir: mkdtempSync(join(tmpdir(), 'lp-dispatch-')), host: 'browser' })

describe('dispatch: the one entry both transports call', () => {
  it('lists the same methods in the zod-free preload list as in the contract', () => {
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(apiSchema).sort())
  })

  it('calls a known method with validated arguments', async () => {
    const s = await services()
    expect(await dispatch(s.handlers, 'ping', [])).toEqual({ ok: true, result: 'pong' })
    const updated = await dispatch(s.handlers, 'updateSettings', [{ theme: 'dark' }])
    expect(updated.ok && (updated.result as { theme: string }).theme).toBe('dark')
  })

  it('refuses unknown methods, prototype names and malformed arguments with stable codes', async () => {
    const s = await services()
    for (const m of ['nope', 'constructor', '__proto__', 'toString']) {
      const r = await dispatch(s.handlers, m, [])
      expect(r).toMatchObject({ ok: false, error: { code: 'api.unknown-method' } })
    }
    for (const args of [
      undefined,
      {},
      [1],
      [{ theme: 'neon' }],
      [{ endpoints: { l1Rpc: ['ftp://x'] } }],
      [{ extra: 1 }],
    ]) {
      const r = await dispatch(s.handlers, 'updateSettings', args)
      expect(r, JSON.stringify(args)).toMatchObject({ ok: false, error: { code: 'api.invalid-arguments' } })
    }
    expect((await s.settings.get()).theme).toBe('system')
  })
})
