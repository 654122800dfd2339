import { describe, expect, it } from 'vitest'
import { heapGrowthCollector, nodeRuntime, type CollectorRuntime } from './heapGrowthCollector'

const MiB = 1024 * 1024

/** A heap whose size the test sets, a collector that counts, and deferred work the test runs by hand. */
function fakeRuntime() {
  const state = { heap: 100 * MiB, collections: 0, deferred: [] as (() => void)[] }
  const runtime: CollectorRuntime = {
    heapUsed: () => state.heap,
    gc: () => {
      state.collections++
      state.heap = 100 * MiB
    },
    defer: (run) => state.deferred.push(run),
  }
  const flush = () => state.deferred.splice(0).forEach((run) => run())
  return { state, runtime, flush }
}

describe('heapGrowthCollector', () => {
  it('collects once the heap has grown by the threshold, after the turn, and not before', () => {
    const { state, runtime, flush } = fakeRuntime()
    const afterWork = heapGrowthCollector(48 * MiB, runtime)
    state.heap += 47 * MiB
    afterWork()
    flush()
    expect(state.collections).toBe(0)
    state.heap += 2 * MiB
    afterWork()
    expect(state.collections).toBe(0) // deferred: the answer already sent is not held up
    afterWork() // a second call in the same turn does not schedule a second collection
    flush()
    expect(state.collections).toBe(1)
    // The baseline moves to the heap after the collection.
    state.heap += 40 * MiB
    afterWork()
    flush()
    expect(state.collections).toBe(1)
  })

  it('does nothing where gc cannot be exposed', () => {
    const { state, runtime, flush } = fakeRuntime()
    const afterWork = heapGrowthCollector(1, { ...runtime, gc: undefined })
    state.heap += 500 * MiB
    afterWork()
    flush()
    expect(state.deferred).toHaveLength(0)
  })

  it('exposes V8’s collector in Node', () => {
    expect(typeof nodeRuntime().gc).toBe('function')
  })
})
