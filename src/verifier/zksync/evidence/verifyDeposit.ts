import { bigintToBytes32, bytesToBigint, bytesToHex, equalBytes, hexToBytes } from '../../encoding/hex'
import { computeBlockHash, type ExecutionHeader } from '../../mpt/blockHeader'
import { verifyTransactionsRoot, type BlockTransaction } from '../../mpt/blockTransactions'
import type { EthGetProof } from '../../mpt/parseEthGetProof'
import { verifyReceiptsRoot, type Receipt } from '../../mpt/receiptsRoot'
import { verifyAccountProof } from '../../mpt/verifyAccountProof'
import { verifyStorageProof } from '../../mpt/verifyStorageProof'
import type { ReportBuilder } from '../../report'
import { DIAMOND_BRIDGE_SLOTS, depositHappenedSlot } from '../bridge/bridgeSlots'
import { BOOTLOADER_ADDRESS, l2ToL1LogLeaf } from '../bridge/l2ToL1Log'
import { canonicalLogProof, describeLogProof, foldLogLeaf, readLogProofPath } from '../bridge/logProofPath'
import type { L2Receipt, LogProofAnswer } from '../bridge/parseWithdrawalAnswers'
import {
  canonicalTxHash,
  depositStatusLog,
  priorityRequestFacts,
  priorityRequestLogs,
  readPriorityRequest,
  type PriorityRequest,
} from '../bridge/priorityRequest'
import { proveContractStorage, type DiamondSlotRequest } from './proveDiamondStorage'
import type { BatchOnL1Result } from './verifyBatchOnL1'
import { NULLIFIER_LABELS } from './verifyWithdrawal'

/** What a deposit is, once every link is proven (facts.depositStatus). */
export type DepositStatus = 'executed-succeeded' | 'executed-failed' | 'not-executed'

/**
 * How far below the verified head the deposit's block may be: the headers between are walked by parentHash.
 * Older blocks need EIP-2935's history contract (or beacon historical summaries), which Lightproof does not prove
 * yet: such a deposit is incomplete, named.
 */
export const MAX_HEADER_WALK = 1024

/** The priority tree's counters (diamond slots 51 and 52, from the solc layout of ZKChainStorage). */
export function priorityTreeSlotRequests(): DiamondSlotRequest[] {
  return [
    { name: 'priorityTreeStartIndex', key: bigintToBytes32(DIAMOND_BRIDGE_SLOTS.priorityTreeStartIndex) },
    {
      name: 'priorityTreeUnprocessedIndex',
      key: bigintToBytes32(DIAMOND_BRIDGE_SLOTS.priorityTreeUnprocessedIndex),
    },
  ]
}

/** The priority tree arrived with protocol v26 (era-contracts PriorityTree.sol); before it, a PriorityQueue. */
const PRIORITY_TREE_SINCE_MINOR = 26

export interface DepositInput {
  l1TxHash: Uint8Array
  /** The verified L1 head (beacon finalized header): its number and hash. Null hash: a bare state-root trust. */
  head: { blockNumber: bigint | null; blockHash: Uint8Array | null; stateRoot: Uint8Array }
  /** The deposit's block (header and its full transactions), as the L1 node gave it; null when it had none. */
  block: { header: ExecutionHeader; transactions: BlockTransaction[] } | null
  /** The headers after the deposit's block up to the head, oldest first (empty when the block is the head). */
  chain: ExecutionHeader[]
  receipts: Receipt[] | null
  /** The chain's diamond on L1, fixed by the network (diamondAddress.ts), never by the file. */
  diamond: string
  diamondProof: EthGetProof | undefined
  /** The batch the evidence proves (the one the L2 receipt named when it was collected). */
  batchNumber: bigint
  /** Its batch chain: counters, l2LogsRootHashes[n], chain id, protocol version. */
  batch: BatchOnL1Result | undefined
  l2Receipt: L2Receipt | null
  logProof: LogProofAnswer | null
  logProofError?: string
  nullifierProof: EthGetProof | null
  nullifier: { ok: true; address: string } | { ok: false; reason: string }
}

const dec = (v: bigint) => v.toString()

