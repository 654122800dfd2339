import { bigintToBytes32, bytesToBigint, bytesToHex, equalBytes } from '../../encoding/hex'
import type { EthGetProof } from '../../mpt/parseEthGetProof'
import { verifyAccountProof } from '../../mpt/verifyAccountProof'
import { verifyStorageProof } from '../../mpt/verifyStorageProof'
import type { FactValue, ReportBuilder } from '../../report'
import {
  L1_NULLIFIER_SLOTS,
  legacyEthWithdrawalFinalizedSlot,
  legacyL2BridgeSlot,
  withdrawalFinalizedSlot,
} from '../bridge/bridgeSlots'
import { l2ToL1LogLeaf, messageLog } from '../bridge/l2ToL1Log'
import { canonicalLogProof, describeLogProof, foldLogLeaf, readLogProofPath } from '../bridge/logProofPath'
import { versionsOf } from '../bridge/logsTree'
import type { WithdrawalLocation } from '../bridge/locateWithdrawal'
import type { LogProofAnswer } from '../bridge/parseWithdrawalAnswers'
import { requiredSender, type WithdrawalMessage } from '../bridge/withdrawalMessage'
import { proveContractStorage, type DiamondSlotRequest, type StorageProofLabels } from './proveDiamondStorage'
import type { BatchOnL1Result } from './verifyBatchOnL1'

/** What a withdrawal is, once every link is proven (facts.withdrawal.status). */
export type WithdrawalStatus = 'final-claimable' | 'final-claimed' | 'included-not-executed'

export const NULLIFIER_LABELS: StorageProofLabels = {
  prefix: 'zksync.nullifier',
  noun: 'the L1Nullifier',
  addressTitle: 'Proof is for the L1Nullifier',
  accountTitle: 'L1Nullifier account proven from the trusted L1 state root',
  storageTitle: (name) => `L1Nullifier storage ${name} proven`,
}

/** The L1Nullifier slots a withdrawal question reads (bridgeSlots.ts, from the contract's storage layout). */
export function nullifierSlotRequests(
  chainId: bigint,
  batch: bigint,
  messageIndex: bigint,
): DiamondSlotRequest[] {
  const s = L1_NULLIFIER_SLOTS
  return [
    { name: 'isWithdrawalFinalized', key: withdrawalFinalizedSlot(chainId, batch, messageIndex) },
    { name: 'eraPostDiamondUpgradeFirstBatch', key: bigintToBytes32(s.eraPostDiamondUpgradeFirstBatch) },
    {
      name: 'eraPostLegacyBridgeUpgradeFirstBatch',
      key: bigintToBytes32(s.eraPostLegacyBridgeUpgradeFirstBatch),
    },
    { name: 'paused', key: bigintToBytes32(s.paused) },
    { name: 'legacyL2Bridge', key: legacyL2BridgeSlot(chainId) },
  ]
}

export interface WithdrawalInput {
  at: WithdrawalLocation
  batch: BatchOnL1Result | undefined
  stateRoot: Uint8Array
  /** The diamond's eth_getProof (for the pre-shared-bridge mapping), when the evidence holds one. */
  diamondProof: EthGetProof | undefined
  logProof: LogProofAnswer | null
  /** Why the node gave no proof, in its words (untrusted). */
  logProofError?: string
  nullifierProof: EthGetProof | null
  /** Fixed by the network (bridgeAddresses.ts), or why there is none. */
  nullifier: { ok: true; address: string } | { ok: false; reason: string }
}

const dec = (v: bigint) => v.toString()
const word = (w: Uint8Array | undefined) => (w ? bytesToBigint(w) : undefined)

function messageFacts(m: WithdrawalMessage): Record<string, FactValue> {
  if (m.kind === 'eth') return { kind: 'eth', receiver: m.receiver, amount: dec(m.amount) }
  if (m.kind === 'erc20-legacy')
    return { kind: 'erc20-legacy', receiver: m.receiver, l1Token: m.l1Token, amount: dec(m.amount) }
  return {
    kind: 'asset-router',
    assetId: m.assetId,
    ...(m.receiver ? { receiver: m.receiver } : {}),
    ...(m.originToken ? { originToken: m.originToken } : {}),
    ...(m.amount !== undefined ? { amount: dec(m.amount) } : {}),
  }
}

/**
 * The withdrawal half of "is my withdrawal final, can I claim it, has it been claimed": the leaf built here from
 * the message (never the node's), folded up the node's path to the batch's logs root, that root held to L1 —
 * `l2LogsRootHashes[n]` once batch n is executed (n ≤ totalBatchesExecuted), the bound StoredBatchInfo's
 * `l2LogsTreeRoot` while it is only committed — then the L1Nullifier's `isWithdrawalFinalized[chainId][n][id]`
 * (and, for Era ETH withdrawals from before the shared bridge, the diamond's own `isEthWithdrawalFinalized`).
 *
 * Checks: `zksync.withdrawal.sender`, `.logProof`, `.included`, `.final`, `.claimed`, and `zksync.nullifier.*`.
 */
