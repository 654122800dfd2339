import { UsageError } from '../../../shared/errors'
import { bytesToHex, equalBytes, hexToBytes } from '../../../verifier/encoding/hex'
import { createEvidence } from '../../../verifier/evidence/createEvidence'
import type { EndpointAnswer } from '../../../verifier/evidence/endpointAnswers'
import type { Evidence, RawItem } from '../../../verifier/evidence/schema'
import type { AnchorAnswers } from '../../../verifier/zksync/evidence/endpointChecks'
import type { RpcAnswer } from '../../net/jsonRpc'
import type { BatchProofSection } from '../../../verifier/zksync/batchProof/batchProofSection'
import type { GatewaySection } from '../../../verifier/zksync/evidence/gatewaySection'
import { parseEthGetProof } from '../../../verifier/mpt/parseEthGetProof'
import { diamondSlots } from '../../../verifier/zksync/batches/diamondSlots'
import {
  batchSlotRequests,
  counterSlotRequests,
  ERA_DIAMOND_ADDRESS,
} from '../../../verifier/zksync/evidence/proveDiamondStorage'
import { zksyncBalanceKind, zksyncBatchKind, zksyncCountersKind } from '../../../verifier/kinds/zksyncKinds'
import {
  erc20BalanceLocation,
  ethBalanceLocation,
  nonceLocation,
  type L2StorageLocation,
} from '../../../verifier/zksync/stateTree/l2Balances'
import type { Operation } from '../operations'
import type { EndpointFacts, L1AnchorSource } from './l1Anchor'
import type { ResolvedToken } from './resolveToken'
import { explainZksProofError, type ZksyncEndpoints } from './zksyncEndpoints'

const quantity = (n: bigint) => `0x${n.toString(16)}`

export interface BatchParts {
  batchNumber: bigint
  diamondProof: RawItem | null
  commitTx: RawItem | null
  /** The ZKsync node's zks_getL1BatchDetails(n) (its rootHash is held to the bound SBI.batchHash). */
  batchDetails?: EndpointAnswer
  /** `--proof`: the prove transaction and key-hash answer (collectProofPart). */
  proof?: BatchProofSection
  /** `--gateway-rpc`: the Gateway hop of a batch that settled on Gateway (collectGatewayPart). */
  gateway?: GatewaySection
}

/**
 * The L1 locators of the batch question. The diamond is asked at exactly the trusted head block; when no batch is
 * given the latest executed one is chosen from the counters the L1 node claims (a locator: the evidence proves
 * them, and a lie there only makes the answer fail). The commit transaction is found through the ZKsync node's
 * zks_getL1BatchDetails (commitTxHash, untrusted) and fetched from L1.
 */
export async function collectBatchParts(
  eps: ZksyncEndpoints,
  anchor: L1AnchorSource,
  op: Operation,
  batchNumber: bigint | null,
  diamond = ERA_DIAMOND_ADDRESS,
  /** More diamond slots to prove in the same eth_getProof (the bridge kinds' claim slots). */
  extraKeys: readonly Uint8Array[] = [],
): Promise<BatchParts> {
  if (!anchor.head) return { batchNumber: batchNumber ?? 0n, diamondProof: null, commitTx: null }
  const block = quantity(anchor.head.blockNumber)
  let n = batchNumber
  if (n === null) {
    op.progress(0, null, `reading the batch counters at L1 block ${anchor.head.blockNumber}`)
    n = await latestExecutedClaim(eps, diamond, block, op.signal)
  }
  op.progress(0, null, `proving the diamond storage for batch ${n} at L1 block ${anchor.head.blockNumber}`)
  const keys = [...batchSlotRequests(n).map((s) => s.key), ...extraKeys].map(bytesToHex)
  const { raw: diamondProof } = await eps.ask(
    eps.l1,
    'diamond-proof',
    'eth_getProof',
    [diamond, keys, block],
    op.signal,
  )
  op.progress(0, null, `locating the commit transaction of batch ${n}`)
  const { item: batchDetails, answer: details } = await eps.answer(
    eps.zk,
    'zks-batch-details',
    'zks_getL1BatchDetails',
    [Number(n)],
    op.signal,
  )
  const commitTx = n === 0n ? null : await findCommitTx(eps, details.result, op.signal)
  return { batchNumber: n, diamondProof, commitTx, batchDetails }
}

