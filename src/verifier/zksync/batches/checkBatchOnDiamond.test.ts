import { describe, expect, it } from 'vitest'
import { readFixture } from '../../../../tests/support/fixtures'
import { bigintToBytes32 } from '../../encoding/hex'
import { ReportBuilder, type Report } from '../../report'
import { checkBatchOnDiamond, type BatchOnDiamondInput } from './checkBatchOnDiamond'
import { decodeCommitCalldata } from './decodeCommitCalldata'
import { decodeDiamondState, type DiamondStorageWords } from './diamondSlots'
import { storedBatchInfoHash } from './storedBatchInfo'

/*
 * The diamond words are generated (the fixtures hold no eth_getProof of the diamond); the StoredBatchInfo is the
 * real lastCommitted (batch 350999) of the mainnet commit calldata, and its stored hash is the real 8-field one.
 */
const sbi = decodeCommitCalldata(
  readFixture('zksync/zksync-era/consistency_checker/commit_l1_batch_351000-351004_mainnet.calldata'),
).lastCommitted
const w = bigintToBytes32
const words: DiamondStorageWords = {
  verifier: w(0xdb3300726556afa413a11af474a8cfda4d7fc5a5n),
  totalBatchesExecuted: w(350999n),
  totalBatchesVerified: w(351002n),
  totalBatchesCommitted: w(351004n),
  storedBatchHash: storedBatchInfoHash(sbi, 8),
  protocolVersion: w(19n << 32n),
  settlementLayer: w(0n),
  zkPorterIsAvailable: w(0n),
  l2BootloaderBytecodeHash: w(1n),
  l2DefaultAccountBytecodeHash: w(2n),
  l2EvmEmulatorBytecodeHash: w(0n),
}

function run(patch: Partial<DiamondStorageWords> = {}, extra: Partial<BatchOnDiamondInput> = {}): Report {
  const r = new ReportBuilder({ kind: 'zksync-batch', description: 'batch 350999' })
  checkBatchOnDiamond(r, {
    batchNumber: 350999n,
    state: decodeDiamondState({ ...words, ...patch }),
    storedBatchInfo: sbi,
    requireStatus: 'executed',
    ...extra,
  })
  return r.build()
}
const failed = (r: Report) => r.checks.filter((c) => c.status === 'fail').map((c) => c.id)

describe('checkBatchOnDiamond', () => {
  it('binds the real StoredBatchInfo and reports executed', () => {
    const r = run()
    expect(r.verdict).toBe('verified')
    expect(r.facts.batchStatus).toBe('executed')
  })

  it('a lowered executed counter is caught by the required status', () => {
    const r = run({ totalBatchesExecuted: w(350998n) })
    expect(r.facts.batchStatus).toBe('proven')
    expect(failed(r)).toEqual(['zksync.batch.status'])
  })

  it('a lowered verified counter below executed breaks the counter order', () => {
    const r = run({ totalBatchesVerified: w(350000n) })
    expect(failed(r)).toContain('zksync.diamond.counters')
    expect(r.facts.batchStatus).toBe('unknown')
  })

  it('a committed counter below n means reverted or not committed, whatever the mapping holds', () => {
    const r = run({
      totalBatchesCommitted: w(350998n),
      totalBatchesVerified: w(350998n),
      totalBatchesExecuted: w(350998n),
    })
    expect(failed(r)).toEqual(expect.arrayContaining(['zksync.batch.committed', 'zksync.batch.status']))
  })

  it('an executed counter above verified is caught', () => {
    expect(failed(run({ totalBatchesExecuted: w(351003n) }))).toContain('zksync.diamond.counters')
  })

  it('a wrong stored hash, a zero stored hash and a tampered SBI fail', () => {
    const flipped = storedBatchInfoHash(sbi, 8).slice()
    flipped[0]! ^= 1
    expect(failed(run({ storedBatchHash: flipped }))).toEqual(['zksync.batch.sbiBinding'])
    expect(failed(run({ storedBatchHash: new Uint8Array(32) }))).toEqual(
      expect.arrayContaining(['zksync.batch.storedHash', 'zksync.batch.sbiBinding']),
    )
    const tampered = { ...sbi, timestamp: sbi.timestamp + 1n }
    expect(failed(run({}, { storedBatchInfo: tampered }))).toEqual(['zksync.batch.sbiBinding'])
  })

  it('an SBI for another batch number does not bind', () => {
    expect(failed(run({}, { batchNumber: 350998n }))).toContain('zksync.batch.sbiBinding')
  })

  it('a nonzero settlement layer is never verified', () => {
    const r = run({ settlementLayer: w(0x1234n) })
    expect(r.verdict).toBe('incomplete')
    expect(r.checks.find((c) => c.id === 'zksync.diamond.settlementLayer')?.status).toBe('skip')
  })
})
