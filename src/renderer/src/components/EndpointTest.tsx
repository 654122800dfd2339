import { useState } from 'react'
import type { EndpointProbe, TestEndpointsRequest } from '../../../shared/contract/core'
import { api } from '../api'

const ROLE_LABEL: Record<EndpointProbe['role'], string> = {
  beacon: 'Beacon API',
  l1Rpc: 'L1 JSON-RPC',
  zksyncRpc: 'ZKsync JSON-RPC',
  gatewayRpc: 'Gateway JSON-RPC',
  checkpointProviders: 'Checkpoint provider',
}

const CLASS_LABEL: Record<NonNullable<EndpointProbe['failure']>['class'], string> = {
  'offline-or-dns': 'offline or unknown host',
  refused: 'connection refused',
  timeout: 'timed out',
  'rate-limited': 'rate limited',
  'server-error': 'server error',
  'not-found': 'not this API',
  'access-denied': 'access denied',
  'state-pruned': 'state pruned',
  'wrong-chain': 'wrong chain',
  unsupported: 'method not supported',
  'invalid-answer': 'invalid answer',
  other: 'failed',
}

/**
 * Settings' "Test endpoints" (issue 23, item 4): the endpoints in the form (saved or not) asked what Lightproof
 * will ask of them. Each row says OK or FAILED in words, what the endpoint serves or why it failed, and the next
 * step; nothing runs until the button is pressed.
 */
export function EndpointTest({ request }: { request: () => TestEndpointsRequest }) {
  const [busy, setBusy] = useState(false)
  const [probes, setProbes] = useState<EndpointProbe[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function run() {
    setBusy(true)
    setError(null)
    try {
      setProbes(await api.testEndpoints(request()))
    } catch (err) {
      setProbes(null)
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="endpoint-test" data-testid="endpoint-test">
      <button type="button" onClick={() => void run()} disabled={busy} data-testid="endpoint-test-run">
        {busy ? 'Testing…' : 'Test endpoints'}
      </button>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {probes && (
        <table className="endpoint-results" data-testid="endpoint-results">
          <thead>
            <tr>
              <th scope="col">Endpoint</th>
              <th scope="col">Result</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {probes.map((p) => (
              <tr key={`${p.role} ${p.url}`} data-testid="endpoint-result" data-ok={p.ok}>
                <td>
                  {ROLE_LABEL[p.role]}
                  <br />
                  <code>{p.url}</code>
                </td>
                <td>
                  {p.ok ? (
                    <span className="status-ok">OK · {p.latencyMs} ms</span>
                  ) : (
                    <span className="status-failed" data-testid="endpoint-failure-class">
                      FAILED · {CLASS_LABEL[p.failure?.class ?? 'other']}
                    </span>
                  )}
                </td>
                <td>
                  {p.detail}
                  {p.failure && <div className="muted small">Next step: {p.failure.nextStep}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
