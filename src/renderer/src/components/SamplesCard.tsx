import { useEffect, useState } from 'react'
import type { Sample } from '../../../shared/contract/evidence'
import type { Report } from '../../../verifier/report'
import { api } from '../api'

/**
 * The samples shipped with the app: real chain data verified offline in one click, so a new user (or one
 * whose endpoints are unreachable) sees Lightproof work before configuring anything.
 */
export function SamplesCard({ onVerified }: { onVerified: (report: Report) => void }) {
  const [samples, setSamples] = useState<Sample[] | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    api.listSamples().then(
      (list) => live && setSamples(list),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    )
    return () => {
      live = false
    }
  }, [])

  if (samples !== null && samples.length === 0) return null
  return (
    <section className="card" data-testid="samples">
      <h2>Try a sample</h2>
      <p className="muted">
        Real mainnet and testnet data shipped with Lightproof, verified here without any network.
      </p>
      {error && <p className="error-text">{error}</p>}
      <ul className="samples">
        {(samples ?? []).map((s) => (
          <li key={s.file} className="row">
            <span style={{ flex: 1 }}>
              {s.title}
              <span className="muted small"> · {s.file}</span>
            </span>
            <button
              type="button"
              disabled={busy !== null}
              data-testid={`sample-${s.file}`}
              onClick={() => {
                setBusy(s.file)
                setError(null)
                api
                  .verifySample(s.file)
                  .then((out) => onVerified(out.report))
                  .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
                  .finally(() => setBusy(null))
              }}
            >
              {busy === s.file ? 'Verifying…' : 'Verify'}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
