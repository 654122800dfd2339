import { bytesToHex, equalBytes } from '../../encoding/hex'
import type { ReportBuilder } from '../../report'
import { batchStatus, countersConsistent, type BatchStatus, type DiamondState } from './diamondSlots'
import { bindStoredBatchInfo } from './storedBatchInfo'
import type { StoredBatchInfo } from './types'

const RANK: Record<BatchStatus, number> = { unknown: 0, committed: 1, proven: 2, executed: 3 }
const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000'

export interface BatchOnDiamondInput {
  batchNumber: bigint
  /** Diamond storage already proven against a trusted L1 state root (the caller's eth_getProof check). */
  state: DiamondState
  /** A claimed StoredBatchInfo for the batch (from commit calldata + BlockCommit, or any source). */
  storedBatchInfo?: StoredBatchInfo
  /** The least status the caller needs, e.g. `executed` for a final balance. Default: committed. */
  requireStatus?: Exclude<BatchStatus, 'unknown'>
}

/**
 * Adds the diamond-state checks for one batch to a report: counters obey executed ≤ verified ≤ committed, the
 * chain settles on L1, the batch is within the committed counter (a reverted batch keeps its old stored hash, so
 * the mapping alone proves nothing), its stored hash is set, the claimed StoredBatchInfo hashes to it, and the
 * status reaches what the caller needs. Returns the status.
 */
export function checkBatchOnDiamond(r: ReportBuilder, input: BatchOnDiamondInput): BatchStatus {
  const { batchNumber: n, state } = input
  const status = batchStatus(n, state)
  r.fact('batchStatus', status)
  r.fact('counters', {
    totalBatchesCommitted: state.totalBatchesCommitted.toString(),
    totalBatchesVerified: state.totalBatchesVerified.toString(),
    totalBatchesExecuted: state.totalBatchesExecuted.toString(),
  })
  r.expect(
    'zksync.diamond.counters',
    'Batch counters are ordered (executed ≤ verified ≤ committed)',
    countersConsistent(state),
    `executed ${state.totalBatchesExecuted} ≤ verified ${state.totalBatchesVerified} ≤ committed ${state.totalBatchesCommitted}`,
  )
  if (state.settlementLayer === ZERO_ADDRESS)
    r.pass('zksync.diamond.settlementLayer', 'Chain settles on L1', 'settlementLayer is 0')
  else
    r.skip(
      'zksync.diamond.settlementLayer',
      'Chain settles on L1',
      `settlementLayer is ${state.settlementLayer}: batches settle there, L1 alone cannot prove them`,
    )
  r.expect(
    'zksync.batch.committed',
    'Batch is within totalBatchesCommitted',
    n <= state.totalBatchesCommitted,
    `batch ${n} ≤ ${state.totalBatchesCommitted}`,
    `batch ${n} > totalBatchesCommitted ${state.totalBatchesCommitted} (not committed, or reverted)`,
  )
  r.expect(
    'zksync.batch.storedHash',
    'storedBatchHashes[n] is set',
    !equalBytes(state.storedBatchHash, new Uint8Array(32)),
    bytesToHex(state.storedBatchHash),
    'storedBatchHashes[n] is zero',
  )
  if (input.storedBatchInfo) {
    const sbi = input.storedBatchInfo
    const binding = bindStoredBatchInfo(sbi, state.storedBatchHash)
    const numberOk = sbi.batchNumber === n
    r.expect(
      'zksync.batch.sbiBinding',
      'StoredBatchInfo hashes to storedBatchHashes[n]',
      binding.bound && numberOk,
      binding.bound ? `${binding.layout}-field layout` : '',
      !numberOk
        ? `StoredBatchInfo is for batch ${sbi.batchNumber}, not ${n}`
        : `no layout matches: ${binding.bound ? '' : binding.tried.map((t) => `${t.layout}-field ${bytesToHex(t.hash)}`).join(', ')}`,
    )
  }
  const need = input.requireStatus ?? 'committed'
  r.expect(
    'zksync.batch.status',
    `Batch is at least ${need}`,
    RANK[status] >= RANK[need],
    `status ${status}`,
    `status ${status}, need ${need}`,
  )
  return status
}
