import { useState } from 'react'
import type { Check, FactValue, Report, ReportSection } from '../../../verifier/report'
import { factWords } from '../../../verifier/report/factGlossary'
import { sectionChecks } from '../../../verifier/report/sections'
import { PubdataView, pubdataFactsOf } from './PubdataView'

const STATUS_LABEL: Record<Check['status'], string> = {
  pass: 'PASS',
  fail: 'FAIL',
  skip: 'SKIP',
  error: 'ERROR',
}

/**
 * A verification report as the user sees it: the verdict first, then the trust root it rests on, the chain of
 * trust as the verifier laid it out (report.sections: one expandable link each, open when it did not pass; every
 * check for a report without sections, an older version's), then the facts — marked unverified unless the
 * verdict is verified.
 */
export function ReportView({ report, title }: { report: Report; title?: string }) {
  const failed = report.checks.filter((c) => c.required && c.status !== 'pass')
  const verified = report.verdict === 'verified'
  // Published data gets its own view (a batch may publish thousands of state diffs); the rest stay facts.
  const pubdata = pubdataFactsOf(report.facts)
  const facts = pubdata
    ? Object.fromEntries(Object.entries(report.facts).filter(([k]) => k !== 'pubdata'))
    : report.facts
  return (
    <section
      className={`card report verdict-${report.verdict}`}
      data-testid="report"
      data-verdict={report.verdict}
    >
      <header className="report-head">
        <span className={`verdict-badge ${report.verdict}`} data-testid="verdict">
          {report.verdict.toUpperCase()}
        </span>
        <h2>{title ?? report.subject.description}</h2>
      </header>
      {report.subject.trustRoot && (
        <p className="muted trust-root">
          Rests on {report.subject.trustRoot.kind}: <code>{report.subject.trustRoot.value}</code>
        </p>
      )}
      {report.answer && (
        <div className={`answer-card ${verified ? 'proven' : 'unproven'}`} data-testid="answer-card">
          <p className="answer-headline">
            {!verified && <span className="warn-text">Not proven: </span>}
            {report.answer.headline}
          </p>
          {report.answer.lines.map((line, i) => (
            <p key={i} className="muted small">
              {line}
            </p>
          ))}
        </div>
      )}
      {failed.length > 0 && (
        <p className="error-text" data-testid="failed-checks">
          {report.verdict === 'failed' ? 'Failed' : 'Not completed'}: {failed.map((c) => c.id).join(', ')}
        </p>
      )}
      {report.sections ? (
        <ChainOfTrust report={report} sections={report.sections} />
      ) : (
        <>
          <h3>
            Checks <span className="muted">({report.checks.length})</span>
          </h3>
          <ul className="checks">
            {report.checks.map((c, i) => (
              <CheckRow key={`${c.id}-${i}`} check={c} />
            ))}
          </ul>
        </>
      )}
      <FactsView facts={facts} verified={verified} />
      {pubdata && (
        <PubdataView
          pubdata={pubdata}
          verified={verified}
          name={`lightproof-${report.subject.kind}${typeof report.facts.batchNumber === 'string' ? `-batch-${report.facts.batchNumber}` : ''}`}
        />
      )}
      {Object.keys(report.timings).length > 0 && (
        <p className="muted small">
          {Object.entries(report.timings)
            .map(([k, v]) => `${k} ${v.toFixed(1)} ms`)
            .join(' · ')}
        </p>
      )}
    </section>
  )
}

/** How a link is drawn: its state (a CSS class and data-state) and its badge. */
const LINK: Record<ReportSection['verdict'], { state: string; badge: string }> = {
  verified: { state: 'pass', badge: 'PASS' },
  failed: { state: 'fail', badge: 'FAIL' },
  incomplete: { state: 'skip', badge: 'INCOMPLETE' },
  informational: { state: 'info', badge: 'INFO' },
  'not-reached': { state: 'none', badge: '—' },
}

function ChainOfTrust({ report, sections }: { report: Report; sections: ReportSection[] }) {
  return (
    <>
      <h3>
        Chain of trust <span className="muted">({report.checks.length} checks)</span>
      </h3>
      <ol className="trust-steps" data-testid="trust-steps">
        {sections.map((s) => (
          <TrustLink key={s.id} section={s} checks={sectionChecks(report, s)} />
        ))}
      </ol>
    </>
  )
}