/**
 * What the endpoints say about themselves and the head, asked once per flow and kept in every evidence made from
 * the anchor (endpointChecks.ts checks it): eth_chainId of the L1 endpoint and eth_getBlockByNumber(head, false)
 * — each its own request, so a node that answers from another view call by call is caught on the header — and,
 * when the flow uses the ZKsync node, its eth_chainId and zks_L1BatchNumber.
 */
export async function collectEndpointFacts(
  eps: ZksyncEndpoints,
  anchor: L1AnchorSource,
  op: Operation,
  node: boolean,
): Promise<EndpointFacts> {
  if (!anchor.head) return { answers: {} }
  op.progress(
    0,
    null,
    `asking the endpoints for their chain ids and the L1 header of block ${anchor.head.blockNumber}`,
  )
  const l1 = (await eps.answer(eps.l1, 'l1-chain-id', 'eth_chainId', [], op.signal)).item
  const header = (
    await eps.answer(
      eps.l1,
      'l1-header',
      'eth_getBlockByNumber',
      [quantity(anchor.head.blockNumber), false],
      op.signal,
    )
  ).item
  const answers: AnchorAnswers = {
    l1Header: header,
    chainIds: { l1 },
    ...(anchor.trust.kind === 'state-root' && eps.network ? { network: eps.network } : {}),
  }
  if (!node) return { answers }
  const zksync = (await eps.answer(eps.zk, 'zksync-chain-id', 'eth_chainId', [], op.signal)).item
  const latestBatch = (await eps.answer(eps.zk, 'zks-latest-batch', 'zks_L1BatchNumber', [], op.signal)).item
  return { answers: { ...answers, chainIds: { l1, zksync } }, latestBatch }
}

/** The evidence data fields of the endpoints' answers (absent ones are left out). */
function endpointData(anchor: L1AnchorSource, parts?: BatchParts): Record<string, unknown> {
  const f = anchor.endpointFacts
  return {
    ...(f?.answers ?? {}),
    ...(f?.latestBatch ? { latestBatch: f.latestBatch } : {}),
    ...(parts?.batchDetails ? { batchDetails: parts.batchDetails } : {}),
  }
}

async function latestExecutedClaim(
  eps: ZksyncEndpoints,
  diamond: string,
  block: string,
  signal: AbortSignal,
): Promise<bigint> {
  const slot = diamondSlots(0n).totalBatchesExecuted
  const answer = await eps.l1.call('eth_getProof', [diamond, [bytesToHex(slot)], block], signal)
  const claimed = parseEthGetProof(answer.result).storageProof.find((e) => equalBytes(e.key, slot))
  const n = claimed?.value ?? 0n
  if (n === 0n)
    throw new UsageError('no ZKsync batch is executed on L1 yet at the trusted head; pass a batch')
  return n
}

async function findCommitTx(
  eps: ZksyncEndpoints,
  r: RpcAnswer['result'],
  signal: AbortSignal,
): Promise<RawItem | null> {
  const hash =
    r !== null && typeof r === 'object' && !Array.isArray(r) && typeof r.commitTxHash === 'string'
      ? r.commitTxHash
      : null
  if (hash === null || !/^0x[0-9a-fA-F]{64}$/.test(hash)) return null
  const { answer, raw } = await eps.ask(eps.l1, 'commit-tx', 'eth_getTransactionByHash', [hash], signal)
  return answer.result === null ? null : raw
}

