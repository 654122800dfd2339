import { z } from 'zod'
import { InputError } from '../../../shared/errors'
import { bytesToHex, equalBytes, hexToBytes, parseQuantity } from '../../encoding/hex'
import { unwrapJsonRpc } from '../../encoding/rpc'
import {
  bindHeaderAnswer,
  EndpointAnswerSchema,
  type EndpointAnswer,
  type TrustedHeadRef,
} from '../../evidence/endpointAnswers'
import { rawJson } from '../../evidence/schema'
import type { ReportBuilder } from '../../report'
import type { StoredBatchInfo } from '../batches/types'

/**
 * What the ZKsync kinds' endpoints said beside their proofs, held against what L1 proves (DESIGN.md §1: a lie
 * from any endpoint ends in a failed or incomplete verdict). Every item is optional in the schema so older
 * evidence still parses; a required check whose item is missing is skipped with the reason, so such a file is
 * at best incomplete (chain ids excepted: see checkChainId).
 *
 * data fields (beside the kinds' own):
 *   l1Header:     the L1 endpoint's eth_getBlockByNumber(head, false), bound to the verified block hash.
 *   chainIds:     { l1, zksync } eth_chainId answers, against the network's ids (src/verifier/chainIds.ts).
 *   network:      the network a `state-root` evidence was made on (a beacon section names its own).
 *   batchDetails: the ZKsync node's zks_getL1BatchDetails(n): its rootHash must be the bound SBI.batchHash.
 *   latestBatch:  the ZKsync node's zks_L1BatchNumber: not below the L1-proven totalBatchesCommitted.
 */
export const AnchorAnswerFields = {
  l1Header: EndpointAnswerSchema.optional(),
  chainIds: z
    .object({ l1: EndpointAnswerSchema.optional(), zksync: EndpointAnswerSchema.optional() })
    .strict()
    .optional(),
  network: z.string().min(1).max(64).optional(),
}

export const NodeAnswerFields = {
  batchDetails: EndpointAnswerSchema.optional(),
  latestBatch: EndpointAnswerSchema.optional(),
}

const AnchorAnswersSchema = z.object(AnchorAnswerFields)
export type AnchorAnswers = z.infer<typeof AnchorAnswersSchema>
export type NodeAnswers = { batchDetails?: EndpointAnswer; latestBatch?: EndpointAnswer }

/** The anchor answers of an evidence's data (already validated by its kind's strict schema). */
export function anchorAnswersOf(data: Record<string, unknown>): AnchorAnswers {
  const parsed = AnchorAnswersSchema.safeParse({
    l1Header: data.l1Header,
    chainIds: data.chainIds,
    network: data.network,
  })
  if (!parsed.success)
    throw new InputError(`evidence data: ${z.prettifyError(parsed.error).split('\n')[0]}`, 'evidence.invalid')
  return parsed.data
}

/**
 * `zksync.l1.header`: the L1 endpoint's header of the trusted head hashes to the beacon-verified block hash and
 * carries its state root. The L1 node whose diamond proof is used must be on the verified chain: a reorged or
 * equivocating node, or one whose headers report another state root, fails here, named.
 */
export function checkL1Header(
  r: ReportBuilder,
  item: EndpointAnswer | undefined,
  head: TrustedHeadRef,
): void {
  const title = 'L1 endpoint’s header of the trusted head hashes to the verified block hash'
  if (!item) {
    r.skip(
      'zksync.l1.header',
      title,
      'the evidence holds no eth_getBlockByNumber answer of the L1 endpoint (made before headers were asked), ' +
        'so the L1 endpoint is not shown to be on the verified chain',
    )
    return
  }
  const bound = bindHeaderAnswer(item, head)
  r.add('zksync.l1.header', title, bound.status, bound.detail)
}

/**
 * `zksync.node.rootHash`: the ZKsync node's zks_getL1BatchDetails(n).rootHash must be the batchHash of the
 * StoredBatchInfo L1 binds for batch n (research zksync.md §3.3: the same value). A node that contradicts L1
 * fails, named, with both values.
 */
