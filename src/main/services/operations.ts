import { randomBytes } from 'node:crypto'
import type { Progress } from '../../shared/contract/common'
import type { EventBus } from './events'

export interface Operation {
  id: string
  signal: AbortSignal
  /** Reports progress to the UI (topic `progress`) and, through `onProgress`, to a CLI. */
  progress(done: number, total: number | null, message: string): void
  finish(message?: string): void
}

/** Long operations (a sync over many periods, a batch range) with progress events and cancellation. */
export class Operations {
  private readonly running = new Map<string, AbortController>()

  constructor(private readonly events: EventBus) {}

  start(label: string, onProgress?: (p: Progress) => void): Operation {
    const id = randomBytes(6).toString('hex')
    const controller = new AbortController()
    this.running.set(id, controller)
    const emit = (p: Progress) => {
      this.events.emit('progress', p)
      onProgress?.(p)
    }
    let last: { done: number; total: number | null } = { done: 0, total: null }
    return {
      id,
      signal: controller.signal,
      progress: (done, total, message) => {
        last = { done, total }
        emit({ operationId: id, label, done, total, message, finished: false })
      },
      finish: (message = 'done') => {
        this.running.delete(id)
        emit({ operationId: id, label, done: last.done, total: last.total, message, finished: true })
      },
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