/**
 * "Did my deposit arrive?": the L1 transaction proven in a block that hangs from the verified head, its receipt
 * proven in that block's receiptsRoot, the diamond's NewPriorityRequest in it decoded and its canonical L2 hash
 * recomputed, *executed on L2* from the diamond's proven priority tree counters (`txId < startIndex +
 * unprocessedIndex`), and *succeeded or failed* from the bootloader's status log (key = that hash, value 1 / 0)
 * folded to `l2LogsRootHashes[n]` of the executed batch. A failed deposit names whether the L1Nullifier recorded it
 * (`depositHappened`: reclaimable on L1 with claimFailedDeposit) or not (the value went to the refund recipient on L2).
 *
 * Checks: `zksync.deposit.{l1Block,l1Tx,l1Receipt,event,txHash,executed,l2Receipt,batch,logProof,status,nodeStatus,
 * reclaim}`,
 * `zksync.diamond.storage.priorityTree*`, `zksync.nullifier.*`.
 */
export function verifyDeposit(r: ReportBuilder, input: DepositInput): void {
  const located = locateDepositTx(r, input)
  if (!located) return
  const request = depositEvent(r, input, located.receipt)
  if (!request) return
  const l2TxHash = request.hash
  const executed = executedCheck(r, input, request.request)
  if (!executed) return
  statusCheck(r, input, request.request, l2TxHash)
}

/** The deposit's block bound to the verified head, its transaction and receipt proven in it. */
function locateDepositTx(
  r: ReportBuilder,
  input: DepositInput,
): { receipt: Receipt; index: number; blockNumber: bigint } | undefined {
  const tx = bytesToHex(input.l1TxHash)
  const blockTitle = 'The deposit’s L1 block hangs from the verified head'
  if (!input.head.blockHash || input.head.blockNumber === null) {
    r.skip(
      'zksync.deposit.l1Block',
      blockTitle,
      'the L1 state root is trusted as given: no verified block hash to bind the deposit’s block (and its receipts) to; verify from a beacon checkpoint',
    )
    return undefined
  }
  if (!input.block) {
    r.skip('zksync.deposit.l1Block', blockTitle, `the L1 node does not know transaction ${tx}`)
    return undefined
  }
  const { header } = input.block
  const head = input.head.blockNumber
  if (header.number > head) {
    r.skip(
      'zksync.deposit.l1Block',
      blockTitle,
      `the deposit is in L1 block ${header.number}, after the verified (finalized) head ${head}: wait until it is finalized`,
    )
    return undefined
  }
  if (head - header.number > BigInt(MAX_HEADER_WALK)) {
    r.skip(
      'zksync.deposit.l1Block',
      blockTitle,
      `the deposit is in L1 block ${header.number}, ${head - header.number} blocks below the verified head ${head}: Lightproof walks at most ${MAX_HEADER_WALK} headers, and older blocks need EIP-2935 history proofs, not verified yet`,
    )
    return undefined
  }
  const link = walkToHead(header, input.chain, input.head.blockHash, head)
  if (!link.ok) {
    if (link.missing) r.skip('zksync.deposit.l1Block', blockTitle, link.reason)
    else r.fail('zksync.deposit.l1Block', blockTitle, link.reason)
    return undefined
  }
  r.pass(
    'zksync.deposit.l1Block',
    blockTitle,
    header.number === head
      ? `L1 block ${header.number} ${bytesToHex(link.hash)} is the verified head`
      : `L1 block ${header.number} ${bytesToHex(link.hash)}: ${input.chain.length} header(s) link it by parentHash to the verified head ${head}`,
  )

  const txTitle = 'The L1 transaction is in that block (transactions trie rebuilt)'
  const txs = input.block.transactions
  const root = verifyTransactionsRoot(txs, header.transactionsRoot)
  if (root.status === 'fail') {
    r.fail('zksync.deposit.l1Tx', txTitle, root.detail)
    return undefined
  }
  const index = txs.findIndex((t) => equalBytes(t.hash, input.l1TxHash))
  if (index < 0) {
    r.skip(
      'zksync.deposit.l1Tx',
      txTitle,
      `transaction ${tx} is not among the ${txs.length} transactions of L1 block ${header.number}: the node’s locator is wrong`,
    )
    return undefined
  }
  r.pass(
    'zksync.deposit.l1Tx',
    txTitle,
    `transaction ${index} of ${txs.length} in L1 block ${header.number} hashes to ${tx}`,
  )

  const receiptTitle = 'The L1 receipt is proven in the block’s receiptsRoot'
  if (!input.receipts) {
    r.skip(
      'zksync.deposit.l1Receipt',
      receiptTitle,
      `the L1 node gave no receipts for block ${header.number}`,
    )
    return undefined
  }
  const rr = verifyReceiptsRoot(input.receipts, header.receiptsRoot)
  if (rr.status === 'fail') {
    r.fail('zksync.deposit.l1Receipt', receiptTitle, rr.detail)
    return undefined
  }
  if (input.receipts.length !== txs.length) {
    r.fail(
      'zksync.deposit.l1Receipt',
      receiptTitle,
      `${input.receipts.length} receipts for ${txs.length} transactions in a block whose roots both verified`,
    )
    return undefined
  }
  const receipt = input.receipts[index]!
  if (receipt.status !== 1n) {
    r.pass(
      'zksync.deposit.l1Receipt',
      receiptTitle,
      `receipt ${index} of ${input.receipts.length} rebuilds receiptsRoot ${bytesToHex(header.receiptsRoot)}`,
    )
    r.skip(
      'zksync.deposit.event',
      'The receipt holds the diamond’s NewPriorityRequest',
      `transaction ${tx} ${receipt.status === 0n ? 'reverted' : 'has no status (pre-Byzantium)'} on L1: no deposit was made`,
    )
    r.fact(
      'answer',
      `not a deposit: the L1 transaction ${receipt.status === 0n ? 'reverted' : 'has no status'}`,
    )
    return undefined
  }
  r.pass(
    'zksync.deposit.l1Receipt',
    receiptTitle,
    `receipt ${index} of ${input.receipts.length} (status 1, ${receipt.logs.length} logs) rebuilds receiptsRoot ${bytesToHex(header.receiptsRoot)}`,
  )
  r.fact('l1Block', {
    number: dec(header.number),
    hash: bytesToHex(link.hash),
    transactionIndex: String(index),
  })
  return { receipt, index, blockNumber: header.number }
}

