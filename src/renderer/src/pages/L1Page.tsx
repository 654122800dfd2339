import { useEffect, useState } from 'react'
import type { Progress, VerificationOutcome } from '../../../shared/contract/common'
import type { KnownTokenView, L1BalanceRequest } from '../../../shared/contract/l1'
import type { ChainStep } from '../../../verifier/l1/chainOfTrust'
import type { Check, Report } from '../../../verifier/report'
import { api } from '../api'
import { ReportView } from '../components/ReportView'
import { toChecksumAddress } from '../../../verifier/encoding/address'

/**
 * The L1 balances page (issue 4): an address (and a token, or a raw storage slot), proven from the trusted
 * checkpoint down to the value. Shows the EIP-55 form of what was typed, progress while fetching, the verified
 * balance (whole units and the exact integer), and the chain of trust as expandable steps — checkpoint → head →
 * state root → account → storage slot → value — each with the checks behind it; every check is in the report.
 */
type AddressState = { ok: true; checksummed: string } | { ok: false; message: string } | null

/** Lowercase, uppercase or correct EIP-55 mixed case; anything else is refused before asking anyone. */
export function checkAddress(text: string): AddressState {
  const t = text.trim()
  if (t === '') return null
  if (!/^0x[0-9a-fA-F]*$/.test(t)) return { ok: false, message: 'an address is 0x followed by hex digits' }
  if (t.length !== 42) return { ok: false, message: `40 hex digits needed, ${t.length - 2} given` }
  const body = t.slice(2)
  const checksummed = toChecksumAddress(t.toLowerCase())
  if (body !== body.toLowerCase() && body !== body.toUpperCase() && checksummed !== t)
    return { ok: false, message: `wrong EIP-55 checksum (the checksummed form is ${checksummed})` }
  return { ok: true, checksummed }
}

const SLOT = /^0x[0-9a-fA-F]{1,64}$/
type Mode = 'eth' | 'other-token' | 'slot' | string

export function L1Page() {
  const [address, setAddress] = useState('')
  const [mode, setMode] = useState<Mode>('eth')
  const [tokenAddress, setTokenAddress] = useState('')
  const [slot, setSlot] = useState('')
  const [decimals, setDecimals] = useState('')
  const [head, setHead] = useState<'finalized' | 'latest'>('finalized')
  const [tokens, setTokens] = useState<KnownTokenView[]>([])
  const [running, setRunning] = useState(false)
  const [progress, setProgress] = useState<Progress | null>(null)
  const [outcome, setOutcome] = useState<VerificationOutcome | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    api.l1Tokens().then(setTokens, () => setTokens([]))
    return api.onEvent((event) => {
      if (event.topic !== 'progress') return
      const p = event.payload as Progress
      if (p.kind === 'l1Balance') setProgress(p.finished ? null : p)
    })
  }, [])

  const holder = checkAddress(address)
  const token = mode === 'other-token' ? checkAddress(tokenAddress) : null
  const slotOk = SLOT.test(slot.trim())
  const decimalsOk = decimals.trim() === '' || /^\d{1,3}$/.test(decimals.trim())
  const ready =
    holder?.ok === true &&
    (mode !== 'other-token' || (token?.ok === true && slotOk && decimalsOk)) &&
    (mode !== 'slot' || slotOk)

  function request(): L1BalanceRequest {
    const base = { address: address.trim(), head }
    if (mode === 'eth') return base
    if (mode === 'slot') return { ...base, slot: slot.trim() }
    if (mode === 'other-token')
      return {
        ...base,
        token: tokenAddress.trim(),
        slot: slot.trim(),
        decimals: decimals.trim() === '' ? null : Number(decimals.trim()),
      }
    return { ...base, token: mode }
  }

  async function prove() {
    setRunning(true)
    setError(null)
    setOutcome(null)
    try {
      setOutcome(await api.l1Balance(request()))
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setRunning(false)
      setProgress(null)
    }
  }

  return (
    <>
      <section className="card l1-form" data-testid="l1-form">
        <label className="field">
          <span>Address</span>
          <input
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            placeholder="0x… (the holder, or the contract for a storage slot)"
            spellCheck={false}
            data-testid="l1-address"
          />
          <AddressHint state={holder} testId="l1-address-hint" />
        </label>
        <div className="l1-row">
          <label className="field">
            <span>Asset</span>
            <select value={mode} onChange={(e) => setMode(e.target.value)} data-testid="l1-asset">
              <option value="eth">ETH</option>
              {tokens.map((t) => (
                <option key={t.symbol} value={t.symbol}>
                  {t.symbol} — {t.name}
                </option>
              ))}
              <option value="other-token">Other ERC-20 (address and balance slot)</option>
              <option value="slot">Raw storage slot</option>
            </select>
          </label>
          <label className="field">
            <span>Head</span>
            <select
              value={head}
              onChange={(e) => setHead(e.target.value as 'finalized' | 'latest')}
              data-testid="l1-head"
            >
              <option value="finalized">finalized (safe, ~13 min old)</option>
              <option value="latest">latest signed block (fresher, not final)</option>
            </select>
          </label>
        </div>
        {mode === 'other-token' && (
          <label className="field">
            <span>Token contract</span>
            <input
              value={tokenAddress}
              onChange={(e) => setTokenAddress(e.target.value)}
              placeholder="0x…"
              spellCheck={false}
              data-testid="l1-token-address"
            />
            <AddressHint state={token} testId="l1-token-hint" />
          </label>
        )}
        {(mode === 'other-token' || mode === 'slot') && (
          <div className="l1-row">
            <label className="field">
              <span>{mode === 'slot' ? 'Storage slot' : 'Balance mapping slot'}</span>
              <input
                value={slot}
                onChange={(e) => setSlot(e.target.value)}
                placeholder="0x0"
                spellCheck={false}
                data-testid="l1-slot"
              />
              {slot.trim() !== '' && !slotOk && (
                <span className="error-text small">0x followed by at most 64 hex digits</span>
              )}
            </label>
            {mode === 'other-token' && (
              <label className="field">
                <span>Decimals (optional)</span>
                <input value={decimals} onChange={(e) => setDecimals(e.target.value)} placeholder="18" />
              </label>
            )}
          </div>
        )}
        <div className="actions">
          <button
            className="primary"
            disabled={!ready || running}
            onClick={() => void prove()}
            data-testid="l1-prove"
          >
            {running ? 'Proving…' : 'Prove balance'}
          </button>
          {running && progress && (
            <button onClick={() => void api.cancelOperation(progress.operationId)} data-testid="l1-cancel">
              Cancel
            </button>
          )}
          <span className="muted small">
            eth_getProof is asked at the trusted head’s block from every L1 endpoint in Settings and checked
            against its state root.
          </span>
        </div>
        {running && (
          <div data-testid="l1-progress">
            <div className="progress" role="progressbar">
              <div
                style={{
                  width: `${progress?.total ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 5}%`,
                }}
              />
            </div>
            <p className="muted small">{progress?.message ?? 'starting…'}</p>
          </div>
        )}
      </section>

      {error && (
        <div className="banner error" role="alert" data-testid="l1-error">
          {error}
        </div>
      )}
      {outcome && <BalanceCard report={outcome.report} />}
      {outcome && <ChainCard report={outcome.report} />}
      {outcome && <ReportView report={outcome.report} />}
    </>
  )
}

