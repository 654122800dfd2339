import { useState } from 'react'
import type { VerificationOutcome } from '../../../shared/contract/common'
import { api } from '../api'
import { RevealedReport } from '../components/RevealedReport'

type Direction = 'withdrawal' | 'deposit'

/** What each status means for the person who bridged, in plain words (the report's facts.answer says the rest). */
const HEADLINE: Record<string, string> = {
  'final-claimable': 'Final — ready to claim on L1',
  'final-claimed': 'Final — already claimed on L1',
  'included-not-executed': 'Included, not final yet (the batch is not executed on L1)',
  'executed-succeeded': 'Arrived — executed on L2 and succeeded',
  'executed-failed': 'Executed on L2 and failed',
  'not-executed': 'Deposited on L1, not executed on L2 yet',
}

const FORM: Record<Direction, { label: string; button: string }> = {
  withdrawal: { label: 'L2 transaction that withdrew', button: 'Is it final?' },
  deposit: { label: 'L1 transaction that deposited', button: 'Did it arrive?' },
}

/**
 * "Is my bridge transfer final?" (issue 19): a withdrawal's L2 transaction, proven from the beacon checkpoint to
 * the batch's L2→L1 logs root and the L1Nullifier's claim flag; or a deposit's L1 transaction, proven in a block
 * hanging from the verified head and followed to its execution and status log on L2. The answer card says the
 * status in plain words; the report below it shows every check behind it.
 */
export function BridgePage() {
  const [direction, setDirection] = useState<Direction>('withdrawal')
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
      const hash = txHash.trim()
      setOutcome(
        direction === 'deposit'
          ? await api.zksyncDeposit({ l1TxHash: hash })
          : await api.zksyncWithdrawal({
              txHash: hash,
              ...(index.trim() !== '' ? { index: Number(index.trim()) } : {}),
            }),
      )
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  const form = FORM[direction]
  const report = outcome?.report
  // A deposit report states depositStatus, a withdrawal report withdrawalStatus (the verifier's facts).
  const statusFact = report && 'depositStatus' in report.facts ? 'depositStatus' : 'withdrawalStatus'
  const status = typeof report?.facts[statusFact] === 'string' ? (report.facts[statusFact] as string) : null
  const answer = typeof report?.facts.answer === 'string' ? report.facts.answer : null
  return (
    <>
      <section className="card">
        <div className="row" role="radiogroup" aria-label="Direction">
          {(['withdrawal', 'deposit'] as const).map((d) => (
            <label key={d} className="radio">
              <input
                type="radio"
                name="bridge-direction"
                checked={direction === d}
                onChange={() => {
                  setDirection(d)
                  setOutcome(null)
                  setError(null)
                }}
                data-testid={`bridge-direction-${d}`}
              />{' '}
              {d === 'withdrawal' ? 'Withdrawal (L2 → L1)' : 'Deposit (L1 → L2)'}
            </label>
          ))}
        </div>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void run()
          }}
        >
          <div className="row">
            <label className="field" style={{ flex: 3 }}>
              <span>{form.label}</span>
              <input
                value={txHash}
                placeholder="0x… (64 hex digits)"
                spellCheck={false}
                onChange={(e) => setTxHash(e.target.value)}
                data-testid="bridge-tx"
              />
            </label>
            {direction === 'withdrawal' && (
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
            )}
          </div>
          <div className="actions">
            <button
              type="submit"
              className="primary"
              disabled={busy || txHash.trim() === ''}
              data-testid="bridge-check"
            >
              {busy ? 'Proving…' : form.button}
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
                ? `${HEADLINE[status] ?? status}${status === 'executed-failed' && report.facts.reclaim ? ' — the funds can be reclaimed on L1' : ''}`
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
