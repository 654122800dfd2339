import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  classify,
  recordOf,
  SETTLED_ELSEWHERE_CHECK,
  type BatchRecord,
} from '../../src/cli/audit/auditRecord'
import { formatDuration, ProgressDisplay, progressLine } from '../../src/cli/audit/auditProgress'
import { auditExitCode } from '../../src/cli/audit/auditRun'
import { auditSummaryReport, countRecords } from '../../src/cli/audit/auditSummary'
import { mergeJournals } from '../../src/cli/audit/mergeJournals'
import { readJournal, RunJournal, JOURNAL_FILE } from '../../src/cli/audit/runJournal'
import { runCli } from '../../src/cli/main'
import { ReportBuilder, type Report } from '../../src/verifier/report'

/** The audit layer of `zksync batches --out` and `report merge`: records, journal, summaries, merge. */
const T = { collectMs: 1, verifyMs: 2, totalMs: 3 }

function batchReport(
  checks: [string, 'pass' | 'fail' | 'skip' | 'error', boolean?][],
  status = 'executed',
): Report {
  const r = new ReportBuilder({ kind: 'zksync-batch', description: 'batch' })
  for (const [id, s, required] of checks) r.add(id, id, s, '', { required: required ?? true })
  return r.fact('status', status).build()
}

const verified = () => batchReport([['zksync.batch.storedHash', 'pass']])
const failed = () =>
  batchReport([
    ['zksync.batch.storedHash', 'pass'],
    ['zksync.batch.committed', 'fail'],
    ['zksync.commitTx.calldata', 'skip'],
  ])
const incomplete = () =>
  batchReport([
    ['zksync.batch.storedHash', 'pass'],
    ['zksync.batch.sbiBinding', 'skip'],
  ])
/** What the gateway flow reports for a batch settled on Gateway: the check skipped, required. */
const onGateway = () =>
  batchReport([
    ['zksync.batch.storedHash', 'pass'],
    [SETTLED_ELSEWHERE_CHECK, 'skip'],
  ])

function rec(n: number, report: Report | null, error: string | null = null): BatchRecord {
  return recordOf(BigInt(n), report, error, T, 5)
}

describe('audit records', () => {
  it('classify a batch from its report: verified, failed, incomplete, settled on Gateway, unreachable', () => {
    expect(classify(rec(1, verified()))).toBe('verified')
    expect(classify(rec(2, failed()))).toBe('failed')
    expect(classify(rec(3, incomplete()))).toBe('incomplete')
    expect(classify(rec(4, onGateway()))).toBe('settledOnGateway')
    expect(classify(rec(5, null, 'http://x: timed out'))).toBe('unreachable')
    // A batch that also fails a check is failed, whatever else it says.
    const both = batchReport([
      [SETTLED_ELSEWHERE_CHECK, 'skip'],
      ['zksync.batch.committed', 'fail'],
    ])
    expect(classify(rec(6, both))).toBe('failed')
    // A passing settledElsewhere check (settled on L1 after all) does not make it a Gateway batch.
    const passed = batchReport([
      ['zksync.batch.storedHash', 'pass'],
      [SETTLED_ELSEWHERE_CHECK, 'pass'],
    ])
    expect(classify(rec(7, passed))).toBe('verified')
  })

  it('keep the failing and incomplete check ids, the first one that stopped the batch, and the timings', () => {
    const r = rec(9, failed())
    expect(r).toMatchObject({
      batchNumber: '9',
      verdict: 'failed',
      status: 'executed',
      failing: ['zksync.batch.committed'],
      incomplete: ['zksync.commitTx.calldata'],
      firstFailingCheck: 'zksync.batch.committed',
      timings: T,
      cpuMs: 5,
    })
    expect(rec(4, onGateway()).firstFailingCheck).toBe(SETTLED_ELSEWHERE_CHECK)
    // The Gateway check names what stopped the batch even when the checks it skips come first in the report.
    const skipsFirst = batchReport([
      ['zksync.commitTx.calldata', 'skip'],
      [SETTLED_ELSEWHERE_CHECK, 'skip'],
    ])
    expect(rec(5, skipsFirst).firstFailingCheck).toBe(SETTLED_ELSEWHERE_CHECK)
    expect(rec(5, null, 'down')).toMatchObject({
      verdict: 'unreachable',
      error: 'down',
      firstFailingCheck: null,
    })
  })

  it('count each batch once: settled-on-Gateway batches are not also incomplete', () => {
    const c = countRecords([rec(1, verified()), rec(2, failed()), rec(3, incomplete()), rec(4, onGateway())])
    expect(c).toEqual({
      verified: 1,
      failed: 1,
      incomplete: 1,
      settledOnGateway: 1,
      unreachable: 0,
      total: 4,
    })
  })
})

