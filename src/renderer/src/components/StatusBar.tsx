import type { Status } from '../../../shared/api'
import { formatAge, useTrustState } from '../useTrustState'

/**
 * One line at the bottom of every page: the trusted finalized and optimistic EL blocks and their age, a sync
 * in progress, or — in red — the last sync's failure and the check that failed.
 */
export function StatusBar({ status }: { status: Status | null }) {
  const { state, progress } = useTrustState()
  const head = state?.finalized ?? null
  const legacy = status?.trustedHead ?? null
  const failure = state?.lastError ?? null
  const dot = failure ? 'var(--fail)' : head || legacy ? 'var(--ok)' : undefined
  return (
    <footer className="statusbar" data-testid="statusbar">
      <span
        className={`dot ${head || legacy ? 'ok' : 'none'}`}
        style={dot ? { background: dot } : undefined}
        aria-hidden="true"
      />
      {head ? (
        <span data-testid="statusbar-head">
          Finalized EL block {head.executionBlockNumber} (slot {head.slot}, {formatAge(head.ageSeconds)} old)
          {state?.optimistic && <> · optimistic {state.optimistic.executionBlockNumber}</>} · state root{' '}
          <code>{head.executionStateRoot.slice(0, 18)}…</code>
        </span>
      ) : legacy ? (
        <span>
          Trusted head ({legacy.source}): EL block {legacy.executionBlockNumber}, slot {legacy.slot}, state
          root <code>{legacy.executionStateRoot.slice(0, 18)}…</code>
        </span>
      ) : (
        <span>No trusted head yet</span>
      )}
      {progress && (
        <span className="muted" data-testid="statusbar-sync">
          · syncing{progress.total ? ` ${progress.done}/${progress.total}` : '…'}
        </span>
      )}
      {failure && !progress && (
        <span className="error-text" data-testid="statusbar-failure">
          · last sync failed{failure.checkId ? ` at ${failure.checkId}` : `: ${failure.message.slice(0, 80)}`}
        </span>
      )}
      {state?.checkpoint?.beyondWeakSubjectivity && !head && (
        <span className="warn-text">· checkpoint older than the weak-subjectivity horizon</span>
      )}
      <span className="spacer" />
      {status && (
        <span className="muted">
          {status.network} · {status.host === 'electron' ? 'desktop' : 'browser mode'} · v{status.version}
        </span>
      )}
    </footer>
  )
}
