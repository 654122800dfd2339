import { useEffect, useState } from 'react'
import type { Progress, VerificationOutcome } from '../../../shared/contract/common'
import type { FactValue, Report } from '../../../verifier/report'
import { api } from '../api'
import { ReportView } from '../components/ReportView'

type Facts = Record<string, FactValue>

/** The chain of trust as steps, top to bottom; each check belongs to the first step whose prefix it has. */
/**
 * A ZKsync Era balance proven all the way to L1: the address (and a token), the balance "as of batch N,
 * executed on L1 at block B", the chain of trust as expandable steps, and the 256-level tree path of each proof.
 */
export function ZksyncPage() {
  const [address, setAddress] = useState('')
  const [token, setToken] = useState('')
  const [batch, setBatch] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<VerificationOutcome | null>(null)
  const [progress, setProgress] = useState<Progress | null>(null)

  // The balance operation's progress (its kind says which it is); it carries the id Cancel needs.
  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.topic !== 'progress') return
        const p = event.payload as Progress
        if (p.kind === 'zksyncBalance') setProgress(p.finished ? null : p)
      }),
    [],
  )

  async function run() {
    setBusy(true)
    setError(null)
    setOutcome(null)
    try {
      setOutcome(
        await api.zksyncBalance({
          address: address.trim(),
          ...(token.trim() ? { token: token.trim() } : {}),
          ...(batch.trim() ? { batch: batch.trim() } : {}),
        }),
      )
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
      setProgress(null)
    }
  }

  return (
    <>
      <section className="card">
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void run()
          }}
        >
          <label className="field">
            <span>L2 address</span>
            <input
              value={address}
              placeholder="0x…"
              spellCheck={false}
              onChange={(e) => setAddress(e.target.value)}
              data-testid="zksync-address"
            />
          </label>
          <div className="row">
            <label className="field" style={{ flex: 2 }}>
              <span>Token (optional)</span>
              <input
                value={token}
                placeholder="USDC, ZK, an L2 address, or address:slot:decimals"
                spellCheck={false}
                onChange={(e) => setToken(e.target.value)}
                data-testid="zksync-token"
              />
            </label>
            <label className="field" style={{ flex: 1 }}>
              <span>Batch (optional)</span>
              <input
                value={batch}
                placeholder="latest executed"
                inputMode="numeric"
                onChange={(e) => setBatch(e.target.value)}
                data-testid="zksync-batch-answer"
              />
            </label>
          </div>
          <div className="actions">
            <button
              type="submit"
              className="primary"
              disabled={busy || address.trim() === ''}
              data-testid="zksync-verify"
            >
              {busy ? 'Proving…' : 'Prove balance'}
            </button>
            {busy && progress && (
              <button
                type="button"
                onClick={() => void api.cancelOperation(progress.operationId)}
                data-testid="zksync-cancel"
              >
                Cancel
              </button>
            )}
            {busy && (
              <span className="muted small" data-testid="zksync-progress">
                {progress?.message ?? 'starting…'}
              </span>
            )}
          </div>
        </form>
        {error && (
          <p className="error-text" role="alert" data-testid="zksync-error">
            {error}
          </p>
        )}
      </section>
      {outcome && <BalanceResult report={outcome.report} />}
    </>
  )
}

function BalanceResult({ report }: { report: Report }) {
  const f = report.facts as Facts
  const settlement = f.settlement as Record<string, FactValue> | undefined
  const eth = f.eth as Facts | undefined
  const token = f.token as Facts | undefined
  const nonce = f.nonce as Facts | undefined
  const paths = (f.treePath as Record<string, Facts> | undefined) ?? {}
  // Only a verified report's amount is shown as the answer; otherwise the checks that stopped it are named.
  const failedIds = report.checks.filter((c) => c.required && c.status === 'fail').map((c) => c.id)
  return (
    <>
      <section className={`card balance verdict-${report.verdict}`} data-testid="zksync-balance-answer">
        <header className="report-head">
          <span className={`verdict-badge ${report.verdict}`}>{report.verdict.toUpperCase()}</span>
          <h2>{String(f.account ?? '')}</h2>
        </header>
        {eth && report.verdict === 'verified' ? (
          <>
            <p className="balance-amount" data-testid="zksync-eth">
              {String(eth.formatted)}
            </p>
            {token && <p className="balance-amount small-amount">{String(token.formatted)}</p>}
            {nonce && <p className="muted">Nonce {String(nonce.minNonce)}</p>}
            <p data-testid="zksync-asof">{String(f.asOf ?? '')}</p>
          </>
        ) : (
          <p className="error-text" data-testid="zksync-unproven">
            No balance is proven
            {failedIds.length > 0 ? (
              <>
                : <code>{failedIds.join(', ')}</code> failed
              </>
            ) : (
              ' (the chain is incomplete)'
            )}
            . See the chain of trust below.
          </p>
        )}
      </section>
      {settlement && settlement.gatewayBatch !== undefined && (
        <p className="card" data-testid="zksync-gateway-hop">
          Settled on {String(settlement.layer)}: batch {String(settlement.batchNumber)} is{' '}
          {String(settlement.statusOnGateway)} on Gateway as of Gateway batch{' '}
          {String(settlement.gatewayBatch)}, which is {String(settlement.gatewayBatchStatusOnL1)} on L1.
        </p>
      )}
      <ReportView report={report} />
      {Object.keys(paths).length > 0 && (
        <section className="card" data-testid="tree-paths">
          <h2>L2 state tree paths</h2>
          {Object.entries(paths).map(([name, p]) => (
            <TreePath key={name} name={name} path={p} />
          ))}
        </section>
      )}
    </>
  )
}

const PATH_LABEL: Record<string, string> = { eth: 'ETH balance', nonce: 'Nonce', token: 'Token balance' }

/** The 256 levels of one proof, root first: given siblings, given empty subtrees, and padded empty ones. */
function TreePath({ name, path }: { name: string; path: Facts }) {
  const picture = String(path.picture ?? '')
  return (
    <div className="tree-path" data-testid={`tree-path-${name}`}>
      <p className="small">
        <strong>{PATH_LABEL[name] ?? name}</strong>: leaf index {String(path.index)} · {String(path.given)}{' '}
        siblings given ({String(path.givenEmpty)} of them empty subtrees) · {String(path.padded)} empty levels
        padded
      </p>
      <div
        className="tree-cells"
        role="img"
        aria-label={`tree path of ${name}: root at the top left, leaf at the bottom right`}
      >
        {Array.from(picture).map((ch, i) => (
          <span
            key={i}
            className={`tree-cell ${ch === '#' ? 'given' : ch === 'o' ? 'given-empty' : 'padded'}`}
            title={`level ${i} from the root: ${ch === '#' ? 'sibling given' : ch === 'o' ? 'given, empty subtree' : 'empty (padded)'}`}
          />
        ))}
      </div>
      <p className="muted small tree-legend">
        <span className="tree-cell given" /> given sibling <span className="tree-cell given-empty" /> given,
        empty subtree <span className="tree-cell padded" /> empty, padded — root top left, leaf bottom right
      </p>
    </div>
  )
}