type Walk = { ok: true; hash: Uint8Array } | { ok: false; missing: boolean; reason: string }

/** keccak(RLP(header)) of the deposit's block, then of each later header, must be the next one's parentHash. */
function walkToHead(
  block: ExecutionHeader,
  chain: readonly ExecutionHeader[],
  headHash: Uint8Array,
  head: bigint,
): Walk {
  const blockHash = computeBlockHash(block)
  const expected = Number(head - block.number)
  if (chain.length < expected)
    return {
      ok: false,
      missing: true,
      reason: `L1 block ${block.number} is ${expected} blocks below the head, and the evidence holds ${chain.length} of the headers between`,
    }
  if (chain.length > expected)
    return {
      ok: false,
      missing: false,
      reason: `${chain.length} headers follow L1 block ${block.number}, but the head is ${head}`,
    }
  let prev = block
  let prevHash = blockHash
  for (const h of chain) {
    if (h.number !== prev.number + 1n || !equalBytes(h.parentHash, prevHash))
      return {
        ok: false,
        missing: false,
        reason: `header ${h.number} does not follow block ${prev.number} ${bytesToHex(prevHash)} (its parentHash is ${bytesToHex(h.parentHash)})`,
      }
    prev = h
    prevHash = computeBlockHash(h)
  }
  if (!equalBytes(prevHash, headHash))
    return {
      ok: false,
      missing: false,
      reason: `the headers lead to ${bytesToHex(prevHash)}, not to the verified head ${bytesToHex(headHash)}`,
    }
  return { ok: true, hash: blockHash }
}