export function verifyWithdrawal(r: ReportBuilder, input: WithdrawalInput): void {
  const { at, batch } = input
  const n = at.batchNumber
  const words = batch?.words
  const chainId = word(words?.get('chainId'))
  const nullifierWords = proveNullifier(r, input, chainId)

  // The sender the message kind needs, from the chain (L2BaseToken, L2AssetRouter) or proven storage (legacy bridge).
  const senderTitle = 'The message is from the L2 contract its kind requires'
  const legacyBridge = nullifierWords?.get('legacyL2Bridge')
  const sender = requiredSender(at.decoded.kind, legacyBridge ? legacyBridge.slice(12) : null)
  if (!sender || /^0x0{40}$/.test(bytesToHex(sender))) {
    r.skip(
      'zksync.withdrawal.sender',
      senderTitle,
      'a legacy ERC-20 withdrawal is sent by the chain’s legacy L2 bridge, and no proven L1Nullifier storage names it',
    )
    return
  }
  if (!equalBytes(sender, at.claimedSender)) {
    r.skip(
      'zksync.withdrawal.sender',
      senderTitle,
      `the receipt says ${bytesToHex(at.claimedSender)} sent the message; L1 honours a ${at.decoded.kind} withdrawal only from ${bytesToHex(sender)}: not a withdrawal`,
    )
    return
  }
  r.pass('zksync.withdrawal.sender', senderTitle, `${at.decoded.kind} withdrawal from ${bytesToHex(sender)}`)

  const log = messageLog(sender, at.txNumberInBatch, at.message)
  const leaf = l2ToL1LogLeaf(log)
  const proofTitle = 'The withdrawal’s log folds to a logs root (leaf built from the message)'
  if (!input.logProof) {
    r.skip(
      'zksync.withdrawal.logProof',
      proofTitle,
      input.logProofError
        ? `the ZKsync node gave no L2→L1 log proof for log ${at.logIndex} of the transaction; it said: ${input.logProofError}`
        : `the ZKsync node has no L2→L1 log proof for log ${at.logIndex} of the transaction (zks_getL2ToL1LogProof returned null: the batch may not be sealed, or the node pruned it)`,
    )
    return
  }
  const p = input.logProof
  if (p.batchNumber !== null && p.batchNumber !== n) {
    r.fail(
      'zksync.withdrawal.logProof',
      proofTitle,
      `the proof is for batch ${p.batchNumber}, the receipt puts the withdrawal in batch ${n}`,
    )
    return
  }
  const read = readLogProofPath(p.proof)
  if (!read.ok) {
    if (read.unsupported) r.skip('zksync.withdrawal.logProof', proofTitle, read.reason)
    else r.fail('zksync.withdrawal.logProof', proofTitle, `malformed proof: ${read.reason}`)
    return
  }
  const fold = foldLogLeaf(leaf, p.id, read.proof)
  if (!fold.ok) {
    r.fail('zksync.withdrawal.logProof', proofTitle, fold.reason)
    return
  }
  r.pass(
    'zksync.withdrawal.logProof',
    proofTitle,
    `leaf ${bytesToHex(leaf)} at position ${p.id} (${describeLogProof(read.proof)}; ${fold.shape.leaves}-leaf tree, ${versionsOf(fold.shape)}) folds to ${bytesToHex(fold.root)}`,
  )
  r.fact('withdrawal', {
    ...messageFacts(at.decoded),
    batchNumber: dec(n),
    messageIndex: dec(p.id),
    txNumberInBatch: String(at.txNumberInBatch),
    logIndex: String(at.logIndex),
    leaf: bytesToHex(leaf),
    logsRoot: bytesToHex(fold.root),
  })

  const includedTitle = 'The logs root is the one L1 holds for the batch'
  if (read.proof.format === 'metadata' && !read.proof.final) {
    r.skip(
      'zksync.withdrawal.included',
      includedTitle,
      `the proof is not final: batch ${n} settled on another layer (ZKsync Gateway), and the Gateway hop of a withdrawal (batch leaf → chain-id leaf → Gateway's proven root) is not verified yet`,
    )
    return
  }
  const state = batch?.state
  if (!state || !words) {
    r.skip(
      'zksync.withdrawal.included',
      includedTitle,
      'the diamond’s storage was not proven, so no root to hold it to',
    )
    return
  }
  if (n > state.totalBatchesCommitted) {
    r.skip(
      'zksync.withdrawal.included',
      includedTitle,
      `batch ${n} is not committed on L1 yet (totalBatchesCommitted ${state.totalBatchesCommitted}): nothing on L1 includes the withdrawal yet`,
    )
    return
  }
  if (batch.settledElsewhere) {
    r.skip(
      'zksync.withdrawal.included',
      includedTitle,
      `${batch.settledElsewhere}; the Gateway hop of a withdrawal is not verified yet`,
    )
    return
  }
  const executed = n <= state.totalBatchesExecuted
  if (executed) {
    const proven = words.get('l2LogsRootHash')
    if (!proven) {
      r.skip(
        'zksync.withdrawal.included',
        includedTitle,
        `l2LogsRootHashes[${n}] is not proven in the evidence`,
      )
      return
    }
    if (
      !r.expect(
        'zksync.withdrawal.included',
        includedTitle,
        equalBytes(proven, fold.root),
        `l2LogsRootHashes[${n}] = ${bytesToHex(proven)}, proven at the trusted head, and batch ${n} ≤ totalBatchesExecuted ${state.totalBatchesExecuted}`,
        `the proof folds to ${bytesToHex(fold.root)}, L1 holds l2LogsRootHashes[${n}] = ${bytesToHex(proven)}: the proof is not for this withdrawal in this batch`,
      )
    )
      return
  } else {
    if (!batch.bound) {
      r.skip(
        'zksync.withdrawal.included',
        includedTitle,
        `batch ${n} is ${batch.status}, not executed: its logs root is in its StoredBatchInfo, which is not bound to storedBatchHashes[${n}]`,
      )
      return
    }
    if (
      !r.expect(
        'zksync.withdrawal.included',
        includedTitle,
        equalBytes(batch.bound.l2LogsTreeRoot, fold.root),
        `l2LogsTreeRoot ${bytesToHex(batch.bound.l2LogsTreeRoot)} of batch ${n}'s StoredBatchInfo, bound to storedBatchHashes[${n}]`,
        `the proof folds to ${bytesToHex(fold.root)}, batch ${n}'s bound StoredBatchInfo has l2LogsTreeRoot ${bytesToHex(batch.bound.l2LogsTreeRoot)}`,
      )
    )
      return
  }
  const finalTitle = 'The batch is executed on L1 (the withdrawal is final)'
  if (!executed) {
    r.skip(
      'zksync.withdrawal.final',
      finalTitle,
      `batch ${n} is ${batch.status} (totalBatchesExecuted ${state.totalBatchesExecuted}): included, but it can still be reverted, and it cannot be claimed until it is executed`,
      { required: false },
    )
    r.skip(
      'zksync.withdrawal.claimed',
      'Already claimed on L1?',
      'not asked: the withdrawal is not final yet',
      {
        required: false,
      },
    )
    r.fact('withdrawalStatus', 'included-not-executed' satisfies WithdrawalStatus)
    r.fact(
      'answer',
      `included in batch ${n} (${batch.status} on L1), not yet executed: not final, cannot be claimed yet`,
    )
    return
  }
  r.pass(
    'zksync.withdrawal.final',
    finalTitle,
    `batch ${n} ≤ totalBatchesExecuted ${state.totalBatchesExecuted}`,
  )
  claimedCheck(r, input, { chainId, id: p.id, words: nullifierWords, proof: p, leaf })
}