export function checkBatchDetails(
  r: ReportBuilder,
  item: EndpointAnswer | undefined,
  n: bigint,
  bound: StoredBatchInfo | undefined,
): void {
  const id = 'zksync.node.rootHash'
  const title = 'ZKsync node’s batch details agree with L1 (rootHash = bound batchHash)'
  if (!item) {
    r.skip(id, title, 'the evidence holds no zks_getL1BatchDetails answer (made before it was kept)')
    return
  }
  let details: { number: bigint | null; rootHash: Uint8Array } | null
  try {
    details = parseDetails(item)
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    r.fail(id, title, `${item.endpoint}: zks_getL1BatchDetails(${n}) is malformed: ${err.message}`)
    return
  }
  if (details === null) {
    r.skip(id, title, `${item.endpoint} has no details of batch ${n} (it answered null): a node behind L1`)
    return
  }
  if (details.number !== null && details.number !== n) {
    r.fail(id, title, `${item.endpoint} answered with batch ${details.number} when asked for batch ${n}`)
    return
  }
  if (!bound) {
    r.skip(
      id,
      title,
      `no StoredBatchInfo is bound on L1 for batch ${n}, so the node's rootHash ${bytesToHex(details.rootHash)} cannot be held to it`,
    )
    return
  }
  r.expect(
    id,
    title,
    equalBytes(details.rootHash, bound.batchHash),
    `${item.endpoint}: rootHash ${bytesToHex(details.rootHash)} = SBI.batchHash bound on L1`,
    `${item.endpoint} reports rootHash ${bytesToHex(details.rootHash)} for batch ${n}; L1 binds batchHash ` +
      `${bytesToHex(bound.batchHash)}: the node contradicts L1`,
  )
}

/**
 * The node's zks_getL1BatchDetails(n).commitChainId — where it says batch n was committed — as a hint for the
 * report (a settlement layer's name), or null when absent or malformed. Never a check: nothing is trusted from it.
 */
export function commitChainIdHint(item: EndpointAnswer | undefined): bigint | null {
  if (!item) return null
  try {
    const result = unwrapJsonRpc(rawJson(item.answer))
    if (result === null || typeof result !== 'object' || Array.isArray(result)) return null
    const v = (result as Record<string, unknown>).commitChainId
    if (v === null || v === undefined) return null
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v)
    return parseQuantity(v, 'commitChainId')
  } catch {
    return null
  }
}

function parseDetails(item: EndpointAnswer): { number: bigint | null; rootHash: Uint8Array } | null {
  const result = unwrapJsonRpc(rawJson(item.answer))
  if (result === null) return null
  if (typeof result !== 'object' || Array.isArray(result))
    throw new InputError('expected an object or null', 'input.zks-batch-details')
  const o = result as Record<string, unknown>
  return {
    number: o.number === undefined || o.number === null ? null : parseQuantity(o.number, 'number'),
    rootHash: hexToBytes(o.rootHash, 'rootHash', 32),
  }
}

/**
 * `zksync.node.latestBatch`: the ZKsync node's zks_L1BatchNumber (its latest sealed batch) must not be below
 * what L1 has already committed at the trusted head: a node that says the chain ends earlier than L1 proves is
 * behind or lying about the chain's progress, and its other answers describe a past the question is not about.
 */
export function checkLatestBatch(
  r: ReportBuilder,
  item: EndpointAnswer | undefined,
  committed: bigint | undefined,
): void {
  const id = 'zksync.node.latestBatch'
  const title = 'ZKsync node is not behind L1 (latest batch ≥ batches committed on L1)'
  if (!item) {
    r.skip(id, title, 'the evidence holds no zks_L1BatchNumber answer (made before it was kept)')
    return
  }
  let latest: bigint
  try {
    const result = unwrapJsonRpc(rawJson(item.answer))
    if (typeof result !== 'string') throw new InputError('expected a 0x-quantity', 'input.zks-batch-number')
    latest = parseQuantity(result, 'zks_L1BatchNumber')
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    r.fail(id, title, `${item.endpoint}: zks_L1BatchNumber is malformed: ${err.message}`)
    return
  }
  if (committed === undefined) {
    r.skip(
      id,
      title,
      `the L1 counters were not proven, so the node's latest batch ${latest} cannot be compared`,
    )
    return
  }
  r.expect(
    id,
    title,
    latest >= committed,
    `${item.endpoint}: latest batch ${latest} ≥ ${committed} committed on L1`,
    `${item.endpoint} says its latest batch is ${latest}, but L1 has committed ${committed} batches at the ` +
      'trusted head: the node is behind L1 or lies about it',
  )
}
