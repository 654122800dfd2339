import { z } from 'zod'
import { InputError } from '../../../shared/errors'
import { bytesToHex, hexToBytes } from '../../encoding/hex'
import { rawJson, RawItemSchema, type Evidence, type RawItem } from '../../evidence/schema'
import { parseEthGetProof, type EthGetProof } from '../../mpt/parseEthGetProof'
import { ReportBuilder, type Report } from '../../report'
import { parseZksProofFile } from '../stateTree/parseZksProof'
import { checkChainId } from '../../evidence/endpointAnswers'
import { anchorL1, type L1Anchor } from './anchorL1'
import {
  AnchorAnswerFields,
  checkBatchDetails,
  checkLatestBatch,
  commitChainIdHint,
  NodeAnswerFields,
  type NodeAnswers,
} from './endpointChecks'
import { parseCommitTransaction } from './parseCommitTransaction'
import { counterSlotRequests, diamondStateOf, proveDiamondStorage } from './proveDiamondStorage'
import { verifyBatchOnL1, type BatchOnL1Result } from './verifyBatchOnL1'
import { verifyBatchProofPart, type BatchProofPartOptions } from './verifyBatchProofPart'
import { BatchProofSectionSchema } from '../batchProof/batchProofSection'
import { countersConsistent } from '../batches/diamondSlots'
import { verifyL2Balance, type L2TokenQuery } from './verifyL2Balance'
import {
  checkGatewayChainId,
  GatewaySectionSchema,
  parseGatewaySection,
  type GatewaySection,
} from './gatewaySection'
import { verifyGatewayHop } from './verifyGatewayHop'
import type { SettleElsewhere } from './verifyBatchOnL1'
import { diamondAddressOf } from './diamondAddress'

const decimal = z.string().regex(/^\d{1,20}$/, 'expected a decimal integer')
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 20-byte 0x-hex address')

/**
 * `data` of a zksync-batch evidence: the beacon section (when it rests on a checkpoint), the raw eth_getProof of
 * the diamond at the trusted head block, the raw eth_getTransactionByHash of the commit (an untrusted locator;
 * null when none was found), and the batch number.
 */
export const BatchPartSchema = z
  .object({
    beacon: z.unknown().optional(),
    batchNumber: decimal,
    /** Null when no trusted head was reached (the beacon part failed), so nothing was asked of L1. */
    diamondProof: RawItemSchema.nullable(),
    commitTx: RawItemSchema.nullable(),
    /** Older files named the diamond; it must be the network's own (diamondOf), never another contract. */
    diamond: address.optional(),
    // What the endpoints said beside the proofs (endpointChecks.ts): optional, so older evidence parses.
    ...AnchorAnswerFields,
    ...NodeAnswerFields,
    /** `--gateway-rpc`: the Gateway hop of a batch that settled on ZKsync Gateway (gatewaySection.ts). */
    gateway: GatewaySectionSchema.optional(),
  })
  .strict()

/**
 * `zksync batch N --proof` adds `proof`: the prove transaction and the optional verificationKeyHash eth_call as
 * collected (collectBatchProof), checked by verifyBatchProofPart.
 */
export const ZksyncBatchDataSchema = BatchPartSchema.extend({
  proof: BatchProofSectionSchema.optional(),
}).strict()

export const L2TokenSchema = z
  .object({
    address,
    balanceSlot: z.string().regex(/^\d{1,78}$/, 'expected a decimal slot'),
    decimals: z.number().int().min(0).max(77),
    symbol: z.string().max(32),
    balanceBits: z.number().int().min(1).max(256),
  })
  .strict()

/** `data` of a zksync-balance evidence: the batch part plus the account, the token and the zks_getProof answers. */
export const ZksyncBalanceDataSchema = BatchPartSchema.extend({
  account: address,
  token: L2TokenSchema.nullable(),
  zksProofs: z.array(RawItemSchema).max(8),
}).strict()

export function parseData<T>(schema: z.ZodType<T>, e: Evidence): T {
  const parsed = schema.safeParse(e.data)
  if (!parsed.success)
    throw new InputError(
      `evidence data: ${z.prettifyError(parsed.error).split('\n').slice(0, 2).join('; ')}`,
      'evidence.invalid',
    )
  return parsed.data
}

