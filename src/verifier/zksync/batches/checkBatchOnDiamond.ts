import { bytesToHex, equalBytes } from '../../encoding/hex'
import type { ReportBuilder } from '../../report'
import { batchStatus, countersConsistent, type BatchStatus, type DiamondState } from './diamondSlots'
import { settlementLayerName, type SettlementHint } from './settlementLayers'
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
  /** l2LogsRootHashes[n] as proven (slot 15, written at execute); absent in evidence made before it was asked. */
  l2LogsRootHash?: Uint8Array
  /** Where the ZKsync node says batch n was committed: named in the detail, never trusted. */
  settlementHint?: SettlementHint
  /**
   * The layer the diamond lives on. `gateway`: a chain's diamond on ZKsync Gateway, read through Gateway's state;
   * a chain that has since left Gateway keeps `settlementLayer` set there, which is fine for a batch Gateway
   * executed before it left (Gateway's `forwardedBridgeBurn` requires every committed batch executed), and no
   * further layer is looked for. Default `l1`.
   */
  layer?: 'l1' | 'gateway'
  /** The caller reports `zksync.batch.settledElsewhere` itself (it proves the batch on that layer). */
  deferSettledElsewhere?: boolean
}

const isZero = (b: Uint8Array) => b.every((x) => x === 0)

export const SETTLED_ELSEWHERE_TITLE = 'Batch settled on L1, or is proven through its settlement layer'

/**
 * Whether L1's own storage shows that batch n settled on another layer, and why. Two footprints, both from
 * era-contracts `AdminFacet` (commit 5e7d0b40, l1-contracts/contracts/state-transition/chain-deps/facets/Admin.sol):
 * - migrated back: `forwardedBridgeMint` sets the counters from the chain's `ZKChainCommitment` and writes
 *   `storedBatchHashes[totalBatchesExecuted + i]` only for "all the unexecuted batches' hashes + 1 latest executed
 *   one" (common/Config.sol), so a batch executed on the other layer has storedBatchHashes[n] = 0 and
 *   l2LogsRootHashes[n] = 0 on L1 while n ≤ totalBatchesExecuted. Execution on L1 always writes both.
 * - settling elsewhere now: `settlementLayer` (slot 50) is set and L1's counters stopped at the migration, so a
 *   batch above totalBatchesCommitted may exist on that layer.
 */
export function settledElsewhere(n: bigint, state: DiamondState, l2LogsRootHash?: Uint8Array): string | null {
  if (n < 1n || !countersConsistent(state)) return null
  if (isZero(state.storedBatchHash) && n <= state.totalBatchesExecuted) {
    if (l2LogsRootHash && !isZero(l2LogsRootHash)) return null
    return (
      `storedBatchHashes[${n}]${l2LogsRootHash ? ` and l2LogsRootHashes[${n}] are` : ' is'} zero on L1 while batch ${n} ≤ ` +
      `totalBatchesExecuted ${state.totalBatchesExecuted}: it was executed on another settlement layer and the ` +
      'chain migrated back to L1, which keeps only the unexecuted batches’ hashes and the last executed one ' +
      '(era-contracts AdminFacet.forwardedBridgeMint)'
    )
  }
  // The one executed hash the migration back copies (the last batch executed on the other layer): its stored hash
  // is set, but execution never ran on L1, so its logs root is zero. Only evidence that proves slot 15 shows it.
  if (l2LogsRootHash && isZero(l2LogsRootHash) && n <= state.totalBatchesExecuted)
    return (
      `l2LogsRootHashes[${n}] is zero on L1 while batch ${n} ≤ totalBatchesExecuted ${state.totalBatchesExecuted} ` +
      'and its stored hash is set: execution on L1 writes both, so the batch was executed on another settlement ' +
      'layer and its hash copied to L1 when the chain migrated back (the last executed batch of ' +
      'era-contracts AdminFacet.forwardedBridgeMint)'
    )
  if (state.settlementLayer !== ZERO_ADDRESS && n > state.totalBatchesCommitted)
    return (
      `the chain settles on ${state.settlementLayer} (settlementLayer, slot 50) and L1’s counters stopped at ` +
      `${state.totalBatchesCommitted} committed when it migrated: batch ${n} is not on L1`
    )
  return null
}

