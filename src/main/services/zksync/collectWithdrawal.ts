import { EndpointError } from '../../../shared/errors'
import { bytesToHex, hexToBytes } from '../../../verifier/encoding/hex'
import { rawJson, type Evidence, type RawItem } from '../../../verifier/evidence/schema'
import { legacyEthWithdrawalFinalizedSlot } from '../../../verifier/zksync/bridge/bridgeSlots'
import { locateWithdrawal } from '../../../verifier/zksync/bridge/locateWithdrawal'
import { parseL2Receipt, parseLogProof } from '../../../verifier/zksync/bridge/parseWithdrawalAnswers'
import { nullifierSlotRequests } from '../../../verifier/zksync/evidence/verifyWithdrawal'
import { zksyncWithdrawalKind } from '../../../verifier/kinds/zksyncWithdrawalKind'
import type { Operation } from '../operations'
import { collectNullifierProof } from './collectNullifierProof'
import { batchEvidence, collectBatchParts, type BatchParts } from './collectZksyncEvidence'
import type { L1AnchorSource } from './l1Anchor'
import type { ZksyncEndpoints } from './zksyncEndpoints'

export interface WithdrawalQuestion {
  txHash: string
  /** The L2→L1 log among the transaction's (`--index`); absent: the first withdrawal message. */
  index?: number
}

/**
 * Fetches what `zksync withdrawal TXHASH` needs, deciding nothing: the L2 receipt (which batch, which message:
 * locators), the node's zks_getL2ToL1LogProof for that log, the batch part of zksync-batch for its batch (the
 * diamond proof also asks the pre-shared-bridge claim slot), and the L1Nullifier's storage at the trusted head
 * for the claim key (its chain id taken, as a locator, from the diamond answer's claimed slot 40). When the
 * receipt locates nothing, the evidence carries the receipt alone and the verifier says why.
 */
export async function collectWithdrawalEvidence(
  eps: ZksyncEndpoints,
  anchor: L1AnchorSource,
  op: Operation,
  q: WithdrawalQuestion,
  diamond?: string,
): Promise<Evidence> {
  const txHash = bytesToHex(hexToBytes(q.txHash, 'transaction hash', 32))
  const index = q.index ?? null
  op.progress(0, null, `asking the ZKsync node for the receipt of ${txHash}`)
  const { raw: receipt } = await eps.ask(
    eps.zk,
    'l2-receipt',
    'eth_getTransactionReceipt',
    [txHash],
    op.signal,
  )
  const located = locateWithdrawal(parseL2Receipt(rawJson(receipt)), hexToBytes(txHash), index)
  let logProof: RawItem | null = null
  let logProofError: string | undefined
  let parts: BatchParts = { batchNumber: 0n, diamondProof: null, commitTx: null }
  let nullifierProof: RawItem | null = null
  if (located.ok && anchor.head) {
    const at = located.at
    op.progress(0, null, `asking for the L2→L1 log proof of log ${at.logIndex} (batch ${at.batchNumber})`)
    try {
      logProof = (
        await eps.ask(eps.zk, 'log-proof', 'zks_getL2ToL1LogProof', [txHash, at.logIndex], op.signal)
      ).raw
    } catch (err) {
      // "Log proof not found" and the like: the node's words are kept, the verifier names the missing link.
      if (!(err instanceof EndpointError) || err.code !== 'endpoint.rpc-error') throw err
      logProofError = err.message.slice(0, 512)
    }
    const proof = logProof ? parseLogProof(rawJson(logProof)) : null
    const extra = proof ? [legacyEthWithdrawalFinalizedSlot(at.batchNumber, proof.id)] : []
    parts = await collectBatchParts(eps, anchor, op, at.batchNumber, diamond, extra)
    if (proof)
      nullifierProof = await collectNullifierProof(
        eps,
        anchor,
        op,
        parts.diamondProof,
        (chainId) => nullifierSlotRequests(chainId, at.batchNumber, proof.id),
        'claim record',
      )
  }
  const base = batchEvidence(anchor, parts, eps.sources)
  const { batchNumber: _unasked, ...question } = base.question
  return {
    ...base,
    kind: zksyncWithdrawalKind.kind,
    question: {
      ...question,
      txHash,
      ...(index !== null ? { index } : {}),
      ...(located.ok ? { batchNumber: located.at.batchNumber.toString() } : {}),
    },
    data: {
      ...base.data,
      txHash,
      index,
      receipt,
      logProof,
      ...(logProofError ? { logProofError } : {}),
      nullifierProof,
    },
  }
}
