import { performance } from 'node:perf_hooks'
import { UsageError } from '../../shared/errors'
import type { Services } from '../../main/services/createServices'
import type { EndpointOverrides } from '../../main/services/endpoints'
import {
  shardBatches,
  verifyZksyncBatchRange,
  type RangeHooks,
  type RangeSpec,
} from '../../main/services/zksync/zksyncFlows'
import type { Report } from '../../verifier/report'
import type { CommandContext } from '../command'
import { classify, isDecided, recordOf, type BatchRecord } from './auditRecord'
import { ProgressDisplay, type ProgressMode } from './auditProgress'
import { auditSummaryReport, countRecords, countsLine } from './auditSummary'
import { readJournal, RunJournal } from './runJournal'

/**
 * `zksync batches … --out DIR`: the range audit with a journal. Around the unchanged per-batch path
 * (verifyZksyncBatchRange) it skips the batches DIR's journal has decided, appends a line per batch as it
 * is decided, draws the progress line, stops cleanly on SIGTERM / SIGINT (what a Kubernetes pod gets before
 * it is killed) and ends with a summary line and a report over the whole shard, earlier runs included.
 */
export interface AuditRunInput {
  ctx: CommandContext
  services: () => Promise<Services>
  spec: Required<Pick<RangeSpec, 'from' | 'to' | 'shard' | 'jobs'>>
  outDir: string
  network: string
  overrides: EndpointOverrides
  /** The verify / save hooks of `zksync batches` (worker pool, --save DIR). */
  hooks: RangeHooks
  label: string
  /** Also verify again the batches the journal has as incomplete (e.g. committed but not yet executed). */
  retryIncomplete: boolean
  /** Facts of `zksync batches` the report carries as well (range, jobs). */
  facts: Report['facts']
}

const SIGNAL_EXIT = { SIGTERM: 143, SIGINT: 130 } as const
type StopSignal = keyof typeof SIGNAL_EXIT

/** The exit status of an audit report: 128+signal when stopped, 3 while batches remain unreachable. */
export function auditExitCode(report: Report): number | undefined {
  const stopped = report.facts.interrupted
  if (typeof stopped === 'string' && stopped in SIGNAL_EXIT) return SIGNAL_EXIT[stopped as StopSignal]
  const counts = report.facts.counts as Record<string, number> | undefined
  if (counts && ((counts.unreachable ?? 0) > 0 || (counts.pending ?? 0) > 0)) return 3
  return undefined
}

function cpuClock(): () => number {
  let last = process.cpuUsage()
  return () => {
    const d = process.cpuUsage(last)
    last = process.cpuUsage()
    return (d.user + d.system) / 1000
  }
}

