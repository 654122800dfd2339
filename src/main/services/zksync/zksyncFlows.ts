import { bytesToHex, hexToBytes } from '../../../verifier/encoding/hex'
import type { Evidence } from '../../../verifier/evidence/schema'
import { verifyEvidence } from '../../../verifier/kinds/verifyEvidence'
import type { Report } from '../../../verifier/report'
import { batchStatus } from '../../../verifier/zksync/batches/diamondSlots'
import type { BatchesOverview } from '../../../shared/contract/batches'
import type { ServiceContext } from '../context'
import type { EndpointOverrides } from '../endpoints'
import type { Operation } from '../operations'
import {
  balanceEvidence,
  balanceLocations,
  batchEvidence,
  collectBatchParts,
  collectEndpointFacts,
  collectZksProofs,
  countersEvidence,
} from './collectZksyncEvidence'
import { zksyncPubdataKind } from '../../../verifier/kinds/zksyncPubdataKind'
import { collectBlobsPart } from './collectBlobsPart'
import { collectGatewayPart } from './collectGatewayPart'
import { collectWithdrawalEvidence, type WithdrawalQuestion } from './collectWithdrawal'
import { collectDepositEvidence } from './collectDeposit'
import { collectProofPart } from './collectProofPart'
import { collectWatchEvidence } from './collectWatch'
import { beaconAnchor, type AnchorProvider, type L1AnchorSource } from './l1Anchor'
import { resolveToken } from './resolveToken'
import { ZksyncEndpoints } from './zksyncEndpoints'
import type { BatchParts } from './collectZksyncEvidence'

/** With a Gateway endpoint, a batch that settled on Gateway gets its Gateway hop (collectGatewayPart). */
async function withGateway(
  eps: ZksyncEndpoints,
  anchor: L1AnchorSource,
  op: Operation,
  parts: BatchParts,
): Promise<BatchParts> {
  if (!eps.gateway) return parts
  const gateway = await collectGatewayPart(eps, eps.gateway, anchor, op, parts)
  return gateway ? { ...parts, gateway } : parts
}

/** How a flow reaches its trusted L1 head and its endpoints: settings by default, overridable per call. */
export interface ZksyncFlowOptions {
  overrides?: EndpointOverrides
  /** Default: the beacon light client from the checkpoint (beaconAnchor). */
  anchor?: AnchorProvider
  /** The diamond proxy (default: Era mainnet's address, which the test world uses too). */
  diamond?: string
  /** `zksync batch N --proof`: also collect the prove transaction, so the batch's SNARK is checked. */
  proof?: boolean
  /** `zksync batch N --blobs`: also fetch the batch's blobs, so its published data is checked and decoded. */
  blobs?: boolean
}

/**
 * The endpoints and the trusted head, with what the endpoints say about themselves and that head
 * (collectEndpointFacts; `node`: the flow uses the ZKsync node, so its chain id and latest batch are asked too).
 */
async function setup(ctx: ServiceContext, op: Operation, options: ZksyncFlowOptions, node = true) {
  const eps = await ZksyncEndpoints.resolve(ctx, options.overrides)
  const base = await (options.anchor ?? beaconAnchor(ctx, options.overrides))(op)
  const anchor: L1AnchorSource = { ...base, endpointFacts: await collectEndpointFacts(eps, base, op, node) }
  return { eps, anchor }
}

/**
 * Evidence for `zksync batch N` (N null: the latest executed batch at the trusted head); with `proof`, also the
 * prove transaction for the SNARK check.
 */
export async function collectZksyncBatch(
  ctx: ServiceContext,
  op: Operation,
  batchNumber: bigint | null,
  options: ZksyncFlowOptions = {},
): Promise<Evidence> {
  const { eps, anchor } = await setup(ctx, op, options)
  const parts = await withGateway(
    eps,
    anchor,
    op,
    await collectBatchParts(eps, anchor, op, batchNumber, options.diamond),
  )
  if (options.blobs) {
    const part = await collectBlobsPart(ctx, op, eps, parts, options.overrides)
    const base = batchEvidence(anchor, parts, [...eps.sources, ...part.sources])
    return { ...base, kind: zksyncPubdataKind.kind, data: { ...base.data, da: part.da } }
  }
  if (!options.proof) return batchEvidence(anchor, parts, eps.sources)
  const proof = await collectProofPart(ctx, op, anchor, parts, options.overrides)
  return batchEvidence(anchor, { ...parts, proof: proof.section }, [...eps.sources, ...proof.sources])
}

