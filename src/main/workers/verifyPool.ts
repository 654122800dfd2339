import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { InputError, LightproofError, UsageError } from '../../shared/errors'
import type { Evidence } from '../../verifier/evidence/schema'
import type { Report } from '../../verifier/report'
import { VerificationWorkerError } from './verificationWorkerError'
import type { SerializedError, VerifyRequest, VerifyResponse } from './verifyProtocol'
import { verifyWorkerSource, type WorkerSource } from './workerSource'

export interface VerifyPoolOptions {
  /**
   * Worker threads at most (1–MAX_POOL_SIZE). Default 1–2 (defaultPoolSize): the app's verification is CPU-bound
   * and the machine also runs the UI. A batch audit (`zksync batches --jobs K`) asks for K explicitly.
   */
  size?: number
  /** Per-job limit; past it the worker is terminated (the only way to stop a synchronous pairing). */
  timeoutMs?: number
  /** An idle worker is ended after this long, so a long-running app does not keep threads it no longer uses. */
  idleMs?: number
  /** How to start a worker; tests pass workers that crash or hang. Default: the verify worker. */
  source?: () => WorkerSource
}

export interface VerifyJobOptions {
  signal?: AbortSignal
  timeoutMs?: number
}

export interface WorkerVerification {
  report: Report
  /** Time spent verifying inside the worker. */
  verifyMs: number
  /** Wall time from submission to the answer: queueing, worker start, transfer and verification. */
  totalMs: number
}

export const DEFAULT_TIMEOUT_MS = 120_000
/** The most threads a pool starts, whatever is asked (`--jobs` accepts 1–64). */
export const MAX_POOL_SIZE = 64
const DEFAULT_IDLE_MS = 30_000

interface Job {
  id: number
  evidence: Evidence
  submitted: number
  timeoutMs: number
  signal?: AbortSignal
  onAbort?: () => void
  timer?: ReturnType<typeof setTimeout>
  resolve(value: WorkerVerification): void
  reject(err: Error): void
}

interface Slot {
  worker: Worker
  job?: Job
  idleTimer?: ReturnType<typeof setTimeout>
  /** The uncaught error the worker reported before it exited, for the crash message. */
  lastError?: Error
}

export function defaultPoolSize(): number {
  return Math.min(2, Math.max(1, availableParallelism() - 1))
}

function reviveError(e: SerializedError): Error {
  // The worker ran verifyEvidence, which throws only for input it refuses outright (an unknown kind). Keep the
  // class callers map to exit codes; anything else is an internal error of the worker.
  if (e.kind === 'input') return new InputError(e.message, e.code)
  if (e.kind === 'usage') return new UsageError(e.message, e.code)
  if (e.kind && e.code) return new LightproofError(e.kind as LightproofError['kind'], e.code, e.message)
  return new VerificationWorkerError('worker.crashed', `verification failed in the worker: ${e.message}`)
}

/**
 * A small pool of verify workers (worker_threads). Jobs queue in order; each runs with a timeout and can be
 * cancelled through an AbortSignal; a worker that dies, is timed out or cancelled is terminated and replaced on
 * the next job, and its job rejects with a VerificationWorkerError that says which of these happened. Idle
 * workers are unref'd, so a CLI or a test ends when its work is done.
 */
export class VerifyPool {
  private readonly size: number
  private readonly timeoutMs: number
  private readonly idleMs: number
  private readonly source: () => WorkerSource
  private readonly slots: Slot[] = []
  private readonly queue: Job[] = []
  private nextId = 1
  private closed = false

  constructor(options: VerifyPoolOptions = {}) {
    this.size = Math.min(MAX_POOL_SIZE, Math.max(1, Math.floor(options.size ?? defaultPoolSize())))
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS
    this.source = options.source ?? (() => verifyWorkerSource())
  }

