import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWorld, type RunningWorld } from '../../devnet/world'
import { syncBeaconChain } from '../../src/main/services/beacon/syncBeaconChain'
import { createServices, type Services } from '../../src/main/services/createServices'
import { JsonRpcClient } from '../../src/main/net/jsonRpc'
import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
import { parseEthGetProof } from '../../src/verifier/mpt/parseEthGetProof'
import { verifyEthGetProof } from '../../src/verifier/mpt/verifyEthGetProof'
import { parseZksProofFile } from '../../src/verifier/zksync/stateTree/parseZksProof'
import { verifyZksProof } from '../../src/verifier/zksync/stateTree/verifyZksProof'
import { ethBalanceLocation } from '../../src/verifier/zksync/stateTree/l2Balances'

/**
 * The composed world holds together: the beacon chain's verified finalized head is the L1 head, whose state
 * proves the ZKsync diamond's counters, and the L2 tree of an executed batch proves balances.
 */
describe('the test world, composed', () => {
  let world: RunningWorld
  let services: Services

  beforeAll(async () => {
    world = await startWorld({ seed: 'world-test' })
    services = await createServices({ dataDir: mkdtempSync(join(tmpdir(), 'lp-world-')), host: 'browser' })
  })
  afterAll(async () => {
    await world?.close()
  })

  it('syncs from the printed checkpoint to the L1 head over the beacon API', async () => {
    const op = services.context.operations.start('cli', 'sync')
    const chain = await syncBeaconChain(services.context, op, {
      beacon: [world.info.beacon],
      checkpoint: world.info.checkpoint,
      network: world.info.network,
    })
    expect(chain.result.report.verdict).toBe('verified')
    expect(chain.result.finalized?.blockNumber).toBe(world.l1.head.number)
    expect(bytesToHex(chain.result.finalized!.stateRoot)).toBe(bytesToHex(world.l1.head.state.root))
    expect((await services.trustedHead.get())?.executionBlockNumber).toBe(world.l1.head.number.toString())
  })

  it('proves the L1 account and the diamond counters at the head over JSON-RPC', async () => {
    const rpc = new JsonRpcClient(world.info.l1)
    const head = `0x${world.l1.head.number.toString(16)}`
    const account = await rpc.call('eth_getProof', [world.info.l1Account, [], head])
    const report = verifyEthGetProof(parseEthGetProof(account.result), world.l1.head.state.root)
    expect(report.verdict).toBe('verified')
    expect((report.facts.account as { balance: string }).balance).toBe('12345678900000000000')
    const slot11 = '0x' + '0b'.padStart(64, '0')
    const diamond = await rpc.call('eth_getProof', [world.zksync.diamond, [slot11], head])
    const dReport = verifyEthGetProof(parseEthGetProof(diamond.result), world.l1.head.state.root)
    expect(dReport.verdict).toBe('verified')
    const [executedSlot] = dReport.facts.storage as { value: string }[]
    expect(BigInt(executedSlot!.value)).toBe(world.zksync.counters.totalBatchesExecuted)
  })

  it('proves a ZKsync ETH balance against the executed batch root', async () => {
    const rpc = new JsonRpcClient(world.info.zksync)
    const batch = world.zksync.batches[world.info.batch]!
    const location = ethBalanceLocation(hexToBytes(world.info.zksyncAccount, 'account', 20))
    const answer = await rpc.call('zks_getProof', [
      bytesToHex(location.contract),
      [bytesToHex(location.slot)],
      world.info.batch,
    ])
    const report = verifyZksProof(parseZksProofFile(answer.result), batch.stateRoot)
    expect(report.verdict).toBe('verified')
    const [entry] = report.facts.storage as { value: string }[]
    const expected = world.zksync.ethBalance(world.info.zksyncAccount, BigInt(world.info.batch))
    expect(expected).toBeGreaterThan(0n)
    expect(BigInt(entry!.value)).toBe(expected)
  })
})
