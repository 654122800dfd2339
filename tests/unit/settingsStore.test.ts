import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SettingsStore } from '../../src/main/store/settingsStore'
import { DEFAULT_SETTINGS, isAllowedEndpointUrl } from '../../src/shared/settings'

const dir = () => mkdtempSync(join(tmpdir(), 'lp-settings-'))

describe('settings store', () => {
  it('starts from the public mainnet defaults and persists updates atomically', async () => {
    const d = dir()
    const store = new SettingsStore(d)
    expect((await store.load()).settings).toEqual(DEFAULT_SETTINGS)
    await store.update({
      endpoints: { beacon: ['http://127.0.0.1:9596'] },
      checkpoint: '0x' + 'AB'.repeat(32),
    })
    const again = await new SettingsStore(d).load()
    expect(again.notice).toBeUndefined()
    expect(again.settings.endpoints.beacon).toEqual(['http://127.0.0.1:9596'])
    expect(again.settings.endpoints.l1Rpc).toEqual(DEFAULT_SETTINGS.endpoints.l1Rpc)
    expect(again.settings.checkpoint).toBe('0x' + 'ab'.repeat(32))
    expect(readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('replaces a corrupt file by defaults, says so, and keeps the bad file beside it', async () => {
    for (const bad of [
      '{not json',
      JSON.stringify({ version: 1, theme: 'x' }),
      JSON.stringify({ version: 99 }),
    ]) {
      const d = dir()
      writeFileSync(join(d, 'settings.json'), bad)
      const loaded = await new SettingsStore(d).load()
      expect(loaded.settings).toEqual(DEFAULT_SETTINGS)
      expect(loaded.notice).toMatch(/invalid/)
      const kept = readdirSync(d).find((f) => f.startsWith('settings.json.corrupt-'))
      expect(kept).toBeDefined()
      expect(readFileSync(join(d, kept!), 'utf8')).toBe(bad)
      expect(JSON.parse(readFileSync(join(d, 'settings.json'), 'utf8'))).toEqual(DEFAULT_SETTINGS)
    }
  })

  it('refuses an invalid update and keeps the previous settings', async () => {
    const store = new SettingsStore(dir())
    await store.load()
    await expect(store.update({ endpoints: { l1Rpc: [] } })).rejects.toThrow()
    expect(await store.get()).toEqual(DEFAULT_SETTINGS)
  })

  it('allows https anywhere and plain http only on loopback, never credentials', () => {
    expect(isAllowedEndpointUrl('https://rpc.example.org/v1')).toBe(true)
    expect(isAllowedEndpointUrl('http://127.0.0.1:8545')).toBe(true)
    expect(isAllowedEndpointUrl('http://localhost:8545')).toBe(true)
    expect(isAllowedEndpointUrl('http://rpc.example.org')).toBe(false)
    expect(isAllowedEndpointUrl('http://127.0.0.1.example.org')).toBe(false)
    expect(isAllowedEndpointUrl('https://user:secret@rpc.example.org')).toBe(false)
    expect(isAllowedEndpointUrl('file:///etc/passwd')).toBe(false)
    expect(isAllowedEndpointUrl('not a url')).toBe(false)
  })
})
