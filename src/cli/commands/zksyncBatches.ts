import { errorMessage, UsageError } from '../../shared/errors'
import { verifyZksyncBatchRange, type RangeItem } from '../../main/services/zksync/zksyncFlows'
import { ReportBuilder, type FactValue, type Report } from '../../verifier/report'
import type { CommandSpec } from '../command'
import { stringOption } from '../command'
import { cliOperation, cliServices, ONLINE_OPTIONS, overridesFrom } from '../online'
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

/**
 * `lightproof zksync batches --from N --to M [--shard I/N] [--jobs K]` (online): verifies every batch of a
 * range as `zksync batch` does, over one beacon sync, with progress on stderr and a summary line. `--shard I/N`
 * takes the batches n with n mod N = I, so N machines (or scheduler jobs) given 0/N … (N−1)/N cover the range
 * exactly once. `--jobs K` keeps K batches in flight as concurrent async tasks in this process (network-bound
 * work; not worker threads). The report has one check per batch, `zksync.range.<n>`.
 */
export const zksyncBatchesCommand: CommandSpec = {
  path: ['zksync', 'batches'],
  summary: 'verify a range of ZKsync Era batches on L1, shardable across machines (online)',
  usage: '--from N --to M [--shard I/N] [--jobs K] [--beacon URL] [--l1-rpc URL] [--zksync-rpc URL]',
  options: {
    from: { type: 'string', help: 'N  first batch' },
    to: { type: 'string', help: 'M  last batch (inclusive)' },
    shard: { type: 'string', help: 'I/N  take only batches n with n mod N = I (deterministic split)' },
    jobs: { type: 'string', help: 'K  batches in flight at once (concurrent async tasks; default 4)' },
    ...Object.fromEntries(Object.entries(ONLINE_OPTIONS).filter(([k]) => k !== 'save')),
  },
  positionals: { min: 0, max: 0 },
  async run({ values }, ctx): Promise<Report> {
    const from = batchNumberArg(stringOption(values, 'from') ?? '', '--from')
    const to = batchNumberArg(stringOption(values, 'to') ?? '', '--to')
    if (to < from) throw new UsageError('--to must not be below --from')
    if (to - from >= MAX_RANGE)
      throw new UsageError(`a range holds at most ${MAX_RANGE} batches; use --shard`)
    const shardText = stringOption(values, 'shard')
    const shard = shardText ? parseShard(shardText) : { index: 0, count: 1 }
    const jobsText = stringOption(values, 'jobs') ?? '4'
    if (!/^\d{1,2}$/.test(jobsText) || Number(jobsText) < 1 || Number(jobsText) > 64)
      throw new UsageError('--jobs must be 1 to 64')
    const jobs = Number(jobsText)
    const services = await cliServices(ctx)
    const label = `zksync batches ${from}–${to} shard ${shard.index}/${shard.count}`
    const op = cliOperation(services, ctx, label)
    try {
      const { anchor, items } = await verifyZksyncBatchRange(
        services.context,
        op,
        { from, to, shard, jobs },
        { overrides: overridesFrom(values) },
      )
      const r = new ReportBuilder({
        kind: 'zksync-batch-range',
        description: `ZKsync Era batches ${from}–${to} (shard ${shard.index}/${shard.count})`,
        trustRoot: anchor.trust,
      })
      for (const item of items) itemCheck(r, item)
      if (items.length === 0)
        r.skip('zksync.range', 'Batches in this shard', 'the shard holds no batch of the range')
      const count = (v: string) => items.filter((i) => i.report?.verdict === v).length
      const summary = {
        total: items.length,
        verified: count('verified'),
        failed: count('failed'),
        incomplete: count('incomplete'),
        errors: items.filter((i) => !i.report).length,
      }
      r.fact('range', {
        from: from.toString(),
        to: to.toString(),
        shard: `${shard.index}/${shard.count}`,
        jobs,
      })
      r.fact('summary', summary)
      if (anchor.head) r.fact('l1Block', anchor.head.blockNumber.toString())
      r.fact(
        'batches',
        items.map((i): FactValue => ({
          batchNumber: i.batchNumber.toString(),
          verdict: i.report?.verdict ?? 'error',
          status: (i.report?.facts.status as string | undefined) ?? null,
          ...(i.error ? { error: i.error } : {}),
        })),
      )
      const line = `${label}: ${summary.total} batch(es): ${summary.verified} verified, ${summary.failed} failed, ${summary.incomplete} incomplete, ${summary.errors} error(s)`
      ctx.progress(line)
      op.finish(line)
      return r.build()
    } catch (err) {
      op.finish(`failed: ${errorMessage(err)}`)
      throw err
    }
  },
}
