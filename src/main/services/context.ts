import type { HttpLimits } from '../net/httpFetch'
import type { HistoryStore } from '../store/historyStore'
import type { SettingsStore } from '../store/settingsStore'
import type { TrustedHeadStore } from '../store/trustedHeadStore'
import type { EventBus } from './events'
import type { Operations } from './operations'

/** What every area's service gets from the composition root. Services take bytes and URLs, never UI state. */
export interface ServiceContext {
  dataDir: string
  host: 'electron' | 'browser'
  settings: SettingsStore
  trustedHead: TrustedHeadStore
  history: HistoryStore
  events: EventBus
  operations: Operations
  /** Network limits for endpoint clients; tests shorten them. */
  limits: Partial<HttpLimits>
  /** The clock lives here, not in the verifier. */
  now(): Date
}