/**
 * The diamond whose storage is proven: fixed by the network (diamondAddress.ts), never by the file. A file that
 * names another address fails `zksync.diamond.address` with both addresses shown.
 */
function diamondOf(r: ReportBuilder, anchor: L1Anchor, named: string | undefined): string | undefined {
  const title = 'Proof is for the ZKsync diamond proxy'
  const choice = diamondAddressOf(anchor.network)
  if (!choice.ok) {
    r.fail('zksync.diamond.address', title, choice.reason)
    return undefined
  }
  if (named !== undefined && named.toLowerCase() !== choice.address) {
    r.fail(
      'zksync.diamond.address',
      title,
      `the evidence names ${named.toLowerCase()} as the diamond, but the diamond of ${anchor.network ?? 'Era mainnet'} is ${choice.address}: a contract's address is fixed by the network, not by the file`,
    )
    return undefined
  }
  return choice.address
}

/** The diamond's eth_getProof answer, or a failed check when the evidence holds none. */
function diamondProofOf(r: ReportBuilder, item: RawItem | null): EthGetProof | undefined {
  if (item) return parseEthGetProof(rawJson(item))
  r.fail(
    'zksync.diamond.account',
    'Diamond account proven from the trusted L1 state root',
    'the evidence holds no eth_getProof answer of the diamond',
  )
  return undefined
}

export function tokenQueryOf(t: z.infer<typeof L2TokenSchema>): L2TokenQuery {
  return {
    address: hexToBytes(t.address, 'token.address', 20),
    balanceSlot: BigInt(t.balanceSlot),
    decimals: t.decimals,
    symbol: t.symbol,
    balanceBits: t.balanceBits,
  }
}

/**
 * The Gateway hop for verifyBatchOnL1, when the evidence carries one; its Gateway endpoint's chain id is checked
 * with it. Used only if L1's storage shows the batch settled elsewhere.
 */
function gatewayHopOf(
  stateRoot: Uint8Array,
  section: GatewaySection | undefined,
): SettleElsewhere | undefined {
  if (!section) return undefined
  return (r, l1) => {
    const ev = parseGatewaySection(section)
    checkGatewayChainId(r, ev.endpointChainId, ev.settlementChainId)
    return verifyGatewayHop(r, stateRoot, l1, ev)
  }
}

/** A Gateway section beside a batch that L1 proves by itself: said, and not used. */
function unusedGateway(r: ReportBuilder, section: GatewaySection | undefined, batch: BatchOnL1Result): void {
  if (section && batch.state && !batch.settledElsewhere)
    r.skip(
      'zksync.gateway.hop',
      'Gateway hop',
      'not needed: the batch is on L1 (its stored hash and logs root are there); the Gateway section is not used',
      { required: false },
    )
}

function settlementHintOf(data: NodeAnswers) {
  return {
    commitChainId: commitChainIdHint(data.batchDetails),
    ...(data.batchDetails ? { endpoint: data.batchDetails.endpoint } : {}),
  }
}

/**
 * The ZKsync endpoint held to L1: its chain id, its batch details' rootHash against the bound StoredBatchInfo,
 * and its latest batch against the L1-proven committed count (endpointChecks.ts).
 */
function nodeChecks(
  r: ReportBuilder,
  anchor: L1Anchor,
  data: NodeAnswers,
  n: bigint,
  batch: BatchOnL1Result,
): void {
  checkChainId(r, 'zksync.node.chainId', 'zksync', anchor.answers.chainIds?.zksync, anchor.network)
  checkBatchDetails(r, data.batchDetails, n, batch.bound)
  checkLatestBatch(r, data.latestBatch, batch.state?.totalBatchesCommitted)
}

/**
 * zksync-batch: beacon → trusted L1 head → diamond storage → counters and status → settlement layer → commit
 * calldata → StoredBatchInfo bound to storedBatchHashes[n] → bound facts; with a `proof` section, the batch's SNARK
 * (verifyBatchProofPart). Pure: the same answer in a worker, the renderer or another machine.
 */
