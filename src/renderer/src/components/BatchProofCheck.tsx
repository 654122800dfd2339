import type { Check, FactValue, Report } from '../../../verifier/report'
import { sectionChecks } from '../../../verifier/report/sections'

type Facts = Record<string, FactValue>

/**
 * The checks of the proof part, as the verifier laid them out: its `proof` section (binding, public input,
 * key, the verifier code proven and run locally, the SNARK).
 */
export function proofChecks(report: Report): Check[] {
  const section = report.sections?.find((s) => s.id === 'proof')
  return section ? sectionChecks(report, section) : []
}

/** The checks of every other link of the batch's chain of trust. */
export function batchPartChecks(report: Report): Check[] {
  return (report.sections ?? []).filter((s) => s.id !== 'proof').flatMap((s) => sectionChecks(report, s))
}

/** Whether a batch report carries the SNARK check (`zksync batch N --proof`). */
export function hasProofCheck(report: Report): boolean {
  return proofChecks(report).length > 0
}

function text(v: FactValue | undefined): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`
}

/**
 * The batch's validity-proof check as an auditor reads it: which verifier the proof was routed to, the key it
 * was checked against and whether that key matches the one pinned for the protocol version and the one L1's
 * verifier reports, the public input derived from the bound commitments, the time taken, and — when the check
 * did not pass — the check that stopped it and why.
 */
export function BatchProofCheck({ report }: { report: Report }) {
  const checks = proofChecks(report)
  const proof = (report.facts.proof ?? {}) as Facts
  const byId = (id: string) => checks.find((c) => c.id === id)
  const open = checks.filter((c) => c.required && c.status !== 'pass')
  const failed = open.find((c) => c.status === 'fail')
  const state = open.length === 0 ? 'verified' : failed ? 'failed' : 'incomplete'
  const stopper = failed ?? open[0]
  const system = text(proof.proofSystem)
  const verifierType = text(proof.verifierType)
  const vk = byId('zksync.proof.vk')
  const onChain = byId('zksync.proof.vkOnChain')
  const onChainHash = (proof.onChainVerificationKeyHash as Facts | undefined)?.hash
  const ms = report.timings.proofCheck ?? report.timings.verifyInWorker
  const timeLabel =
    report.timings.proofCheck !== undefined
      ? 'SNARK check'
      : 'whole batch evidence, SNARK included, in a worker thread'

  return (
    <section className="card" data-testid="batch-proof" data-state={state}>
      <div className="report-head">
        <span className={`verdict-badge ${state}`} data-testid="batch-proof-state">
          {state === 'verified' ? 'PROOF VALID' : state === 'failed' ? 'PROOF FAILED' : 'PROOF NOT CHECKED'}
        </span>
        <h2>Validity proof (SNARK), checked locally</h2>
      </div>
      {stopper && (
        <p className={failed ? 'error-text' : 'warn-text'} data-testid="batch-proof-reason">
          <code>{stopper.id}</code>: {stopper.detail}
        </p>
      )}
      <dl className="facts">
        <dt>Verifier</dt>
        <dd data-testid="batch-proof-verifier">
          {system ? system.toUpperCase() : <span className="muted">not routed</span>}
          {verifierType !== undefined && <span className="muted"> (DualVerifier type {verifierType})</span>}
          {!system && verifierType !== undefined && (
            <span className="warn-text"> unsupported verifier type {verifierType}</span>
          )}
        </dd>
        <dt>Verification key</dt>
        <dd data-testid="batch-proof-vk">
          {text(proof.verificationKeyHash) ? (
            <code>{text(proof.verificationKeyHash)}</code>
          ) : (
            <span className="muted">none chosen</span>
          )}
          {text(proof.verificationKeyName) && (
            <span className="muted"> {text(proof.verificationKeyName)}</span>
          )}
          {vk && (
            <div className="small">
              <span className={`status ${vk.status}`}>{vk.status.toUpperCase()}</span> {vk.detail}
            </div>
          )}
        </dd>
        <dt>On-chain key hash</dt>
        <dd data-testid="batch-proof-vk-onchain">
          {typeof onChainHash === 'string' && <code>{onChainHash}</code>}
          {onChain ? (
            <div className="small">
              <span className={`status ${onChain.status}`}>{onChain.status.toUpperCase()}</span>{' '}
              {onChain.detail}
            </div>
          ) : (
            <span className="muted">not compared</span>
          )}
        </dd>
        <dt>Public input</dt>
        <dd data-testid="batch-proof-input">
          {text(proof.publicInput) ? (
            <code>{text(proof.publicInput)}</code>
          ) : (
            <span className="muted">not derived</span>
          )}
          {byId('zksync.proof.publicInput')?.status === 'pass' && (
            <div className="small muted">{byId('zksync.proof.publicInput')!.detail}</div>
          )}
        </dd>
        {text(proof.proveTransaction) && (
          <>
            <dt>Prove transaction</dt>
            <dd>
              <code>{text(proof.proveTransaction)}</code>{' '}
              <span className="muted small">(located by the ZKsync node; bound to L1 storage below)</span>
            </dd>
          </>
        )}
        <dt>Time taken</dt>
        <dd data-testid="batch-proof-time">
          {ms !== undefined ? (
            <>
              {formatMs(ms)} <span className="muted small">({timeLabel})</span>
            </>
          ) : (
            <span className="muted">not measured</span>
          )}
        </dd>
      </dl>
      <ul className="checks">
        {checks.map((c, i) => (
          <li
            key={`${c.id}-${i}`}
            className={`check ${c.status}`}
            data-testid={`proof-check-${c.id}`}
            data-status={c.status}
          >
            <div className="check-line">
              <span className={`status ${c.status}`}>{c.status.toUpperCase()}</span>
              <span className="check-title">{c.title}</span>
              {!c.required && <span className="muted small"> optional</span>}
              <code className="check-id">{c.id}</code>
            </div>
          </li>
        ))}
      </ul>
    </section>
  )
}
