import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { GATEWAY_LIES, type GatewayLie } from '../../devnet/zksync/gatewayRpcServer'
import { startWorld, type RunningWorld } from '../../devnet/world'
import { bytesToHex } from '../../src/verifier/encoding/hex'

/**
 * Issue 17 against the composed world: Era's batches 3–4 settled on ZKsync Gateway (chain 9075) and the chain
 * migrated back. From L1 alone such a batch is incomplete (never failed); with --gateway-rpc it is proven
 * through the Gateway hop, and every Gateway lie fails a named check of that hop.
 */
let world: RunningWorld
let endpoints: string[]

beforeAll(async () => {
  world = await startWorld({ seed: 'gateway' })
  endpoints = [
    '--beacon',
    world.info.beacon,
    '--l1-rpc',
    world.info.l1,
    '--zksync-rpc',
    world.info.zksync,
    '--checkpoint',
    world.info.checkpoint,
    '--network',
    world.info.network,
  ]
}, 120_000)
afterAll(async () => {
  await world?.close()
})
afterEach(() => {
  world.servers.gateway.setLie(undefined)
})

async function cli(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { LIGHTPROOF_DATA_DIR: mkdtempSync(join(tmpdir(), 'lp-gateway-')) },
  })
  return { code, stdout, stderr }
}

type Check = { id: string; status: string; detail: string; required: boolean }
type Report = { verdict: string; checks: Check[]; facts: Record<string, unknown> }
const failedIds = (r: Report) => r.checks.filter((c) => c.status === 'fail').map((c) => c.id)

