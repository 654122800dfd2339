import { LightproofError } from '../../../shared/errors'
import { bytesToHex } from '../../encoding/hex'
import type { EthGetProof } from '../../mpt/parseEthGetProof'
import type { FactValue, ReportBuilder } from '../../report'
import {
  checkBatchOnDiamond,
  elsewhereDetail,
  settledElsewhere,
  SETTLED_ELSEWHERE_TITLE,
} from '../batches/checkBatchOnDiamond'
import type { SettlementHint } from '../batches/settlementLayers'
import { decodeCommitCalldata } from '../batches/decodeCommitCalldata'
import { UnsupportedEncodingVersionError } from '../batches/encodingVersions'
import type { BatchStatus, DiamondState } from '../batches/diamondSlots'
import { bindStoredBatchInfo } from '../batches/storedBatchInfo'
import type { DecodedCommitCalldata, StoredBatchInfo } from '../batches/types'
import { verifyDecodedCommit } from '../batches/verifyCommitCalldata'
import type { PublishedData } from '../batches/dataAvailability'
import type { CommitTransaction } from './parseCommitTransaction'
import { batchSlotRequests, diamondStateOf, proveDiamondStorage } from './proveDiamondStorage'
import { storedBatchInfoFromCommit } from './storedBatchInfoFromCommit'

export interface BatchOnL1Input {
  /** A trusted L1 state root: from the verified beacon head, or one the caller trusts for another reason. */
  stateRoot: Uint8Array
  batchNumber: bigint
  /** eth_getProof of the diamond at the block of `stateRoot`, with the slots of batchSlotRequests(n). */
  diamondProof: EthGetProof
  /** The commit transaction of batch n (untrusted locator); null when none was found. */
  commitTx: CommitTransaction | null
  /** The least status the question needs (a final balance needs `executed`). Default: committed. */
  requireStatus?: Exclude<BatchStatus, 'unknown'>
  /** The diamond of the answer's network (diamondAddress.ts); never an address read from an evidence file. */
  diamond: string
  /** The ZKsync node's commitChainId for batch n: named when the batch settled elsewhere, never trusted. */
  settlementHint?: SettlementHint
  /**
   * Proves a batch that settled elsewhere through its settlement layer (the Gateway hop). Asked only when L1's
   * storage shows the batch settled elsewhere; without it the batch stays `incomplete`.
   */
  settleElsewhere?: SettleElsewhere
}

/** The L1 facts a settlement-layer proof starts from: the chain's diamond words proven on L1. */
export interface ElsewhereContext {
  batchNumber: bigint
  state: DiamondState
  words: Map<string, Uint8Array>
}

export interface ElsewhereOutcome {
  /** True when the batch is proven executed through its settlement layer (every link passed). */
  proven: boolean
  detail: string
  bound?: StoredBatchInfo
  boundLayout?: 8 | 9
}

export type SettleElsewhere = (r: ReportBuilder, l1: ElsewhereContext) => ElsewhereOutcome

export interface BatchOnL1Result {
  status: BatchStatus
  /** Diamond storage proven at the trusted root, when every slot was proven. */
  state?: DiamondState
  /** The StoredBatchInfo of batch n once keccak(abi.encode(sbi)) == storedBatchHashes[n] held: trusted facts. */
  bound?: StoredBatchInfo
  boundLayout?: 8 | 9
  /** storedBatchHashes[n − 1] as proven (n ≥ 1): binds the previous StoredBatchInfo of a prove call. */
  previousStoredBatchHash?: Uint8Array
  /** Set when L1's storage shows that batch n settled on another layer (why, in words). */
  settledElsewhere?: string
  /** The trusted state root the diamond storage was proven against (set by verifyBatchOnL1). */
  stateRoot?: Uint8Array
  /** The proven storage words by request name (batchSlotRequests). */
  words?: Map<string, Uint8Array>
  /** Where the batch's pubdata is (blobs with their KZG data, or calldata); set only with `bound`. */
  published?: PublishedData
}

const dec = (v: bigint) => v.toString()
const hex = bytesToHex

/** The facts a bound StoredBatchInfo establishes (DESIGN.md §1: batchHash is the L2 state root). */
export function storedBatchInfoFacts(sbi: StoredBatchInfo, layout: 8 | 9): Record<string, FactValue> {
  return {
    batchNumber: dec(sbi.batchNumber),
    batchHash: hex(sbi.batchHash),
    indexRepeatedStorageChanges: dec(sbi.indexRepeatedStorageChanges),
    numberOfLayer1Txs: dec(sbi.numberOfLayer1Txs),
    priorityOperationsHash: hex(sbi.priorityOperationsHash),
    ...(layout === 9
      ? { dependencyRootsRollingHash: hex(sbi.dependencyRootsRollingHash ?? new Uint8Array(32)) }
      : {}),
    l2LogsTreeRoot: hex(sbi.l2LogsTreeRoot),
    timestamp: dec(sbi.timestamp),
    commitment: hex(sbi.commitment),
    fields: layout,
  }
}