export async function verifyZksyncBatchEvidence(
  e: Evidence,
  deps: { now?: () => number } = {},
): Promise<Report> {
  // The host's clock, when it lends one (VerifyDeps `now`): the proof check's time becomes timings.proofCheck.
  const options: BatchProofPartOptions = deps.now ? { now: deps.now } : {}
  const data = parseData(ZksyncBatchDataSchema, e)
  const n = BigInt(data.batchNumber)
  const r = new ReportBuilder({
    kind: e.kind,
    description: `ZKsync Era batch ${n} on L1${data.proof !== undefined ? ', with its validity proof' : ''}`,
  })
  const result = verifyBatchChain(r, e, data)
  // Without a trusted head nothing binds the prove call; the asked-for proof check still shows, skipped.
  if (data.proof !== undefined)
    await verifyBatchProofPart(r, data.proof, n, result ?? { status: 'unknown' }, options)
  return r.build()
}

/**
 * The batch chain every batch kind shares: beacon → trusted L1 head → the network's diamond → its storage →
 * status, commit calldata, StoredBatchInfo bound to storedBatchHashes[n] → the endpoint checks. Undefined when no
 * trusted head or diamond proof was reached (the failed check says why).
 */
export function verifyBatchChain(
  r: ReportBuilder,
  e: Evidence,
  data: z.infer<typeof BatchPartSchema>,
): BatchOnL1Result | undefined {
  return verifyAnchoredBatchChain(r, e, data).batch
}

/**
 * verifyBatchChain with the trusted head it hangs from, for kinds that prove more storage at that head (the bridge
 * kinds prove the L1Nullifier's beside the diamond's). Both undefined when no trusted head was reached.
 */
export function verifyAnchoredBatchChain(
  r: ReportBuilder,
  e: Evidence,
  data: z.infer<typeof BatchPartSchema>,
): { anchor?: L1Anchor; batch?: BatchOnL1Result; diamondProof?: EthGetProof } {
  const n = BigInt(data.batchNumber)
  r.fact('batchNumber', n.toString())
  const anchor = anchorL1(r, e)
  if (!anchor) return {}
  const diamond = diamondOf(r, anchor, data.diamond)
  if (!diamond) return { anchor }
  const diamondProof = diamondProofOf(r, data.diamondProof)
  if (!diamondProof) return { anchor }
  const result = verifyBatchOnL1(r, {
    stateRoot: anchor.stateRoot,
    batchNumber: n,
    diamondProof,
    commitTx: data.commitTx ? parseCommitTransaction(rawJson(data.commitTx)) : null,
    diamond,
    settlementHint: settlementHintOf(data),
    ...(data.gateway ? { settleElsewhere: gatewayHopOf(anchor.stateRoot, data.gateway)! } : {}),
  })
  r.fact('status', result.status)
  unusedGateway(r, data.gateway, result)
  nodeChecks(r, anchor, data, n, result)
  if (anchor.blockNumber !== null) r.fact('asOf', `L1 block ${anchor.blockNumber}`)
  return { anchor, batch: result, diamondProof }
}

/**
 * zksync-balance: the batch chain for batch n, then the zks_getProof answers against the bound SBI.batchHash.
 * Final only when batch n is executed on L1; a batch that is only committed or proven gives `incomplete`.
 */
