import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startWorld, type RunningWorld } from '../../devnet/world'
import { createZksyncRpc } from '../../devnet/zksync/zksyncRpcServer'
import { jsonRpcHandler, startDevServer } from '../../devnet/servers/devServer'
import { createServices, type Services } from '../../src/main/services/createServices'
import type { EndpointOverrides } from '../../src/main/services/endpoints'
import {
  collectZksyncBalance,
  collectZksyncBatch,
  shardBatches,
  verifyZksyncBatchRange,
  zksyncBatchesOverview,
} from '../../src/main/services/zksync/zksyncFlows'
import { stateRootAnchor } from '../../src/main/services/zksync/l1Anchor'
import { EndpointError } from '../../src/shared/errors'
import { bytesToHex } from '../../src/verifier/encoding/hex'
import { verifyEvidence } from '../../src/verifier/kinds/verifyEvidence'
import type { Report } from '../../src/verifier/report'

/**
 * The online ZKsync flows against the composed test world on 127.0.0.1: a real beacon light-client chain to the
 * L1 head, L1 JSON-RPC with the diamond's storage and the operator's transactions, and a ZKsync node. Honest
 * servers give verified answers; each lying server gives a failed one naming the check.
 */
let world: RunningWorld
let services: Services
let overrides: EndpointOverrides

beforeAll(async () => {
  world = await startWorld({ seed: 'zksync-online' })
  services = await createServices({ dataDir: mkdtempSync(join(tmpdir(), 'lp-zksync-')), host: 'browser' })
  overrides = {
    beacon: [world.info.beacon],
    l1Rpc: [world.info.l1],
    zksyncRpc: [world.info.zksync],
    checkpoint: world.info.checkpoint,
    network: world.info.network,
  }
}, 120_000)
afterAll(async () => {
  await world?.close()
})
afterEach(() => {
  world.servers.beacon.setLie(undefined)
  world.servers.l1.setLie(undefined)
  world.servers.zksync.setLie(undefined)
})

const op = () => services.context.operations.start('cli', 'test')
const failedIds = (r: Report) => r.checks.filter((c) => c.required && c.status === 'fail').map((c) => c.id)
type Json = Record<string, unknown>

describe('zksync batch, online', () => {
  it('verifies the latest executed batch from the beacon checkpoint down to its StoredBatchInfo', async () => {
    const evidence = await collectZksyncBatch(services.context, op(), null, { overrides })
    expect(evidence.trust.kind).toBe('beacon-checkpoint')
    const report = await verifyEvidence(evidence)
    expect(failedIds(report)).toEqual([])
    expect(report.verdict).toBe('verified')
    expect(report.facts.batchNumber).toBe(String(world.info.batch))
    expect(report.facts.status).toBe('executed')
    const batch = world.zksync.batches[world.info.batch]!
    expect((report.facts.storedBatchInfo as Json).batchHash).toBe(bytesToHex(batch.stateRoot))
    expect((report.facts.l1Head as Json).blockNumber).toBe(world.l1.head.number.toString())
  }, 60_000)

  it('fails at the top when the beacon API forges a signature: nothing below is trusted', async () => {
    world.servers.beacon.setLie('forged-signature')
    const evidence = await collectZksyncBatch(services.context, op(), 2n, { overrides })
    const report = await verifyEvidence(evidence)
    expect(report.verdict).toBe('failed')
    expect(failedIds(report)).toContain('zksync.l1.head')
    expect(report.facts.storedBatchInfo).toBeUndefined()
  }, 60_000)

  it('reports a committed (not proven) batch as committed, verified', async () => {
    const n = world.zksync.counters.totalBatchesCommitted
    const report = await verifyEvidence(await collectZksyncBatch(services.context, op(), n, { overrides }))
    expect(report.verdict).toBe('verified')
    expect(report.facts.status).toBe('committed')
  }, 60_000)

  it('fails when the L1 node forges the diamond proof', async () => {
    world.servers.l1.setLie('forged-proof')
    const report = await verifyEvidence(await collectZksyncBatch(services.context, op(), 2n, { overrides }))
    expect(report.verdict).toBe('failed')
    expect(failedIds(report).some((id) => id.startsWith('zksync.diamond.'))).toBe(true)
  }, 60_000)

  it('fails when the L1 node claims other storage values than it proves', async () => {
    world.servers.l1.setLie('changed-value')
    const report = await verifyEvidence(await collectZksyncBatch(services.context, op(), 2n, { overrides }))
    expect(report.verdict).toBe('failed')
    expect(failedIds(report)).toContain('zksync.diamond.storage.totalBatchesExecuted')
  }, 60_000)

  it('a ZKsync node lying about the root (zks_getL1BatchDetails) is caught against L1, and the root is never taken from it', async () => {
    world.servers.zksync.setLie('wrong-root')
    const report = await verifyEvidence(await collectZksyncBatch(services.context, op(), 2n, { overrides }))
    expect(report.verdict).toBe('failed')
    expect(failedIds(report)).toEqual(['zksync.node.rootHash'])
    // The batch facts are L1's: the bound StoredBatchInfo holds the true root.
    expect((report.facts.storedBatchInfo as Json).batchHash).toBe(
      bytesToHex(world.zksync.batches[2]!.stateRoot),
    )
  }, 60_000)

  it('the saved evidence re-verifies identically', async () => {
    const evidence = await collectZksyncBatch(services.context, op(), 1n, { overrides })
    const copy = JSON.parse(JSON.stringify(evidence)) as typeof evidence
    const a = await verifyEvidence(evidence)
    const b = await verifyEvidence(copy)
    expect(b.verdict).toBe(a.verdict)
    expect(b.facts).toEqual(a.facts)
  }, 60_000)
})

