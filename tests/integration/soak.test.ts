import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWorld, type RunningWorld } from '../../devnet/world'
import { JsonRpcClient } from '../../src/main/net/jsonRpc'
import { parseEthGetProof } from '../../src/verifier/mpt/parseEthGetProof'
import { verifyEthGetProof } from '../../src/verifier/mpt/verifyEthGetProof'

/**
 * 1,000 verifications in a row against the world's L1 endpoint (fetch eth_getProof over HTTP, verify it
 * against the head's state root): memory stays bounded and no sockets or timers are left behind.
 */
describe('soak: 1,000 verifications against the test world', () => {
  let world: RunningWorld
  beforeAll(async () => {
    world = await startWorld({ seed: 'soak' })
  })
  afterAll(async () => {
    await world?.close()
  })

  it('keeps memory bounded and leaks no handles', async () => {
    const rpc = new JsonRpcClient(world.info.l1)
    const head = `0x${world.l1.head.number.toString(16)}`
    const root = world.l1.head.state.root
    const handlesBefore = process.getActiveResourcesInfo().length
    const heap: number[] = []
    let verified = 0
    for (let i = 0; i < 1000; i++) {
      const answer = await rpc.call('eth_getProof', [world.info.l1Account, [], head])
      if (verifyEthGetProof(parseEthGetProof(answer.result), root).verdict === 'verified') verified++
      if (i % 100 === 99) heap.push(process.memoryUsage().heapUsed)
    }
    expect(verified).toBe(1000)
    const peakMiB = Math.max(...heap) / 2 ** 20
    const firstMiB = heap[0]! / 2 ** 20
    process.stderr.write(
      `soak: 1000 verifications, heap after 100: ${firstMiB.toFixed(1)} MiB, peak ${peakMiB.toFixed(1)} MiB\n`,
    )
    // Bounded: the last 900 verifications may not grow the heap by more than a generous constant.
    expect(peakMiB - firstMiB).toBeLessThan(64)
    // Keep-alive sockets may linger briefly; nothing may grow with the number of requests.
    expect(process.getActiveResourcesInfo().length - handlesBefore).toBeLessThan(10)
  })
})