/** The L1Nullifier's storage for this withdrawal, proven at the trusted root (undefined: not established). */
function proveNullifier(
  r: ReportBuilder,
  input: WithdrawalInput,
  chainId: bigint | undefined,
): Map<string, Uint8Array> | undefined {
  if (!input.nullifier.ok || !input.nullifierProof || chainId === undefined || !input.logProof)
    return undefined
  return proveContractStorage(
    r,
    NULLIFIER_LABELS,
    input.nullifierProof,
    input.stateRoot,
    nullifierSlotRequests(chainId, input.at.batchNumber, input.logProof.id),
    input.nullifier.address,
  )
}

function claimedCheck(
  r: ReportBuilder,
  input: WithdrawalInput,
  c: {
    chainId: bigint | undefined
    id: bigint
    words: Map<string, Uint8Array> | undefined
    proof: LogProofAnswer
    leaf: Uint8Array
  },
): void {
  const title = 'Already claimed on L1? (L1Nullifier isWithdrawalFinalized)'
  const { at } = input
  const n = at.batchNumber
  if (!input.nullifier.ok) {
    r.skip('zksync.withdrawal.claimed', title, input.nullifier.reason)
    return
  }
  if (c.chainId === undefined) {
    r.skip(
      'zksync.withdrawal.claimed',
      title,
      'the chain id (diamond slot 40) is not proven: the claim key is unknown',
    )
    return
  }
  if (!input.nullifierProof) {
    r.skip('zksync.withdrawal.claimed', title, 'the evidence holds no eth_getProof answer of the L1Nullifier')
    return
  }
  if (!c.words) {
    r.skip(
      'zksync.withdrawal.claimed',
      title,
      'the L1Nullifier’s storage could not be proven (see zksync.nullifier.*)',
    )
    return
  }
  const key = `isWithdrawalFinalized[${c.chainId}][${n}][${c.id}]`
  let claimed = word(c.words.get('isWithdrawalFinalized'))! !== 0n
  let where = `L1Nullifier ${key} = ${claimed ? 1 : 0}`
  // Era withdrawals from batches before the shared bridge: ETH ones were recorded in the diamond, ERC-20 ones in
  // the legacy L1ERC20Bridge (L1Nullifier `_isEraLegacyEthWithdrawal` / `_isEraLegacyTokenWithdrawal`).
  const firstEth = word(c.words.get('eraPostDiamondUpgradeFirstBatch'))!
  const firstToken = word(c.words.get('eraPostLegacyBridgeUpgradeFirstBatch'))!
  if (!claimed && at.decoded.kind === 'eth' && n < firstEth) {
    const legacy = legacyDiamondFlag(r, input, n, c.id)
    if (legacy === undefined) {
      r.skip(
        'zksync.withdrawal.claimed',
        title,
        `batch ${n} is before the shared bridge (first batch ${firstEth}): its claim is recorded in the diamond's isEthWithdrawalFinalized[${n}][${c.id}], which the evidence does not prove`,
      )
      return
    }
    claimed = legacy
    where += `; pre-shared-bridge batch (< ${firstEth}): diamond isEthWithdrawalFinalized[${n}][${c.id}] = ${legacy ? 1 : 0}`
  }
  if (!claimed && at.decoded.kind === 'erc20-legacy' && n < firstToken) {
    r.skip(
      'zksync.withdrawal.claimed',
      title,
      `batch ${n} is before the legacy bridge upgrade (first batch ${firstToken}): its claim is recorded in the legacy L1ERC20Bridge, which Lightproof does not read yet`,
    )
    return
  }
  r.pass('zksync.withdrawal.claimed', title, where)
  const paused = word(c.words.get('paused'))! & 0xffn
  const status: WithdrawalStatus = claimed ? 'final-claimed' : 'final-claimable'
  r.fact('withdrawalStatus', status)
  r.fact(
    'answer',
    claimed
      ? `final (batch ${n} executed on L1) and already claimed on L1`
      : `final (batch ${n} executed on L1) and not yet claimed: it can be claimed${paused ? ', but the L1Nullifier is paused right now' : ''}`,
  )
  const canonical = canonicalLogProof(c.proof.proof)
  if (canonical.normalisations.length > 0) r.fact('normalisations', canonical.normalisations)
  if (!claimed)
    r.fact('claim', {
      contract: input.nullifier.address,
      function: 'finalizeWithdrawal(uint256,uint256,uint256,uint16,bytes,bytes32[])',
      chainId: dec(c.chainId),
      l2BatchNumber: dec(n),
      l2MessageIndex: dec(c.id),
      l2TxNumberInBatch: String(at.txNumberInBatch),
      message: bytesToHex(at.message),
      merkleProof: canonical.words.map(bytesToHex),
      paused: paused !== 0n,
    })
}

