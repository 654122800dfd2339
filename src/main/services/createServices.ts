import type { ApiHandlers } from '../../shared/api'
import { HistoryStore } from '../store/historyStore'
import { SettingsStore } from '../store/settingsStore'
import { TrustedHeadStore } from '../store/trustedHeadStore'
import type { HttpLimits } from '../net/httpFetch'
import { createBatchesHandlers } from './batchesService'
import type { ServiceContext } from './context'
import { createCoreHandlers } from './coreService'
import { EventBus } from './events'
import { createEvidenceHandlers } from './evidenceService'
import { createL1Handlers } from './l1Service'
import { Operations } from './operations'
import { createTrustHandlers } from './trustService'
import { cryptoPreference, initBackends } from '../../verifier/kinds/initBackends'
import { createZksyncHandlers } from './zksyncService'

export { APP_VERSION } from './coreService'

export interface ServiceOptions {
  dataDir: string
  host: 'electron' | 'browser'
  limits?: Partial<HttpLimits>
  now?: () => Date
}

export interface Services {
  handlers: ApiHandlers
  context: ServiceContext
  events: EventBus
  settings: SettingsStore
  trustedHead: TrustedHeadStore
  history: HistoryStore
}

/**
 * The composition root shared by the Electron shell, browser mode and the CLI: plain Node services behind
 * the contract of src/shared/api.ts, one module per area.
 */
export async function createServices(options: ServiceOptions): Promise<Services> {
  // The primitives' backends for verifications run on this thread (the worker chooses its own, the same way).
  await initBackends({ prefer: cryptoPreference(process.env.LIGHTPROOF_CRYPTO) })
  const events = new EventBus()
  const context: ServiceContext = {
    dataDir: options.dataDir,
    host: options.host,
    settings: new SettingsStore(options.dataDir),
    trustedHead: new TrustedHeadStore(options.dataDir),
    history: new HistoryStore(options.dataDir),
    events,
    operations: new Operations(events),
    limits: options.limits ?? {},
    now: options.now ?? (() => new Date()),
  }
  const notices: string[] = []
  const loaded = await context.settings.load()
  if (loaded.notice) notices.push(loaded.notice)

  const handlers: ApiHandlers = {
    ...createCoreHandlers(context, notices),
    ...createEvidenceHandlers(context),
    ...createTrustHandlers(context),
    ...createL1Handlers(context),
    ...createZksyncHandlers(context),
    ...createBatchesHandlers(context),
  }
  return {
    handlers,
    context,
    events,
    settings: context.settings,
    trustedHead: context.trustedHead,
    history: context.history,
  }
}
