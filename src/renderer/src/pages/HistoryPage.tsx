import { useEffect, useState } from 'react'
import type { HistorySummary } from '../../../shared/contract/evidence'
import type { Report } from '../../../verifier/report'
import { api } from '../api'
import { ReportView } from '../components/ReportView'
import { downloadText } from '../download'

/** Every verification made here, newest first: search, view, re-verify, export, delete. */
export function HistoryPage() {
  const [query, setQuery] = useState('')
  const [entries, setEntries] = useState<HistorySummary[] | null>(null)
  const [selected, setSelected] = useState<{ id: string; report: Report; note?: string } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [version, setVersion] = useState(0)

  useEffect(() => {
    let live = true
    api.listHistory(query).then(
      (list) => {
        if (live) setEntries(list)
      },
      (err: unknown) => {
        if (live) setError(err instanceof Error ? err.message : String(err))
      },
    )
    return () => {
      live = false
    }
  }, [query, version])

  useEffect(() => api.onEvent((e) => e.topic === 'history' && setVersion((v) => v + 1)), [])

  const act = async (fn: () => Promise<void>) => {
    setError(null)
    try {
      await fn()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    }
  }

  return (
    <>
      <section className="card">
        <label className="field">
          <span>Search</span>
          <input
            value={query}
            placeholder="kind, description, verdict or trust root"
            onChange={(e) => setQuery(e.target.value)}
            data-testid="history-search"
          />
        </label>
        {error && <p className="error-text">{error}</p>}
        {entries && entries.length === 0 && <p className="muted">No verifications yet.</p>}
        {entries && entries.length > 0 && (
          <table className="history-table" data-testid="history-table">
            <thead>
              <tr>
                <th>When</th>
                <th>Verdict</th>
                <th>What</th>
                <th>Trust root</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-testid="history-row">
                  <td className="history-when">{new Date(e.createdAt).toLocaleString()}</td>
                  <td>
                    <span className={`verdict-badge ${e.verdict}`}>{e.verdict.toUpperCase()}</span>
                  </td>
                  <td className="history-what">{e.description}</td>
                  <td>
                    {e.trustRoot ? (
                      <code>{e.trustRoot.value.slice(0, 14)}…</code>
                    ) : (
                      <span className="muted">none</span>
                    )}
                  </td>
                  <td>
                    <div className="history-actions">
                      <button
                        type="button"
                        onClick={() =>
                          act(async () => setSelected({ id: e.id, report: await api.getHistoryReport(e.id) }))
                        }
                      >
                        View
                      </button>
                      <button
                        type="button"
                        onClick={() =>
                          act(async () => {
                            const out = await api.reverifyHistory(e.id)
                            setSelected({
                              id: e.id,
                              report: out.report,
                              note: 'Re-verified just now from the stored evidence.',
                            })
                          })
                        }
                      >
                        Re-verify
                      </button>
                      <button
                        type="button"
                        data-testid="history-export-html"
                        onClick={() =>
                          act(async () => {
                            const x = await api.exportHistory(e.id, 'html')
                            downloadText(x.filename, x.mimeType, x.content)
                          })
                        }
                      >
                        HTML
                      </button>
                      <button
                        type="button"
                        onClick={() =>
                          act(async () => {
                            const x = await api.exportHistory(e.id, 'evidence')
                            downloadText(x.filename, x.mimeType, x.content)
                          })
                        }
                      >
                        Evidence
                      </button>
                      <button
                        type="button"
                        onClick={() =>
                          act(async () => {
                            if (window.confirm('Delete this entry from the history?'))
                              await api.deleteHistory(e.id)
                            if (selected?.id === e.id) setSelected(null)
                          })
                        }
                      >
                        Delete
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {selected && (
        <>
          {selected.note && <p className="muted">{selected.note}</p>}
          <ReportView report={selected.report} />
        </>
      )}
    </>
  )
}
