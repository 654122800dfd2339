import {
  closeSync,
  fdatasyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { TextDecoder } from 'node:util'
import { InputError, UsageError } from '../../shared/errors'
import {
  JournalLine,
  type BatchRecord,
  type JournalLine as Line,
  type RunRecord,
  type SummaryRecord,
} from './auditRecord'

/**
 * The run journal of `zksync batches --out DIR`: DIR/batches.jsonl, one JSON line per event — a `run` line
 * each time a run starts, a `batch` line per batch as soon as it is decided (or found unreachable), a
 * `summary` line when a run ends. Lines are only ever appended, each with one write and an fdatasync, so a
 * crash can leave at most a torn last line (no newline yet); reading drops it and cuts the file back to the
 * last whole line, and the batch it was about is simply verified again. A later line about the same batch
 * wins (an unreachable batch retried, or a batch re-checked).
 */
export const JOURNAL_FILE = 'batches.jsonl'

/** A journal bigger than this is refused rather than read into memory (all of Era is ~0.3 GB). */
const MAX_JOURNAL_BYTES = 1 << 30

export interface JournalState {
  file: string
  runs: RunRecord[]
  /** The last line of each batch, by decimal batch number. */
  batches: Map<string, BatchRecord>
  summaries: SummaryRecord[]
  /** Bytes of a torn last line that reading dropped (0 when the file ended cleanly). */
  tornBytes: number
  /** CPU time recorded by every line (all runs, the torn line excepted). */
  cpuMs: number
}

export function journalFile(dir: string): string {
  return join(dir, JOURNAL_FILE)
}

/**
 * Reads DIR's journal (null when DIR has none). A torn last line is dropped (and, with `repair`, cut from the
 * file); any other line that is not a journal line is an error naming the line, because it means the file was
 * edited or mixed with something else, and guessing would change the audit's answer.
 */
export function readJournal(dir: string, options: { repair?: boolean } = {}): JournalState | null {
  const file = journalFile(dir)
  let size: number
  try {
    const st = statSync(file)
    if (!st.isFile()) throw new InputError(`${file}: not a regular file`)
    size = st.size
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return null
    throw err
  }
  if (size > MAX_JOURNAL_BYTES) throw new InputError(`${file}: ${size} bytes, more than a journal can be`)
  const bytes = readFileSync(file)
  const end = bytes.lastIndexOf(0x0a) + 1
  const tornBytes = bytes.length - end
  if (tornBytes > 0 && options.repair) {
    const fd = openSync(file, 'r+')
    try {
      ftruncateSync(fd, end)
      fdatasyncSync(fd)
    } finally {
      closeSync(fd)
    }
  }
  const state: JournalState = {
    file,
    runs: [],
    batches: new Map(),
    summaries: [],
    tornBytes,
    cpuMs: 0,
  }
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let start = 0
  let lineNo = 0
  while (start < end) {
    const nl = bytes.indexOf(0x0a, start)
    lineNo++
    const text = nl === start ? '' : decodeLine(decoder, bytes.subarray(start, nl), file, lineNo)
    start = nl + 1
    if (text.trim() === '') continue
    const line = parseLine(text, file, lineNo)
    if (line.type === 'run') state.runs.push(line)
    else if (line.type === 'summary') state.summaries.push(line)
    else state.batches.set(line.batchNumber, line)
    state.cpuMs += line.type === 'run' ? 0 : line.cpuMs
  }
  return state
}

function decodeLine(decoder: TextDecoder, bytes: Uint8Array, file: string, lineNo: number): string {
  try {
    return decoder.decode(bytes)
  } catch {
    throw new InputError(`${file} line ${lineNo}: not UTF-8 text`)
  }
}

function parseLine(text: string, file: string, lineNo: number): Line {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new InputError(`${file} line ${lineNo}: not JSON (only a torn last line is tolerated)`)
  }
  const parsed = JournalLine.safeParse(value)
  if (!parsed.success)
    throw new InputError(`${file} line ${lineNo}: not a journal line (${parsed.error.issues[0]?.message})`)
  return parsed.data
}

/** An open journal: every append is one write of one whole line, flushed to the disk before it returns. */
export class RunJournal {
  private constructor(
    private fd: number | null,
    readonly file: string,
  ) {}

  /** Opens DIR's journal for appending (creating DIR and the file); call readJournal with repair first. */
  static open(dir: string): RunJournal {
    try {
      if (!statSync(dir).isDirectory())
        throw new UsageError(`--out ${dir}: not a directory (the run journal goes into it)`)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      mkdirSync(dir, { recursive: true })
    }
    const file = journalFile(dir)
    return new RunJournal(openSync(file, 'a', 0o644), file)
  }

  append(line: Line): void {
    if (this.fd === null) throw new Error('the journal is closed')
    const bytes = Buffer.from(JSON.stringify(line) + '\n', 'utf8')
    let off = 0
    while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off)
    fdatasyncSync(this.fd)
  }

  close(): void {
    if (this.fd === null) return
    closeSync(this.fd)
    this.fd = null
  }
}