/** The diamond's NewPriorityRequest in the proven receipt, decoded, with its canonical hash recomputed. */
function depositEvent(
  r: ReportBuilder,
  input: DepositInput,
  receipt: Receipt,
): { request: PriorityRequest; hash: Uint8Array } | undefined {
  const title = 'The receipt holds the diamond’s NewPriorityRequest'
  const diamond = hexToBytes(input.diamond, 'diamond', 20)
  const logs = priorityRequestLogs(receipt.logs, diamond)
  if (logs.length === 0) {
    r.skip(
      'zksync.deposit.event',
      title,
      `the proven receipt has no NewPriorityRequest from the diamond ${input.diamond} (${receipt.logs.length} logs): not a deposit to this chain`,
    )
    r.fact('answer', 'not shown to be a deposit: the L1 transaction sent no priority request to the chain')
    return undefined
  }
  const read = readPriorityRequest(logs[0]!.data)
  if (!read.ok) {
    r.fail('zksync.deposit.event', title, `the diamond’s event does not decode: ${read.reason}`)
    return undefined
  }
  const p = read.request
  r.pass(
    'zksync.deposit.event',
    title,
    `priority request ${p.txId} from ${input.diamond}${logs.length > 1 ? ` (the first of ${logs.length})` : ''}`,
  )
  const hash = canonicalTxHash(p.transaction)
  if (
    !r.expect(
      'zksync.deposit.txHash',
      'The canonical L2 transaction hash, recomputed from the event’s transaction',
      equalBytes(hash, p.claimedTxHash),
      `keccak256(abi.encode(L2CanonicalTransaction)) = ${bytesToHex(hash)}`,
      `the transaction hashes to ${bytesToHex(hash)}, the event says ${bytesToHex(p.claimedTxHash)}`,
    )
  )
    return undefined
  r.fact('deposit', priorityRequestFacts(p, hash))
  return { request: p, hash }
}

/** One diamond word proven at the trusted root from the evidence's diamond answer (undefined: not proven). */
function proveDiamondWord(
  r: ReportBuilder,
  input: DepositInput,
  req: DiamondSlotRequest,
): Uint8Array | undefined {
  const proof = input.diamondProof
  const id = `zksync.diamond.storage.${req.name}`
  const title = `Diamond storage ${req.name} proven`
  if (!proof) return undefined
  const entry = proof.storageProof.find((e) => equalBytes(e.key, req.key))
  if (!entry) {
    r.skip(id, title, `the diamond answer has no proof for slot ${bytesToHex(req.key)}`)
    return undefined
  }
  const acc = verifyAccountProof(input.head.stateRoot, proof.address, proof.accountProof)
  if (acc.status !== 'present') return undefined // zksync.diamond.account already says why
  const res = verifyStorageProof(acc.account.storageRoot, req.key, entry.proof)
  if (res.status === 'invalid') {
    r.fail(id, title, `slot ${bytesToHex(req.key)}: ${res.reason}: ${res.detail}`)
    return undefined
  }
  if (entry.value !== res.value) {
    r.fail(id, title, `the answer claims ${entry.value}, the proof gives ${res.value}`)
    return undefined
  }
  r.pass(id, title, `slot ${bytesToHex(req.key)} = ${res.value}`)
  return bigintToBytes32(res.value)
}

/** `txId < startIndex + unprocessedIndex` on the proven priority tree: executed on L2 (true), or why not. */
function executedCheck(r: ReportBuilder, input: DepositInput, p: PriorityRequest): boolean {
  const title = 'Executed on L2 (the diamond’s priority tree has processed it)'
  const state = input.batch?.state
  if (!state || !input.diamondProof || !equalBytes(input.diamondProof.address, hexToBytes(input.diamond))) {
    r.skip('zksync.deposit.executed', title, 'the diamond’s storage was not proven (see zksync.diamond.*)')
    return false
  }
  if (state.protocolVersion.minor < PRIORITY_TREE_SINCE_MINOR) {
    r.skip(
      'zksync.deposit.executed',
      title,
      `the diamond is at protocol v${state.protocolVersion.minor}: before v${PRIORITY_TREE_SINCE_MINOR} priority requests sat in a PriorityQueue, which Lightproof does not read`,
    )
    return false
  }
  const [startReq, unprocessedReq] = priorityTreeSlotRequests() as [DiamondSlotRequest, DiamondSlotRequest]
  const start = proveDiamondWord(r, input, startReq)
  const unprocessed = proveDiamondWord(r, input, unprocessedReq)
  if (!start || !unprocessed) {
    r.skip(
      'zksync.deposit.executed',
      title,
      'the priority tree’s counters (diamond slots 51, 52) are not proven',
    )
    return false
  }
  const first = bytesToBigint(start) + bytesToBigint(unprocessed)
  if (p.txId >= first) {
    r.skip(
      'zksync.deposit.executed',
      title,
      `priority request ${p.txId} is not executed yet: the first unprocessed one is ${first} (startIndex ${bytesToBigint(start)} + unprocessedIndex ${bytesToBigint(unprocessed)}), proven at the trusted head; its L2 transaction can still fail or succeed`,
    )
    r.fact('depositStatus', 'not-executed' satisfies DepositStatus)
    r.fact('answer', `deposited on L1 (priority request ${p.txId}), not yet executed on L2`)
    return false
  }
  r.pass(
    'zksync.deposit.executed',
    title,
    `priority request ${p.txId} < first unprocessed ${first} (startIndex ${bytesToBigint(start)} + unprocessedIndex ${bytesToBigint(unprocessed)})`,
  )
  return true
}