function AddressHint({ state, testId }: { state: AddressState; testId: string }) {
  if (!state) return null
  return state.ok ? (
    <span className="muted small" data-testid={testId}>
      checksummed: <code>{state.checksummed}</code>
    </span>
  ) : (
    <span className="error-text small" data-testid={testId}>
      {state.message}
    </span>
  )
}

function BalanceCard({ report }: { report: Report }) {
  const f = report.facts as Record<string, unknown>
  const verified = report.verdict === 'verified'
  const value = (f.formatted ?? f.value) as string | undefined
  return (
    <section className={`card l1-answer verdict-${report.verdict}`} data-testid="l1-balance-answer">
      <span className={`verdict-badge ${report.verdict}`}>{report.verdict.toUpperCase()}</span>
      {verified && value ? (
        <>
          <p className="l1-amount" data-testid="l1-formatted">
            {value}
          </p>
          {typeof f.balance === 'string' && (
            <p className="muted small" data-testid="l1-exact">
              exact: {f.balance}
              {f.mode === 'eth' ? ' wei' : ' base units'}
            </p>
          )}
          <p className="muted small">
            at EL block {String(f.blockNumber)}, state root <code>{String(f.stateRoot)}</code>
          </p>
        </>
      ) : (
        <p className="error-text">
          No verified value:{' '}
          {report.checks
            .filter((c) => c.required && c.status === 'fail')
            .map((c) => c.id)
            .join(', ') || 'the chain is incomplete'}
        </p>
      )}
    </section>
  )
}

const STEP_MARK: Record<ChainStep['status'], string> = { pass: '✓', fail: '✗', skip: '–' }

function ChainCard({ report }: { report: Report }) {
  const steps = (report.facts.chain ?? []) as unknown as ChainStep[]
  const byId = new Map<string, Check>(report.checks.map((c) => [c.id, c]))
  if (steps.length === 0) return null
  return (
    <section className="card" data-testid="l1-chain">
      <h2>Chain of trust</h2>
      <ol className="l1-chain">
        {steps.map((s) => (
          <li
            key={s.step}
            className={`l1-step ${s.status}`}
            data-testid={`l1-step-${s.step}`}
            data-status={s.status}
          >
            <details open={s.status === 'fail'}>
              <summary>
                <span className={`status ${s.status}`}>{STEP_MARK[s.status]}</span> <strong>{s.title}</strong>{' '}
                {s.value && <code className="l1-step-value">{s.value}</code>}
              </summary>
              <p className="muted small">{s.detail}</p>
              <ul className="l1-step-checks">
                {s.checks.map((id) => {
                  const c = byId.get(id)
                  return (
                    <li key={id} data-status={c?.status}>
                      <span className={`status ${c?.status ?? 'skip'}`}>{c?.status ?? '?'}</span>{' '}
                      <code>{id}</code> <span className="small">{c?.detail}</span>
                    </li>
                  )
                })}
              </ul>
            </details>
          </li>
        ))}
      </ol>
    </section>
  )
}
