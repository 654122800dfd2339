import { describe, expect, it } from 'vitest'
import { bytesToHex } from '../../src/verifier/encoding/hex'
import { createEvidence } from '../../src/verifier/evidence/createEvidence'
import { rawFromBytes } from '../../src/verifier/evidence/schema'
import { verifyEvidence } from '../../src/verifier/kinds/verifyEvidence'
import type { Report } from '../../src/verifier/report'
import { batchSlotRequests } from '../../src/verifier/zksync/evidence/proveDiamondStorage'
import { zksyncBatchKind } from '../../src/verifier/kinds/zksyncKinds'
import {
  L2_BRIDGEHUB_ADDRESS,
  whitelistedSettlementLayerSlot,
  zkChainSlot,
} from '../../src/verifier/zksync/batches/bridgehubSlots'
import { transactionJson } from '../l1/l1Block'
import { buildWorld } from '../world'
import { L1_BRIDGEHUB } from './buildZksyncWorld'
import { gatewayTxHash } from './gatewayTransactions'

/*
 * The Gateway hop verified in-process on the world's data, in the formats nodes answer (eth_getProof JSON of
 * L1, zks_getProof JSON of Gateway, eth_getTransactionByHash JSON), with the Bridgehub and diamond slots of
 * era-contracts (bridgehubSlots.ts). Each tampered variant names the check that catches it.
 */
const world = buildWorld({ seed: 'gateway-hop', now: new Date('2026-06-01T00:00:00Z') })
const gw = world.gateway
const era = world.zksync
const n = era.gateway!.from
const m = gw.latestBatch
const enc = new TextEncoder()
const raw = (v: unknown) => rawFromBytes(enc.encode(JSON.stringify(v)), true)
const rpc = (result: unknown) => ({ jsonrpc: '2.0', id: 1, result })
const hex = (keys: { key: Uint8Array }[]) => keys.map((k) => bytesToHex(k.key))
const state = world.l1.head.state
const l1Tx = (input: string) => {
  for (const b of world.l1.blocks)
    for (const [i, t] of b.transactions.entries())
      if (bytesToHex(t.input) === input) return transactionJson(b, i)
  return null
}
const commitOp = era.gateway!.operations.findIndex((op) => op.kind === 'commit' && op.batchNumber === n)

interface Parts {
  settlementChainId: bigint
  bridgehubKeys: bigint
  m: bigint
  registryAt: bigint
  registryChain: bigint
  chainAt: bigint
  chainCommit: unknown
}
const honest: Parts = {
  settlementChainId: gw.chainId,
  bridgehubKeys: gw.chainId,
  m,
  registryAt: m,
  registryChain: era.chainId,
  chainAt: m,
  chainCommit: gw.transaction(gatewayTxHash(era.gateway!, commitOp)),
}

function evidence(p: Parts = honest) {
  const details = era.l1BatchDetails(n, {
    commitTxHash: gatewayTxHash(era.gateway!, commitOp),
    l1ChainId: gw.chainId,
  })
  const hub = [
    { key: zkChainSlot(p.bridgehubKeys) },
    { key: whitelistedSettlementLayerSlot(p.bridgehubKeys) },
  ]
  return createEvidence({
    kind: zksyncBatchKind.kind,
    createdAt: '2026-06-01T00:00:00.000Z',
    question: { batchNumber: n.toString() },
    trust: { kind: 'state-root', value: bytesToHex(state.root) },
    data: {
      batchNumber: n.toString(),
      diamondProof: raw(state.getProof(era.diamond, hex(batchSlotRequests(n)))),
      commitTx: null,
      network: 'lightproof-devnet',
      batchDetails: { endpoint: 'http://zksync.test', answer: raw(rpc(details)) },
      latestBatch: { endpoint: 'http://zksync.test', answer: raw(rpc(`0x${era.latestBatch.toString(16)}`)) },
      gateway: {
        chainId: p.settlementChainId.toString(),
        endpointChainId: {
          endpoint: 'http://gateway.test',
          answer: raw(rpc(`0x${gw.chainId.toString(16)}`)),
        },
        bridgehubProof: raw(state.getProof(L1_BRIDGEHUB, hex(hub))),
        batchNumber: p.m.toString(),
        diamondProof: raw(state.getProof(gw.diamondOnL1, hex(batchSlotRequests(p.m)))),
        commitTx: raw(l1Tx(gw.batches[Number(p.m)]!.commitCalldata!)),
        batchDetails: { endpoint: 'http://gateway.test', answer: raw(rpc(gw.l1BatchDetails(p.m))) },
        registryProof: raw(
          gw.getProof(L2_BRIDGEHUB_ADDRESS, [bytesToHex(zkChainSlot(p.registryChain))], p.registryAt),
        ),
        chainDiamondProof: raw(gw.getProof(gw.eraDiamond, hex(batchSlotRequests(n)), p.chainAt)),
        chainCommitTx: p.chainCommit === null ? null : raw(p.chainCommit),
      },
    },
  })
}

