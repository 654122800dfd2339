import type { ApiHandlers } from '../../shared/api'
import { SettingsStore } from '../store/settingsStore'
import { TrustedHeadStore } from '../store/trustedHeadStore'
import { EventBus } from './events'

export const APP_VERSION = '0.1.0'

export interface ServiceOptions {
  dataDir: string
  host: 'electron' | 'browser'
}

export interface Services {
  handlers: ApiHandlers
  events: EventBus
  settings: SettingsStore
  trustedHead: TrustedHeadStore
}

/**
 * The composition root shared by the Electron shell, browser mode and the CLI: plain Node services behind
 * the contract of src/shared/api.ts. Services take bytes and URLs, never UI state.
 */
export async function createServices(options: ServiceOptions): Promise<Services> {
  const settings = new SettingsStore(options.dataDir)
  const trustedHead = new TrustedHeadStore(options.dataDir)
  const events = new EventBus()
  const notices: string[] = []
  const loaded = await settings.load()
  if (loaded.notice) notices.push(loaded.notice)

  const handlers: ApiHandlers = {
    ping: async () => 'pong',
    getStatus: async () => ({
      version: APP_VERSION,
      host: options.host,
      dataDir: options.dataDir,
      network: (await settings.get()).network,
      trustedHead: await trustedHead.get(),
      notices: [...notices],
    }),
    getSettings: () => settings.get(),
    updateSettings: async (patch) => {
      const next = await settings.update(patch)
      events.emit('settings', next)
      return next
    },
    resetSettings: async () => {
      const next = await settings.reset()
      events.emit('settings', next)
      return next
    },
  }
  return { handlers, events, settings, trustedHead }
}