/** The detail of `zksync.batch.settledElsewhere`: why, where (the node's hint) and what would prove it. */
export function elsewhereDetail(why: string, hint?: SettlementHint): string {
  const where =
    hint?.commitChainId === null || hint?.commitChainId === undefined
      ? 'the ZKsync node does not say where it was committed'
      : `the ZKsync node${hint.endpoint ? ` ${hint.endpoint}` : ''} says it was committed on ` +
        `${settlementLayerName(hint.commitChainId)} (commitChainId, an untrusted hint)`
  return (
    `${why}; ${where}. L1 alone cannot prove this batch: it is not failed, only not proven here. ` +
    'Prove it through its settlement layer with --gateway-rpc URL (a ZKsync Gateway JSON-RPC endpoint).'
  )
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
  const onGateway = input.layer === 'gateway'
  if (onGateway)
    r.expect(
      'zksync.diamond.settlementLayer',
      'Chain settles on Gateway, or left it after Gateway executed the batch',
      state.settlementLayer === ZERO_ADDRESS ||
        (countersConsistent(state) && n <= state.totalBatchesExecuted),
      state.settlementLayer === ZERO_ADDRESS
        ? 'settlementLayer is 0 on Gateway: the chain settles there'
        : `settlementLayer is ${state.settlementLayer} on Gateway: the chain left after Gateway executed ` +
            `${state.totalBatchesExecuted} batches (forwardedBridgeBurn requires all committed batches executed)`,
      `settlementLayer is ${state.settlementLayer} on Gateway and batch ${n} is above its executed ` +
        `${state.totalBatchesExecuted}: the chain left Gateway before this batch was executed there`,
    )
  else if (state.settlementLayer === ZERO_ADDRESS)
    r.pass('zksync.diamond.settlementLayer', 'Chain settles on L1', 'settlementLayer is 0')
  else
    r.skip(
      'zksync.diamond.settlementLayer',
      'Chain settles on L1',
      `settlementLayer is ${state.settlementLayer}: batches settle there, L1 alone cannot prove them`,
    )
  const elsewhere = onGateway ? null : settledElsewhere(n, state, input.l2LogsRootHash)
  if (elsewhere !== null) {
    // Not a contradiction: L1 says the batch lives on another layer. What needs L1's stored hash is skipped with
    // that reason (not required: the required settledElsewhere check carries the question, and passes only when
    // the batch is proven through its settlement layer).
    const hint = input.settlementHint
    if (!input.deferSettledElsewhere)
      r.skip('zksync.batch.settledElsewhere', SETTLED_ELSEWHERE_TITLE, elsewhereDetail(elsewhere, hint))
    r.fact('settlement', {
      layer: 'another settlement layer',
      claimedChainId: hint?.commitChainId?.toString() ?? null,
      claimedLayer: hint?.commitChainId ? settlementLayerName(hint.commitChainId) : null,
      proveWith: '--gateway-rpc URL',
    })
    const because = 'the batch settled on another layer (zksync.batch.settledElsewhere)'
    const optional = { required: false }
    if (n > state.totalBatchesCommitted)
      r.skip('zksync.batch.committed', 'Batch is within totalBatchesCommitted', because, optional)
    else
      r.pass(
        'zksync.batch.committed',
        'Batch is within totalBatchesCommitted',
        `batch ${n} ≤ ${state.totalBatchesCommitted}`,
      )
    if (isZero(state.storedBatchHash))
      r.skip('zksync.batch.storedHash', 'storedBatchHashes[n] is set', `zero on L1: ${because}`, optional)
    else r.pass('zksync.batch.storedHash', 'storedBatchHashes[n] is set', bytesToHex(state.storedBatchHash))
    if (input.storedBatchInfo)
      r.skip(
        'zksync.batch.sbiBinding',
        'StoredBatchInfo hashes to storedBatchHashes[n]',
        `L1 holds no hash to bind it to: ${because}`,
        optional,
      )
    const need = input.requireStatus ?? 'committed'
    if (RANK[status] >= RANK[need])
      r.pass('zksync.batch.status', `Batch is at least ${need}`, `status ${status} by L1's counters`)
    else r.skip('zksync.batch.status', `Batch is at least ${need}`, because, optional)
    return status
  }
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
