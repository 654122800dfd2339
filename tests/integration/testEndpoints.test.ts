import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWorld, type RunningWorld } from '../../devnet/world'
import { createServices, type Services } from '../../src/main/services/createServices'
import type { EndpointProbe } from '../../src/shared/contract/core'

/**
 * Issue 23, item 4 ("Test endpoints"), against the test world: every world endpoint answers what Lightproof
 * will ask of it; a dead port, a node of another chain, a URL that is not the API and a server that is down
 * are each a failure of its own class, with the next step to take.
 */
let world: RunningWorld
let services: Services
let deadPort: number
let down: ReturnType<typeof createServer>
let downUrl: string

const FAST = { timeoutMs: 3_000, retries: 0, backoffMs: 5, maxBackoffMs: 10 }

beforeAll(async () => {
  world = await startWorld({ seed: 'test-endpoints' })
  services = await createServices({
    dataDir: mkdtempSync(join(tmpdir(), 'lp-endpoints-')),
    host: 'browser',
    limits: FAST,
  })
  // A port that was just free: nothing listens there.
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  deadPort = (probe.address() as { port: number }).port
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  down = createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain' })
    res.end('maintenance')
  })
  await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve))
  downUrl = `http://127.0.0.1:${(down.address() as { port: number }).port}`
})

afterAll(async () => {
  await new Promise<void>((resolve) => down?.close(() => resolve()))
  await world?.close()
})

const test = (request: Parameters<Services['handlers']['testEndpoints']>[0]) =>
  services.handlers.testEndpoints(request) as Promise<EndpointProbe[]>

describe('testEndpoints against the test world', () => {
  it('every world endpoint is OK, with what it serves and its latency', async () => {
    const i = world.info
    const probes = await test({
      network: i.network,
      endpoints: {
        beacon: [i.beacon],
        l1Rpc: [i.l1],
        zksyncRpc: [i.zksync],
        gatewayRpc: [i.gateway],
        checkpointProviders: i.checkpointProviders,
      },
    })
    expect(probes.map((p) => p.role)).toEqual([
      'beacon',
      'l1Rpc',
      'zksyncRpc',
      'gatewayRpc',
      'checkpointProviders',
      'checkpointProviders',
    ])
    for (const p of probes) {
      expect(p.ok, `${p.role} ${p.detail}`).toBe(true)
      expect(p.latencyMs).toBeGreaterThanOrEqual(0)
    }
    expect(probes[0]!.detail).toMatch(/lightproof-devnet; serves light-client data, finalized slot \d+/)
    expect(probes[1]!.detail).toMatch(/chain 1337; serves eth_getProof at the finalized head \(block \d+\)/)
    expect(probes[2]!.detail).toMatch(/chain 270; latest batch \d+/)
  })

  it('a dead port, another chain, a URL that is not the API and a server that is down: each classified', async () => {
    const i = world.info
    const probes = await test({
      network: i.network,
      endpoints: {
        beacon: [`http://127.0.0.1:${deadPort}`, i.l1],
        l1Rpc: [i.zksync, downUrl],
        zksyncRpc: [],
        gatewayRpc: [],
        checkpointProviders: [i.checkpointProviders[0]!],
      },
    })
    const byUrl = (role: string, url: string) => probes.find((p) => p.role === role && p.url === url)!
    const dead = byUrl('beacon', `http://127.0.0.1:${deadPort}`)
    expect(dead.ok).toBe(false)
    expect(dead.failure).toMatchObject({
      class: 'refused',
      nextStep: expect.stringMatching(/check the port/) as unknown,
    })
    expect(dead.detail).toMatch(/ECONNREFUSED/)
    expect(byUrl('beacon', i.l1).failure?.class).toMatch(/not-found|invalid-answer/)
    const other = byUrl('l1Rpc', i.zksync)
    expect(other.failure).toMatchObject({ class: 'wrong-chain' })
    expect(other.detail).toMatch(/eth_chainId 270, but lightproof-devnet L1 is 1337/)
    expect(byUrl('l1Rpc', downUrl).failure).toMatchObject({ class: 'server-error' })
    expect(byUrl('checkpointProviders', i.checkpointProviders[0]!).ok).toBe(true)
  })
})