/**
 * The L1 half of "is ZKsync batch n committed, proven, executed — and what is its state root": from a trusted
 * L1 state root, the diamond's storage (counters, storedBatchHashes[n] and [n−1], protocol version, settlement
 * layer, meta hashes) is proven; the status follows from the counters; the commit calldata is decoded and
 * checked; the batch's StoredBatchInfo is rebuilt (commitment recomputed with the proven meta hashes) and bound
 * to storedBatchHashes[n]. Only a bound StoredBatchInfo is returned.
 *
 * Checks: `zksync.diamond.*` (address, account, storage.<slot>, counters, settlementLayer), `zksync.commitTx.*`,
 * the calldata checks `zksync.commit.*`, `zksync.batch.commitment`, `zksync.batch.committed`, `.storedHash`,
 * `.sbiBinding`, `.status`.
 */
export function verifyBatchOnL1(r: ReportBuilder, input: BatchOnL1Input): BatchOnL1Result {
  const n = input.batchNumber
  const words = proveDiamondStorage(
    r,
    input.diamondProof,
    input.stateRoot,
    batchSlotRequests(n),
    input.diamond,
  )
  if (!words) return { status: 'unknown' }
  // The root the diamond was proven against: the verifier's own account proofs are taken against it too.
  return { ...verifyBatchFromWords(r, words, input), stateRoot: input.stateRoot }
}

export interface BatchFromWordsOptions {
  batchNumber: bigint
  commitTx: CommitTransaction | null
  requireStatus?: Exclude<BatchStatus, 'unknown'>
  settlementHint?: SettlementHint
  settleElsewhere?: SettleElsewhere
  /** `gateway`: the words are a chain's diamond on Gateway, proven through Gateway's state (checkBatchOnDiamond). */
  layer?: 'l1' | 'gateway'
}

/**
 * verifyBatchOnL1 after the storage proof: the diamond words (proven by the caller against a trusted root, on L1
 * or through Gateway's state tree) → status, commit calldata, rebuilt StoredBatchInfo bound to
 * storedBatchHashes[n]. On L1, a batch the words show settled elsewhere goes to `settleElsewhere`.
 */
