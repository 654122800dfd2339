import { mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { errorMessage, UsageError } from '../../shared/errors'
import { writeFileAtomic } from '../../main/store/atomicFile'
import { verifyZksyncBatchRange, type RangeItem } from '../../main/services/zksync/zksyncFlows'
import { VerifyPool } from '../../main/workers/verifyPool'
import { stringifyJson } from '../../verifier/encoding/json'
import type { Evidence } from '../../verifier/evidence/schema'
import { ReportBuilder, type FactValue, type Report } from '../../verifier/report'
import type { CommandSpec } from '../command'
import { stringOption } from '../command'
import { resolveEndpoints } from '../../main/services/endpoints'
import { auditExitCode, runAudit } from '../audit/auditRun'
import { recordOf } from '../audit/auditRecord'
import { countRecords } from '../audit/auditSummary'
import { cliOperation, cliServices, GATEWAY_OPTION, ONLINE_OPTIONS, overridesFrom } from '../online'
import { batchNumberArg } from './zksyncBatch'

const MAX_RANGE = 1_000_000n

/** `I/N` with 0 ≤ I < N. */
export function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(value)
  const index = m ? Number(m[1]) : NaN
  const count = m ? Number(m[2]) : NaN
  if (!m || count < 1 || index >= count)
    throw new UsageError(`--shard must be I/N with 0 ≤ I < N (e.g. 0/4), got '${value}'`)
  return { index, count }
}

function itemCheck(r: ReportBuilder, item: RangeItem): void {
  const id = `zksync.range.${item.batchNumber}`
  const title = `Batch ${item.batchNumber}`
  if (!item.report) {
    r.error(id, title, `not verified: ${item.error ?? 'unknown error'}`)
    return
  }
  const rep = item.report
  const status = String(rep.facts.status ?? 'unknown')
  const open = rep.checks.filter((c) => c.required && c.status !== 'pass').map((c) => c.id)
  const detail = `${rep.verdict}, ${status}${open.length ? `; ${open.join(', ')}` : ''}`
  r.add(id, title, rep.verdict === 'verified' ? 'pass' : rep.verdict === 'failed' ? 'fail' : 'skip', detail)
}

/** Whether a batch's report says it settled on another layer (Gateway): it has `zksync.batch.settledElsewhere`. */
export function settledOnGateway(report: Report | null): boolean {
  return report?.checks.some((c) => c.id === 'zksync.batch.settledElsewhere') ?? false
}

/** The file `--save DIR` writes for batch n. */
export function batchEvidenceFile(dir: string, n: bigint): string {
  return join(dir, `zksync-batch-${n}.evidence.json`)
}

function prepareSaveDir(dir: string): void {
  let isDir: boolean
  try {
    isDir = statSync(dir).isDirectory()
  } catch {
    mkdirSync(dir, { recursive: true })
    return
  }
  if (!isDir)
    throw new UsageError(`--save ${dir}: not a directory (zksync batches writes one file per batch)`)
}

/**
 * `lightproof zksync batches --from N --to M [--shard I/N] [--jobs K] [--save DIR]` (online): verifies every
 * batch of a range as `zksync batch` does, over one beacon sync, with progress on stderr and a summary line.
 * `--shard I/N` takes the batches n with n mod N = I, so N machines (or scheduler jobs) given 0/N … (N−1)/N cover
 * the range exactly once. `--jobs K` keeps K batches in flight: their evidence is fetched by async tasks in the
 * main thread and verified by a pool of K worker threads. `--save DIR` writes each batch's evidence to
 * DIR/zksync-batch-<n>.evidence.json before it is verified, for `lightproof verify FILE` anywhere. The report has
 * one check per batch, `zksync.range.<n>`. `--out DIR` makes the run an audit with a journal (audit/auditRun.ts):
 * resumable, with a progress line, and a report that counts verdicts over the whole shard.
 */