describe('a batch that settled on ZKsync Gateway', () => {
  it('from L1 alone: exit 1, incomplete, naming the settlement layer', async () => {
    const r = await cli(['zksync', 'batch', String(world.info.gatewayBatch), ...endpoints, '--json'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as Report
    expect(report.verdict).toBe('incomplete')
    expect(failedIds(report)).toEqual([])
    expect(report.checks.find((c) => c.id === 'zksync.batch.settledElsewhere')?.detail).toMatch(
      /ZKsync Gateway \(chain 9075\)/,
    )
  }, 90_000)

  it('with --gateway-rpc: exit 0, verified, the facts name chain 9075 and the Gateway batch; the file re-verifies', async () => {
    const save = join(mkdtempSync(join(tmpdir(), 'lp-gateway-save-')), 'batch.evidence.json')
    const n = world.info.gatewayBatch
    const r = await cli([
      'zksync',
      'batch',
      String(n),
      ...endpoints,
      '--gateway-rpc',
      world.info.gateway,
      '--save',
      save,
      '--json',
    ])
    const report = JSON.parse(r.stdout) as Report
    expect(failedIds(report)).toEqual([])
    expect(report.checks.filter((c) => c.required && c.status !== 'pass')).toEqual([])
    expect(r.code).toBe(0)
    expect(report.verdict).toBe('verified')
    const settlement = report.facts.settlement as Record<string, string>
    expect(settlement.chainId).toBe('9075')
    expect(settlement.gatewayBatch).toBe(world.gateway.latestBatch.toString())
    expect(settlement.gatewayDiamondOnL1).toBe(world.gateway.diamondOnL1)
    expect(settlement.chainDiamondOnGateway).toBe(world.gateway.eraDiamond)
    expect((report.facts.storedBatchInfo as Record<string, string>).batchHash).toBe(
      bytesToHex(world.zksync.batches[n]!.stateRoot),
    )
    expect(report.checks.find((c) => c.id === 'zksync.batch.settledElsewhere')?.status).toBe('pass')
    // Offline, the saved evidence re-checks both hops the same way; a byte changed in Gateway's answers fails.
    const again = await cli(['verify', save, '--json'])
    expect(again.code).toBe(0)
    const evidence = JSON.parse(readFileSync(save, 'utf8')) as { data: { gateway: Record<string, unknown> } }
    expect(Object.keys(evidence.data.gateway)).toEqual(
      expect.arrayContaining([
        'bridgehubProof',
        'diamondProof',
        'commitTx',
        'registryProof',
        'chainDiamondProof',
        'chainCommitTx',
      ]),
    )
    const tampered = JSON.parse(readFileSync(save, 'utf8')) as { data: { gateway: { batchNumber: string } } }
    tampered.data.gateway.batchNumber = '1'
    const file = join(mkdtempSync(join(tmpdir(), 'lp-gateway-tamper-')), 't.evidence.json')
    writeFileSync(file, JSON.stringify(tampered))
    const bad = await cli(['verify', file, '--json'])
    expect(bad.code).toBe(1)
    expect(JSON.parse(bad.stdout).verdict).toBe('failed')
  }, 120_000)

  it('the last batch executed on Gateway (its hash copied back to L1) is verified through Gateway too', async () => {
    const n = Number(world.zksync.gateway!.to)
    const r = await cli([
      'zksync',
      'batch',
      String(n),
      ...endpoints,
      '--gateway-rpc',
      world.info.gateway,
      '--json',
    ])
    const report = JSON.parse(r.stdout) as Report
    expect(failedIds(report)).toEqual([])
    expect(report.verdict).toBe('verified')
    expect(report.checks.find((c) => c.id === 'zksync.gateway.l1Copy')?.status).toBe('pass')
  }, 90_000)

  it('a balance at that batch is verified through Gateway', async () => {
    const n = world.info.gatewayBatch
    const account = world.info.zksyncAccount
    const r = await cli([
      'zksync',
      'balance',
      account,
      '--batch',
      String(n),
      ...endpoints,
      '--gateway-rpc',
      world.info.gateway,
      '--json',
    ])
    const report = JSON.parse(r.stdout) as Report
    expect(failedIds(report)).toEqual([])
    expect(r.code).toBe(0)
    expect((report.facts.eth as { wei: string }).wei).toBe(
      world.zksync.ethBalance(account, BigInt(n)).toString(),
    )
  }, 90_000)

  it('an L1 batch with --gateway-rpc is proven on L1 as before', async () => {
    const r = await cli([
      'zksync',
      'batch',
      String(world.info.batch),
      ...endpoints,
      '--gateway-rpc',
      world.info.gateway,
      '--json',
    ])
    expect(r.code).toBe(0)
  }, 90_000)

  it('batches across the window with --gateway-rpc: every batch verified, the Gateway ones still counted apart', async () => {
    const r = await cli([
      'zksync',
      'batches',
      '--from',
      '2',
      '--to',
      '5',
      ...endpoints,
      '--gateway-rpc',
      world.info.gateway,
      '--json',
    ])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as Report
    expect(report.facts.summary).toEqual({
      total: 4,
      verified: 4,
      failed: 0,
      incomplete: 0,
      settledOnGateway: 2,
      errors: 0,
    })
  }, 120_000)

  // Each Gateway lie, and the check of the Gateway hop that must catch it.
  const CAUGHT_BY: Record<GatewayLie, string> = {
    'state-root': 'zksync.gateway.registry.storage.zkChain',
    'forged-proof': 'zksync.gateway.registry.storage.zkChain',
    'uncommitted-batch': 'zksync.gateway.chain.batch.sbiBinding',
    'no-migration': 'zksync.gateway.registry.storage.zkChain',
  }
  it.each(GATEWAY_LIES.map((l) => [l]))(
    'a Gateway lying with %s fails the Gateway hop, named',
    async (lie) => {
      world.servers.gateway.setLie(lie)
      const r = await cli([
        'zksync',
        'batch',
        String(world.info.gatewayBatch),
        ...endpoints,
        '--gateway-rpc',
        world.info.gateway,
        '--json',
      ])
      expect(r.code).not.toBe(0)
      const report = JSON.parse(r.stdout) as Report
      expect(report.verdict).toBe('failed')
      const failed = failedIds(report)
      expect(failed.every((id) => id.startsWith('zksync.gateway.') || id === 'zksync.node.rootHash')).toBe(
        true,
      )
      expect(failed).toContain(CAUGHT_BY[lie])
    },
    90_000,
  )
})
