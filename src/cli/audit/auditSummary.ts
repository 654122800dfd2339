import {
  ReportBuilder,
  type CheckStatus,
  type FactValue,
  type Report,
  type TrustRoot,
} from '../../verifier/report'
import { AUDIT_CLASSES, classify, type AuditClass, type BatchRecord } from './auditRecord'

/**
 * The summary of an audit — one run's journal (`zksync batches --out`) or several shards' (`report merge`) —
 * as a report: counts by verdict, the non-verified batches with the check that stopped each, CPU time.
 * Pure: it is given the journal records, in batch order.
 */

/** Per-batch checks beyond this many are folded into one (the journal has every line). */
const MAX_BATCH_CHECKS = 1000
/** facts.nonVerified lists at most this many batches (the rest are counted in nonVerifiedOmitted). */
const MAX_LISTED = 100_000

export type AuditCounts = Record<AuditClass, number> & { total: number }

export function countRecords(records: Iterable<BatchRecord>): AuditCounts {
  const counts = Object.fromEntries(AUDIT_CLASSES.map((c) => [c, 0])) as AuditCounts
  counts.total = 0
  for (const r of records) {
    counts[classify(r)]++
    counts.total++
  }
  return counts
}

export interface AuditSummaryInput {
  kind: string
  description: string
  trustRoot?: TrustRoot
  /** The last line of every batch of the scope that has one, in batch order. */
  records: BatchRecord[]
  /** Batches of the scope with no line yet (a run that was stopped). */
  pending: number
  /** What to do about pending batches, for the check's detail. */
  pendingHint: string
  cpuMs: number
  facts: Record<string, FactValue>
}

const STATUS: Record<AuditClass, CheckStatus> = {
  verified: 'pass',
  failed: 'fail',
  incomplete: 'skip',
  settledOnGateway: 'skip',
  unreachable: 'error',
}

function batchDetail(r: BatchRecord): string {
  const cls = classify(r)
  if (cls === 'unreachable') return `unreachable: ${r.error ?? 'no report'}`
  const status = r.status ? `, ${r.status}` : ''
  return `${cls}${status}; first check not passing: ${r.firstFailingCheck ?? 'none'}`
}

export function auditSummaryReport(input: AuditSummaryInput): Report {
  const r = new ReportBuilder({
    kind: input.kind,
    description: input.description,
    ...(input.trustRoot ? { trustRoot: input.trustRoot } : {}),
  })
  const counts = countRecords(input.records)
  const open = input.records.filter((x) => classify(x) !== 'verified')
  if (counts.verified > 0)
    r.pass('zksync.range.verified', 'Batches verified', `${counts.verified} batch(es) verified`)
  for (const x of open.slice(0, MAX_BATCH_CHECKS))
    r.add(`zksync.range.${x.batchNumber}`, `Batch ${x.batchNumber}`, STATUS[classify(x)], batchDetail(x))
  const rest = open.slice(MAX_BATCH_CHECKS)
  if (rest.length > 0) {
    const worst = rest.some((x) => x.verdict === 'failed')
      ? 'fail'
      : rest.some((x) => x.verdict === 'unreachable')
        ? 'error'
        : 'skip'
    r.add(
      'zksync.range.more',
      `${rest.length} more non-verified batch(es)`,
      worst,
      `batches ${rest[0]!.batchNumber}…${rest[rest.length - 1]!.batchNumber}; each is listed in facts.nonVerified and its journal`,
    )
  }
  if (input.pending > 0)
    r.error(
      'zksync.range.pending',
      'Batches not verified yet',
      `${input.pending} batch(es) of the range have no verdict: ${input.pendingHint}`,
    )
  if (counts.total === 0 && input.pending === 0)
    r.skip('zksync.range', 'Batches in this shard', 'the shard holds no batch of the range')
  const verifyMs = input.records.reduce((s, x) => s + x.timings.verifyMs, 0)
  for (const [k, v] of Object.entries(input.facts)) r.fact(k, v)
  r.fact('counts', { ...counts, pending: input.pending })
  r.fact(
    'nonVerified',
    open.slice(0, MAX_LISTED).map((x): FactValue => ({
      batchNumber: x.batchNumber,
      verdict: classify(x),
      status: x.status,
      firstFailingCheck: x.firstFailingCheck,
      failing: x.failing,
      incomplete: x.incomplete,
      ...(x.error ? { error: x.error } : {}),
    })),
  )
  if (open.length > MAX_LISTED) r.fact('nonVerifiedOmitted', open.length - MAX_LISTED)
  r.fact('cpuMs', Math.round(input.cpuMs))
  r.timing('cpu', Math.round(input.cpuMs))
  r.timing('verifyInWorkers', Math.round(verifyMs))
  return r.build()
}

/** One line for stderr: `N batch(es): a verified, b failed, …`. */
export function countsLine(c: AuditCounts): string {
  return `${c.total} batch(es): ${c.verified} verified, ${c.failed} failed, ${c.incomplete} incomplete, ${c.settledOnGateway} settled on Gateway, ${c.unreachable} unreachable`
}