const run = async (p: Partial<Parts> = {}): Promise<Report> => verifyEvidence(evidence({ ...honest, ...p }))
const failed = (r: Report) => r.checks.filter((c) => c.status === 'fail').map((c) => c.id)

describe('the Gateway hop, in-process', () => {
  it('verifies the Era batch through Gateway: both hops, every link', async () => {
    const r = await run()
    expect(failed(r)).toEqual([])
    expect(r.verdict).toBe('verified')
    // Every check of both hops has its own id.
    const ids = r.checks.map((c) => c.id)
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
    expect(r.facts.settlement).toMatchObject({ chainId: '9075', gatewayBatch: m.toString() })
    expect((r.facts.storedBatchInfo as Record<string, string>).batchHash).toBe(
      bytesToHex(era.batches[Number(n)]!.stateRoot),
    )
  })

  it('a settlement layer L1 does not whitelist (another chain id) fails zksync.gateway.whitelisted', async () => {
    const r = await run({ settlementChainId: 271n, bridgehubKeys: 271n })
    expect(failed(r)).toContain('zksync.gateway.whitelisted')
  })

  it('Bridgehub slots for another chain than the one followed: the proof lacks them', async () => {
    const r = await run({ bridgehubKeys: 271n })
    expect(failed(r)).toContain('zksync.gateway.bridgehub.storage.zkChain')
  })

  it('a Gateway batch that is not the one proven on L1 fails on Gateway’s diamond on L1', async () => {
    // Gateway's proofs taken at M, but the hop claims batch M−1: the L1 proof answers other slots.
    const r = await run({ m: m - 1n })
    expect(r.verdict).toBe('failed')
    expect(failed(r).some((id) => id.startsWith('zksync.gateway.'))).toBe(true)
  })

  it('Gateway proofs from before Era migrated (no registration) do not fold to the bound Gateway root', async () => {
    const r = await run({ registryAt: 0n })
    expect(failed(r)).toContain('zksync.gateway.registry.storage.zkChain')
  })

  it('an honest proof that another chain id is not registered on Gateway: zksync.gateway.chainDiamond', async () => {
    // Pretend the chain's id were 271: its L1 diamond says 270, so the registry answer misses the key…
    const missing = await run({ registryChain: 271n })
    expect(failed(missing)).toContain('zksync.gateway.registry.storage.zkChain')
  })

  it('the chain’s diamond proven at a Gateway batch where the batch was only committed: root mismatch', async () => {
    const r = await run({ chainAt: 2n })
    expect(failed(r).some((id) => id.startsWith('zksync.gateway.chain.diamond.storage.'))).toBe(true)
  })

  it('no commit transaction on Gateway: incomplete, never verified', async () => {
    const r = await run({ chainCommit: null })
    expect(r.verdict).toBe('incomplete')
    expect(r.checks.find((c) => c.id === 'zksync.batch.settledElsewhere')?.status).toBe('skip')
  })

  it('without the Gateway section the same batch is incomplete, settledElsewhere skipped', async () => {
    const e = evidence()
    delete (e.data as Record<string, unknown>).gateway
    const r = await verifyEvidence(e)
    expect(r.verdict).toBe('incomplete')
    expect(failed(r)).toEqual([])
  })
})
