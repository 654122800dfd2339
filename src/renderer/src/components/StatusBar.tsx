import type { Status } from '../../../shared/api'

export function StatusBar({ status }: { status: Status | null }) {
  const head = status?.trustedHead
  return (
    <footer className="statusbar" data-testid="statusbar">
      <span className={`dot ${head ? 'ok' : 'none'}`} aria-hidden="true" />
      {head ? (
        <span>
          Trusted head ({head.source}): EL block {head.executionBlockNumber}, slot {head.slot}, state root{' '}
          <code>{head.executionStateRoot.slice(0, 18)}…</code>
        </span>
      ) : (
        <span>No trusted head yet</span>
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
