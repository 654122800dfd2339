import { EndpointError } from '../../../shared/errors'
import { bytesToHex, equalBytes, hexToBytes } from '../../../verifier/encoding/hex'
import { rawJson, type Evidence, type RawItem } from '../../../verifier/evidence/schema'
import { parseBlockTransactions } from '../../../verifier/mpt/blockTransactions'
import { parseBlockReceipts } from '../../../verifier/mpt/receiptsRoot'
import { BOOTLOADER_ADDRESS } from '../../../verifier/zksync/bridge/l2ToL1Log'
import { parseL2Receipt } from '../../../verifier/zksync/bridge/parseWithdrawalAnswers'
import {
  canonicalTxHash,
  priorityRequestLogs,
  readPriorityRequest,
} from '../../../verifier/zksync/bridge/priorityRequest'
import { zksyncDepositKind } from '../../../verifier/kinds/zksyncDepositKind'
import { ERA_DIAMOND_ADDRESS } from '../../../verifier/zksync/evidence/proveDiamondStorage'
import {
  depositSlotRequests,
  MAX_HEADER_WALK,
  priorityTreeSlotRequests,
} from '../../../verifier/zksync/evidence/verifyDeposit'
import type { Operation } from '../operations'
import { collectNullifierProof } from './collectNullifierProof'
import { batchEvidence, collectBatchParts, type BatchParts } from './collectZksyncEvidence'
import type { L1AnchorSource } from './l1Anchor'
import type { ZksyncEndpoints } from './zksyncEndpoints'

const quantity = (n: bigint) => `0x${n.toString(16)}`

/** `result` of a JSON-RPC answer as an object, or null. */
function resultOf(item: RawItem): Record<string, unknown> | null {
  const json = rawJson(item) as { result?: unknown } | null
  const r = json && typeof json === 'object' ? json.result : null
  return r && typeof r === 'object' ? (r as Record<string, unknown>) : null
}

/**
 * Fetches what `zksync deposit L1TXHASH` needs, deciding nothing. L1: the transaction's receipt (a locator: which
 * block), that block with its full transactions, its receipts, and the headers from it up to the trusted head.
 * From the (unverified) NewPriorityRequest in the receipt, the canonical L2 hash; ZKsync: its receipt (which batch,
 * which status log: locators) and zks_getL2ToL1LogProof of the status log. Then the batch part of zksync-batch for
 * that batch (or the latest executed one) with the priority tree's counters, and the L1Nullifier's record of the
 * deposit at the head. Wherever a locator is missing, the evidence says so and the verifier names the link.
 */