/** Where the L2 receipt says the status log is: batch, transaction number in it, index among its L2→L1 logs. */
function locateStatusLog(
  receipt: L2Receipt | null,
  l2TxHash: Uint8Array,
): { ok: true; batch: bigint; txNumber: number; logIndex: number } | { ok: false; reason: string } {
  const tx = bytesToHex(l2TxHash)
  if (!receipt) return { ok: false, reason: `the ZKsync node does not know the L2 transaction ${tx}` }
  if (!equalBytes(receipt.transactionHash, l2TxHash))
    return { ok: false, reason: `the receipt is for ${bytesToHex(receipt.transactionHash)}, not ${tx}` }
  if (receipt.l1BatchNumber === null || receipt.l1BatchTxIndex === null)
    return { ok: false, reason: `the ZKsync node has not put ${tx} in a batch yet` }
  if (receipt.l1BatchTxIndex > 0xffffn)
    return { ok: false, reason: `l1BatchTxIndex ${receipt.l1BatchTxIndex} is not a u16` }
  const logIndex = receipt.l2ToL1Logs.findIndex(
    (l) => equalBytes(l.sender, BOOTLOADER_ADDRESS) && equalBytes(l.key, l2TxHash),
  )
  return {
    ok: true,
    batch: receipt.l1BatchNumber,
    txNumber: Number(receipt.l1BatchTxIndex),
    logIndex: logIndex < 0 ? 0 : logIndex,
  }
}