describe('the audit summary report', () => {
  const summary = (records: BatchRecord[], pending = 0) =>
    auditSummaryReport({
      kind: 'zksync-batch-range',
      description: 'test',
      records,
      pending,
      pendingHint: 'run again',
      cpuMs: 42,
      facts: {},
    })

  it('is verified only when every batch is, and lists the others with their first failing check', () => {
    const ok = summary([rec(1, verified()), rec(2, verified())])
    expect(ok.verdict).toBe('verified')
    expect(ok.checks.map((c) => c.id)).toEqual(['zksync.range.verified'])
    const mixed = summary([rec(1, verified()), rec(2, failed()), rec(3, onGateway()), rec(4, null, 'down')])
    expect(mixed.verdict).toBe('failed')
    expect(mixed.facts.counts).toMatchObject({ verified: 1, failed: 1, settledOnGateway: 1, unreachable: 1 })
    expect(mixed.facts.nonVerified).toEqual([
      expect.objectContaining({
        batchNumber: '2',
        verdict: 'failed',
        firstFailingCheck: 'zksync.batch.committed',
      }),
      expect.objectContaining({
        batchNumber: '3',
        verdict: 'settledOnGateway',
        firstFailingCheck: SETTLED_ELSEWHERE_CHECK,
      }),
      expect.objectContaining({ batchNumber: '4', verdict: 'unreachable', error: 'down' }),
    ])
    expect(mixed.checks.find((c) => c.id === 'zksync.range.3')?.status).toBe('skip')
    expect(mixed.facts.cpuMs).toBe(42)
    expect(summary([rec(1, verified()), rec(2, onGateway())]).verdict).toBe('incomplete')
  })

  it('a stopped run is incomplete with its pending batches, and never verified', () => {
    const r = summary([rec(1, verified())], 3)
    expect(r.verdict).toBe('incomplete')
    expect(r.checks.find((c) => c.id === 'zksync.range.pending')?.detail).toMatch(/3 batch\(es\).*run again/)
    expect(summary([]).verdict).toBe('incomplete')
  })

  it('exit codes: 3 while batches are unreachable or pending, 143 / 130 when stopped by a signal', () => {
    expect(auditExitCode(summary([rec(1, verified())]))).toBeUndefined()
    expect(auditExitCode(summary([rec(1, failed()), rec(2, null, 'down')]))).toBe(3)
    const stopped = summary([rec(1, verified())], 2)
    expect(auditExitCode(stopped)).toBe(3)
    expect(auditExitCode({ ...stopped, facts: { ...stopped.facts, interrupted: 'SIGTERM' } })).toBe(143)
    expect(auditExitCode({ ...stopped, facts: { ...stopped.facts, interrupted: 'SIGINT' } })).toBe(130)
  })
})

function journalDir(lines: object[], extra = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'lp-journal-'))
  writeFileSync(join(dir, JOURNAL_FILE), lines.map((l) => JSON.stringify(l) + '\n').join('') + extra)
  return dir
}

const runLine = (shard: string, from = '1', to = '6', network = 'devnet') => ({
  type: 'run',
  version: 1,
  from,
  to,
  shard,
  network,
  startedAt: '2026-01-01T00:00:00.000Z',
  skipped: 0,
})