export async function runAudit(input: AuditRunInput): Promise<Report> {
  const { ctx, spec, outDir } = input
  const shardText = `${spec.shard.index}/${spec.shard.count}`
  const prior = readJournal(outDir, { repair: true })
  const lastRun = prior?.runs.at(-1)
  if (lastRun && lastRun.shard !== shardText)
    throw new UsageError(
      `--out ${outDir} holds shard ${lastRun.shard} of batches ${lastRun.from}–${lastRun.to}; this run is shard ${shardText}: give each shard its own --out`,
    )
  if (lastRun && lastRun.network !== input.network)
    throw new UsageError(
      `--out ${outDir} holds an audit of network '${lastRun.network}'; this run is on '${input.network}'`,
    )
  if (prior && prior.tornBytes > 0)
    ctx.progress(
      `${prior.file}: dropped a torn last line (${prior.tornBytes} bytes, left by a crash); that batch is verified again`,
    )

  const numbers = shardBatches(spec)
  const lines = new Map<string, BatchRecord>(prior?.batches ?? [])
  const redo = (r: BatchRecord) =>
    !isDecided(r) ||
    (input.retryIncomplete && (r.verdict === 'incomplete' || classify(r) === 'settledOnGateway'))
  let skipped = 0
  let retried = 0
  for (const n of numbers) {
    const r = lines.get(n.toString())
    if (!r) continue
    if (redo(r)) retried++
    else skipped++
  }
  const todo = numbers.length - skipped
  if (prior && prior.batches.size > 0)
    ctx.progress(
      `resuming ${outDir}: ${skipped} batch(es) already decided are skipped; ${todo} to verify (${retried} retried)`,
    )

  const journal = RunJournal.open(outDir)
  const cpu = cpuClock()
  const startedAtMs = Date.now()
  journal.append({
    type: 'run',
    version: 1,
    from: spec.from.toString(),
    to: spec.to.toString(),
    shard: shardText,
    network: input.network,
    startedAt: new Date(startedAtMs).toISOString(),
    skipped,
  })
  const mode: ProgressMode = ctx.json ? 'quiet' : ctx.terminal ? 'tty' : 'log'
  const display = new ProgressDisplay(mode, input.label, (t) =>
    ctx.terminal ? ctx.terminal(t) : ctx.progress(t.replace(/\n$/, '')),
  )
  const inScope = () => numbers.map((n) => lines.get(n.toString())).filter((r): r is BatchRecord => !!r)
  let counts = countRecords(inScope())
  let doneThisRun = 0
  // The rate counts from the first batch, not from the start of the beacon sync before it.
  let rateFromMs = startedAtMs
  const progress = () =>
    display.update({
      done: skipped + doneThisRun,
      total: numbers.length,
      doneThisRun,
      startedAtMs: rateFromMs,
      counts,
    })

  // An object, not a `let`: the signal handler sets it, which TypeScript's narrowing cannot see.
  const stop: { signal: StopSignal | null } = { signal: null }
  let anchorTrust: Report['subject']['trustRoot']
  let l1Block: string | null = null
  let cpuMs = 0
  const tick = () => {
    const ms = cpu()
    cpuMs += ms
    return ms
  }

  if (todo > 0) {
    const services = await input.services()
    let opId: string | null = null
    const onSignal = (sig: StopSignal) => {
      if (stop.signal) process.exit(SIGNAL_EXIT[sig]) // a second signal: stop now
      stop.signal = sig
      display.end()
      ctx.progress(
        `${input.label}: ${sig}: stopping after the batches in flight; run again with --out ${outDir} to finish`,
      )
      if (opId) services.context.operations.cancel(opId)
    }
    const onTerm = () => onSignal('SIGTERM')
    const onInt = () => onSignal('SIGINT')
    process.on('SIGTERM', onTerm)
    process.on('SIGINT', onInt)
    let batchesStarted = false
    const op = services.context.operations.start('cli', input.label, (p) => {
      // Before the first batch (the beacon sync), the flow's own messages are the progress.
      if (!batchesStarted && !p.finished) display.note(p.message)
    })
    opId = op.id
    const started = new Map<bigint, number>()
    const collected = new Map<bigint, number>()
    try {
      const { anchor } = await verifyZksyncBatchRange(
        services.context,
        op,
        { ...spec, skip: (n) => lines.has(n.toString()) && !redo(lines.get(n.toString())!) },
        { overrides: input.overrides },
        {
          ...input.hooks,
          keepItems: false,
          onStart: (n) => {
            if (!batchesStarted) rateFromMs = Date.now()
            batchesStarted = true
            started.set(n, performance.now())
          },
          onEvidence: async (n, evidence) => {
            collected.set(n, performance.now())
            await input.hooks.onEvidence?.(n, evidence)
          },
          onItem: (item) => {
            const n = item.batchNumber
            const t0 = started.get(n) ?? performance.now()
            const t1 = collected.get(n) ?? performance.now()
            started.delete(n)
            collected.delete(n)
            // A batch cut short by the stop has no verdict: it is left for the next run, not marked unreachable.
            if (stop.signal && !item.report) return
            const now = performance.now()
            const verifyMs = item.report?.timings.verifyInWorker ?? 0
            const rec = recordOf(
              n,
              item.report,
              item.error,
              { collectMs: t1 - t0, verifyMs, totalMs: now - t0 },
              tick(),
            )
            journal.append(rec)
            const before = lines.get(rec.batchNumber)
            lines.set(rec.batchNumber, rec)
            if (before) counts[classify(before)]--
            else counts.total++
            counts[classify(rec)]++
            doneThisRun++
            progress()
          },
        },
      )
      anchorTrust = anchor.trust
      l1Block = anchor.head?.blockNumber.toString() ?? null
      op.finish('done')
    } catch (err) {
      op.fail('failed')
      // Stopped before the batches started (during the beacon sync): the report says so; anything else is an error.
      if (!stop.signal) {
        journal.close()
        throw err
      }
    } finally {
      process.off('SIGTERM', onTerm)
      process.off('SIGINT', onInt)
      display.end()
    }
  }

  const records = inScope()
  counts = countRecords(records)
  const pending = numbers.length - records.length
  const runCpu = tick()
  journal.append({
    type: 'summary',
    counts: { ...counts, pending },
    total: numbers.length,
    skipped,
    interrupted: stop.signal !== null,
    finishedAt: new Date().toISOString(),
    cpuMs: Math.round(runCpu * 10) / 10,
  })
  journal.close()
  const line = `${input.label}: ${countsLine(counts)}; ${skipped} skipped (decided earlier)${pending ? `, ${pending} not verified yet` : ''}`
  if (!ctx.json) ctx.progress(line)
  return auditSummaryReport({
    kind: 'zksync-batch-range',
    description: `ZKsync Era batches ${spec.from}–${spec.to} (shard ${shardText}), journal ${journal.file}`,
    ...(anchorTrust ? { trustRoot: anchorTrust } : {}),
    records,
    pending,
    pendingHint: `run again with the same --out ${outDir}`,
    cpuMs: (prior?.cpuMs ?? 0) + cpuMs,
    facts: {
      ...input.facts,
      journal: journal.file,
      network: input.network,
      resume: { skipped, retried, tornLineDropped: (prior?.tornBytes ?? 0) > 0 },
      ...(l1Block ? { l1Block } : {}),
      ...(stop.signal ? { interrupted: stop.signal } : {}),
    },
  })
}