/** The status log folded to the executed batch's proven logs root: succeeded (1) or failed (0). */
function statusCheck(r: ReportBuilder, input: DepositInput, p: PriorityRequest, l2TxHash: Uint8Array): void {
  const receiptTitle = 'The L2 receipt locates the deposit’s transaction in a batch'
  const at = locateStatusLog(input.l2Receipt, l2TxHash)
  if (!at.ok) {
    r.skip('zksync.deposit.l2Receipt', receiptTitle, at.reason)
    return
  }
  r.pass(
    'zksync.deposit.l2Receipt',
    receiptTitle,
    `batch ${at.batch}, transaction ${at.txNumber} in it (locators: held to L1 below)`,
  )
  const batch = input.batch
  const n = at.batch
  if (
    !r.expect(
      'zksync.deposit.batch',
      'The evidence proves the batch the L2 receipt names',
      batchNumberOf(input) === n,
      `batch ${n}`,
      `the L2 receipt puts the deposit in batch ${n}, the evidence proves batch ${batchNumberOf(input) ?? 'none'}`,
    )
  )
    return
  const proofTitle = 'The bootloader’s status log folds to a logs root (leaf built from the canonical hash)'
  if (!input.logProof) {
    r.skip(
      'zksync.deposit.logProof',
      proofTitle,
      input.logProofError
        ? `the ZKsync node gave no L2→L1 log proof for the status log; it said: ${input.logProofError}`
        : 'the ZKsync node has no L2→L1 log proof for the status log (zks_getL2ToL1LogProof returned null)',
    )
    return
  }
  const lp = input.logProof
  const read = readLogProofPath(lp.proof)
  if (!read.ok) {
    if (read.unsupported) r.skip('zksync.deposit.logProof', proofTitle, read.reason)
    else r.fail('zksync.deposit.logProof', proofTitle, `malformed proof: ${read.reason}`)
    return
  }
  const fold = (ok: boolean) =>
    foldLogLeaf(l2ToL1LogLeaf(depositStatusLog(at.txNumber, l2TxHash, ok)), lp.id, read.proof)
  const [success, failure] = [fold(true), fold(false)]
  if (!success.ok || !failure.ok) {
    r.fail(
      'zksync.deposit.logProof',
      proofTitle,
      success.ok ? (failure as { reason: string }).reason : success.reason,
    )
    return
  }
  r.pass(
    'zksync.deposit.logProof',
    proofTitle,
    `status log of transaction ${at.txNumber} at position ${lp.id} (${describeLogProof(read.proof)}; ${success.shape.leaves}-leaf tree): success folds to ${bytesToHex(success.root)}, failure to ${bytesToHex(failure.root)}`,
  )
  const statusTitle = 'The status log is in the executed batch’s logs root on L1: succeeded or failed'
  if (read.proof.format === 'metadata' && !read.proof.final) {
    r.skip(
      'zksync.deposit.status',
      statusTitle,
      `the proof is not final: batch ${n} settled on another layer (ZKsync Gateway), whose hop is not verified yet`,
    )
    return
  }
  const state = batch?.state
  if (!state || !batch) {
    r.skip(
      'zksync.deposit.status',
      statusTitle,
      'the diamond’s counters were not proven (see zksync.diamond.*)',
    )
    return
  }
  if (batch.settledElsewhere) {
    r.skip(
      'zksync.deposit.status',
      statusTitle,
      `${batch.settledElsewhere}; the Gateway hop is not verified yet`,
    )
    return
  }
  if (n > state.totalBatchesExecuted) {
    r.skip(
      'zksync.deposit.status',
      statusTitle,
      `the L2 receipt names batch ${n}, not executed on L1 (totalBatchesExecuted ${state.totalBatchesExecuted}), while the priority tree says the deposit was executed: the receipt’s batch is wrong`,
    )
    return
  }
  const proven = batch.words?.get('l2LogsRootHash')
  if (!proven) {
    r.skip('zksync.deposit.status', statusTitle, `l2LogsRootHashes[${n}] is not proven in the evidence`)
    return
  }
  const succeeded = equalBytes(success.root, proven)
  const failed = equalBytes(failure.root, proven)
  if (!succeeded && !failed) {
    r.fail(
      'zksync.deposit.status',
      statusTitle,
      `L1 holds l2LogsRootHashes[${n}] = ${bytesToHex(proven)}; the proof folds the status log to neither it with success nor with failure: the proof is not for this deposit in this batch`,
    )
    return
  }
  r.pass(
    'zksync.deposit.status',
    statusTitle,
    `${succeeded ? 'success (1)' : 'failure (0)'}: the leaf folds to l2LogsRootHashes[${n}] = ${bytesToHex(proven)}, proven at the trusted head, batch ${n} ≤ totalBatchesExecuted ${state.totalBatchesExecuted}`,
  )
  r.fact('depositBatch', {
    batchNumber: dec(n),
    txNumberInBatch: String(at.txNumber),
    messageIndex: dec(lp.id),
  })
  nodeStatusCheck(r, input.l2Receipt!, l2TxHash, succeeded)
  if (succeeded) {
    r.fact('depositStatus', 'executed-succeeded' satisfies DepositStatus)
    r.fact('answer', `executed on L2 in batch ${n} and succeeded`)
    return
  }
  reclaimCheck(r, input, p, l2TxHash, { n, id: lp.id, txNumber: at.txNumber, proof: lp.proof })
}

/**
 * What the ZKsync node's receipt says of the outcome (its status and its copy of the status log) must be what L1
 * proves: a node that reports a failed deposit as a success (or the reverse) is caught, not believed.
 */