export async function collectDepositEvidence(
  eps: ZksyncEndpoints,
  anchor: L1AnchorSource,
  op: Operation,
  q: { l1TxHash: string },
  diamond = ERA_DIAMOND_ADDRESS,
): Promise<Evidence> {
  const l1TxHash = bytesToHex(hexToBytes(q.l1TxHash, 'transaction hash', 32))
  let l1Block: RawItem | null = null
  let l1Receipts: RawItem | null = null
  const l1Headers: RawItem[] = []
  let l2TxHash: Uint8Array | null = null
  let l2Receipt: RawItem | null = null
  let logProof: RawItem | null = null
  let logProofError: string | undefined
  let nullifierProof: RawItem | null = null
  let batchNumber: bigint | null = null
  if (anchor.head) {
    op.progress(0, null, `asking the L1 node where transaction ${l1TxHash} is`)
    const { raw: located } = await eps.ask(
      eps.l1,
      'l1-receipt',
      'eth_getTransactionReceipt',
      [l1TxHash],
      op.signal,
    )
    const at = resultOf(located)
    const number = typeof at?.blockNumber === 'string' ? BigInt(at.blockNumber) : null
    if (number !== null && number <= anchor.head.blockNumber) {
      op.progress(
        0,
        null,
        `fetching L1 block ${number}, its receipts and the headers up to ${anchor.head.blockNumber}`,
      )
      l1Block = (
        await eps.ask(eps.l1, 'l1-block', 'eth_getBlockByNumber', [quantity(number), true], op.signal)
      ).raw
      l1Receipts = (
        await eps.ask(eps.l1, 'l1-receipts', 'eth_getBlockReceipts', [quantity(number)], op.signal)
      ).raw
      const last =
        number + BigInt(MAX_HEADER_WALK) < anchor.head.blockNumber ? number : anchor.head.blockNumber
      for (let k = number + 1n; k <= last; k++)
        l1Headers.push(
          (await eps.ask(eps.l1, 'l1-header', 'eth_getBlockByNumber', [quantity(k), false], op.signal)).raw,
        )
      l2TxHash = claimedL2TxHash(l1Block, l1Receipts, l1TxHash, diamond)
    } else if (number !== null) {
      // Newer than the trusted head: the block alone, so the verifier can say it is not finalized yet.
      l1Block = (
        await eps.ask(eps.l1, 'l1-block', 'eth_getBlockByNumber', [quantity(number), true], op.signal)
      ).raw
    }
  }
  if (l2TxHash && anchor.head) {
    const hash = bytesToHex(l2TxHash)
    op.progress(0, null, `asking the ZKsync node for the receipt of the L2 transaction ${hash}`)
    l2Receipt = (await eps.ask(eps.zk, 'l2-receipt', 'eth_getTransactionReceipt', [hash], op.signal)).raw
    const receipt = parseL2Receipt(rawJson(l2Receipt))
    if (receipt && receipt.l1BatchNumber !== null) {
      batchNumber = receipt.l1BatchNumber
      const index = receipt.l2ToL1Logs.findIndex(
        (l) => equalBytes(l.sender, BOOTLOADER_ADDRESS) && equalBytes(l.key, l2TxHash!),
      )
      op.progress(0, null, `asking for the proof of its status log (batch ${batchNumber})`)
      try {
        logProof = (
          await eps.ask(eps.zk, 'log-proof', 'zks_getL2ToL1LogProof', [hash, Math.max(index, 0)], op.signal)
        ).raw
      } catch (err) {
        if (!(err instanceof EndpointError) || err.code !== 'endpoint.rpc-error') throw err
        logProofError = err.message.slice(0, 512)
      }
    }
  }
  const extra = priorityTreeSlotRequests().map((s) => s.key)
  const parts: BatchParts = anchor.head
    ? await collectBatchParts(eps, anchor, op, batchNumber, diamond, extra)
    : { batchNumber: 0n, diamondProof: null, commitTx: null }
  if (l2TxHash)
    nullifierProof = await collectNullifierProof(
      eps,
      anchor,
      op,
      parts.diamondProof,
      (chainId) => depositSlotRequests(chainId, l2TxHash),
      'record of the deposit',
    )
  const base = batchEvidence(anchor, parts, eps.sources)
  const { batchNumber: _unasked, ...question } = base.question
  return {
    ...base,
    kind: zksyncDepositKind.kind,
    question: {
      ...question,
      l1TxHash,
      ...(batchNumber !== null ? { batchNumber: batchNumber.toString() } : {}),
    },
    data: {
      ...base.data,
      l1TxHash,
      l1Block,
      l1Receipts,
      l1Headers,
      l2TxHash: l2TxHash ? bytesToHex(l2TxHash) : null,
      l2Receipt,
      logProof,
      ...(logProofError ? { logProofError } : {}),
      nullifierProof,
    },
  }
}

/** The canonical L2 hash of the deposit, from the unverified block and receipts (a locator; the verifier redoes it). */
function claimedL2TxHash(
  block: RawItem,
  receipts: RawItem,
  l1TxHash: string,
  diamond: string,
): Uint8Array | null {
  try {
    const txs = parseBlockTransactions(rawJson(block))
    const index = txs.findIndex((t) => bytesToHex(t.hash) === l1TxHash)
    const receipt = index < 0 ? undefined : parseBlockReceipts(rawJson(receipts))[index]
    const log = receipt ? priorityRequestLogs(receipt.logs, hexToBytes(diamond))[0] : undefined
    const read = log ? readPriorityRequest(log.data) : undefined
    return read?.ok ? canonicalTxHash(read.request.transaction) : null
  } catch {
    return null // malformed answers: kept as they are, the verifier says what is wrong with them
  }
}
