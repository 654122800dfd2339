import { useState } from 'react'
import type { WatchOutcome } from '../../../shared/contract/zksync'
import type { FactValue } from '../../../verifier/report'
import { api } from '../api'
import { ReportView } from '../components/ReportView'

type Facts = Record<string, FactValue>

interface Change {
  field: string
  what: string
  alert: boolean
  before: FactValue
  after: FactValue
}

const text = (v: FactValue | undefined): string =>
  v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v)

const obj = (v: FactValue | undefined): Facts => (v && typeof v === 'object' && !Array.isArray(v) ? v : {})

/** A key by its name (and hash), a facet list by its count; anything else as it is. */
function brief(field: string, v: FactValue | undefined): string {
  if (field === 'verifierKey') {
    const k = obj(v)
    const one = (x: FactValue | undefined) => `${text(obj(x).name)} (${text(obj(x).hash).slice(0, 10)}…)`
    return k.kind === 'dual' ? `FFLONK ${one(k.fflonk)}, PLONK ${one(k.plonk)}` : one(k)
  }
  if (field === 'facets') return Array.isArray(v) ? `${v.length} facets` : text(v)
  return text(v)
}

/**
 * The upgrade watch (issue 21): who can change ZKsync Era and what would change, proven from L1 storage at the
 * trusted head; an alert when something changed since the last snapshot, and the timeline of snapshots (one row
 * each, changed fields named, alerts highlighted).
 */
export function WatchPage() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<WatchOutcome | null>(null)

  async function run() {
    setBusy(true)
    setError(null)
    try {
      setOutcome(await api.zksyncWatch())
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  const f = (outcome?.report.facts ?? {}) as Facts
  const since = f.sinceLastSnapshot as (Facts & { changes?: Change[] }) | null | undefined
  const changes = since?.changes ?? []
  const alerts = changes.filter((c) => c.alert)
  const facetDiff = obj(since?.facets)
  const addresses = (v: FactValue | undefined) => (Array.isArray(v) ? v.map((x) => text(obj(x).address)) : [])
  const added = addresses(facetDiff.added)
  const removed = addresses(facetDiff.removed)
  const ctm = f.chainTypeManager as Facts | undefined
  const facets = Array.isArray(f.facets) ? (f.facets as Facts[]) : []
  return (
    <>
      <section className="card">
        <p className="muted">
          Verifier, key, admins, settlement layer, facets, pending upgrade and execution delay of ZKsync Era,
          each proven from L1 storage (eth_getProof) at the trusted head. Every snapshot is kept in the
          history.
        </p>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void run()}
            data-testid="watch-run"
          >
            {busy ? 'Proving…' : 'Take a snapshot'}
          </button>
        </div>
        {error && (
          <p className="error-text" role="alert" data-testid="watch-error">
            {error}
          </p>
        )}
      </section>
      {outcome && alerts.length > 0 && (
        <section className="card verdict-failed" role="alert" data-testid="watch-alert">
          <h2>Changed since the last snapshot</h2>
          <ul>
            {alerts.map((c) => (
              <li key={c.field}>
                <strong>{c.what}</strong>: <code>{brief(c.field, c.before)}</code> →{' '}
                <code>{brief(c.field, c.after)}</code>
              </li>
            ))}
          </ul>
          {added.length + removed.length > 0 && (
            <p data-testid="watch-facets-changed">
              Facets added: <code>{added.join(', ') || 'none'}</code>; removed:{' '}
              <code>{removed.join(', ') || 'none'}</code>
            </p>
          )}
        </section>
      )}
      {outcome && (
        <section className={`card verdict-${outcome.report.verdict}`} data-testid="watch-facts">
          <header className="report-head">
            <span className={`verdict-badge ${outcome.report.verdict}`}>
              {outcome.report.verdict.toUpperCase()}
            </span>
            <h2>{text(f.asOf)}</h2>
          </header>
          <dl className="facts watch-facts">
            {(
              [
                ['Protocol version', f.protocolVersion],
                ['Verifier', f.verifier],
                ['Verifier code hash', f.verifierCodeHash],
                ['Verification key', brief('verifierKey', f.verifierKey)],
                ['Admin', f.admin],
                ['Pending admin', f.pendingAdmin],
                ['Settlement layer', f.settlesOn],
                ['Permanent rollup', f.isPermanentRollup],
                ['Frozen', f.isFrozen],
                ['ChainTypeManager', ctm?.address],
                ['Latest version (CTM)', ctm?.protocolVersion],
                ['Pending upgrade', f.pendingUpgrade],
                ['Execution delay (s)', f.executionDelay],
              ] as [string, FactValue | undefined][]
            ).map(([k, v]) => (
              <div
                key={k}
                className={
                  changes.some((c) => c.what.toLowerCase().startsWith(k.toLowerCase()))
                    ? 'changed'
                    : undefined
                }
              >
                <dt>{k}</dt>
                <dd>
                  <code>{text(v)}</code>
                </dd>
              </div>
            ))}
          </dl>
          <h3>Facets</h3>
          <table className="history-table" data-testid="watch-facets">
            <thead>
              <tr>
                <th>Facet</th>
                <th>Code hash</th>
                <th>Selectors</th>
                <th>Freezable</th>
              </tr>
            </thead>
            <tbody>
              {facets.map((x) => (
                <tr key={text(x.address)}>
                  <td>
                    <code>{text(x.address)}</code>
                  </td>
                  <td>
                    <code>{text(x.codeHash)}</code>
                  </td>
                  <td>{Array.isArray(x.selectors) ? x.selectors.length : '—'}</td>
                  <td>{text(x.freezable)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {outcome && outcome.timeline.length > 0 && (
        <section className="card" data-testid="watch-timeline">
          <h2>Timeline</h2>
          <table className="history-table">
            <thead>
              <tr>
                <th>Snapshot</th>
                <th>Proven at</th>
                <th>Verdict</th>
                <th>Changed</th>
              </tr>
            </thead>
            <tbody>
              {outcome.timeline.map((row) => (
                <tr
                  key={row.historyId}
                  className={row.changes.some((c) => c.alert) ? 'alert-row' : undefined}
                >
                  <td>{row.createdAt}</td>
                  <td>{row.asOf ?? '—'}</td>
                  <td>
                    <span className={`verdict-badge ${row.verdict}`}>{row.verdict}</span>
                  </td>
                  <td>
                    {row.changes.length === 0
                      ? '—'
                      : row.changes.map((c) => (
                          <span key={c.field} className={c.alert ? 'changed-field alert' : 'changed-field'}>
                            {c.what}
                          </span>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {outcome && <ReportView report={outcome.report} title="All checks" />}
    </>
  )
}