function nodeStatusCheck(
  r: ReportBuilder,
  receipt: L2Receipt,
  l2TxHash: Uint8Array,
  succeeded: boolean,
): void {
  const log = receipt.l2ToL1Logs.find(
    (l) => equalBytes(l.sender, BOOTLOADER_ADDRESS) && equalBytes(l.key, l2TxHash),
  )
  const claims: { what: string; ok: boolean }[] = []
  if (receipt.status !== null) claims.push({ what: `status ${receipt.status}`, ok: receipt.status === 1n })
  if (log)
    claims.push({ what: `status log value ${bytesToBigint(log.value)}`, ok: bytesToBigint(log.value) === 1n })
  const outcome = (ok: boolean) => (ok ? 'succeeded' : 'failed')
  const wrong = claims.filter((c) => c.ok !== succeeded)
  r.expect(
    'zksync.deposit.nodeStatus',
    'The ZKsync node’s receipt tells the outcome L1 proves',
    wrong.length === 0,
    claims.length === 0
      ? 'the receipt states no outcome'
      : `the receipt’s ${claims.map((c) => c.what).join(' and ')} agree: ${outcome(succeeded)}`,
    `the ZKsync node’s receipt says the deposit ${outcome(!succeeded)} (${wrong.map((c) => c.what).join(', ')}), but the status log L1 holds says it ${outcome(succeeded)}: the node misreports it`,
  )
}

function batchNumberOf(input: DepositInput): bigint | undefined {
  return input.batch?.words ? input.batchNumber : undefined
}

/** A failed deposit: recorded by the L1Nullifier (reclaimable on L1) or not (refunded on L2). */
function reclaimCheck(
  r: ReportBuilder,
  input: DepositInput,
  p: PriorityRequest,
  l2TxHash: Uint8Array,
  at: { n: bigint; id: bigint; txNumber: number; proof: Uint8Array[] },
): void {
  r.fact('depositStatus', 'executed-failed' satisfies DepositStatus)
  const title = 'Can the failed deposit be reclaimed on L1? (L1Nullifier depositHappened)'
  const chainWord = input.batch?.words?.get('chainId')
  if (!input.nullifier.ok) {
    r.skip('zksync.deposit.reclaim', title, input.nullifier.reason)
    return
  }
  if (!chainWord) {
    r.skip(
      'zksync.deposit.reclaim',
      title,
      'the chain id (diamond slot 40) is not proven: the record key is unknown',
    )
    return
  }
  if (!input.nullifierProof) {
    r.skip('zksync.deposit.reclaim', title, 'the evidence holds no eth_getProof answer of the L1Nullifier')
    return
  }
  const chainId = bytesToBigint(chainWord)
  const words = proveContractStorage(
    r,
    NULLIFIER_LABELS,
    input.nullifierProof,
    input.head.stateRoot,
    depositSlotRequests(chainId, l2TxHash),
    input.nullifier.address,
  )
  if (!words) {
    r.skip(
      'zksync.deposit.reclaim',
      title,
      'the L1Nullifier’s storage could not be proven (see zksync.nullifier.*)',
    )
    return
  }
  const record = words.get('depositHappened')!
  const recorded = bytesToBigint(record) !== 0n
  r.pass(
    'zksync.deposit.reclaim',
    title,
    `L1Nullifier depositHappened[${chainId}][${bytesToHex(l2TxHash)}] = ${bytesToHex(record)}`,
  )
  if (recorded) {
    r.fact(
      'answer',
      `executed on L2 in batch ${at.n} and failed: the L1Nullifier recorded the deposit, so it can be reclaimed on L1 (claimFailedDeposit)`,
    )
    const canonical = canonicalLogProof(at.proof)
    if (canonical.normalisations.length > 0) r.fact('normalisations', canonical.normalisations)
    r.fact('reclaim', {
      contract: input.nullifier.address,
      recordedDataHash: bytesToHex(record),
      chainId: dec(chainId),
      l2TxHash: bytesToHex(l2TxHash),
      l2BatchNumber: dec(at.n),
      l2MessageIndex: dec(at.id),
      l2TxNumberInBatch: String(at.txNumber),
      merkleProof: canonical.words.map(bytesToHex),
    })
  } else
    r.fact(
      'answer',
      `executed on L2 in batch ${at.n} and failed; the L1Nullifier holds no record of it, so nothing is reclaimable on L1: the value minted on L2 (${p.transaction.reserved[0]} wei) went to the refund recipient there`,
    )
}

/** The L1Nullifier slots a deposit question reads. */
export function depositSlotRequests(chainId: bigint, l2TxHash: Uint8Array): DiamondSlotRequest[] {
  return [{ name: 'depositHappened', key: depositHappenedSlot(chainId, l2TxHash) }]
}