export function verifyZksyncBalanceEvidence(e: Evidence): Report {
  const data = parseData(ZksyncBalanceDataSchema, e)
  const n = BigInt(data.batchNumber)
  const account = hexToBytes(data.account, 'account', 20)
  const token = data.token ? tokenQueryOf(data.token) : null
  const r = new ReportBuilder({
    kind: e.kind,
    description: `ZKsync Era balance of ${bytesToHex(account)}${token ? ` (ETH, ${token.symbol})` : ''} at batch ${n}`,
  })
  r.fact('account', bytesToHex(account))
  r.fact('batchNumber', n.toString())
  const anchor = anchorL1(r, e)
  if (!anchor) return r.build()
  const proofs = data.zksProofs.map((p) => parseZksProofFile(rawJson(p)))
  const diamond = diamondOf(r, anchor, data.diamond)
  if (!diamond) return r.build()
  const diamondProof = diamondProofOf(r, data.diamondProof)
  if (!diamondProof) return r.build()
  const batch = verifyBatchOnL1(r, {
    stateRoot: anchor.stateRoot,
    batchNumber: n,
    diamondProof,
    commitTx: data.commitTx ? parseCommitTransaction(rawJson(data.commitTx)) : null,
    diamond,
    settlementHint: settlementHintOf(data),
    ...(data.gateway ? { settleElsewhere: gatewayHopOf(anchor.stateRoot, data.gateway)! } : {}),
  })
  r.fact('status', batch.status)
  unusedGateway(r, data.gateway, batch)
  nodeChecks(r, anchor, data, n, batch)
  const where =
    anchor.blockNumber !== null ? `at L1 block ${anchor.blockNumber}` : 'at the trusted L1 state root'
  const atBlock =
    anchor.blockNumber !== null ? `at block ${anchor.blockNumber}` : 'at the trusted L1 state root'
  if (batch.status === 'executed')
    r.pass(
      'zksync.balance.final',
      'Batch is executed on L1 (the answer is final)',
      `batch ${n} executed, counters proven ${where}`,
    )
  else
    r.skip(
      'zksync.balance.final',
      'Batch is executed on L1 (the answer is final)',
      `batch ${n} is ${batch.status} ${where}, not executed: the balance is not final`,
    )
  if (!batch.bound) {
    r.skip(
      'zksync.balance.root',
      'L2 state root bound to L1',
      'no StoredBatchInfo is bound to storedBatchHashes[n], so the batch state root is unknown',
    )
    return r.build()
  }
  r.pass(
    'zksync.balance.root',
    'L2 state root bound to L1',
    `SBI.batchHash ${bytesToHex(batch.bound.batchHash)}`,
  )
  const res = verifyL2Balance(r, {
    root: batch.bound.batchHash,
    maxIndex: batch.bound.indexRepeatedStorageChanges,
    account,
    token,
    proofs,
  })
  if (res.ok)
    r.fact(
      'asOf',
      batch.status === 'executed'
        ? `as of batch ${n}, executed on L1 ${atBlock}`
        : `as of batch ${n}, ${batch.status} (not executed) on L1 ${atBlock}`,
    )
  return r.build()
}

/** `data` of a zksync-counters evidence: the beacon section and the diamond's counters at the trusted head. */
export const ZksyncCountersDataSchema = z
  .object({
    beacon: z.unknown().optional(),
    diamondProof: RawItemSchema.nullable(),
    diamond: address.optional(),
    ...AnchorAnswerFields,
  })
  .strict()

/**
 * zksync-counters: how far L1 has committed, proven and executed ZKsync Era batches, proven at the trusted head
 * (diamond slots 11–13, with the verifier, protocol version and settlement layer). Every batch's status at that
 * block follows from these three numbers alone.
 */
export function verifyZksyncCountersEvidence(e: Evidence): Report {
  const data = parseData(ZksyncCountersDataSchema, e)
  const r = new ReportBuilder({ kind: e.kind, description: 'ZKsync Era batch counters on L1' })
  const anchor = anchorL1(r, e)
  if (!anchor) return r.build()
  const diamond = diamondOf(r, anchor, data.diamond)
  if (!diamond) return r.build()
  const diamondProof = diamondProofOf(r, data.diamondProof)
  if (!diamondProof) return r.build()
  const words = proveDiamondStorage(r, diamondProof, anchor.stateRoot, counterSlotRequests(), diamond)
  if (!words) return r.build()
  const state = diamondStateOf(words)
  r.fact('counters', {
    totalBatchesCommitted: state.totalBatchesCommitted.toString(),
    totalBatchesVerified: state.totalBatchesVerified.toString(),
    totalBatchesExecuted: state.totalBatchesExecuted.toString(),
  })
  r.fact('diamond', {
    verifier: state.verifier,
    protocolVersion: `${state.protocolVersion.minor}.${state.protocolVersion.patch}`,
    settlementLayer: state.settlementLayer,
  })
  r.expect(
    'zksync.diamond.counters',
    'Batch counters are ordered (executed ≤ verified ≤ committed)',
    countersConsistent(state),
    `executed ${state.totalBatchesExecuted} ≤ verified ${state.totalBatchesVerified} ≤ committed ${state.totalBatchesCommitted}`,
  )
  if (/^0x0{40}$/.test(state.settlementLayer))
    r.pass('zksync.diamond.settlementLayer', 'Chain settles on L1', 'settlementLayer is 0')
  else
    r.skip(
      'zksync.diamond.settlementLayer',
      'Chain settles on L1',
      `settlementLayer is ${state.settlementLayer}: batches settle there, L1 alone cannot prove them`,
    )
  return r.build()
}
