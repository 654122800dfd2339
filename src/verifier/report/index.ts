/**
 * The report model of DESIGN.md §2: `{ subject, verdict, checks[], facts, timings }`.
 *
 * A check is required unless said otherwise. The verdict is `verified` only when there is at least one
 * required check and every required check passed; `failed` when any required check failed; otherwise
 * `incomplete`. Nothing defaults to pass: an empty report is incomplete.
 */
export type CheckStatus = 'pass' | 'fail' | 'skip' | 'error'
export type Verdict = 'verified' | 'failed' | 'incomplete'

export interface Check {
  /** Stable dotted id, e.g. `mpt.account.proof`. Failures name it. */
  id: string
  title: string
  status: CheckStatus
  detail: string
  required: boolean
}

/** JSON-safe values only: integers from chains are decimal strings, bytes are lowercase 0x-hex. */
export type FactValue = string | number | boolean | null | FactValue[] | { [key: string]: FactValue }
export type Facts = Record<string, FactValue>

/** The fact at a path of object keys (`factAt(facts, 'account', 'address')`); undefined where there is none. */
export function factAt(facts: Facts, ...path: string[]): FactValue | undefined {
  let v: FactValue | undefined = facts
  for (const p of path)
    v = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Facts)[p] : undefined
  return v
}

export interface TrustRoot {
  /** What the answer rests on, e.g. `beacon-checkpoint`, `state-root`, `pre-state-root`, `none`. */
  kind: string
  value: string
}

export interface Subject {
  /**
   * What the report is about: the evidence kind when an evidence was verified (verifyEvidence names it), else
   * what the verifier checked, e.g. `mpt-proof`, `zks-tree-proof`, `beacon-chain`.
   */
  kind: string
  description: string
  trustRoot?: TrustRoot
}

export interface Report {
  subject: Subject
  verdict: Verdict
  checks: Check[]
  facts: Facts
  /** Milliseconds by phase. The verifier has no clock, so callers fill this in. */
  timings: Record<string, number>
  /**
   * The chain of trust link by link, each with its own verdict and the indices of its checks (sections.ts).
   * Evidence reports carry it (verifyEvidence); a report from an older version or a bare primitive may not.
   */
  sections?: ReportSection[]
  /** What the report answers, in plain words (the kind's answer card); present on evidence reports. */
  answer?: Answer
}

export interface Answer {
  headline: string
  lines: string[]
}

/** The links a chain of trust can have, from the beacon checkpoint down to the answer. */
export type SectionId =
  | 'checkpoint'
  | 'l1-head'
  | 'l1-state'
  | 'value'
  | 'diamond'
  | 'commit'
  | 'gateway'
  | 'batch'
  | 'proof'
  | 'data'
  | 'finality'
  | 'l2-state'
  | 'bridge'
  | 'watch'
  | 'witness'
  | 'evidence'
  | 'other'

export interface ReportSection {
  id: SectionId
  title: string
  /** As a report's verdict, over the section's required checks; `not-reached` when it has no check at all. */
  verdict: Verdict | 'not-reached' | 'informational'
  /** Indices into the report's `checks`. */
  checks: number[]
}

export function verdictOf(checks: readonly Check[]): Verdict {
  const required = checks.filter((c) => c.required)
  if (required.some((c) => c.status === 'fail')) return 'failed'
  if (required.length > 0 && required.every((c) => c.status === 'pass')) return 'verified'
  return 'incomplete'
}

export interface CheckOptions {
  required?: boolean
}

/** Collects checks and facts in order, then computes the verdict once. */
export class ReportBuilder {
  private readonly checks: Check[] = []
  private readonly facts: Facts = {}
  private readonly timings: Record<string, number> = {}

  constructor(private readonly subject: Subject) {}

  add(id: string, title: string, status: CheckStatus, detail = '', options: CheckOptions = {}): this {
    this.checks.push({ id, title, status, detail, required: options.required ?? true })
    return this
  }

  pass(id: string, title: string, detail = '', options?: CheckOptions): this {
    return this.add(id, title, 'pass', detail, options)
  }

  fail(id: string, title: string, detail: string, options?: CheckOptions): this {
    return this.add(id, title, 'fail', detail, options)
  }

  skip(id: string, title: string, detail: string, options?: CheckOptions): this {
    return this.add(id, title, 'skip', detail, options)
  }

  error(id: string, title: string, detail: string, options?: CheckOptions): this {
    return this.add(id, title, 'error', detail, options)
  }

  /** Records pass or fail from a condition and returns the condition, so callers can stop early. */
  expect(id: string, title: string, ok: boolean, detail: string, failDetail = detail): boolean {
    this.add(id, title, ok ? 'pass' : 'fail', ok ? detail : failDetail)
    return ok
  }

  fact(key: string, value: FactValue): this {
    this.facts[key] = value
    return this
  }

  timing(phase: string, ms: number): this {
    this.timings[phase] = ms
    return this
  }

  hasFailure(): boolean {
    return this.checks.some((c) => c.required && c.status === 'fail')
  }

  build(): Report {
    const checks = this.checks.map((c) => ({ ...c }))
    return {
      subject: { ...this.subject },
      verdict: verdictOf(checks),
      checks,
      facts: { ...this.facts },
      timings: { ...this.timings },
    }
  }
}

/** A report that records why verification could not start (malformed input, unsupported version). */
export function inputErrorReport(subject: Subject, checkId: string, title: string, detail: string): Report {
  return new ReportBuilder(subject).error(checkId, title, detail).build()
}
