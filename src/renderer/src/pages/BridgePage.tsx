import { useState } from 'react'
import type { VerificationOutcome } from '../../../shared/contract/common'
import { api } from '../api'
import { RevealedReport } from '../components/RevealedReport'

/** What each status means for the person who bridged, in plain words (the report's facts.answer says the rest). */
const WITHDRAWAL_HEADLINE: Record<string, string> = {
  'final-claimable': 'Final — ready to claim on L1',
  'final-claimed': 'Final — already claimed on L1',
  'included-not-executed': 'Included, not final yet (the batch is not executed on L1)',
}

/**
 * "Is my bridge transfer final?" (issue 19): a withdrawal's L2 transaction, proven from the beacon checkpoint to
 * the batch's L2→L1 logs root and the L1Nullifier's claim flag. The answer card says the status in plain words;
 * the full report below shows every check behind it.
 */
export function BridgePage() {
  const [txHash, setTxHash] = useState('')
  const [index, setIndex] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<VerificationOutcome | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function run() {
    setBusy(true)
    setError(null)
    setOutcome(null)
    try {
      setOutcome(
        await api.zksyncWithdrawal({
          txHash: txHash.trim(),
          ...(index.trim() !== '' ? { index: Number(index.trim()) } : {}),
        }),
      )
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  const report = outcome?.report
  const status = typeof report?.facts.withdrawalStatus === 'string' ? report.facts.withdrawalStatus : null
  const answer = typeof report?.facts.answer === 'string' ? report.facts.answer : null
  return (
    <>
      <section className="card">
        <h2>Withdrawal</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void run()
          }}
        >
          <div className="row">
            <label className="field" style={{ flex: 3 }}>
              <span>L2 transaction that withdrew</span>
              <input
                value={txHash}
                placeholder="0x… (64 hex digits)"
                spellCheck={false}
                onChange={(e) => setTxHash(e.target.value)}
                data-testid="bridge-withdrawal-tx"
              />
            </label>
            <label className="field" style={{ flex: 1 }}>
              <span>Message index (optional)</span>
              <input
                value={index}
                placeholder="first withdrawal"
                inputMode="numeric"
                onChange={(e) => setIndex(e.target.value)}
                data-testid="bridge-withdrawal-index"
              />
            </label>
          </div>
          <div className="actions">
            <button
              type="submit"
              className="primary"
              disabled={busy || txHash.trim() === ''}
              data-testid="bridge-withdrawal-check"
            >
              {busy ? 'Proving…' : 'Is it final?'}
            </button>
          </div>
        </form>
        {error && (
          <p className="error-text" role="alert" data-testid="bridge-error">
            {error}
          </p>
        )}
      </section>
      {report && (
        <RevealedReport report={report}>
          <section className="card answer-card" data-testid="bridge-answer" data-verdict={report.verdict}>
            <p className="answer-headline">
              <span className={`verdict-badge ${report.verdict}`}>{report.verdict.toUpperCase()}</span>{' '}
              {report.verdict === 'verified' && status
                ? (WITHDRAWAL_HEADLINE[status] ?? status)
                : report.verdict === 'failed'
                  ? 'The data contradicts the claim: see the failed check below'
                  : 'Not established: see what is missing below'}
            </p>
            {answer && <p data-testid="bridge-answer-text">{answer}</p>}
          </section>
        </RevealedReport>
      )}
    </>
  )
}
