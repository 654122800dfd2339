import { randomBytes } from 'node:crypto'
import type { OperationKind, Progress } from '../../shared/contract/common'
import type { EventBus } from './events'

export interface Operation {
  id: string
  signal: AbortSignal
  /** Reports progress to the UI (topic `progress`) and, through `onProgress`, to a CLI. */
  progress(done: number, total: number | null, message: string): void
  finish(message?: string): void
  /** Ends the operation as failed; the error itself is thrown to the caller, which reports it once. */
  fail(message: string): void
}

/** Long operations (a sync over many periods, a batch range) with progress events and cancellation. */
export class Operations {
  private readonly running = new Map<string, AbortController>()

  constructor(private readonly events: EventBus) {}

  start(kind: OperationKind, label: string, onProgress?: (p: Progress) => void): Operation {
    const id = randomBytes(6).toString('hex')
    const controller = new AbortController()
    this.running.set(id, controller)
    const emit = (p: Progress) => {
      this.events.emit('progress', p)
      onProgress?.(p)
    }
    let last: { done: number; total: number | null } = { done: 0, total: null }
    const end = (message: string, failed: boolean) => {
      this.running.delete(id)
      emit({
        operationId: id,
        kind,
        label,
        done: last.done,
        total: last.total,
        message,
        finished: true,
        failed,
      })
    }
    return {
      id,
      signal: controller.signal,
      progress: (done, total, message) => {
        last = { done, total }
        emit({ operationId: id, kind, label, done, total, message, finished: false, failed: false })
      },
      finish: (message = 'done') => end(message, false),
      fail: (message) => end(message, true),
    }
  }

  cancel(id: string): boolean {
    const controller = this.running.get(id)
    if (!controller) return false
    controller.abort()
    this.running.delete(id)
    return true
  }
}