/** One link of the chain: its verdict and title, and its checks when opened. */
function TrustLink({ section, checks }: { section: ReportSection; checks: Check[] }) {
  const { state, badge } = LINK[section.verdict]
  // The count is of the required checks; optional ones (an unverified note, an advisory) are counted apart.
  const required = checks.filter((c) => c.required)
  const passed = required.filter((c) => c.status === 'pass').length
  const optional = checks.length - required.length
  const count =
    checks.length === 0
      ? 'not reached'
      : [
          required.length > 0 ? `${passed}/${required.length} checks passed` : '',
          optional > 0 ? `${optional} optional` : '',
        ]
          .filter(Boolean)
          .join(' · ')
  // What stopped the link comes first: required failures, then required checks that could not run.
  const rank = (c: Check) => (!c.required ? 2 : c.status === 'fail' ? 0 : c.status === 'pass' ? 2 : 1)
  const ordered = [...checks].sort((a, b) => rank(a) - rank(b))
  return (
    <li
      className={`trust-step ${state}`}
      data-testid="trust-step"
      data-section={section.id}
      data-state={state}
    >
      <details open={section.verdict === 'failed' || section.verdict === 'incomplete'}>
        <summary>
          <span className={`status ${state === 'none' || state === 'info' ? 'skip' : state}`}>{badge}</span>{' '}
          {section.title} <span className="muted small">{count}</span>
        </summary>
        <ul className="checks">
          {ordered.map((c, i) => (
            <CheckRow key={`${c.id}-${i}`} check={c} />
          ))}
        </ul>
      </details>
    </li>
  )
}

function CheckRow({ check }: { check: Check }) {
  const [open, setOpen] = useState(check.status === 'fail' || check.status === 'error')
  return (
    <li className={`check ${check.status}`} data-testid={`check-${check.id}`} data-status={check.status}>
      <button type="button" className="check-line" onClick={() => setOpen(!open)} aria-expanded={open}>
        <span className={`status ${check.status}`}>{STATUS_LABEL[check.status]}</span>
        <span className="check-title">{check.title}</span>
        {!check.required && <span className="muted small"> optional</span>}
        <code className="check-id">{check.id}</code>
      </button>
      {open && check.detail && <div className="check-detail">{check.detail}</div>}
    </li>
  )
}

export function FactsView({ facts, verified }: { facts: Record<string, FactValue>; verified: boolean }) {
  const entries = Object.entries(facts)
  if (entries.length === 0) return null
  return (
    <div className="facts-block" data-testid="facts">
      <h3>Facts {!verified && <span className="warn-text">(not verified)</span>}</h3>
      <dl className="facts">
        {entries.map(([k, v]) => (
          <FactRow key={k} name={k} value={v} />
        ))}
      </dl>
    </div>
  )
}

/** A fact under its plain-words label (factGlossary.ts); the explanation and the raw name on hover. */
function FactRow({ name, value }: { name: string; value: FactValue }) {
  const words = factWords(name)
  return (
    <>
      <dt title={words.explain ? `${words.explain} (${name})` : name}>{words.label}</dt>
      <dd>{renderValue(value)}</dd>
    </>
  )
}

/** A long hex value shortened to its ends, the whole value on hover and one click to copy it. */
function HexValue({ value }: { value: string }) {
  const [copied, setCopied] = useState(false)
  if (value.length <= 20) return <code>{value}</code>
  const copy = () => {
    void navigator.clipboard?.writeText(value).then(
      () => setCopied(true),
      () => undefined,
    )
  }
  return (
    <span className="hex-value">
      <code title={value}>{`${value.slice(0, 10)}…${value.slice(-8)}`}</code>
      <button type="button" className="copy-button" onClick={copy} aria-label={`Copy ${value}`}>
        {copied ? 'copied' : 'copy'}
      </button>
    </span>
  )
}

function renderValue(value: FactValue): React.ReactNode {
  if (value === null) return <span className="muted">none</span>
  if (typeof value === 'string') return /^0x[0-9a-fA-F]*$/.test(value) ? <HexValue value={value} /> : value
  if (typeof value !== 'object') return String(value)
  if (Array.isArray(value)) {
    return (
      <ol className="fact-list">
        {value.map((v, i) => (
          <li key={i}>{renderValue(v)}</li>
        ))}
      </ol>
    )
  }
  return (
    <dl className="facts nested">
      {Object.entries(value).map(([k, v]) => (
        <FactRow key={k} name={k} value={v} />
      ))}
    </dl>
  )
}
