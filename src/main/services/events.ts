import type { ApiEvent } from '../../shared/api'

export type EventListener = (event: ApiEvent) => void

/** Progress and state-change notices from services to whichever transport is attached. */
export class EventBus {
  private readonly listeners = new Set<EventListener>()

  on(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit(topic: string, payload: unknown): void {
    for (const l of this.listeners) {
      try {
        l({ topic, payload })
      } catch {
        // A broken listener (a closed SSE stream) must not stop the others or the service.
      }
    }
  }
}