describe('zksync balance, online', () => {
  it('verifies ETH, token and nonce of an account at the latest executed batch', async () => {
    const account = world.info.zksyncAccount
    const evidence = await collectZksyncBalance(
      services.context,
      op(),
      { address: account, token: `${world.zksync.token.address}:51:6` },
      { overrides },
    )
    const report = await verifyEvidence(evidence)
    expect(failedIds(report)).toEqual([])
    expect(report.verdict).toBe('verified')
    const n = BigInt(world.info.batch)
    expect((report.facts.eth as Json).wei).toBe(world.zksync.ethBalance(account, n).toString())
    expect((report.facts.token as Json).raw).toBe(world.zksync.tokenBalance(account, n).toString())
    expect(report.facts.asOf).toBe(`as of batch ${n}, executed on L1 at block ${world.l1.head.number}`)
  }, 60_000)

  it('a balance at a batch that is only proven is incomplete', async () => {
    const n = world.zksync.counters.totalBatchesVerified
    const evidence = await collectZksyncBalance(
      services.context,
      op(),
      { address: world.info.zksyncAccount, batch: n },
      { overrides },
    )
    const report = await verifyEvidence(evidence)
    expect(report.verdict).toBe('incomplete')
    expect(report.checks.find((c) => c.id === 'zksync.balance.final')?.status).toBe('skip')
  }, 60_000)

  it('fails when the ZKsync node forges a sibling', async () => {
    world.servers.zksync.setLie('forged-proof')
    const evidence = await collectZksyncBalance(
      services.context,
      op(),
      { address: world.info.zksyncAccount },
      { overrides },
    )
    const report = await verifyEvidence(evidence)
    expect(report.verdict).toBe('failed')
    expect(failedIds(report)).toEqual(expect.arrayContaining(['zks.eth.proof', 'zks.nonce.proof']))
  }, 60_000)

  it.each([
    ['stale-batch', 'zksync.node.latestBatch'],
    ['wrong-chain-id', 'zksync.node.chainId'],
    ['wrong-root', 'zksync.node.rootHash'],
  ] as const)(
    'a ZKsync node lying with %s fails %s; the saved evidence fails the same',
    async (lie, id) => {
      world.servers.zksync.setLie(lie)
      const evidence = await collectZksyncBalance(
        services.context,
        op(),
        { address: world.info.zksyncAccount },
        { overrides },
      )
      expect(evidence.data).toMatchObject({
        chainIds: { l1: expect.anything(), zksync: expect.anything() },
        l1Header: expect.anything(),
        latestBatch: expect.anything(),
        batchDetails: expect.anything(),
      })
      const report = await verifyEvidence(evidence)
      expect(report.verdict).toBe('failed')
      expect(failedIds(report)).toEqual([id])
      const again = await verifyEvidence(JSON.parse(JSON.stringify(evidence)) as typeof evidence)
      expect(failedIds(again)).toEqual([id])
    },
    60_000,
  )

  it('says clearly when the endpoint does not serve zks_getProof', async () => {
    const rpc = createZksyncRpc(world.zksync, { l1TxHashes: () => ({}) })
    const server = await startDevServer(
      jsonRpcHandler(() => {
        const { zks_getProof: _drop, ...rest } = rpc.methods()
        return rest
      }),
    )
    try {
      const err = await collectZksyncBalance(
        services.context,
        op(),
        { address: world.info.zksyncAccount },
        { overrides: { ...overrides, zksyncRpc: [server.url] } },
      ).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(EndpointError)
      expect((err as EndpointError).code).toBe('endpoint.zks-proof-unsupported')
      expect((err as Error).message).toMatch(/does not support zks_getProof/)
    } finally {
      await server.close()
    }
  }, 60_000)

  it('works from a trusted L1 state root without a beacon chain', async () => {
    const anchor = stateRootAnchor(
      services.context,
      bytesToHex(world.l1.head.state.root),
      world.l1.head.number,
    )
    const evidence = await collectZksyncBalance(
      services.context,
      op(),
      { address: world.info.zksyncAccount },
      { overrides, anchor },
    )
    expect(evidence.trust.kind).toBe('state-root')
    expect((await verifyEvidence(evidence)).verdict).toBe('verified')
  }, 60_000)
})

