import { z } from 'zod'
import { bytesToHex, hexToBytes } from '../../encoding/hex'
import { rawJson, RawItemSchema, type Evidence } from '../../evidence/schema'
import { parseBlockHeader } from '../../mpt/blockHeader'
import { parseBlockTransactions } from '../../mpt/blockTransactions'
import { parseEthGetProof } from '../../mpt/parseEthGetProof'
import { parseBlockReceipts } from '../../mpt/receiptsRoot'
import { ReportBuilder, type Report } from '../../report'
import { nullifierAddressOf } from '../bridge/bridgeAddresses'
import { parseL2Receipt, parseLogProof } from '../bridge/parseWithdrawalAnswers'
import { diamondAddressOf } from './diamondAddress'
import { MAX_HEADER_WALK, verifyDeposit } from './verifyDeposit'
import { BatchPartSchema, parseData, verifyAnchoredBatchChain } from './zksyncEvidence'

const hash32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 32-byte 0x-hex hash')

/**
 * `data` of a zksync-deposit evidence: the batch part of zksync-batch (the diamond proof also carries the priority
 * tree's counters) for the batch the L2 receipt names, and what the nodes said, as received: the deposit's L1 block
 * with its full transactions, the block's receipts (eth_getBlockReceipts), the headers from it up to the trusted
 * head (eth_getBlockByNumber, oldest first), the L2 receipt of the canonical hash (a locator), the
 * zks_getL2ToL1LogProof answer for the bootloader's status log, and the L1Nullifier's eth_getProof at the head.
 */
export const ZksyncDepositDataSchema = BatchPartSchema.extend({
  l1TxHash: hash32,
  l1Block: RawItemSchema.nullable(),
  l1Receipts: RawItemSchema.nullable(),
  l1Headers: z.array(RawItemSchema).max(MAX_HEADER_WALK),
  l2TxHash: hash32.nullable(),
  l2Receipt: RawItemSchema.nullable(),
  logProof: RawItemSchema.nullable(),
  logProofError: z.string().max(512).optional(),
  nullifierProof: RawItemSchema.nullable(),
}).strict()

/**
 * zksync-deposit — "did my deposit arrive?": the L1 transaction and its receipt proven in a block that hangs from
 * the verified head, the diamond's NewPriorityRequest and its recomputed canonical L2 hash, executed on L2 from
 * the priority tree's proven counters, succeeded or failed from the bootloader's status log in the executed batch's
 * proven logs root, and for a failed one whether the L1Nullifier lets it be reclaimed. Verdict `verified` with
 * `facts.depositStatus` executed-succeeded or executed-failed; not yet executed is incomplete, named.
 */
export function verifyZksyncDepositEvidence(e: Evidence): Report {
  const data = parseData(ZksyncDepositDataSchema, e)
  const l1TxHash = hexToBytes(data.l1TxHash, 'l1TxHash', 32)
  const r = new ReportBuilder({
    kind: e.kind,
    description: `ZKsync Era deposit ${bytesToHex(l1TxHash)} (L1 transaction): executed on L2, succeeded or failed?`,
  })
  r.fact('l1TxHash', bytesToHex(l1TxHash))
  const { anchor, batch, diamondProof } = verifyAnchoredBatchChain(r, e, data)
  if (!anchor) return r.build()
  const diamond = diamondAddressOf(anchor.network)
  if (!diamond.ok) return r.build() // zksync.diamond.address failed already
  verifyDeposit(r, {
    l1TxHash,
    head: { blockNumber: anchor.blockNumber, blockHash: anchor.blockHash, stateRoot: anchor.stateRoot },
    block: data.l1Block
      ? {
          header: parseBlockHeader(rawJson(data.l1Block)),
          transactions: parseBlockTransactions(rawJson(data.l1Block)),
        }
      : null,
    chain: data.l1Headers.map((h) => parseBlockHeader(rawJson(h))),
    receipts: data.l1Receipts ? parseBlockReceipts(rawJson(data.l1Receipts)) : null,
    diamond: diamond.address,
    diamondProof,
    batchNumber: BigInt(data.batchNumber),
    batch,
    l2Receipt: data.l2Receipt ? parseL2Receipt(rawJson(data.l2Receipt)) : null,
    logProof: data.logProof ? parseLogProof(rawJson(data.logProof)) : null,
    ...(data.logProofError ? { logProofError: data.logProofError } : {}),
    nullifierProof: data.nullifierProof ? parseEthGetProof(rawJson(data.nullifierProof)) : null,
    nullifier: nullifierAddressOf(anchor.network),
  })
  return r.build()
}
