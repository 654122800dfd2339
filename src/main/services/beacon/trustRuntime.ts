import type { ServiceContext } from '../context'

/** The last thing that went wrong with the trust anchor, for the Trust page's red state and the status bar. */
export interface TrustFailure {
  at: string
  message: string
  code: string
  /** The report check that failed, when verification (not the network) failed. */
  checkId: string | null
  /** The endpoint(s) involved, when known. */
  endpoint: string | null
}

/**
 * What the trust service remembers between calls but does not persist: the last failure, the last sync's
 * history entry, a notice about a state file that had to be moved aside, and the sync in flight. One per
 * service context (the app, browser mode and each CLI run have their own).
 */
export interface TrustRuntime {
  lastError: TrustFailure | null
  lastHistoryId: string | null
  notice: string | null
  syncing: string | null
}

const runtimes = new WeakMap<ServiceContext, TrustRuntime>()

export function trustRuntime(ctx: ServiceContext): TrustRuntime {
  let r = runtimes.get(ctx)
  if (!r) {
    r = { lastError: null, lastHistoryId: null, notice: null, syncing: null }
    runtimes.set(ctx, r)
  }
  return r
}