describe('batch ranges and the overview', () => {
  it('splits a range into shards by n mod N', () => {
    const all = shardBatches({ from: 1n, to: 10n })
    const shards = [0, 1, 2].map((index) => shardBatches({ from: 1n, to: 10n, shard: { index, count: 3 } }))
    expect(shards.flat().sort((a, b) => Number(a - b))).toEqual(all)
    expect(shards[1]).toEqual([1n, 4n, 7n, 10n])
  })

  it('verifies a range with two jobs over one beacon sync', async () => {
    const { items } = await verifyZksyncBatchRange(
      services.context,
      op(),
      { from: 1n, to: world.zksync.counters.totalBatchesCommitted, jobs: 2 },
      { overrides },
    )
    // Batches 3–4 settled on Gateway (the world's Era-like window): incomplete from L1 alone, never failed.
    const gw = world.zksync.gateway!
    expect(items.map((i) => i.report?.verdict)).toEqual(
      items.map((i) => (i.batchNumber >= gw.from && i.batchNumber <= gw.to ? 'incomplete' : 'verified')),
    )
    expect(items.map((i) => i.report?.facts.status)).toEqual([
      ...items.slice(0, -2).map(() => 'executed'),
      'proven',
      'committed',
    ])
  }, 120_000)

  it('shows the counters as proven now and the recent batches with their status', async () => {
    const o = await zksyncBatchesOverview(services.context, op(), { overrides })
    expect(o.report.verdict).toBe('verified')
    expect(o.counters).toEqual({
      committed: world.zksync.counters.totalBatchesCommitted.toString(),
      proven: world.zksync.counters.totalBatchesVerified.toString(),
      executed: world.zksync.counters.totalBatchesExecuted.toString(),
    })
    expect(o.recent[0]).toEqual({
      batchNumber: world.zksync.counters.totalBatchesCommitted.toString(),
      status: 'committed',
    })
    expect(o.sealedOnL2).toBe(world.zksync.latestBatch.toString())
  }, 60_000)
})
