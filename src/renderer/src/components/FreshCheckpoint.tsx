import { useState } from 'react'
import type { ProviderCheckpoint } from '../../../shared/contract/trust'
import { api } from '../api'

interface ProviderRow {
  provider: string
  root?: string
  slot?: string
  error?: string
}

/**
 * "Ask checkpoint providers" (issue 23, item 3): several independent checkpoint-sync providers are asked for
 * their finalized root; when two or more agree the root can be pinned, and every answer is listed either way, so
 * a disagreement shows both values instead of a bare refusal.
 */
export function FreshCheckpoint() {
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<ProviderCheckpoint | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [pinned, setPinned] = useState(false)

  async function ask() {
    setBusy(true)
    setError(null)
    setPinned(false)
    try {
      setResult(await api.checkpointFromProviders({}))
    } catch (err) {
      setResult(null)
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  async function pin(root: string) {
    try {
      await api.updateSettings({ checkpoint: root })
      setPinned(true)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    }
  }

  const rows = (result?.report.facts.providers ?? []) as unknown as ProviderRow[]
  const agreement = result?.report.checks.find((c) => c.id === 'checkpoint.agreement')
  return (
    <div className="fresh-checkpoint" data-testid="fresh-checkpoint">
      <div className="row">
        <p className="muted" style={{ flex: 1 }}>
          A fresh start: ask independent checkpoint-sync providers for their finalized root. It is taken only
          when at least two of them vouch for the same one.
        </p>
        <button type="button" onClick={() => void ask()} disabled={busy} data-testid="fresh-checkpoint-ask">
          {busy ? 'Asking…' : 'Ask checkpoint providers'}
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {result && (
        <>
          <table className="provider-answers" data-testid="fresh-checkpoint-answers">
            <thead>
              <tr>
                <th scope="col">Provider</th>
                <th scope="col">Finalized root</th>
                <th scope="col">Slot</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.provider} className={p.root && p.root === result.root ? 'agreed' : undefined}>
                  <td>{p.provider}</td>
                  <td>{p.root ? <code>{p.root}</code> : <span className="warn-text">{p.error}</span>}</td>
                  <td>{p.slot ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.root ? (
            <div className="row">
              <p style={{ flex: 1 }} data-testid="fresh-checkpoint-agreed">
                <span className="verdict-badge verified">AGREED</span> <code>{result.root}</code> at slot{' '}
                {result.slot}
              </p>
              <button
                type="button"
                className="primary"
                disabled={pinned}
                onClick={() => void pin(result.root!)}
                data-testid="fresh-checkpoint-pin"
              >
                {pinned ? 'Pinned' : 'Pin this checkpoint'}
              </button>
            </div>
          ) : (
            <p className="error-text" role="alert" data-testid="fresh-checkpoint-refused">
              <span className={`verdict-badge ${result.report.verdict}`}>
                {result.report.verdict === 'failed' ? 'REFUSED' : 'NOT ENOUGH ANSWERS'}
              </span>{' '}
              {agreement?.detail ??
                result.report.checks.find((c) => c.status === 'fail')?.detail ??
                'the providers did not agree'}
            </p>
          )}
        </>
      )}
    </div>
  )
}