describe('the run journal', () => {
  it('appends whole lines and reads them back; a later line about a batch wins', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lp-journal-')), 'new')
    const j = RunJournal.open(dir)
    j.append(runLine('0/1') as never)
    j.append(rec(1, null, 'down'))
    j.append(rec(1, verified()))
    j.append(rec(2, failed()))
    j.close()
    const s = readJournal(dir)!
    expect(s.runs).toHaveLength(1)
    expect(s.batches.get('1')?.verdict).toBe('verified')
    expect(s.batches.get('2')?.verdict).toBe('failed')
    expect(s.tornBytes).toBe(0)
    expect(s.cpuMs).toBe(15)
    expect(readJournal(join(dir, 'nothing-here'))).toBeNull()
  })

  it('drops a torn last line (a crash mid-write) and, when repairing, cuts it from the file', () => {
    const dir = journalDir([runLine('0/1'), rec(1, verified())], '{"type":"batch","batchNum')
    const file = join(dir, JOURNAL_FILE)
    const before = readFileSync(file, 'utf8')
    const s = readJournal(dir)!
    expect(s.tornBytes).toBe(25)
    expect([...s.batches.keys()]).toEqual(['1'])
    expect(readFileSync(file, 'utf8')).toBe(before)
    readJournal(dir, { repair: true })
    expect(readFileSync(file, 'utf8').endsWith('}\n')).toBe(true)
    // The next append starts on a line of its own.
    const j = RunJournal.open(dir)
    j.append(rec(2, verified()))
    j.close()
    expect([...readJournal(dir)!.batches.keys()]).toEqual(['1', '2'])
  })

  it('refuses a damaged line that is not the last, naming the line', () => {
    const dir = journalDir([runLine('0/1')], '{"type":"batch"}\n')
    expect(() => readJournal(dir)).toThrow(/line 2: not a journal line/)
    const dir2 = journalDir([runLine('0/1')], 'garbage\n' + JSON.stringify(rec(1, verified())) + '\n')
    expect(() => readJournal(dir2)).toThrow(/line 2: not JSON/)
  })
})

describe('report merge', () => {
  const shard0 = () => journalDir([runLine('0/2'), rec(2, verified()), rec(4, failed()), rec(6, verified())])
  const shard1 = () =>
    journalDir([runLine('1/2'), rec(1, verified()), rec(3, onGateway()), rec(5, incomplete())])

  it('merges shards into one summary, in batch order', () => {
    const m = mergeJournals([shard1(), shard0()])
    expect(m.facts.counts).toMatchObject({
      verified: 3,
      failed: 1,
      incomplete: 1,
      settledOnGateway: 1,
      total: 6,
    })
    expect((m.facts.nonVerified as { batchNumber: string }[]).map((x) => x.batchNumber)).toEqual([
      '3',
      '4',
      '5',
    ])
    expect(m.facts.range).toEqual({ from: '1', to: '6' })
    expect(m.verdict).toBe('failed')
  })

  it('refuses overlapping shards, a gap, an unfinished shard and mixed networks', () => {
    const a = shard0()
    expect(() => mergeJournals([a, a, shard1()])).toThrow(/overlapping ranges: batch 2 belongs to both/)
    expect(() => mergeJournals([shard0()])).toThrow(/missing range: 3 batch\(es\) of 1–6 .*first: 1, 3, 5/)
    const next = journalDir([runLine('0/1', '8', '9'), rec(8, verified()), rec(9, verified())])
    expect(() => mergeJournals([shard0(), shard1(), next])).toThrow(
      /missing range: 1 batch\(es\) of 1–9.*first: 7/,
    )
    const unfinished = journalDir([runLine('1/2'), rec(1, verified())])
    expect(() => mergeJournals([shard0(), unfinished])).toThrow(
      /2 batch\(es\) without a line \(first: 3, 5\)/,
    )
    const other = journalDir([
      runLine('1/2', '1', '6', 'sepolia'),
      rec(1, verified()),
      rec(3, verified()),
      rec(5, verified()),
    ])
    expect(() => mergeJournals([shard0(), other])).toThrow(/different networks/)
    expect(() => mergeJournals([mkdtempSync(join(tmpdir(), 'lp-empty-'))])).toThrow(/no batches\.jsonl/)
  })

  it('adjacent ranges merge too, and the CLI exits 2 on a refused merge', async () => {
    const low = journalDir([runLine('0/1', '1', '2'), rec(1, verified()), rec(2, verified())])
    const high = journalDir([runLine('0/1', '3', '3'), rec(3, verified())])
    expect(mergeJournals([low, high]).verdict).toBe('verified')
    let stderr = ''
    let stdout = ''
    const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), env: {} }
    expect(await runCli(['report', 'merge', low, high, '--json'], io)).toBe(0)
    expect((JSON.parse(stdout) as { facts: { counts: object } }).facts.counts).toMatchObject({ verified: 3 })
    expect(await runCli(['report', 'merge', low, low], io)).toBe(2)
    expect(stderr).toMatch(/overlapping ranges/)
    expect(await runCli(['report', 'merge'], io)).toBe(2)
  })

  it('a journal with a torn last line still merges (the line is ignored and named)', () => {
    const dir = journalDir([runLine('0/1', '1', '1'), rec(1, verified())], '{"type":"ba')
    appendFileSync(join(dir, JOURNAL_FILE), '')
    const m = mergeJournals([dir])
    expect(m.verdict).toBe('verified')
    expect(m.facts.tornLinesIgnored).toEqual([join(dir, JOURNAL_FILE)])
  })
})

