import { randomBytes } from 'node:crypto'
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { HistorySummarySchema, type HistorySummary } from '../../shared/contract/evidence'
import { stringifyJson } from '../../verifier/encoding/json'
import type { Evidence } from '../../verifier/evidence/schema'
import type { Report } from '../../verifier/report'
import { writeFileAtomic } from './atomicFile'

export type { HistorySummary }

/**
 * Every verification the app performs, kept as one file per entry (report + evidence) under
 * `<data dir>/history/`. Entries are independent files written atomically, so a crash can lose at most the
 * entry being written and never corrupts the others; the list is read from the files themselves. Summaries
 * have the shape of the API contract's, which the UI lists.
 */
export interface HistoryEntry extends HistorySummary {
  report: Report
  evidence: Evidence
}

const ID = /^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{8}$/
const MAX_LISTED = 2000

export class HistoryStore {
  readonly dir: string

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'history')
  }

  async add(report: Report, evidence: Evidence, now = new Date()): Promise<HistorySummary> {
    const stamp = now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')
    const id = `${stamp}-${randomBytes(4).toString('hex')}`
    const summary: HistorySummary = {
      id,
      createdAt: now.toISOString(),
      kind: report.subject.kind,
      description: report.subject.description,
      verdict: report.verdict,
      trustRoot: report.subject.trustRoot ?? null,
    }
    await writeFileAtomic(join(this.dir, `${id}.json`), stringifyJson({ ...summary, report, evidence }))
    return summary
  }

  /** Newest first; `query` matches the description, kind, verdict or trust root, case-insensitively. */
  async list(query = ''): Promise<HistorySummary[]> {
    let names: string[]
    try {
      names = (await readdir(this.dir)).filter(
        (n) => ID.test(n.replace(/\.json$/, '')) && n.endsWith('.json'),
      )
    } catch {
      return []
    }
    names.sort().reverse()
    const q = query.trim().toLowerCase()
    const out: HistorySummary[] = []
    for (const name of names.slice(0, MAX_LISTED)) {
      const entry = await this.read(name.replace(/\.json$/, ''))
      if (!entry) continue
      const { report: _r, evidence: _e, ...summary } = entry
      const hay =
        `${summary.description} ${summary.kind} ${summary.verdict} ${summary.trustRoot?.value ?? ''}`.toLowerCase()
      if (!q || hay.includes(q)) out.push(summary)
    }
    return out
  }

  async get(id: string): Promise<HistoryEntry | undefined> {
    return this.read(id)
  }

  async delete(id: string): Promise<boolean> {
    if (!ID.test(id)) return false
    try {
      await rm(join(this.dir, `${id}.json`))
      return true
    } catch {
      return false
    }
  }

  private async read(id: string): Promise<HistoryEntry | undefined> {
    if (!ID.test(id)) return undefined
    try {
      const json = JSON.parse(await readFile(join(this.dir, `${id}.json`), 'utf8')) as HistoryEntry
      const summary = HistorySummarySchema.safeParse(json)
      return summary.success ? json : undefined
    } catch {
      return undefined
    }
  }
}