/** Evidence for `zksync withdrawal TXHASH [--index I]` (issue 19): collectWithdrawal.ts. */
export async function collectZksyncWithdrawal(
  ctx: ServiceContext,
  op: Operation,
  q: WithdrawalQuestion,
  options: ZksyncFlowOptions = {},
): Promise<Evidence> {
  const { eps, anchor } = await setup(ctx, op, options)
  return collectWithdrawalEvidence(eps, anchor, op, q, options.diamond)
}

/** Evidence for `zksync deposit L1TXHASH` (issue 19): collectDeposit.ts. */
export async function collectZksyncDeposit(
  ctx: ServiceContext,
  op: Operation,
  q: { l1TxHash: string },
  options: ZksyncFlowOptions = {},
): Promise<Evidence> {
  const { eps, anchor } = await setup(ctx, op, options)
  return collectDepositEvidence(eps, anchor, op, q, options.diamond)
}

/** Evidence for `zksync watch` (issue 21): collectWatch.ts. The ZKsync node is not asked. */
export async function collectZksyncWatch(
  ctx: ServiceContext,
  op: Operation,
  options: ZksyncFlowOptions = {},
): Promise<Evidence> {
  const { eps, anchor } = await setup(ctx, op, options, false)
  return collectWatchEvidence(eps, anchor, op, options.diamond)
}

export interface BalanceQuestion {
  address: string
  token?: string
  batch?: bigint
}

/** Evidence for `zksync balance ADDRESS [--token T] [--batch N]`. */
export async function collectZksyncBalance(
  ctx: ServiceContext,
  op: Operation,
  q: BalanceQuestion,
  options: ZksyncFlowOptions = {},
): Promise<Evidence> {
  const account = hexToBytes(q.address, 'address', 20)
  const token = q.token ? resolveToken(q.token) : null
  const { eps, anchor } = await setup(ctx, op, options)
  const parts = await withGateway(
    eps,
    anchor,
    op,
    await collectBatchParts(eps, anchor, op, q.batch ?? null, options.diamond),
  )
  const proofs = anchor.head
    ? await collectZksProofs(eps, balanceLocations(account, token), parts.batchNumber, op)
    : []
  return balanceEvidence(anchor, parts, bytesToHex(account), token, proofs, eps.sources)
}

export interface RangeSpec {
  from: bigint
  to: bigint
  /** Batch n belongs to shard (n mod count); this run takes `index`. */
  shard?: { index: number; count: number }
  /** Batches in flight at once: fetched by async tasks over the same endpoints, verified by `verify`. */
  jobs?: number
  /** Leaves out batches of the shard that need no work (a resumed audit: those its journal has decided). */
  skip?: (batchNumber: bigint) => boolean
}

/**
 * How a range verifies one batch's evidence. Default: in this thread (verifyEvidence). `zksync batches --jobs K`
 * passes a VerifyPool of K worker threads, so verification runs beside the fetching, which stays here.
 */
export type RangeVerify = (evidence: Evidence, signal: AbortSignal) => Promise<Report>

export interface RangeHooks {
  verify?: RangeVerify
  /** Called with each batch's evidence as soon as it is collected, before it is verified (`--save DIR`). */
  onEvidence?: (batchNumber: bigint, evidence: Evidence) => void | Promise<void>
  onItem?: (item: RangeItem, done: number, total: number) => void | Promise<void>
  /** Called when a batch is taken up, before its evidence is collected (an audit journal times each batch). */
  onStart?: (batchNumber: bigint) => void
  /**
   * false: items go to onItem only and the returned list is empty, so a long audit does not hold every
   * batch's evidence in memory. Default true.
   */
  keepItems?: boolean
}

export interface RangeItem {
  batchNumber: bigint
  report: Report | null
  evidence: Evidence | null
  error: string | null
}

/** The batch numbers of a range that one shard takes: deterministic, so many machines split an audit. */
export function shardBatches(spec: RangeSpec): bigint[] {
  const out: bigint[] = []
  const count = BigInt(spec.shard?.count ?? 1)
  const index = BigInt(spec.shard?.index ?? 0)
  for (let n = spec.from; n <= spec.to; n++) if (n % count === index) out.push(n)
  return out
}

/**
 * Verifies a range of batches against one trusted head (one beacon sync), `jobs` at a time. Each batch gets its
 * own evidence and report; an endpoint failure, or a verification that could not finish (a worker that crashed
 * or timed out), is recorded for that batch and the run goes on.
 */