describe('the progress line', () => {
  const counts = { verified: 7, failed: 1, incomplete: 0, settledOnGateway: 2, unreachable: 0, total: 10 }
  it('shows done / total, the rate, the ETA and the counts by verdict', () => {
    const line = progressLine('audit', { done: 10, total: 40, doneThisRun: 10, startedAtMs: 0, counts }, 5000)
    expect(line).toBe(
      'audit: 10/40 (25%) · 2.00/s · ETA 15s · 7 verified, 1 failed, 0 incomplete, 2 on Gateway, 0 unreachable',
    )
    expect(formatDuration(3725)).toBe('1h02m')
    expect(formatDuration(125)).toBe('2m05s')
  })

  it('redraws in place on a terminal, prints now and then in a log, and says nothing when quiet', () => {
    let t = 0
    const out: string[] = []
    const state = { done: 1, total: 2, doneThisRun: 1, startedAtMs: 0, counts }
    const tty = new ProgressDisplay(
      'tty',
      'a',
      (s) => out.push(s),
      () => t,
    )
    tty.update(state)
    t = 50
    tty.update(state) // throttled
    tty.end()
    expect(out).toHaveLength(2)
    expect(out[0]!.startsWith('\r\u001b[2Ka: 1/2')).toBe(true)
    expect(out[1]).toBe('\n')
    out.length = 0
    const log = new ProgressDisplay(
      'log',
      'a',
      (s) => out.push(s),
      () => t,
      1000,
    )
    t = 500
    log.update(state)
    t = 1500
    log.update(state)
    t = 1600
    log.update(state)
    expect(out).toHaveLength(1)
    expect(out[0]).toMatch(/\n$/)
    // A phase message before the batches (the beacon sync) is drawn in place too, and ended by a newline.
    out.length = 0
    const phase = new ProgressDisplay(
      'tty',
      'a',
      (s) => out.push(s),
      () => t,
    )
    phase.note('syncing')
    phase.end()
    expect(out).toEqual(['\r\u001b[2Ka: syncing', '\n'])
    out.length = 1
    const quiet = new ProgressDisplay(
      'quiet',
      'a',
      (s) => out.push(s),
      () => t,
    )
    quiet.update(state, true)
    expect(out).toHaveLength(1)
  })
})
