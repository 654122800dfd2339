import { useEffect, useState } from 'react'
import type { Status } from '../../../shared/api'
import type { VerificationOutcome } from '../../../shared/contract/common'
import type { CheckpointView, TrustedHeadView, TrustState } from '../../../shared/contract/trust'
import type { Report } from '../../../verifier/report'
import { api } from '../api'
import { FreshCheckpoint } from '../components/FreshCheckpoint'
import { ReportView } from '../components/ReportView'
import { formatAge, useTrustState } from '../useTrustState'

const SOURCE_LABEL: Record<CheckpointView['source'], string> = {
  pinned: 'pinned by you (Settings)',
  'last-verified': 'the last state verified here',
  shipped: 'shipped with Lightproof',
}

/**
 * The trust anchor: the heads the light client verified (finalized and optimistic), the checkpoint they rest
 * on and where it came from, the sync committee, and a Sync button. A failed update is shown in red with the
 * check that failed; every check of the last sync is in the report below.
 */
export function TrustPage({ status: _status }: { status: Status | null }) {
  const { state, progress, error } = useTrustState()
  const [running, setRunning] = useState(false)
  const [outcome, setOutcome] = useState<VerificationOutcome | null>(null)
  const [stored, setStored] = useState<Report | null>(null)
  const [syncError, setSyncError] = useState<string | null>(null)

  const historyId = state?.lastHistoryId ?? null
  useEffect(() => {
    if (!historyId || outcome?.historyId === historyId) return
    let live = true
    api.getHistoryReport(historyId).then(
      (r) => live && setStored(r),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [historyId, outcome?.historyId])

  async function sync() {
    setRunning(true)
    setSyncError(null)
    try {
      const result = await api.syncNow()
      setOutcome(result)
    } catch (err) {
      setOutcome(null)
      setSyncError(err instanceof Error ? err.message : String(err))
    } finally {
      setRunning(false)
    }
  }

  const report = outcome?.report ?? stored
  const busy = running || Boolean(state?.syncing)
  const failure = state?.lastError ?? null

  return (
    <>
      {error && (
        <div className="banner error" role="alert">
          Cannot read the trust state: {error}
        </div>
      )}
      {state?.notice && (
        <div className="banner warning" role="status" data-testid="trust-notice">
          {state.notice}
        </div>
      )}
      {!busy && (failure || syncError) && (
        <div className="banner error" role="alert" data-testid="trust-failure">
          <strong>Sync failed</strong>
          {failure?.checkId ? (
            <>
              {' '}
              at check <code data-testid="trust-failed-check">{failure.checkId}</code>
            </>
          ) : null}
          : {failure?.message ?? syncError}
          {failure?.endpoint && <span className="muted"> (data from {failure.endpoint})</span>}. The trusted
          head below was not changed.
        </div>
      )}

      <SyncCard
        busy={busy}
        onSync={() => void sync()}
        onCancel={() => progress && void api.cancelOperation(progress.operationId)}
        progress={progress}
      />
      <HeadsCard state={state} failed={Boolean(failure)} />
      <CheckpointCard state={state} />
      <CommitteeCard state={state} />
      {report && <ReportView report={report} title="Last sync" />}
    </>
  )
}

function SyncCard(props: {
  busy: boolean
  onSync(): void
  onCancel(): void
  progress: { done: number; total: number | null; message: string } | null
}) {
  const { busy, progress } = props
  const pct = progress?.total ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null
  return (
    <section className="card" data-testid="trust-sync-card">
      <div className="actions" style={{ marginTop: 0 }}>
        <button className="primary" onClick={props.onSync} disabled={busy} data-testid="trust-sync">
          {busy ? 'Syncing…' : 'Sync now'}
        </button>
        {busy && (
          <button onClick={props.onCancel} disabled={!progress} data-testid="trust-cancel">
            Cancel
          </button>
        )}
        <span className="muted small">
          Fetches light-client updates from the beacon endpoints in Settings and verifies every signature.
        </span>
      </div>
      {busy && (
        <div data-testid="trust-progress">
          <div className="progress" role="progressbar" aria-valuenow={pct ?? undefined}>
            <div style={{ width: `${pct ?? 5}%` }} />
          </div>
          <p className="muted small">{progress?.message ?? 'starting…'}</p>
        </div>
      )}
    </section>
  )
}

function HeadRows({ label, head }: { label: string; head: TrustedHeadView | null }) {
  if (!head) return null
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={`trust-${label.toLowerCase()}`}>
        EL block <strong>{head.executionBlockNumber}</strong> · beacon slot {head.slot} ·{' '}
        {formatAge(head.ageSeconds)} old
        <br />
        state root <code>{head.executionStateRoot}</code>
        <br />
        block hash <code>{head.executionBlockHash}</code>
      </dd>
    </>
  )
}

function HeadsCard({ state, failed }: { state: TrustState | null; failed: boolean }) {
  const verified = state?.finalized ?? null
  return (
    <section className="card" data-testid="trust-page">
      <h2>
        Trusted head{' '}
        {verified && (
          <span className={failed ? 'warn-text small' : 'ok-text small'} data-testid="trust-head-state">
            {failed ? '(from an earlier sync)' : 'verified'}
          </span>
        )}
      </h2>
      {verified ? (
        <dl className="facts" data-testid="trust-head">
          <HeadRows label="Finalized" head={state?.finalized ?? null} />
          <HeadRows label="Optimistic" head={state?.optimistic ?? null} />
          <dt>Verified at</dt>
          <dd>
            {state?.verified?.verifiedAt} <span className="muted">from {state?.verified?.endpoint}</span>
          </dd>
        </dl>
      ) : (
        <p className="muted">
          No trusted head yet. Every answer Lightproof gives hangs from a beacon block root you trust (a
          checkpoint); the light client then follows the sync committee's signatures to a verified execution
          state root. Press Sync now.
        </p>
      )}
    </section>
  )
}

function CheckpointRow({ label, c }: { label: string; c: CheckpointView }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <code>{c.root}</code>
        <br />
        {SOURCE_LABEL[c.source]}
        {c.slot && (
          <>
            {' '}
            · slot {c.slot} · {formatAge(c.ageSeconds)} old
          </>
        )}
        <br />
        <span className="muted small">{c.note}</span>
      </dd>
    </>
  )
}

