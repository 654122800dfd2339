import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

export interface CollectorRuntime {
  heapUsed: () => number
  /** The full collector; undefined where it cannot be exposed (the policy then does nothing). */
  gc: (() => void) | undefined
  /** Runs the collection after the current turn, so an answer is never held up by it. */
  defer: (run: () => void) => void
}

/**
 * A long-running local server's memory policy: call the returned function after each piece of work; when the
 * main thread's heap has grown by `growthBytes` since the last collection, a full GC runs once the current
 * turn is done. V8 sizes its old generation for throughput and collects late: the bridge's RSS climbed from
 * 234 to 313 MiB over a few hundred verifications of garbage (evidence parsed, cloned to the worker, written to
 * history) before a major GC gave it back.
 */
export function heapGrowthCollector(
  growthBytes = 48 * 1024 * 1024,
  runtime: CollectorRuntime = nodeRuntime(),
): () => void {
  const { gc, heapUsed, defer } = runtime
  if (!gc) return () => undefined
  let baseline = heapUsed()
  let scheduled = false
  return () => {
    if (scheduled || heapUsed() - baseline < growthBytes) return
    scheduled = true
    defer(() => {
      scheduled = false
      gc()
      baseline = heapUsed()
    })
  }
}

export function nodeRuntime(): CollectorRuntime {
  return {
    heapUsed: () => process.memoryUsage().heapUsed,
    gc: exposeGc(),
    defer: (run) => setImmediate(run),
  }
}

function exposeGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc')
    // A fresh context sees the flag: the global `gc` it creates is V8's collector.
    const gc: unknown = runInNewContext('gc')
    return typeof gc === 'function' ? (gc as () => void) : undefined
  } catch {
    return undefined
  }
}
