import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isSafeExternalUrl, isTrustedSenderUrl } from '../../src/main/electron/guards'
import { registerIpc } from '../../src/main/electron/ipc'
import { mainWindowOptions } from '../../src/main/electron/windowOptions'
import { createServices } from '../../src/main/services/createServices'
import { METHOD_NAMES, ipcChannel } from '../../src/shared/methods'

const INDEX = 'file:///opt/Lightproof/resources/app/out/renderer/index.html'

describe('Electron hardening (pure parts)', () => {
  it('turns on every renderer isolation switch', () => {
    const wp = mainWindowOptions('/x/preload.cjs').webPreferences!
    expect(wp).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    })
    expect(wp.navigateOnDragDrop).toBe(false)
    expect(wp.webSecurity).toBe(true)
  })

  it('trusts IPC only from the bundled page or the exact dev server origin', () => {
    expect(isTrustedSenderUrl(INDEX, INDEX)).toBe(true)
    expect(isTrustedSenderUrl(`${INDEX}#/settings`, INDEX)).toBe(true)
    expect(isTrustedSenderUrl('file:///tmp/evil.html', INDEX)).toBe(false)
    expect(isTrustedSenderUrl('https://evil.example/', INDEX)).toBe(false)
    expect(isTrustedSenderUrl(undefined, INDEX)).toBe(false)
    expect(isTrustedSenderUrl('http://localhost:5173/', INDEX, 'http://localhost:5173')).toBe(true)
    expect(isTrustedSenderUrl('http://localhost:5174/', INDEX, 'http://localhost:5173')).toBe(false)
  })

  it('opens external links only for https without credentials', () => {
    expect(isSafeExternalUrl('https://etherscan.io/tx/0x1')).toBe(true)
    expect(isSafeExternalUrl('http://etherscan.io')).toBe(false)
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false)
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false)
    expect(isSafeExternalUrl('https://a:b@example.org')).toBe(false)
  })

  it('registers one handler per method, refuses untrusted senders, validates arguments', async () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>()
    const fakeIpcMain = {
      handle: (ch: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) =>
        void handlers.set(ch, fn),
    }
    const services = await createServices({
      dataDir: mkdtempSync(join(tmpdir(), 'lp-ipc-')),
      host: 'electron',
    })
    registerIpc(fakeIpcMain as never, services.handlers, (url) => isTrustedSenderUrl(url, INDEX))
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAMES.map(ipcChannel).sort())
    const ping = handlers.get(ipcChannel('ping'))!
    expect(await ping({ senderFrame: { url: INDEX } })).toEqual({ ok: true, result: 'pong' })
    expect(await ping({ senderFrame: { url: 'https://evil.example' } })).toMatchObject({
      ok: false,
      error: { code: 'api.untrusted-sender' },
    })
    const update = handlers.get(ipcChannel('updateSettings'))!
    expect(await update({ senderFrame: { url: INDEX } }, { theme: 42 })).toMatchObject({
      ok: false,
      error: { code: 'api.invalid-arguments' },
    })
  })
})