/** The diamond's isEthWithdrawalFinalized[n][id] from the evidence's diamond proof, or undefined if not proven. */
function legacyDiamondFlag(
  r: ReportBuilder,
  input: WithdrawalInput,
  n: bigint,
  id: bigint,
): boolean | undefined {
  const proof = input.diamondProof
  if (!proof) return undefined
  const key = legacyEthWithdrawalFinalizedSlot(n, id)
  const entry = proof.storageProof.find((e) => equalBytes(e.key, key))
  if (!entry) return undefined
  const acc = verifyAccountProof(input.stateRoot, proof.address, proof.accountProof)
  if (acc.status !== 'present') return undefined
  const res = verifyStorageProof(acc.account.storageRoot, key, entry.proof)
  const title = 'Diamond storage legacyEthWithdrawalFinalized proven'
  if (res.status === 'invalid') {
    r.fail('zksync.diamond.storage.legacyEthWithdrawalFinalized', title, `${res.reason}: ${res.detail}`)
    return undefined
  }
  if (entry.value !== res.value) {
    r.fail(
      'zksync.diamond.storage.legacyEthWithdrawalFinalized',
      title,
      `the answer claims ${entry.value}, the proof gives ${res.value}`,
    )
    return undefined
  }
  r.pass(
    'zksync.diamond.storage.legacyEthWithdrawalFinalized',
    title,
    `slot ${bytesToHex(key)} = ${res.value}`,
  )
  return res.value !== 0n
}