export function batchEvidence(
  anchor: L1AnchorSource,
  parts: BatchParts,
  sources: Evidence['sources'],
): Evidence {
  return createEvidence({
    kind: zksyncBatchKind.kind,
    createdAt: anchor.createdAt,
    question: { ...anchor.question, batchNumber: parts.batchNumber.toString() },
    trust: anchor.trust,
    data: {
      ...(anchor.beacon ? { beacon: anchor.beacon } : {}),
      batchNumber: parts.batchNumber.toString(),
      diamondProof: parts.diamondProof,
      commitTx: parts.commitTx,
      ...endpointData(anchor, parts),
      ...(parts.proof ? { proof: parts.proof } : {}),
      ...(parts.gateway ? { gateway: parts.gateway } : {}),
    },
    sources: [...anchor.sources, ...sources],
  })
}

/** The storage locations of a balance question, grouped by contract: one zks_getProof per contract. */
export function balanceLocations(account: Uint8Array, token: ResolvedToken | null): L2StorageLocation[] {
  const locs = [ethBalanceLocation(account), nonceLocation(account)]
  if (token) locs.push(erc20BalanceLocation(hexToBytes(token.address), account, BigInt(token.balanceSlot)))
  return locs
}

/** zks_getProof for each location at batch n; clear errors when the node cannot serve it. */
export async function collectZksProofs(
  eps: ZksyncEndpoints,
  locations: readonly L2StorageLocation[],
  n: bigint,
  op: Operation,
): Promise<RawItem[]> {
  const out: RawItem[] = []
  for (const [i, loc] of locations.entries()) {
    op.progress(i, locations.length, `zks_getProof ${bytesToHex(loc.contract)} at batch ${n}`)
    try {
      const { answer, raw } = await eps.ask(
        eps.zk,
        'zks-storage',
        'zks_getProof',
        [bytesToHex(loc.contract), [bytesToHex(loc.slot)], Number(n)],
        op.signal,
      )
      if (answer.result === null)
        throw new UsageError(
          `the ZKsync node has no tree for batch ${n} yet (zks_getProof returned null); ask for an older batch`,
          'zksync.batch-not-in-tree',
        )
      out.push(raw)
    } catch (err) {
      throw explainZksProofError(err, n)
    }
  }
  return out
}

export function balanceEvidence(
  anchor: L1AnchorSource,
  parts: BatchParts,
  account: string,
  token: ResolvedToken | null,
  zksProofs: RawItem[],
  sources: Evidence['sources'],
): Evidence {
  const batch = batchEvidence(anchor, parts, sources)
  return {
    ...batch,
    kind: zksyncBalanceKind.kind,
    question: { ...batch.question, address: account, ...(token ? { token: token.symbol } : {}) },
    data: {
      ...batch.data,
      account,
      token: token
        ? {
            address: token.address,
            balanceSlot: token.balanceSlot,
            decimals: token.decimals,
            symbol: token.symbol,
            balanceBits: token.balanceBits,
          }
        : null,
      zksProofs,
    },
  }
}

/** The counters at the head: one eth_getProof of the diamond's counter slots. */
export async function countersEvidence(
  eps: ZksyncEndpoints,
  anchor: L1AnchorSource,
  op: Operation,
  diamond = ERA_DIAMOND_ADDRESS,
): Promise<Evidence> {
  let diamondProof: RawItem | null = null
  if (anchor.head) {
    op.progress(0, null, `proving the batch counters at L1 block ${anchor.head.blockNumber}`)
    const keys = counterSlotRequests().map((s) => bytesToHex(s.key))
    diamondProof = (
      await eps.ask(
        eps.l1,
        'diamond-proof',
        'eth_getProof',
        [diamond, keys, quantity(anchor.head.blockNumber)],
        op.signal,
      )
    ).raw
  }
  return createEvidence({
    kind: zksyncCountersKind.kind,
    createdAt: anchor.createdAt,
    question: { ...anchor.question },
    trust: anchor.trust,
    data: { ...(anchor.beacon ? { beacon: anchor.beacon } : {}), diamondProof, ...endpointData(anchor) },
    sources: [...anchor.sources, ...eps.sources],
  })
}