function CheckpointCard({ state }: { state: TrustState | null }) {
  if (!state) return null
  const next = state.checkpoint
  const v = state.verified
  // The next sync's checkpoint, or (a pinned root's age is known only once fetched) the one the head rests on.
  const stale = [next, v?.checkpoint].find((c) => c?.beyondWeakSubjectivity === true) ?? null
  return (
    <section className="card" data-testid="trust-checkpoint">
      <h2>Checkpoint</h2>
      {stale && (
        <div className="banner warning" role="status" data-testid="ws-warning">
          The checkpoint <code>{stale.root.slice(0, 12)}…</code> is {formatAge(stale.ageSeconds)} old, beyond
          the {formatAge(state.weakSubjectivityHorizonSeconds)} weak-subjectivity horizon: old sync-committee
          keys could sign a fork that looks valid. Ask the checkpoint providers below for a fresh root, or pin
          one from a source you trust in Settings.
        </div>
      )}
      <dl className="facts">
        {next ? (
          <CheckpointRow label="Next sync starts from" c={next} />
        ) : (
          <>
            <dt>Next sync</dt>
            <dd className="warn-text">no checkpoint for {state.network}: pin one in Settings</dd>
          </>
        )}
        {v && <CheckpointRow label="Head verified from" c={v.checkpoint} />}
        {v && v.origin.root !== v.checkpoint.root && (
          <>
            <dt>Chain began at</dt>
            <dd>
              <code>{v.origin.root}</code> ({SOURCE_LABEL[v.origin.source]})
            </dd>
          </>
        )}
      </dl>
      <FreshCheckpoint />
    </section>
  )
}

function CommitteeCard({ state }: { state: TrustState | null }) {
  if (!state?.syncCommitteePeriod) return null
  const p = state.participation
  return (
    <section className="card" data-testid="trust-committee">
      <h2>Sync committee</h2>
      <dl className="facts">
        <dt>Period</dt>
        <dd>
          {state.syncCommitteePeriod}{' '}
          <span className="muted">
            (next committee {state.nextSyncCommitteeKnown ? 'known' : 'not yet known'})
          </span>
        </dd>
        {p && (
          <>
            <dt>Participation</dt>
            <dd>
              finality {p.finality ?? '–'}/{p.size} · optimistic {p.optimistic ?? '–'}/{p.size}
            </dd>
          </>
        )}
      </dl>
    </section>
  )
}
