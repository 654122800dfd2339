import { useEffect, useState } from 'react'
import type { BatchesOverview } from '../../../shared/contract/batches'
import type { VerificationOutcome } from '../../../shared/contract/common'
import type { FactValue } from '../../../verifier/report'
import { api } from '../api'
import { BatchProofCheck, batchPartChecks, hasProofCheck } from '../components/BatchProofCheck'
import { FactsView, ReportView } from '../components/ReportView'

type Facts = Record<string, FactValue>

/**
 * ZKsync Era batches as L1 sees them at the trusted head: the committed / proven / executed counters proven by
 * eth_getProof, the latest batches with the status those counters give, and any batch verified in full (status,
 * commit calldata, StoredBatchInfo bound to storedBatchHashes[n], recomputed commitment) — with "Check the SNARK
 * too", its validity proof as well, verified in a worker thread.
 */
export function BatchesPage() {
  const [overview, setOverview] = useState<BatchesOverview | null>(null)
  const [loading, setLoading] = useState(false)
  const [autoRefresh, setAutoRefresh] = useState<boolean | null>(null)
  const [query, setQuery] = useState('')
  const [detail, setDetail] = useState<VerificationOutcome | null>(null)
  const [busyBatch, setBusyBatch] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [checkSnark, setCheckSnark] = useState(false)

  async function refresh() {
    setLoading(true)
    setError(null)
    try {
      setOverview(await api.batchesOverview())
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setLoading(false)
    }
  }

  async function verify(batchNumber: string) {
    const n = batchNumber.trim()
    if (!/^\d{1,20}$/.test(n)) {
      setError('A batch number is a decimal integer.')
      return
    }
    setBusyBatch(n)
    setError(null)
    setDetail(null)
    try {
      setDetail(await api.zksyncBatch({ batchNumber: n, proof: checkSnark }))
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusyBatch(null)
    }
  }

  // Opening the page reaches no endpoint unless the user asked for it (Settings' autoRefresh, the checkbox
  // below); "Prove now" proves the counters at the trusted head, syncing it first when needed.
  useEffect(() => {
    let live = true
    void api.getSettings().then(
      (s) => {
        if (!live) return
        setAutoRefresh(s.autoRefresh)
        if (s.autoRefresh) void refresh()
      },
      () => live && setAutoRefresh(false),
    )
    return () => {
      live = false
    }
  }, [])

  async function toggleAutoRefresh(on: boolean) {
    setAutoRefresh(on)
    try {
      await api.updateSettings({ autoRefresh: on })
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    }
  }

  const c = overview?.counters
  return (
    <>
      <section className="card" data-testid="batches-counters">
        <div className="row">
          <h2 style={{ flex: 1 }}>L1 counters, as proven now</h2>
          <button
            type="button"
            onClick={() => void refresh()}
            disabled={loading}
            data-testid="batches-refresh"
          >
            {loading ? 'Proving…' : overview ? 'Refresh' : 'Prove now'}
          </button>
        </div>
        <label className="muted small">
          <input
            type="checkbox"
            checked={autoRefresh === true}
            disabled={autoRefresh === null}
            onChange={(e) => void toggleAutoRefresh(e.target.checked)}
            data-testid="batches-auto-refresh"
          />{' '}
          Prove the counters whenever this page opens (reaches the endpoints in Settings)
        </label>
        {overview && (
          <>
            <p className="muted">
              {overview.l1Block ? `Proven at L1 block ${overview.l1Block}` : 'No trusted L1 head'} ·{' '}
              <span className={`verdict-badge ${overview.report.verdict}`}>
                {overview.report.verdict.toUpperCase()}
              </span>
            </p>
            {c ? (
              <dl className="counters">
                <div>
                  <dt>Committed</dt>
                  <dd data-testid="counter-committed">{c.committed}</dd>
                </div>
                <div>
                  <dt>Proven</dt>
                  <dd data-testid="counter-proven">{c.proven}</dd>
                </div>
                <div>
                  <dt>Executed</dt>
                  <dd data-testid="counter-executed">{c.executed}</dd>
                </div>
              </dl>
            ) : (
              <p className="warn-text">The counters did not verify; see the report below.</p>
            )}
            {overview.sealedOnL2 && (
              <p className="muted small">
                The ZKsync node says batch {overview.sealedOnL2} is sealed on L2 (not proven; for
                orientation).
              </p>
            )}
          </>
        )}
        {!overview && !loading && !error && (
          <p className="muted" data-testid="batches-idle">
            Not proven yet: “Prove now” asks the endpoints for the diamond&apos;s counters at the trusted
            head.
          </p>
        )}
      </section>

      <section className="card">
        <form
          className="row batch-form"
          onSubmit={(e) => {
            e.preventDefault()
            void verify(query)
          }}
        >
          <label className="field" style={{ flex: 1 }}>
            <span>Verify a batch</span>
            <input
              value={query}
              placeholder="batch number, e.g. 512345"
              inputMode="numeric"
              onChange={(e) => setQuery(e.target.value)}
              data-testid="batch-search"
            />
          </label>
          <label className="row small" title="Verify the batch's PLONK/FFLONK proof locally (a few seconds)">
            <input
              type="checkbox"
              checked={checkSnark}
              onChange={(e) => setCheckSnark(e.target.checked)}
              data-testid="batch-check-snark"
            />
            Check the SNARK too
          </label>
          <button type="submit" className="primary" disabled={busyBatch !== null} data-testid="batch-verify">
            {busyBatch !== null ? `Verifying ${busyBatch}…` : 'Verify'}
          </button>
        </form>
        {overview && overview.recent.length > 0 && (
          <table className="history-table" data-testid="recent-batches">
            <thead>
              <tr>
                <th>Batch</th>
                <th>Status on L1</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {overview.recent.map((b) => (
                <tr key={b.batchNumber} data-testid={`recent-${b.batchNumber}`}>
                  <td>{b.batchNumber}</td>
                  <td>
                    <span className={`batch-status ${b.status}`}>{b.status}</span>
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => void verify(b.batchNumber)}
                      disabled={busyBatch !== null}
                    >
                      Verify
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {error && (
          <p className="error-text" role="alert" data-testid="batches-error">
            {error}
          </p>
        )}
      </section>

      {detail && <BatchDetail outcome={detail} />}
      {overview && !detail && <ReportView report={overview.report} title="Counters report" />}
    </>
  )
}

function BatchDetail({ outcome }: { outcome: VerificationOutcome }) {
  const f = outcome.report.facts as Facts
  const sbi = f.storedBatchInfo as Facts | undefined
  // The bound facts rest on the batch part alone: a failed or unchecked SNARK does not unprove them.
  // (A report without sections, from an older version, is judged by its verdict alone.)
  const required = batchPartChecks(outcome.report).filter((c) => c.required)
  const batchPartVerified = outcome.report.sections
    ? required.length > 0 && required.every((c) => c.status === 'pass')
    : outcome.report.verdict === 'verified'
  return (
    <>
      <section className="card" data-testid="batch-detail">
        <h2>
          Batch {String(f.batchNumber ?? '?')}:{' '}
          <span className={`batch-status ${String(f.status)}`}>{String(f.status ?? 'unknown')}</span>
        </h2>
        {sbi ? (
          <>
            <p className="muted">
              Bound facts: this StoredBatchInfo hashes to storedBatchHashes[{String(f.batchNumber)}] proven
              from L1.
            </p>
            <div className="bound-facts">
              <FactsView facts={sbi} verified={batchPartVerified} />
            </div>
          </>
        ) : (
          <p className="warn-text">No StoredBatchInfo is bound: the batch’s contents are not proven.</p>
        )}
      </section>
      {hasProofCheck(outcome.report) && <BatchProofCheck report={outcome.report} />}
      <ReportView report={outcome.report} />
    </>
  )
}