export const zksyncBatchesCommand: CommandSpec = {
  usage:
    '--from N --to M [--shard I/N] [--jobs K] [--out DIR [--retry-incomplete]] [--save DIR] [--beacon URL] [--l1-rpc URL] [--zksync-rpc URL] [--gateway-rpc URL]',
  options: {
    from: { type: 'string', help: 'N  first batch' },
    to: { type: 'string', help: 'M  last batch (inclusive)' },
    shard: { type: 'string', help: 'I/N  take only batches n with n mod N = I (deterministic split)' },
    jobs: { type: 'string', help: 'K  batches in flight, verified by K worker threads (1–64; default 2)' },
    ...Object.fromEntries(Object.entries(ONLINE_OPTIONS).filter(([k]) => k !== 'save')),
    ...GATEWAY_OPTION,
    save: {
      type: 'string',
      help: 'DIR  also write each batch’s evidence to DIR/zksync-batch-<n>.evidence.json',
    },
    out: {
      type: 'string',
      help: 'DIR  journal every batch to DIR/batches.jsonl; run again with the same DIR to resume',
    },
    'retry-incomplete': {
      type: 'boolean',
      help: 'with --out: verify again the batches the journal has as incomplete (unreachable ones always are)',
    },
  },
  exitCode: auditExitCode,
  positionals: { min: 0, max: 0 },
  async run({ values }, ctx): Promise<Report> {
    const from = batchNumberArg(stringOption(values, 'from') ?? '', '--from')
    const to = batchNumberArg(stringOption(values, 'to') ?? '', '--to')
    if (to < from) throw new UsageError('--to must not be below --from')
    if (to - from >= MAX_RANGE)
      throw new UsageError(`a range holds at most ${MAX_RANGE} batches; use --shard`)
    const shardText = stringOption(values, 'shard')
    const shard = shardText ? parseShard(shardText) : { index: 0, count: 1 }
    const jobsText = stringOption(values, 'jobs') ?? '2'
    if (!/^\d{1,2}$/.test(jobsText) || Number(jobsText) < 1 || Number(jobsText) > 64)
      throw new UsageError('--jobs must be 1 to 64')
    const jobs = Number(jobsText)
    const saveDir = stringOption(values, 'save')
    if (saveDir) prepareSaveDir(saveDir)
    const outDir = stringOption(values, 'out')
    if (values['retry-incomplete'] && !outDir) throw new UsageError('--retry-incomplete needs --out DIR')
    const label = `zksync batches ${from}–${to} shard ${shard.index}/${shard.count}`
    // One job = verifying one batch's evidence in a worker thread; fetching stays in this thread.
    const pool = new VerifyPool({ size: jobs })
    let inWorkersMs = 0
    const saved = new Map<bigint, string>()
    const hooks = {
      verify: async (evidence: Evidence, signal: AbortSignal) => {
        const done = await pool.verify(evidence, { signal })
        done.report.timings.verifyInWorker = done.verifyMs
        inWorkersMs += done.verifyMs
        return done.report
      },
      ...(saveDir
        ? {
            onEvidence: async (n: bigint, evidence: Evidence) => {
              const file = batchEvidenceFile(saveDir, n)
              await writeFileAtomic(file, stringifyJson(evidence, 2) + '\n', 0o644)
              saved.set(n, file)
            },
          }
        : {}),
    }
    const rangeFacts = {
      from: from.toString(),
      to: to.toString(),
      shard: `${shard.index}/${shard.count}`,
      jobs,
      verification: `${jobs} worker thread(s)`,
    }
    if (outDir) {
      try {
        const services = await cliServices(ctx)
        const overrides = overridesFrom(values)
        const { network } = await resolveEndpoints(services.context, overrides)
        return await runAudit({
          ctx,
          services: () => Promise.resolve(services),
          spec: { from, to, shard, jobs },
          outDir,
          network,
          overrides,
          hooks,
          label,
          retryIncomplete: values['retry-incomplete'] === true,
          facts: { range: rangeFacts, ...(saveDir ? { savedTo: saveDir } : {}) },
        })
      } finally {
        await pool.close()
      }
    }
    const services = await cliServices(ctx)
    const op = cliOperation(services, ctx, label)
    try {
      const { anchor, items } = await verifyZksyncBatchRange(
        services.context,
        op,
        { from, to, shard, jobs },
        { overrides: overridesFrom(values) },
        hooks,
      )
      const r = new ReportBuilder({
        kind: 'zksync-batch-range',
        description: `ZKsync Era batches ${from}–${to} (shard ${shard.index}/${shard.count})`,
        trustRoot: anchor.trust,
      })
      for (const item of items) itemCheck(r, item)
      if (items.length === 0)
        r.skip('zksync.range', 'Batches in this shard', 'the shard holds no batch of the range')
      // A batch that settled on Gateway is counted apart from the other incomplete ones: it is not in doubt,
      // only not provable from L1 (issue 17, check zksync.batch.settledElsewhere).
      const elsewhere = (i: RangeItem) => settledOnGateway(i.report)
      const count = (v: string) =>
        items.filter((i) => i.report?.verdict === v && (v !== 'incomplete' || !elsewhere(i))).length
      const summary = {
        total: items.length,
        verified: count('verified'),
        failed: count('failed'),
        incomplete: count('incomplete'),
        settledOnGateway: items.filter(elsewhere).length,
        errors: items.filter((i) => !i.report).length,
      }
      r.fact('range', rangeFacts)
      if (saveDir) r.fact('savedTo', saveDir)
      r.timing('verifyInWorkers', inWorkersMs)
      r.fact('summary', summary)
      // The same counts as an audit journal's (`--out`), so a plain run and an audit compare directly.
      const zero = { collectMs: 0, verifyMs: 0, totalMs: 0 }
      r.fact('counts', {
        ...countRecords(items.map((i) => recordOf(i.batchNumber, i.report, i.error, zero, 0))),
        pending: 0,
      })
      if (anchor.head) r.fact('l1Block', anchor.head.blockNumber.toString())
      r.fact(
        'batches',
        items.map((i): FactValue => ({
          batchNumber: i.batchNumber.toString(),
          verdict: i.report?.verdict ?? 'error',
          status: (i.report?.facts.status as string | undefined) ?? null,
          ...(settledOnGateway(i.report) ? { settledOnGateway: true } : {}),
          ...(i.error ? { error: i.error } : {}),
          ...(saved.has(i.batchNumber) ? { evidenceFile: saved.get(i.batchNumber)! } : {}),
        })),
      )
      const line = `${label}: ${summary.total} batch(es): ${summary.verified} verified, ${summary.failed} failed, ${summary.incomplete} incomplete, ${summary.settledOnGateway} settled on Gateway, ${summary.errors} error(s)`
      ctx.progress(line)
      op.finish(line)
      return r.build()
    } catch (err) {
      op.fail(`failed: ${errorMessage(err)}`)
      throw err
    } finally {
      await pool.close()
    }
  },
}