  /** Verifies one evidence document in a worker: the same report verifyEvidence gives in-process. */
  verify(evidence: Evidence, options: VerifyJobOptions = {}): Promise<WorkerVerification> {
    if (this.closed) {
      return Promise.reject(new VerificationWorkerError('worker.closed', 'the verification pool is closed'))
    }
    if (options.signal?.aborted) return Promise.reject(cancelled(evidence))
    return new Promise<WorkerVerification>((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        evidence,
        submitted: performance.now(),
        timeoutMs: options.timeoutMs ?? this.timeoutMs,
        resolve,
        reject,
        ...(options.signal ? { signal: options.signal } : {}),
      }
      if (job.signal) {
        job.onAbort = () => this.abort(job)
        job.signal.addEventListener('abort', job.onAbort, { once: true })
      }
      this.queue.push(job)
      this.dispatch()
    })
  }

  /** Ends every worker; queued and running jobs reject. */
  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) {
      this.settle(job, new VerificationWorkerError('worker.closed', 'the verification pool was closed'))
    }
    await Promise.all(
      [...this.slots].map((slot) => {
        if (slot.job)
          this.settle(
            slot.job,
            new VerificationWorkerError('worker.closed', 'the verification pool was closed'),
          )
        return this.retire(slot)
      }),
    )
  }

  /** Threads currently alive, for tests and diagnostics. */
  get workerCount(): number {
    return this.slots.length
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job)
      if (!slot) {
        if (this.slots.length >= this.size) return
        try {
          slot = this.spawn()
        } catch (err) {
          // The worker could not even be created (e.g. a missing bundle): every waiting job hears why.
          const error =
            err instanceof LightproofError
              ? err
              : new VerificationWorkerError(
                  'worker.crashed',
                  `could not start a verification worker: ${(err as Error).message}`,
                )
          for (const job of this.queue.splice(0)) this.settle(job, error)
          return
        }
      }
      const job = this.queue.shift()!
      this.start(slot, job)
    }
  }

  private spawn(): Slot {
    const source = this.source()
    const worker = new Worker(source.filename, source.options)
    const slot: Slot = { worker }
    worker.on('message', (message: VerifyResponse) => this.onMessage(slot, message))
    worker.on('error', (err) => {
      slot.lastError = err
    })
    worker.on('messageerror', (err) => {
      slot.lastError = err
    })
    worker.on('exit', (code) => this.onExit(slot, code, source.describe))
    this.slots.push(slot)
    return slot
  }

  private start(slot: Slot, job: Job): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer)
    slot.idleTimer = undefined
    slot.job = job
    slot.worker.ref()
    job.timer = setTimeout(() => {
      this.kill(
        slot,
        job,
        new VerificationWorkerError(
          'worker.timeout',
          `verification of ${job.evidence.kind} evidence did not finish within ${formatMs(job.timeoutMs)}; the worker was stopped`,
        ),
      )
    }, job.timeoutMs)
    slot.worker.postMessage({ id: job.id, evidence: job.evidence } satisfies VerifyRequest)
  }

  private onMessage(slot: Slot, message: VerifyResponse): void {
    const job = slot.job
    if (!job || message.id !== job.id) return
    slot.job = undefined
    if (message.ok) {
      this.settle(job, undefined, {
        report: message.report,
        verifyMs: message.ms,
        totalMs: performance.now() - job.submitted,
      })
    } else {
      this.settle(job, reviveError(message.error))
    }
    this.idle(slot)
    this.dispatch()
  }

  private onExit(slot: Slot, code: number, describe: string): void {
    const i = this.slots.indexOf(slot)
    if (i >= 0) this.slots.splice(i, 1)
    if (slot.idleTimer) clearTimeout(slot.idleTimer)
    if (slot.job) {
      const job = slot.job
      slot.job = undefined
      const why = slot.lastError ? `: ${slot.lastError.message}` : ''
      this.settle(
        job,
        new VerificationWorkerError(
          'worker.crashed',
          `the verification worker stopped unexpectedly while verifying ${job.evidence.kind} evidence (exit code ${code}${why}; worker ${describe})`,
          { cause: slot.lastError },
        ),
      )
    }
    if (!this.closed) this.dispatch()
  }

  private idle(slot: Slot): void {
    slot.worker.unref()
    slot.idleTimer = setTimeout(() => void this.retire(slot), this.idleMs)
    slot.idleTimer.unref()
  }

  private abort(job: Job): void {
    const queued = this.queue.indexOf(job)
    if (queued >= 0) {
      this.queue.splice(queued, 1)
      this.settle(job, cancelled(job.evidence))
      return
    }
    const slot = this.slots.find((s) => s.job === job)
    if (slot) this.kill(slot, job, cancelled(job.evidence))
  }

  /** Stops a running job: a synchronous verification cannot be interrupted, so its worker is terminated. */
  private kill(slot: Slot, job: Job, err: Error): void {
    if (slot.job !== job) return
    slot.job = undefined
    this.settle(job, err)
    void this.retire(slot).then(() => {
      if (!this.closed) this.dispatch()
    })
  }

  private async retire(slot: Slot): Promise<void> {
    const i = this.slots.indexOf(slot)
    if (i >= 0) this.slots.splice(i, 1)
    if (slot.idleTimer) clearTimeout(slot.idleTimer)
    await slot.worker.terminate()
  }

  private settle(job: Job, err: Error | undefined, value?: WorkerVerification): void {
    if (job.timer) clearTimeout(job.timer)
    if (job.signal && job.onAbort) job.signal.removeEventListener('abort', job.onAbort)
    if (err) job.reject(err)
    else job.resolve(value!)
  }
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`
}

function cancelled(evidence: Evidence): VerificationWorkerError {
  return new VerificationWorkerError(
    'worker.cancelled',
    `verification of ${evidence.kind} evidence was cancelled`,
  )
}

let shared: VerifyPool | undefined

/** The process-wide pool the services use, created on first use. */
export function sharedVerifyPool(): VerifyPool {
  shared ??= new VerifyPool()
  return shared
}
