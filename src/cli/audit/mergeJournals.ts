import { InputError } from '../../shared/errors'
import type { FactValue, Report } from '../../verifier/report'
import type { BatchRecord } from './auditRecord'
import { auditSummaryReport } from './auditSummary'
import { readJournal, type JournalState } from './runJournal'

/**
 * `lightproof report merge DIR…`: the journals of an audit's shards (each `zksync batches --shard I/N --out
 * DIR`) as one summary. Each journal claims the batches of its last run's range and shard; the claims must
 * not overlap and must together cover one range without a gap, and every claimed batch must have a line —
 * otherwise the merge is refused (InputError, exit 2) with what is wrong, because a summary over a partial or
 * double-counted audit would answer a question nobody asked.
 */

/** Batches a merge enumerates at most (all of Era is ~0.6 M). */
const MAX_MERGED = 20_000_000n

interface Claim {
  dir: string
  journal: JournalState
  from: bigint
  to: bigint
  index: bigint
  count: bigint
}

function claimOf(dir: string): Claim {
  const journal = readJournal(dir)
  if (!journal) throw new InputError(`${dir}: no batches.jsonl — not an --out directory of 'zksync batches'`)
  const run = journal.runs.at(-1)
  if (!run) throw new InputError(`${journal.file}: no run line — not a journal of 'zksync batches --out'`)
  const [index, count] = run.shard.split('/').map((x) => BigInt(x)) as [bigint, bigint]
  return { dir, journal, from: BigInt(run.from), to: BigInt(run.to), index, count }
}

function firstOf(n: bigint, c: Claim): bigint {
  const r = (((n - c.index) % c.count) + c.count) % c.count
  return r === 0n ? n : n + (c.count - r)
}

const claimText = (c: Claim) => `${c.dir} (batches ${c.from}–${c.to}, shard ${c.index}/${c.count})`

export function mergeJournals(dirs: string[]): Report {
  const claims = dirs.map(claimOf)
  const networks = [...new Set(claims.map((c) => c.journal.runs.at(-1)!.network))]
  if (networks.length > 1)
    throw new InputError(`the journals are of different networks (${networks.join(', ')}): not one audit`)
  const from = claims.reduce((m, c) => (c.from < m ? c.from : m), claims[0]!.from)
  const to = claims.reduce((m, c) => (c.to > m ? c.to : m), claims[0]!.to)
  if (to - from + 1n > MAX_MERGED)
    throw new InputError(
      `the journals span ${to - from + 1n} batches, more than a merge takes (${MAX_MERGED})`,
    )

  // Who claims each batch: an overlap or a gap is found batch by batch, with the first one named.
  const owner = new Map<bigint, number>()
  claims.forEach((c, i) => {
    for (let n = firstOf(c.from, c); n <= c.to; n += c.count) {
      const other = owner.get(n)
      if (other !== undefined)
        throw new InputError(
          `overlapping ranges: batch ${n} belongs to both ${claimText(claims[other]!)} and ${claimText(c)}`,
        )
      owner.set(n, i)
    }
  })
  const gaps: bigint[] = []
  let gapCount = 0
  for (let n = from; n <= to; n++) {
    if (owner.has(n)) continue
    gapCount++
    if (gaps.length < 5) gaps.push(n)
  }
  if (gapCount > 0)
    throw new InputError(
      `missing range: ${gapCount} batch(es) of ${from}–${to} belong to no journal given (first: ${gaps.join(', ')}); add the shards that hold them`,
    )

  const records: BatchRecord[] = []
  const unfinished = claims.map(() => ({ count: 0, first: [] as bigint[] }))
  for (let n = from; n <= to; n++) {
    const i = owner.get(n)!
    const rec = claims[i]!.journal.batches.get(n.toString())
    if (rec) {
      records.push(rec)
      continue
    }
    const u = unfinished[i]!
    u.count++
    if (u.first.length < 5) u.first.push(n)
  }
  const notDone = claims
    .map((c, i) => ({ c, u: unfinished[i]! }))
    .filter(({ u }) => u.count > 0)
    .map(
      ({ c, u }) =>
        `${claimText(c)}: ${u.count} batch(es) without a line (first: ${u.first.join(', ')}); run it again with the same --out`,
    )
  if (notDone.length > 0) throw new InputError(`missing batches: ${notDone.join('; ')}`)

  const torn = claims.filter((c) => c.journal.tornBytes > 0)
  const shards = claims.map((c): FactValue => ({
    dir: c.dir,
    journal: c.journal.file,
    from: c.from.toString(),
    to: c.to.toString(),
    shard: `${c.index}/${c.count}`,
    runs: c.journal.runs.length,
    interruptedRuns: c.journal.summaries.filter((s) => s.interrupted).length,
    cpuMs: Math.round(c.journal.cpuMs),
  }))
  return auditSummaryReport({
    kind: 'zksync-batch-audit',
    description: `ZKsync Era batches ${from}–${to}, merged from ${claims.length} shard journal(s)`,
    records,
    pending: 0,
    pendingHint: '',
    cpuMs: claims.reduce((s, c) => s + c.journal.cpuMs, 0),
    facts: {
      range: { from: from.toString(), to: to.toString() },
      network: networks[0]!,
      shards,
      ...(torn.length > 0 ? { tornLinesIgnored: torn.map((c) => c.journal.file) } : {}),
    },
  })
}
