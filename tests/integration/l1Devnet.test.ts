import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ERC20_DECIMALS, DEMO_ERC20_LAYOUT } from '../../devnet/l1/demoErc20'
import { startL1RpcServer, type L1RpcServer } from '../../devnet/l1'
import { startWorld, type RunningWorld } from '../../devnet/world'
import { createServices, type Services } from '../../src/main/services/createServices'
import type { EndpointOverrides } from '../../src/main/services/endpoints'
import { proveL1Balance } from '../../src/main/services/l1Service'
import { formatUnits } from '../../src/verifier/mpt/erc20'
import type { Report } from '../../src/verifier/report'

/**
 * The finalized path of the L1 balance service against the composed test world (devnet/world.ts): a real
 * BLS-signed light-client chain whose finalized header carries the L1 head, and an L1 node with the account
 * and the demo ERC-20 (OpenZeppelin layout, balances at slot 0). Honest servers give verified ETH and ERC-20
 * balances; each lying L1 node gives a failed report naming the check, or a clear endpoint error.
 */
let world: RunningWorld
let services: Services
let overrides: EndpointOverrides
let twin: L1RpcServer

beforeAll(async () => {
  world = await startWorld({ seed: 'l1-balance' })
  // A node serving a twin chain where every account is 1 ETH richer: a consistent lie, proofs and all.
  twin = await startL1RpcServer(world.l1.equivocatingTwin())
  services = await createServices({ dataDir: mkdtempSync(join(tmpdir(), 'lp-l1dev-')), host: 'browser' })
  overrides = {
    beacon: [world.info.beacon],
    l1Rpc: [world.info.l1],
    checkpoint: world.info.checkpoint,
    network: world.info.network,
  }
}, 120_000)
afterAll(async () => {
  await world?.close()
  await twin?.close()
})
afterEach(() => {
  world.servers.l1.setLie(undefined)
})

async function prove(request: Parameters<typeof proveL1Balance>[2], o: EndpointOverrides = overrides) {
  const op = services.context.operations.start('cli', 'test')
  try {
    return (await proveL1Balance(services.context, op, request, o)).outcome.report
  } finally {
    op.finish()
  }
}
const failedIds = (r: Report) => r.checks.filter((c) => c.required && c.status === 'fail').map((c) => c.id)

describe('l1Balance on the test world (finalized head)', () => {
  it('ETH: verified, at the finalized L1 head', async () => {
    const r = await prove({ address: world.info.l1Account })
    expect(failedIds(r)).toEqual([])
    expect(r.verdict).toBe('verified')
    expect(r.facts).toMatchObject({
      balance: '12345678900000000000',
      formatted: '12.3456789 ETH',
      blockNumber: world.l1.head.number.toString(),
      head: { source: 'finalized' },
    })
  }, 60_000)

  it('ERC-20 outside the table: the holder’s mapping slot, proven, with the given decimals', async () => {
    const erc20 = world.l1.erc20!
    const holder = erc20.holders[0]!
    const r = await prove({
      address: holder.address,
      token: erc20.address,
      slot: `0x${DEMO_ERC20_LAYOUT.balancesSlot.toString(16)}`,
      decimals: DEMO_ERC20_DECIMALS,
    })
    expect(failedIds(r)).toEqual([])
    expect(r.verdict).toBe('verified')
    expect(r.facts.balance).toBe(holder.balance.toString())
    expect(r.facts.formatted).toContain(formatUnits(holder.balance, DEMO_ERC20_DECIMALS))
    expect((r.facts.chain as { step: string }[]).map((s) => s.step)).toContain('storage-slot')
    expect(r.checks.find((c) => c.id === 'l1.token.table')?.status).toBe('skip')
  }, 60_000)

  it('a forged proof fails its account proof check', async () => {
    world.servers.l1.setLie('forged-proof')
    const r = await prove({ address: world.info.l1Account })
    expect(r.verdict).toBe('failed')
    expect(failedIds(r)).toContain('l1.proof[0].mpt.account.proof')
  }, 60_000)

  it('a changed value (honest proof) fails the claimed-fields check', async () => {
    world.servers.l1.setLie('changed-value')
    const r = await prove({ address: world.info.l1Account })
    expect(r.verdict).toBe('failed')
    expect(failedIds(r)).toContain('l1.proof[0].mpt.account.fields')
  }, 60_000)

  it('a node serving another chain: failed, naming both endpoints (never a majority)', async () => {
    // Three endpoints, two of them honest: a majority vote would pass; the cross-check does not.
    const r = await prove(
      { address: world.info.l1Account },
      { ...overrides, l1Rpc: [world.info.l1, world.info.l1, twin.url] },
    )
    expect(r.verdict).toBe('failed')
    const agree = r.checks.find((c) => c.id === 'l1.endpoints.agree')
    expect(agree?.status).toBe('fail')
    expect(agree?.detail).toContain(new URL(twin.url).host)
    expect(agree?.detail).toContain('13.3456789 ETH')
    expect(failedIds(r)).toContain('l1.proof[2].mpt.account.proof')
    expect(r.facts.balance).toBeUndefined()
  }, 60_000)
})
