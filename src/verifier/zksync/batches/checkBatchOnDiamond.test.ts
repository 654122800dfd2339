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
    // Zero where execution on L1 would have written both hashes: a contradiction, not a migration.
    expect(failed(run({ storedBatchHash: new Uint8Array(32) }, { l2LogsRootHash: w(7n) }))).toEqual(
      expect.arrayContaining(['zksync.batch.storedHash', 'zksync.batch.sbiBinding']),
    )
    // Zero for a batch that is only committed: forwardedBridgeMint writes every unexecuted batch's hash.
    expect(
      failed(
        run(
          { storedBatchHash: new Uint8Array(32), totalBatchesExecuted: w(350998n) },
          { requireStatus: 'proven' },
        ),
      ),
    ).toEqual(expect.arrayContaining(['zksync.batch.storedHash', 'zksync.batch.sbiBinding']))
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

  describe('a batch that settled on another layer (ZKsync Gateway) is incomplete, never failed', () => {
    // Era's footprint after it migrated back from Gateway on 2026-01-31: storedBatchHashes[n] and
    // l2LogsRootHashes[n] zero for an executed n (era-contracts AdminFacet.forwardedBridgeMint, common/Config.sol
    // ZKChainCommitment: "all the unexecuted batches' hashes + 1 latest executed one").
    const zero = new Uint8Array(32)
    const ids = (r: Report, status: string) => r.checks.filter((c) => c.status === status).map((c) => c.id)

    it('zero stored hash and zero logs root below the executed counter: settledElsewhere, with the hint', () => {
      const r = run(
        { storedBatchHash: zero },
        { l2LogsRootHash: zero, settlementHint: { commitChainId: 9075n, endpoint: 'http://node' } },
      )
      expect(r.verdict).toBe('incomplete')
      expect(failed(r)).toEqual([])
      const c = r.checks.find((x) => x.id === 'zksync.batch.settledElsewhere')!
      expect(c).toMatchObject({ status: 'skip', required: true })
      expect(c.detail).toMatch(/ZKsync Gateway \(chain 9075\)/)
      expect(c.detail).toMatch(/--gateway-rpc/)
      expect(ids(r, 'skip')).toEqual(
        expect.arrayContaining(['zksync.batch.storedHash', 'zksync.batch.sbiBinding']),
      )
      expect(r.facts.settlement).toMatchObject({
        claimedChainId: '9075',
        claimedLayer: 'ZKsync Gateway (chain 9075)',
      })
    })

    it('evidence without the logs root (made before it was asked) reads the zero stored hash the same way', () => {
      const r = run({ storedBatchHash: zero }, { storedBatchInfo: undefined })
      expect(r.verdict).toBe('incomplete')
      expect(ids(r, 'skip')).toContain('zksync.batch.settledElsewhere')
      expect(r.checks.find((x) => x.id === 'zksync.batch.settledElsewhere')!.detail).toMatch(
        /does not say where/,
      )
    })

    it('a chain settling elsewhere now: a batch above L1’s frozen counters is incomplete, not failed', () => {
      const r = run(
        {
          settlementLayer: w(0x6e96d1172a6593d5027af3c2664c5112ca75f2b9n),
          storedBatchHash: zero,
          totalBatchesCommitted: w(350990n),
          totalBatchesVerified: w(350990n),
          totalBatchesExecuted: w(350990n),
        },
        { storedBatchInfo: undefined },
      )
      expect(failed(r)).toEqual([])
      expect(r.verdict).toBe('incomplete')
      expect(ids(r, 'skip')).toEqual(
        expect.arrayContaining([
          'zksync.batch.settledElsewhere',
          'zksync.batch.committed',
          'zksync.batch.status',
        ]),
      )
    })

    it('the last batch executed elsewhere: its hash was copied back, but its logs root is zero', () => {
      const r = run({}, { l2LogsRootHash: zero })
      expect(r.verdict).toBe('incomplete')
      expect(failed(r)).toEqual([])
      expect(r.checks.find((x) => x.id === 'zksync.batch.settledElsewhere')!.detail).toMatch(
        /l2LogsRootHashes\[350999\] is zero/,
      )
      // The same batch with its logs root written was executed on L1: verified as before.
      expect(run({}, { l2LogsRootHash: w(7n) }).verdict).toBe('verified')
    })

    it('genesis and inconsistent counters are never read as settled elsewhere', () => {
      expect(ids(run({ storedBatchHash: zero }, { batchNumber: 0n }), 'skip')).not.toContain(
        'zksync.batch.settledElsewhere',
      )
      const bad = run({ storedBatchHash: zero, totalBatchesVerified: w(1n) })
      expect(bad.verdict).toBe('failed')
      expect(ids(bad, 'skip')).not.toContain('zksync.batch.settledElsewhere')
    })
  })
})