export async function verifyZksyncBatchRange(
  ctx: ServiceContext,
  op: Operation,
  spec: RangeSpec,
  options: ZksyncFlowOptions = {},
  hooks: RangeHooks = {},
): Promise<{ anchor: L1AnchorSource; items: RangeItem[] }> {
  const verify: RangeVerify = hooks.verify ?? ((evidence) => verifyEvidence(evidence))
  const { eps, anchor } = await setup(ctx, op, options)
  const numbers = spec.skip ? shardBatches(spec).filter((n) => !spec.skip!(n)) : shardBatches(spec)
  const keep = hooks.keepItems ?? true
  const items: RangeItem[] = new Array<RangeItem>(numbers.length)
  let next = 0
  let done = 0
  const worker = async () => {
    while (next < numbers.length) {
      if (op.signal.aborted) return
      const i = next++
      const n = numbers[i]!
      hooks.onStart?.(n)
      let item: RangeItem
      let evidence: Evidence | null = null
      try {
        const own = new ZksyncEndpoints(eps.l1, eps.zk, eps.network, eps.gateway)
        const quiet = quietOp(op)
        const parts = await withGateway(
          own,
          anchor,
          quiet,
          await collectBatchParts(own, anchor, quiet, n, options.diamond),
        )
        evidence = batchEvidence(anchor, parts, own.sources)
        await hooks.onEvidence?.(n, evidence)
        item = { batchNumber: n, evidence, report: await verify(evidence, op.signal), error: null }
      } catch (err) {
        item = {
          batchNumber: n,
          evidence,
          report: null,
          error: err instanceof Error ? err.message : String(err),
        }
      }
      if (keep) items[i] = item
      done++
      op.progress(done, numbers.length, `batch ${n}: ${item.report?.verdict ?? `error: ${item.error}`}`)
      await hooks.onItem?.(item, done, numbers.length)
    }
  }
  const jobs = Math.max(1, Math.min(spec.jobs ?? 1, 64))
  await Promise.all(Array.from({ length: Math.min(jobs, Math.max(1, numbers.length)) }, worker))
  return { anchor, items: items.filter((x): x is RangeItem => x !== undefined) }
}

/** Per-batch steps of a range stay quiet; the range reports its own progress. */
function quietOp(op: Operation): Operation {
  return { ...op, progress: () => undefined }
}

/** The Batches page: counters proven at the head, and the status of the latest batches from them. */
export async function zksyncBatchesOverview(
  ctx: ServiceContext,
  op: Operation,
  options: ZksyncFlowOptions & { recent?: number } = {},
): Promise<BatchesOverview> {
  const { eps, anchor } = await setup(ctx, op, options, false)
  const evidence = await countersEvidence(eps, anchor, op, options.diamond)
  const report = await verifyEvidence(evidence)
  let sealedOnL2: string | null = null
  try {
    const r = await eps.zk.call('zks_L1BatchNumber', [], op.signal)
    if (typeof r.result === 'string' || typeof r.result === 'number' || typeof r.result === 'bigint')
      sealedOnL2 = BigInt(r.result).toString()
  } catch {
    // Orientation only: the overview stands without it.
  }
  const c = report.facts.counters as Record<string, string> | undefined
  if (report.verdict !== 'verified' || !c)
    return {
      report,
      l1Block: anchor.head?.blockNumber.toString() ?? null,
      counters: null,
      recent: [],
      sealedOnL2,
    }
  const counters = {
    totalBatchesCommitted: BigInt(c.totalBatchesCommitted!),
    totalBatchesVerified: BigInt(c.totalBatchesVerified!),
    totalBatchesExecuted: BigInt(c.totalBatchesExecuted!),
  }
  const recent: BatchesOverview['recent'] = []
  const count = BigInt(options.recent ?? 10)
  for (let n = counters.totalBatchesCommitted; n >= 1n && n > counters.totalBatchesCommitted - count; n--)
    recent.push({ batchNumber: n.toString(), status: batchStatus(n, counters) })
  return {
    report,
    l1Block: anchor.head?.blockNumber.toString() ?? null,
    counters: {
      committed: c.totalBatchesCommitted!,
      proven: c.totalBatchesVerified!,
      executed: c.totalBatchesExecuted!,
    },
    recent,
    sealedOnL2,
  }
}
