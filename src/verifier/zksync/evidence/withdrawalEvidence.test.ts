import { describe, expect, it } from 'vitest'
import {
  composeZksyncWorld,
  withdrawalEvidence,
  type ComposedWorld,
} from '../../../../tests/integration/zksyncTestWorld'
import { bigintToBytes32, bytesToHex } from '../../encoding/hex'
import { rawFromBytes, rawJson, type Evidence, type RawItem } from '../../evidence/schema'
import type { Report } from '../../report'
import { legacyEthWithdrawalFinalizedSlot, legacyL2BridgeSlot } from '../bridge/bridgeSlots'
import { batchSlotRequests } from './proveDiamondStorage'
import { verifyZksyncWithdrawalEvidence } from './withdrawalEvidence'

/**
 * zksync-withdrawal on the generated world (state-root trust; the beacon part is tested elsewhere): 4 batches,
 * 2 executed, 3 proven, 4 committed, so batch 1 holds the claimed withdrawal, batch 2 the claimable one, batch 3
 * and 4 withdrawals not final yet. Each lie names the check that catches it or the link it leaves missing.
 */
const world = composeZksyncWorld('withdrawal-evidence', 4)
const w = world.withdrawals

const status = (r: Report, id: string) => r.checks.find((c) => c.id === id)
const notPassing = (r: Report) =>
  r.checks.filter((c) => c.required && c.status !== 'pass').map((c) => `${c.id}:${c.status}`)
const raw = (v: unknown) => rawFromBytes(new TextEncoder().encode(JSON.stringify(v)), true)
const edit = (e: Evidence, name: string, f: (result: Record<string, unknown>) => void): Evidence => {
  const json = rawJson(e.data[name] as RawItem) as Record<string, unknown>
  f('jsonrpc' in json ? (json.result as Record<string, unknown>) : json)
  return { ...e, data: { ...e.data, [name]: raw(json) } }
}

describe('zksync-withdrawal evidence', () => {
  it('final and claimable, final and claimed, included but not executed', () => {
    const claimable = verifyZksyncWithdrawalEvidence(withdrawalEvidence(world, w.claimable.txHash))
    expect(notPassing(claimable)).toEqual([])
    expect(claimable.verdict).toBe('verified')
    expect(claimable.facts.withdrawalStatus).toBe('final-claimable')
    const claimed = verifyZksyncWithdrawalEvidence(withdrawalEvidence(world, w.claimed.txHash))
    expect(claimed.verdict).toBe('verified')
    expect(claimed.facts.withdrawalStatus).toBe('final-claimed')
    for (const b of [3, 4]) {
      const tx = world.zk.batches[b]!.l2Logs!.withdrawals[1]!.txHash
      const r = verifyZksyncWithdrawalEvidence(withdrawalEvidence(world, tx))
      expect(r.verdict, notPassing(r).join()).toBe('verified')
      expect(r.facts.withdrawalStatus).toBe('included-not-executed')
    }
  })

  it('legacy ERC-20 and asset-router withdrawals: the sender each kind needs, the legacy bridge from proven storage', () => {
    const [, , legacy, router] = world.zk.batches[2]!.l2Logs!.withdrawals
    const l = verifyZksyncWithdrawalEvidence(withdrawalEvidence(world, legacy!.txHash))
    expect(l.verdict, notPassing(l).join()).toBe('verified')
    expect(l.facts.withdrawal).toMatchObject({ kind: 'erc20-legacy', receiver: legacy!.receiver })
    expect(status(l, 'zksync.withdrawal.sender')?.detail).toMatch(
      /0x11f943b2c77b743ab90f4a0ae7d5a4e7fca3e102/,
    )
    const a = verifyZksyncWithdrawalEvidence(withdrawalEvidence(world, router!.txHash))
    expect(a.verdict, notPassing(a).join()).toBe('verified')
    expect(a.facts.withdrawal).toMatchObject({ kind: 'asset-router', receiver: router!.receiver })
    // An L1Nullifier that names another legacy bridge for the chain: the message is not one L1 honours.
    const other = composeZksyncWorld('withdrawal-evidence', 4, {
      nullifier: [[bytesToHex(legacyL2BridgeSlot(world.zk.chainId)), bytesToHex(bigintToBytes32(0x77n))]],
    })
    const o = verifyZksyncWithdrawalEvidence(withdrawalEvidence(other, legacy!.txHash))
    expect(o.verdict).toBe('incomplete')
    expect(status(o, 'zksync.withdrawal.sender')).toMatchObject({ status: 'skip' })
  })

  it('the node’s own root is never used; an old plain path (no metadata word) folds as L1 folds it', () => {
    const e = withdrawalEvidence(world, w.claimable.txHash)
    const lyingRoot = edit(e, 'logProof', (p) => void (p.root = `0x${'00'.repeat(32)}`))
    expect(verifyZksyncWithdrawalEvidence(lyingRoot).verdict).toBe('verified')
    const plain = edit(e, 'logProof', (p) => void (p.proof = (p.proof as string[]).slice(1)))
    const r = verifyZksyncWithdrawalEvidence(plain)
    expect(r.verdict).toBe('verified')
    expect(status(r, 'zksync.withdrawal.logProof')?.detail).toMatch(/plain 15-sibling path/)
  })

  it('a proof that is not final (the Gateway hop) is incomplete, naming it', () => {
    const e = edit(withdrawalEvidence(world, w.claimable.txHash), 'logProof', (p) => {
      const proof = p.proof as string[]
      proof[0] = `0x010f0000${'00'.repeat(28)}`
      proof.push(bytesToHex(bigintToBytes32(9075n)))
    })
    const r = verifyZksyncWithdrawalEvidence(e)
    expect(r.verdict).toBe('incomplete')
    expect(status(r, 'zksync.withdrawal.included')?.detail).toMatch(/not final: .*Gateway/)
  })

  it('receipt lies: another transaction, reverted, no batch, another sender — each a named missing link', () => {
    const e = withdrawalEvidence(world, w.claimable.txHash)
    const cases: [string, (r: Record<string, unknown>) => void, string, RegExp][] = [
      [
        'another tx',
        (r) => void (r.transactionHash = w.claimed.txHash),
        'zksync.withdrawal.receipt',
        /is for/,
      ],
      ['reverted', (r) => void (r.status = '0x0'), 'zksync.withdrawal.receipt', /reverted/],
      ['no batch', (r) => void (r.l1BatchNumber = null), 'zksync.withdrawal.receipt', /not in a sealed/],
      [
        'another sender',
        (r) => {
          const other = `0x${'00'.repeat(12)}${'77'.repeat(20)}`
          ;(r.l2ToL1Logs as { key: string }[])[0]!.key = other
          ;(r.logs as { topics: string[] }[])[0]!.topics[1] = other
        },
        'zksync.withdrawal.sender',
        /only from 0x0{36}800a: not a withdrawal/,
      ],
    ]
    for (const [what, f, id, detail] of cases) {
      const r = verifyZksyncWithdrawalEvidence(edit(e, 'receipt', f))
      expect(r.verdict, what).toBe('incomplete')
      expect(status(r, id), what).toMatchObject({ status: 'skip', detail: expect.stringMatching(detail) })
    }
  })

  it('a batch beyond the committed counter: nothing on L1 includes it yet', () => {
    const e = edit(withdrawalEvidence(world, w.claimable.txHash), 'receipt', (r) => {
      r.l1BatchNumber = '0x9'
    })
    expect(notPassing(verifyZksyncWithdrawalEvidence(e))).toContain('zksync.withdrawal.batch:fail')
    const keys = batchSlotRequests(9n).map((s) => bytesToHex(s.key))
    const { batchDetails: _details, ...data } = e.data
    const at9: Evidence = {
      ...e,
      question: { txHash: w.claimable.txHash },
      data: {
        ...data,
        batchNumber: '9',
        commitTx: null,
        diamondProof: raw(world.l1.head.state.getProof(world.zk.diamond, keys)),
      },
    }
    const r = verifyZksyncWithdrawalEvidence(at9)
    expect(r.verdict).not.toBe('verified')
    expect(status(r, 'zksync.withdrawal.included')).toMatchObject({
      status: 'skip',
      detail: expect.stringMatching(/batch 9 is not committed on L1 yet/),
    })
  })
})