export function verifyBatchFromWords(
  r: ReportBuilder,
  words: Map<string, Uint8Array>,
  input: BatchFromWordsOptions,
): BatchOnL1Result {
  const n = input.batchNumber
  const state = diamondStateOf(words)
  const prevHash = words.get('previousStoredBatchHash')
  const previous = prevHash ? { previousStoredBatchHash: prevHash, words } : { words }
  r.fact('diamond', {
    verifier: state.verifier,
    protocolVersion: `${state.protocolVersion.minor}.${state.protocolVersion.patch}`,
    settlementLayer: state.settlementLayer,
    storedBatchHash: hex(state.storedBatchHash),
  })

  const logsRoot = words.get('l2LogsRootHash')
  const elsewhere = input.layer === 'gateway' ? null : settledElsewhere(n, state, logsRoot)
  if (elsewhere !== null) {
    // L1 holds nothing to check a commit against; the batch is proven, if at all, on its settlement layer.
    r.skip(
      'zksync.commitTx.calldata',
      'Commit calldata decodes (supported selector and encoding)',
      'the batch settled on another layer: its commit transaction is not on L1 (zksync.batch.settledElsewhere)',
      { required: false },
    )
    const status = checkBatchOnDiamond(r, {
      batchNumber: n,
      state,
      ...(logsRoot ? { l2LogsRootHash: logsRoot } : {}),
      ...(input.settlementHint ? { settlementHint: input.settlementHint } : {}),
      ...(input.requireStatus ? { requireStatus: input.requireStatus } : {}),
      deferSettledElsewhere: true,
    })
    const why = elsewhereDetail(elsewhere, input.settlementHint)
    if (!input.settleElsewhere) {
      r.skip('zksync.batch.settledElsewhere', SETTLED_ELSEWHERE_TITLE, why)
      return { status, state, settledElsewhere: elsewhere, ...previous }
    }
    const outcome = input.settleElsewhere(r, { batchNumber: n, state, words })
    if (outcome.proven && outcome.bound)
      r.pass('zksync.batch.settledElsewhere', SETTLED_ELSEWHERE_TITLE, outcome.detail)
    else r.skip('zksync.batch.settledElsewhere', SETTLED_ELSEWHERE_TITLE, `${why} ${outcome.detail}`)
    const bound =
      outcome.proven && outcome.bound
        ? { bound: outcome.bound, ...(outcome.boundLayout ? { boundLayout: outcome.boundLayout } : {}) }
        : {}
    return { status, state, settledElsewhere: elsewhere, ...bound, ...previous }
  }

  const decoded = decodeCommit(r, input.commitTx, n)
  let rebuiltSbi: StoredBatchInfo | undefined
  let published: PublishedData | undefined
  let skipReason: string
  if (decoded && input.commitTx) {
    const calldataReport = verifyDecodedCommit(decoded, {
      ...(n >= 1n ? { lastCommittedStoredBatchHash: words.get('previousStoredBatchHash')! } : {}),
      blobVersionedHashes: input.commitTx.blobVersionedHashes,
    })
    // The calldata checks join this report as they are, except the commitment: recomputed below with L1 values.
    for (const c of calldataReport.checks)
      if (c.id !== 'zksync.commit.commitment')
        r.add(c.id, c.title, c.status, c.detail, { required: c.required })
    r.fact('commitCalldata', {
      selector: decoded.selector,
      layout: decoded.layout,
      // A locator: the calldata is bound by the commitment in proven storage, but nothing here proves that
      // this transaction carried it (that would take the block's transaction trie).
      transaction: input.commitTx.hash,
      unproven: ['transaction'],
    })
    const rebuilt = storedBatchInfoFromCommit(decoded, n, state, input.commitTx.blobVersionedHashes)
    const title = 'Batch commitment recomputed from the calldata and the L1 meta parameters'
    if (rebuilt.ok) {
      rebuiltSbi = rebuilt.sbi
      published = rebuilt.published
      skipReason = ''
      r.pass(
        'zksync.batch.commitment',
        title,
        `protocol v${rebuilt.protocolVersion}: passThrough ${hex(rebuilt.hashes.passThroughHash)}, metadata ` +
          `${hex(rebuilt.hashes.metadataHash)}, aux ${hex(rebuilt.hashes.auxiliaryOutputHash)} → commitment ` +
          `${hex(rebuilt.hashes.commitment)}; L1 holds it inside storedBatchHashes[n] (binding below)`,
      )
      r.fact('recomputedCommitment', hex(rebuilt.hashes.commitment))
    } else {
      skipReason = rebuilt.reason
      r.skip('zksync.batch.commitment', title, rebuilt.reason)
    }
  } else {
    skipReason = input.commitTx ? 'the commit calldata could not be used' : 'no commit transaction'
  }

  const status = checkBatchOnDiamond(r, {
    batchNumber: n,
    state,
    ...(rebuiltSbi ? { storedBatchInfo: rebuiltSbi } : {}),
    ...(logsRoot ? { l2LogsRootHash: logsRoot } : {}),
    ...(input.requireStatus ? { requireStatus: input.requireStatus } : {}),
    ...(input.layer ? { layer: input.layer } : {}),
  })
  if (!rebuiltSbi) {
    r.skip(
      'zksync.batch.sbiBinding',
      'StoredBatchInfo hashes to storedBatchHashes[n]',
      `StoredBatchInfo not rebuilt: ${skipReason}; nothing about the batch's contents is proven`,
    )
    return { status, state, ...previous }
  }
  const binding = bindStoredBatchInfo(rebuiltSbi, state.storedBatchHash)
  if (!binding.bound) return { status, state, ...previous }
  r.fact('storedBatchInfo', storedBatchInfoFacts(rebuiltSbi, binding.layout))
  return {
    status,
    state,
    bound: rebuiltSbi,
    boundLayout: binding.layout,
    ...previous,
    ...(published ? { published } : {}),
  }
}

function decodeCommit(
  r: ReportBuilder,
  tx: CommitTransaction | null,
  n: bigint,
): DecodedCommitCalldata | undefined {
  const title = 'Commit calldata decodes (supported selector and encoding)'
  if (!tx) {
    r.skip('zksync.commitTx.calldata', title, `no commit transaction for batch ${n} was given`)
    return undefined
  }
  let decoded: DecodedCommitCalldata
  try {
    decoded = decodeCommitCalldata(tx.input)
  } catch (err) {
    if (err instanceof LightproofError && err.kind === 'input') {
      // An encoding version Lightproof does not decode (yet) leaves the batch incomplete, never failed.
      if (err instanceof UnsupportedEncodingVersionError)
        r.error('zksync.commitTx.calldata', title, err.message)
      else r.fail('zksync.commitTx.calldata', title, err.message)
      return undefined
    }
    throw err
  }
  r.pass(
    'zksync.commitTx.calldata',
    title,
    `${decoded.selector} (${decoded.encoding.protocols}), ${decoded.layout} layout`,
  )
  const numbers = decoded.batches.map((b) => b.batchNumber)
  const ok = numbers.includes(n)
  r.expect(
    'zksync.commitTx.batch',
    'Commit calldata commits the batch asked about',
    ok,
    `commits batch ${n}`,
    `commits ${numbers.length === 0 ? 'no batch' : `batch(es) ${numbers.join(', ')}`}, not ${n}`,
  )
  return ok ? decoded : undefined
}
