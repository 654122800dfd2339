import { describe, expect, it } from 'vitest'
import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
import { ReportBuilder } from '../../src/verifier/report'
import { checkBatchOnDiamond } from '../../src/verifier/zksync/batches/checkBatchOnDiamond'
import {
  decodeDiamondState,
  diamondSlots,
  DIAMOND_STORAGE_SLOTS,
  mappingSlot,
  type BatchSlotKeys,
  type DiamondStorageWords,
} from '../../src/verifier/zksync/batches/diamondSlots'
import { buildZksyncWorld, GATEWAY_DIAMOND_ON_L1 } from './buildZksyncWorld'

/**
 * The Era-like Gateway window (issue 17): batches 3–4 settle on Gateway, the chain migrates back, and the L1
 * diamond shows exactly what AdminFacet.forwardedBridgeMint leaves — zero stored hashes and logs roots for the
 * window, the last window batch's hash alone, the counters moving on.
 */
const world = buildZksyncWorld({ seed: 'gateway-window', batches: 8, gatewayWindow: { from: 3, to: 4 } })
const zero = `0x${'00'.repeat(32)}`
const at = (m: ReadonlyMap<string, string>, key: Uint8Array) => m.get(bytesToHex(key)) ?? zero
const storedHash = (m: ReadonlyMap<string, string>, n: bigint) =>
  at(m, mappingSlot(n, DIAMOND_STORAGE_SLOTS.storedBatchHashes))
const logsRoot = (m: ReadonlyMap<string, string>, n: bigint) =>
  at(m, mappingSlot(n, DIAMOND_STORAGE_SLOTS.l2LogsRootHashes))

function words(n: bigint): DiamondStorageWords {
  const keys = diamondSlots(n)
  const out = {} as Record<keyof BatchSlotKeys, Uint8Array>
  for (const k of Object.keys(keys) as (keyof BatchSlotKeys)[])
    out[k] = hexToBytes(at(world.diamondStorage, keys[k]))
  return out
}

describe('the Gateway window of the test world', () => {
  it('keeps the usual tail on L1 and marks where each batch settled', () => {
    expect(world.counters).toEqual({
      totalBatchesCommitted: 8n,
      totalBatchesVerified: 7n,
      totalBatchesExecuted: 6n,
    })
    expect(world.batches.map((b) => b.settledOn)).toEqual([
      'l1',
      'l1',
      'l1',
      'gateway',
      'gateway',
      'l1',
      'l1',
      'l1',
      'l1',
    ])
    expect(world.gateway).toMatchObject({ chainId: 9075n, from: 3n, to: 4n })
  })

  it('on L1: zero stored hash and logs root for the executed window batch 3; batch 4 keeps its hash only', () => {
    const m = world.diamondStorage
    expect(storedHash(m, 3n)).toBe(zero)
    expect(logsRoot(m, 3n)).toBe(zero)
    expect(storedHash(m, 4n)).toBe(bytesToHex(world.batches[4]!.storedBatchHash))
    expect(logsRoot(m, 4n)).toBe(zero)
    for (const n of [1n, 2n, 5n, 6n]) {
      expect(storedHash(m, n)).toBe(bytesToHex(world.batches[Number(n)]!.storedBatchHash))
      expect(logsRoot(m, n)).toBe(bytesToHex(world.batches[Number(n)]!.storedBatchInfo.l2LogsTreeRoot))
    }
    // settlementLayer named Gateway's diamond while Era was there, and is clear again after the migration back.
    const slot50 = bytesToHex(diamondSlots(0n).settlementLayer)
    const i = world.operations.findIndex((op) => op.kind === 'migrate')
    expect(world.diamondStorageAt(i + 1).get(slot50)).toBe(
      `0x${'00'.repeat(12)}${GATEWAY_DIAMOND_ON_L1.slice(2)}`,
    )
    expect(world.diamondStorage.get(slot50)).toBeUndefined()
  })

  it('no L1 operation touches the window; Gateway carries its commit, prove and execute calls', () => {
    expect(
      world.operations.filter((op) => op.kind !== 'migrate' && op.batchNumber >= 3n && op.batchNumber <= 4n),
    ).toEqual([])
    expect(world.gateway!.operations.map((op) => `${op.kind} ${op.batchNumber}`)).toEqual([
      'commit 3',
      'commit 4',
      'prove 3',
      'prove 4',
      'execute 3',
      'execute 4',
    ])
  })

  it('the verifier reads the window batch as settled elsewhere, and an L1 batch as before', () => {
    const r = new ReportBuilder({ kind: 't', description: 'batch 3' })
    checkBatchOnDiamond(r, {
      batchNumber: 3n,
      state: decodeDiamondState(words(3n)),
      l2LogsRootHash: hexToBytes(logsRoot(world.diamondStorage, 3n)),
      requireStatus: 'executed',
    })
    const report = r.build()
    expect(report.verdict).toBe('incomplete')
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([])
    expect(report.checks.map((c) => c.id)).toContain('zksync.batch.settledElsewhere')
    // Batch 4, whose hash the migration copied back, is read the same way from its zero logs root.
    const r4 = new ReportBuilder({ kind: 't', description: 'batch 4' })
    checkBatchOnDiamond(r4, {
      batchNumber: 4n,
      state: decodeDiamondState(words(4n)),
      l2LogsRootHash: hexToBytes(logsRoot(world.diamondStorage, 4n)),
      requireStatus: 'executed',
    })
    expect(r4.build().checks.map((c) => c.id)).toContain('zksync.batch.settledElsewhere')

    const l1 = new ReportBuilder({ kind: 't', description: 'batch 6' })
    checkBatchOnDiamond(l1, {
      batchNumber: 6n,
      state: decodeDiamondState(words(6n)),
      storedBatchInfo: world.batches[6]!.storedBatchInfo,
      requireStatus: 'executed',
    })
    expect(l1.build().verdict).toBe('verified')
  })

  it('rejects a window that leaves no L1 tail', () => {
    expect(() => buildZksyncWorld({ seed: 's', batches: 5, gatewayWindow: { from: 2, to: 3 } })).toThrow(
      RangeError,
    )
  })
})