describe('Era withdrawals from before the shared bridge: the diamond’s own claim record', () => {
  const first = bytesToHex(bigintToBytes32(201n))
  const legacyWorld = (diamond: [string, string][] = []): ComposedWorld =>
    composeZksyncWorld('withdrawal-evidence', 4, {
      nullifier: [[first, bytesToHex(bigintToBytes32(100n))]],
      diamond,
    })

  it('unclaimed in the diamond: final and claimable, the detail says where it looked', () => {
    const lw = legacyWorld()
    const r = verifyZksyncWithdrawalEvidence(withdrawalEvidence(lw, lw.withdrawals.claimable.txHash))
    expect(r.verdict, notPassing(r).join()).toBe('verified')
    expect(r.facts.withdrawalStatus).toBe('final-claimable')
    expect(status(r, 'zksync.withdrawal.claimed')?.detail).toMatch(
      /pre-shared-bridge .* diamond isEthWithdrawalFinalized/,
    )
    expect(status(r, 'zksync.diamond.storage.legacyEthWithdrawalFinalized')?.status).toBe('pass')
  })

  it('claimed in the diamond: final and already claimed', () => {
    const probe = legacyWorld()
    const x = probe.withdrawals.claimable
    const n = probe.withdrawals.byHash.get(x.txHash)!.batch.number
    const slot = bytesToHex(legacyEthWithdrawalFinalizedSlot(n, BigInt(x.id)))
    const lw = legacyWorld([[slot, bytesToHex(bigintToBytes32(1n))]])
    const r = verifyZksyncWithdrawalEvidence(withdrawalEvidence(lw, x.txHash))
    expect(r.verdict, notPassing(r).join()).toBe('verified')
    expect(r.facts.withdrawalStatus).toBe('final-claimed')
  })

  it('without the diamond slot proven, the claim question stays open', () => {
    const lw = legacyWorld()
    const e = edit(withdrawalEvidence(lw, lw.withdrawals.claimable.txHash), 'diamondProof', (p) => {
      const list = p.storageProof as { key: string }[]
      const slot = list[list.length - 1]!
      p.storageProof = list.filter((s) => s !== slot)
    })
    const r = verifyZksyncWithdrawalEvidence(e)
    expect(r.verdict).toBe('incomplete')
    expect(status(r, 'zksync.withdrawal.claimed')?.detail).toMatch(/before the shared bridge/)
  })
})
