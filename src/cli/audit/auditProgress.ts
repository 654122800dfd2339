import type { AuditCounts } from './auditSummary'

/**
 * The progress of a long audit on stderr: on a terminal one line redrawn in place (done / total, rate, ETA,
 * counts by verdict); in a log (a Kubernetes pod, a file) the same line printed now and then; under --json
 * nothing, so stderr stays quiet and stdout holds only the report.
 */
export interface ProgressState {
  /** Batches of the range with a line in the journal (earlier runs included). */
  done: number
  total: number
  /** Batches this run has gone through, and since when (ms, for the rate). */
  doneThisRun: number
  startedAtMs: number
  counts: AuditCounts
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?'
  const s = Math.round(seconds)
  if (s < 60) return `${s}s`
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
  const h = Math.floor(s / 3600)
  return `${h}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

export function progressLine(label: string, s: ProgressState, nowMs: number): string {
  const elapsed = Math.max(1e-3, (nowMs - s.startedAtMs) / 1000)
  const rate = s.doneThisRun / elapsed
  const left = s.total - s.done
  const eta = rate > 0 ? formatDuration(left / rate) : '?'
  const pct = s.total > 0 ? Math.floor((s.done / s.total) * 100) : 100
  const c = s.counts
  return (
    `${label}: ${s.done}/${s.total} (${pct}%) · ${rate.toFixed(2)}/s · ETA ${eta} · ` +
    `${c.verified} verified, ${c.failed} failed, ${c.incomplete} incomplete, ${c.settledOnGateway} on Gateway, ${c.unreachable} unreachable`
  )
}

export type ProgressMode = 'tty' | 'log' | 'quiet'

/** Draws progressLine to stderr: in place on a TTY (at most 10 times a second), every `logEveryMs` in a log. */
export class ProgressDisplay {
  private last = 0
  private drawn = false

  constructor(
    private readonly mode: ProgressMode,
    private readonly label: string,
    private readonly write: (text: string) => void,
    private readonly now: () => number = () => Date.now(),
    private readonly logEveryMs = 30_000,
  ) {}

  update(state: ProgressState, force = false): void {
    if (this.mode === 'quiet') return
    const t = this.now()
    const every = this.mode === 'tty' ? 100 : this.logEveryMs
    if (!force && this.drawn && t - this.last < every) return
    if (!force && !this.drawn && this.mode === 'log' && t - state.startedAtMs < every) return
    this.last = t
    const line = progressLine(this.label, state, t)
    if (this.mode === 'tty') this.write(`\r\x1b[2K${line}`)
    else this.write(line + '\n')
    this.drawn = true
  }

  /** A phase message before the batches start (the beacon sync): in place on a TTY, a line in a log. */
  note(message: string): void {
    if (this.mode === 'quiet') return
    if (this.mode === 'tty') {
      this.write(`\r\x1b[2K${this.label}: ${message}`)
      this.drawn = true
    } else this.write(`${this.label}: ${message}\n`)
  }

  /** Ends an in-place line, so what follows starts on a fresh line. */
  end(): void {
    if (this.mode === 'tty' && this.drawn) this.write('\n')
    this.drawn = false
  }
}
