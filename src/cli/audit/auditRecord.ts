import { z } from 'zod'
import type { Report } from '../../verifier/report'

/**
 * One line of an audit journal (`zksync batches --out DIR`, DIR/batches.jsonl) and what a batch counts as in a
 * summary. Pure: the journal's I/O is in runJournal.ts, the summaries in auditSummary.ts.
 */

/**
 * The check the gateway flow adds for a batch that settled on ZKsync Gateway instead of L1 (status skip, so
 * the batch is incomplete here). Such a batch is counted apart, as `settledOnGateway`, not as `incomplete`.
 */
export const SETTLED_ELSEWHERE_CHECK = 'zksync.batch.settledElsewhere'

/** The verifier's verdict, or `unreachable`: no report (an endpoint failed, or the verification could not finish). */
export const RecordVerdict = z.enum(['verified', 'failed', 'incomplete', 'unreachable'])
export type RecordVerdict = z.infer<typeof RecordVerdict>

/** What a batch counts as in `facts.counts`. */
export type AuditClass = 'verified' | 'failed' | 'incomplete' | 'settledOnGateway' | 'unreachable'
export const AUDIT_CLASSES: readonly AuditClass[] = [
  'verified',
  'failed',
  'incomplete',
  'settledOnGateway',
  'unreachable',
]

const Decimal = z.string().regex(/^(0|[1-9]\d{0,19})$/)
const CheckId = z.string().min(1).max(200)
const Ms = z.number().finite().nonnegative()

export const BatchRecord = z.object({
  type: z.literal('batch'),
  batchNumber: Decimal,
  verdict: RecordVerdict,
  /** true when the report holds SETTLED_ELSEWHERE_CHECK not passing and the verdict is incomplete. */
  settledOnGateway: z.boolean(),
  /** committed / proven / executed as proven from L1 storage, when the report has it. */
  status: z.string().max(40).nullable(),
  /** Required checks that failed, in report order. */
  failing: z.array(CheckId).max(500),
  /** Required checks that were skipped or could not run, in report order. */
  incomplete: z.array(CheckId).max(500),
  /** The first required check that did not pass (failing ones first): what stopped the batch. */
  firstFailingCheck: CheckId.nullable(),
  error: z.string().max(2000).optional(),
  /** collect: fetching the evidence; verify: verifying it (in a worker thread); total: the batch end to end. */
  timings: z.object({ collectMs: Ms, verifyMs: Ms, totalMs: Ms }),
  /**
   * Process CPU time (user + system, all threads) since the previous line of the same run, so the lines of a
   * run add up to its CPU time, the beacon sync included.
   */
  cpuMs: Ms,
})
export type BatchRecord = z.infer<typeof BatchRecord>

/** Written each time a run starts on the directory (a resumed run adds its own). */
export const RunRecord = z.object({
  type: z.literal('run'),
  version: z.literal(1),
  from: Decimal,
  to: Decimal,
  /** `I/N`. */
  shard: z.string().regex(/^\d{1,6}\/\d{1,6}$/),
  network: z.string().max(200),
  startedAt: z.string().max(40),
  /** Batches of the range already decided in the journal, not verified again by this run. */
  skipped: z.number().int().nonnegative(),
})
export type RunRecord = z.infer<typeof RunRecord>

export const SummaryRecord = z.object({
  type: z.literal('summary'),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  total: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  /** true when the run was stopped (SIGTERM / SIGINT) before it went through its batches. */
  interrupted: z.boolean(),
  finishedAt: z.string().max(40),
  cpuMs: Ms,
})
export type SummaryRecord = z.infer<typeof SummaryRecord>

export const JournalLine = z.discriminatedUnion('type', [RunRecord, BatchRecord, SummaryRecord])
export type JournalLine = z.infer<typeof JournalLine>

export function classify(r: Pick<BatchRecord, 'verdict' | 'settledOnGateway'>): AuditClass {
  if (r.verdict === 'incomplete' && r.settledOnGateway) return 'settledOnGateway'
  return r.verdict
}

/** A batch is decided once it has a verdict; only unreachable ones are tried again by a resumed run. */
export function isDecided(r: Pick<BatchRecord, 'verdict'>): boolean {
  return r.verdict !== 'unreachable'
}

export interface BatchTimings {
  collectMs: number
  verifyMs: number
  totalMs: number
}

/** The journal line of one batch, from its report (null when it has none, with the error that stopped it). */
export function recordOf(
  batchNumber: bigint,
  report: Report | null,
  error: string | null,
  timings: BatchTimings,
  cpuMs: number,
): BatchRecord {
  const ms = {
    collectMs: round(timings.collectMs),
    verifyMs: round(timings.verifyMs),
    totalMs: round(timings.totalMs),
  }
  if (!report) {
    return {
      type: 'batch',
      batchNumber: batchNumber.toString(),
      verdict: 'unreachable',
      settledOnGateway: false,
      status: null,
      failing: [],
      incomplete: [],
      firstFailingCheck: null,
      error: (error ?? 'unknown error').slice(0, 2000),
      timings: ms,
      cpuMs: round(cpuMs),
    }
  }
  const required = report.checks.filter((c) => c.required)
  const failing = required.filter((c) => c.status === 'fail').map((c) => c.id)
  const incomplete = required.filter((c) => c.status === 'skip' || c.status === 'error').map((c) => c.id)
  const elsewhere = report.checks.some((c) => c.id === SETTLED_ELSEWHERE_CHECK && c.status !== 'pass')
  const onGateway = report.verdict === 'incomplete' && elsewhere
  // What stopped the batch: a failure first; for a batch settled on Gateway, that (not the checks it skips).
  const first = failing[0] ?? (onGateway ? SETTLED_ELSEWHERE_CHECK : incomplete[0]) ?? null
  const status = report.facts.status
  return {
    type: 'batch',
    batchNumber: batchNumber.toString(),
    verdict: report.verdict,
    settledOnGateway: onGateway,
    status: typeof status === 'string' ? status.slice(0, 40) : null,
    failing: failing.slice(0, 500),
    incomplete: incomplete.slice(0, 500),
    firstFailingCheck: first,
    timings: ms,
    cpuMs: round(cpuMs),
  }
}

const round = (n: number) => Math.round(n * 10) / 10
