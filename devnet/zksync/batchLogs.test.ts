import { describe, expect, it } from 'vitest'
import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
import { withdrawalFinalizedSlot } from '../../src/verifier/zksync/bridge/bridgeSlots'
import { l2ToL1LogLeaf, messageLog } from '../../src/verifier/zksync/bridge/l2ToL1Log'
import { foldLogLeaf, readLogProofPath } from '../../src/verifier/zksync/bridge/logProofPath'
import { logsTreeRootAndPath } from '../../src/verifier/zksync/bridge/logsTree'
import { logProofJson } from './batchLogs'
import { buildZksyncWorld } from './buildZksyncWorld'
import { claimSlot, withdrawalService, worldWithdrawals } from './withdrawalService'

const world = buildZksyncWorld({ seed: 'batch-logs', batches: 8, gatewayWindow: { from: 3, to: 4 } })

describe('the world’s L2→L1 logs (two implementations of the tree agree)', () => {
  it('every batch’s l2LogsTreeRoot is its logs tree root, and each withdrawal’s proof folds to it', () => {
    for (const b of world.batches.slice(1)) {
      const logs = b.l2Logs!
      expect(bytesToHex(b.storedBatchInfo.l2LogsTreeRoot)).toBe(bytesToHex(logs.root))
      const local = logsTreeRootAndPath(
        logs.encoded.map((e) =>
          l2ToL1LogLeaf({
            shardId: e[0]!,
            isService: e[1] === 1,
            txNumberInBatch: (e[2]! << 8) | e[3]!,
            sender: e.slice(4, 24),
            key: e.slice(24, 56),
            value: e.slice(56, 88),
          }),
        ),
        14,
      )
      expect(bytesToHex(local.root)).toBe(bytesToHex(logs.localRoot))
      expect(logs.withdrawals.map((x) => x.kind)).toEqual(['eth', 'eth', 'erc20-legacy', 'asset-router'])
      for (const w of logs.withdrawals) {
        const answer = logProofJson(logs, w.id, true)
        const read = readLogProofPath(answer.proof.map((x) => hexToBytes(x)))
        if (!read.ok) throw new Error(read.reason)
        const leaf = l2ToL1LogLeaf(messageLog(hexToBytes(w.contract), w.txNumberInBatch, w.message))
        const fold = foldLogLeaf(leaf, BigInt(answer.id), read.proof)
        expect(fold.ok && bytesToHex(fold.root)).toBe(answer.root)
        expect(answer.root).toBe(bytesToHex(logs.root))
      }
    }
  })

  it('picks a claimable, a claimed and a pending withdrawal; the claim slot is the verifier’s', () => {
    const w = worldWithdrawals(world)
    const batchOf = (tx: string) => w.byHash.get(tx)!.batch
    expect(batchOf(w.claimable.txHash).status).toBe('executed')
    expect(batchOf(w.claimed.txHash).status).toBe('executed')
    expect(batchOf(w.pending.txHash).status).not.toBe('executed')
    for (const x of [w.claimable, w.claimed]) expect(batchOf(x.txHash).settledOn).toBe('l1')
    const n = batchOf(w.claimed.txHash).number
    expect(claimSlot(world.chainId, n, w.claimed.id)).toBe(
      bytesToHex(withdrawalFinalizedSlot(world.chainId, n, BigInt(w.claimed.id))),
    )
    expect(w.nullifierStorage.get(claimSlot(world.chainId, n, w.claimed.id))).toMatch(/1$/)
  })

  it('serves receipts and proofs; the lies change exactly what they say', () => {
    const w = worldWithdrawals(world)
    const svc = withdrawalService(world, w)
    const tx = w.claimable.txHash
    const honest = svc.logProof(tx, 0) as { proof: string[]; id: number }
    expect(svc.logProof(tx, 1)).toBeNull()
    expect(svc.receipt(`0x${'00'.repeat(32)}`)).toBeNull()
    svc.setLie('forged-proof')
    const forged = svc.logProof(tx, 0) as { proof: string[]; id: number }
    expect(forged.proof.filter((p, i) => p !== honest.proof[i])).toHaveLength(1)
    svc.setLie('other-message')
    expect((svc.logProof(tx, 0) as { id: number }).id).not.toBe(honest.id)
    svc.setLie('no-event')
    expect((svc.receipt(tx) as { logs: unknown[] }).logs).toHaveLength(1)
  })
})
