import type { Evidence } from '../../../verifier/evidence/schema'
import { verifyEvidence } from '../../../verifier/kinds/verifyEvidence'
import type { FactValue, Report } from '../../../verifier/report'
import { diffWatchReports, type WatchDiff } from '../../../verifier/zksync/watch/diffWatch'
import { zksyncWatchKind } from '../../../verifier/kinds/zksyncWatchKind'
import type { WatchTimelineRow } from '../../../shared/contract/zksync'
import type { HistoryStore } from '../../store/historyStore'

const ZKSYNC_WATCH_KIND = zksyncWatchKind.kind

/** Newest first by creation time (history ids order by the second only; two runs may share one). */
function newestFirst<T extends { createdAt: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
}

/** The snapshot a watch run is compared with: a saved evidence, from the history or a file the user named. */
export interface WatchBaseline {
  /** The history entry id, or the file's path. */
  source: string
  createdAt: string
  evidence: Evidence
}

/**
 * The newest verified zksync-watch snapshot in the history (the evidence store every verification is kept in),
 * or undefined when there is none yet. Only its evidence is used: it is verified again before it is compared.
 */
export async function lastWatchSnapshot(history: HistoryStore): Promise<WatchBaseline | undefined> {
  for (const summary of newestFirst(await history.list(ZKSYNC_WATCH_KIND))) {
    if (summary.kind !== ZKSYNC_WATCH_KIND || summary.verdict !== 'verified') continue
    const entry = await history.get(summary.id)
    if (entry)
      return { source: `history ${summary.id}`, createdAt: entry.createdAt, evidence: entry.evidence }
  }
  return undefined
}

/**
 * `facts.sinceLastSnapshot` of a verified watch report: the baseline re-verified from its own evidence (so each
 * earlier value rests on its own proof) and the watched fields that changed, both values each; null when there is
 * no baseline yet. A baseline that no longer verifies is named, and nothing is compared with it.
 */
export async function compareWithBaseline(
  report: Report,
  baseline: WatchBaseline | undefined,
): Promise<{ fact: FactValue; diff?: WatchDiff }> {
  if (!baseline) return { fact: null }
  if (baseline.evidence.kind !== ZKSYNC_WATCH_KIND)
    return {
      fact: { baseline: baseline.source, compared: false, reason: `not a ${ZKSYNC_WATCH_KIND} evidence` },
    }
  const earlier = await verifyEvidence(baseline.evidence)
  if (earlier.verdict !== 'verified')
    return {
      fact: {
        baseline: baseline.source,
        compared: false,
        reason: `the baseline snapshot re-verifies as ${earlier.verdict}, so nothing is compared with it`,
      },
    }
  const diff = diffWatchReports(earlier, report)
  return {
    fact: {
      baseline: baseline.source,
      baselineCreatedAt: baseline.createdAt,
      compared: true,
      ...(diff as unknown as Record<string, FactValue>),
    },
    diff,
  }
}

/**
 * The timeline of the GUI's watch page: the newest `limit` zksync-watch snapshots of the history, oldest first,
 * each verified again from its evidence, with the watched fields that changed since the verified snapshot before
 * it (alerts marked).
 */
export async function watchTimeline(history: HistoryStore, limit = 10): Promise<WatchTimelineRow[]> {
  const summaries = newestFirst(await history.list(ZKSYNC_WATCH_KIND))
    .filter((s) => s.kind === ZKSYNC_WATCH_KIND)
    .slice(0, limit)
    .reverse()
  const rows: WatchTimelineRow[] = []
  let previous: Report | undefined
  for (const s of summaries) {
    const entry = await history.get(s.id)
    if (!entry) continue
    const report = await verifyEvidence(entry.evidence)
    const changes =
      report.verdict === 'verified' && previous
        ? diffWatchReports(previous, report).changes.map(({ field, what, alert }) => ({ field, what, alert }))
        : []
    rows.push({
      historyId: s.id,
      createdAt: s.createdAt,
      asOf: typeof report.facts.asOf === 'string' ? report.facts.asOf : null,
      verdict: report.verdict,
      changes,
    })
    if (report.verdict === 'verified') previous = report
  }
  return rows
}
