import { z } from 'zod'
import { bytesToHex, hexToBytes } from '../../encoding/hex'
import { rawJson, RawItemSchema, type Evidence } from '../../evidence/schema'
import { parseEthGetProof } from '../../mpt/parseEthGetProof'
import { ReportBuilder, type Report } from '../../report'
import { nullifierAddressOf } from '../bridge/bridgeAddresses'
import { locateWithdrawal } from '../bridge/locateWithdrawal'
import { parseL2Receipt, parseLogProof } from '../bridge/parseWithdrawalAnswers'
import { verifyWithdrawal } from './verifyWithdrawal'
import { BatchPartSchema, parseData, verifyAnchoredBatchChain } from './zksyncEvidence'

/**
 * `data` of a zksync-withdrawal evidence: the batch part of zksync-batch for the batch the receipt names (the
 * diamond proof also carries the diamond's pre-shared-bridge claim slot), and what the ZKsync node and the L1
 * node said about the withdrawal, as received: the L2 receipt (a locator), the zks_getL2ToL1LogProof answer (a
 * sibling path; null when the node had none) and the L1Nullifier's eth_getProof at the trusted head. `index` is
 * the L2→L1 log the user asked for among the transaction's (null: the first withdrawal message).
 */
export const ZksyncWithdrawalDataSchema = BatchPartSchema.extend({
  txHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 32-byte 0x-hex transaction hash'),
  index: z.number().int().min(0).max(16383).nullable(),
  receipt: RawItemSchema.nullable(),
  logProof: RawItemSchema.nullable(),
  /** The node's error when it gave no proof ("Log proof not found"): its words, shown, untrusted. */
  logProofError: z.string().max(512).optional(),
  nullifierProof: RawItemSchema.nullable(),
}).strict()

/**
 * zksync-withdrawal — "is my withdrawal final, can I claim it, has it been claimed?": the L2 receipt locates the
 * message; the batch chain of zksync-batch proves batch n's status (and binds its StoredBatchInfo); the leaf is
 * built from the message, folded up the node's path and held to L1's root for batch n; the L1Nullifier's
 * storage says whether it was claimed. Verdict `verified` with `facts.withdrawalStatus` final-claimable,
 * final-claimed or included-not-executed; `incomplete` names the link that could not be established.
 */
export function verifyZksyncWithdrawalEvidence(e: Evidence): Report {
  const data = parseData(ZksyncWithdrawalDataSchema, e)
  const txHash = hexToBytes(data.txHash, 'txHash', 32)
  const r = new ReportBuilder({
    kind: e.kind,
    description: `ZKsync Era withdrawal ${bytesToHex(txHash)}${data.index !== null ? ` (L2→L1 log ${data.index})` : ''}: final, claimable, claimed?`,
  })
  r.fact('txHash', bytesToHex(txHash))
  const receipt = data.receipt ? parseL2Receipt(rawJson(data.receipt)) : null
  const located = locateWithdrawal(receipt, txHash, data.index)
  const receiptTitle = 'The L2 receipt locates the transaction in a batch'
  const messageTitle = 'The transaction sent a withdrawal message'
  if (!located.ok) {
    if (located.link === 'receipt') r.skip('zksync.withdrawal.receipt', receiptTitle, located.reason)
    else {
      r.pass('zksync.withdrawal.receipt', receiptTitle, 'the receipt is for the transaction asked')
      r.skip('zksync.withdrawal.message', messageTitle, located.reason)
    }
    r.fact('answer', `not shown to be a withdrawal: ${located.reason}`)
    return r.build()
  }
  const at = located.at
  r.pass(
    'zksync.withdrawal.receipt',
    receiptTitle,
    `batch ${at.batchNumber}, transaction ${at.txNumberInBatch} in it (locators: held to L1 below)`,
  )
  r.pass(
    'zksync.withdrawal.message',
    messageTitle,
    `L2→L1 log ${at.logIndex}: ${at.decoded.kind} withdrawal, ${at.message.length}-byte message`,
  )
  if (
    !r.expect(
      'zksync.withdrawal.batch',
      'The evidence proves the batch the receipt names',
      BigInt(data.batchNumber) === at.batchNumber,
      `batch ${at.batchNumber}`,
      `the receipt puts the withdrawal in batch ${at.batchNumber}, the evidence proves batch ${data.batchNumber}`,
    )
  )
    return r.build()
  const { anchor, batch, diamondProof } = verifyAnchoredBatchChain(r, e, data)
  if (!anchor) return r.build()
  verifyWithdrawal(r, {
    at,
    batch,
    stateRoot: anchor.stateRoot,
    diamondProof,
    logProof: data.logProof ? parseLogProof(rawJson(data.logProof)) : null,
    ...(data.logProofError ? { logProofError: data.logProofError } : {}),
    nullifierProof: data.nullifierProof ? parseEthGetProof(rawJson(data.nullifierProof)) : null,
    nullifier: nullifierAddressOf(anchor.network),
  })
  return r.build()
}
