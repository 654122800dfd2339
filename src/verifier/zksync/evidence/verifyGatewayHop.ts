import { bytesToBigint, bytesToHex, equalBytes } from '../../encoding/hex'
import type { EndpointAnswer } from '../../evidence/endpointAnswers'
import type { EthGetProof } from '../../mpt/parseEthGetProof'
import { ReportBuilder, type FactValue } from '../../report'
import { settlementLayerName } from '../batches/settlementLayers'
import { bindStoredBatchInfo } from '../batches/storedBatchInfo'
import { checkBatchDetails } from './endpointChecks'
import type { CommitTransaction } from './parseCommitTransaction'
import { batchSlotRequests, proveDiamondStorage } from './proveDiamondStorage'
import {
  storedBatchInfoFacts,
  verifyBatchFromWords,
  verifyBatchOnL1,
  type ElsewhereContext,
  type ElsewhereOutcome,
} from './verifyBatchOnL1'
import type { ZksProof } from '../stateTree/types'
import { L2_BRIDGEHUB_ADDRESS, whitelistedSettlementLayerSlot, zkChainSlot } from '../batches/bridgehubSlots'
import { proveZksStorage } from './proveZksStorage'

/** The Gateway hop's evidence, parsed (gatewaySection.ts holds the raw schema). */
export interface GatewayHopEvidence {
  /** The settlement layer's chain id the collector followed (the node's commitChainId): a locator. */
  settlementChainId: bigint
  /** eth_getProof of L1's Bridgehub at the trusted head: zkChainMap[chain] and whitelistedSettlementLayers[chain]. */
  bridgehubProof: EthGetProof | null
  /** Gateway's own batch m that the proof goes through (the collector takes Gateway's executed count on L1). */
  gatewayBatchNumber: bigint
  /** eth_getProof of Gateway's diamond on L1 with the slots of batchSlotRequests(m). */
  gatewayDiamondProof: EthGetProof | null
  /** Gateway's commit transaction of batch m, on L1. */
  gatewayCommitTx: CommitTransaction | null
  /** The Gateway node's zks_getL1BatchDetails(m), held to the bound Gateway root. */
  gatewayBatchDetails?: EndpointAnswer
  /** zks_getProof on Gateway at batch m of its Bridgehub (0x…10002): zkChainMap[the chain's id]. */
  bridgehubOnGateway: ZksProof | null
  /** zks_getProof on Gateway at batch m of the chain's diamond there, with the slots of batchSlotRequests(n). */
  chainDiamondOnGateway: ZksProof | null
  /** The chain's commit transaction of batch n, a Gateway transaction (fetched from the Gateway RPC). */
  chainCommitTx: CommitTransaction | null
}

/** Copies a sub-report's checks, renaming their ids into the hop's namespace (`zksync.` → `zksync.gateway.l1.` …). */
function adopt(
  r: ReportBuilder,
  sub: ReportBuilder,
  prefix: string,
  from = 'zksync.',
  title: (t: string) => string = (t) => `${t} (Gateway hop)`,
): void {
  for (const c of sub.build().checks) {
    const id = c.id.startsWith(from) ? prefix + c.id.slice(from.length) : c.id
    r.add(id, title(c.title), c.status, c.detail, { required: c.required })
  }
}

const word = (m: Map<string, Uint8Array>, k: string) => m.get(k) ?? new Uint8Array(32)
const addressOf = (w: Uint8Array) => bytesToHex(w.subarray(12))
const ZERO_ADDRESS = `0x${'00'.repeat(20)}`

/**
 * The Gateway hop of a batch that settled on ZKsync Gateway (issue 17; research next-wave.md §3.2 B), every link
 * proven from the trusted L1 state root, nothing taken from an endpoint:
 *
 * 1. L1 Bridgehub (its address proven in the chain's L1 diamond, slot 41): `whitelistedSettlementLayers[sl]` is
 *    set and `zkChainMap[sl]` names Gateway's diamond on L1 (`zksync.gateway.bridgehub.*`, `.whitelisted`,
 *    `.diamondOnL1`).
 * 2. Gateway's diamond on L1, as for any batch: counters, storedBatchHashes[m], Gateway's commit calldata on L1 →
 *    Gateway's StoredBatchInfo bound, batch m executed on L1, and its chain id (slot 40) is sl
 *    (`zksync.gateway.l1.*`, `zksync.gateway.chainId`). Its batchHash is Gateway's state root.
 * 3. Through Gateway's state at batch m: its Bridgehub (L2 system address 0x…10002) maps the chain's id (proven on
 *    L1, slot 40) to the chain's diamond on Gateway (`zksync.gateway.registry.*`, `zksync.gateway.chainDiamond`);
 *    that diamond's counters, storedBatchHashes[n] and meta words are proven, and its chain id is the chain's
 *    (`zksync.gateway.chain.diamond.*`, `zksync.gateway.chain.chainId`).
 * 4. The chain's commit transaction on Gateway is decoded and checked as on L1, its StoredBatchInfo rebuilt with
 *    Gateway's meta words and bound to storedBatchHashes[n] there; batch n executed on Gateway
 *    (`zksync.gateway.chain.*`). When L1 kept a hash for n (the last batch executed on Gateway), it must be the
 *    same (`zksync.gateway.l1Copy`).
 *
 * Trust added: L1 accepts a whitelisted settlement layer's word on what it executed (zksync-era
 * `l2_gw_l1_messaging.md`, "Trust assumptions"); Gateway's own batches are proven on L1 as Era's are.
 */
export function verifyGatewayHop(
  r: ReportBuilder,
  stateRoot: Uint8Array,
  l1: ElsewhereContext,
  ev: GatewayHopEvidence,
): ElsewhereOutcome {
  const n = l1.batchNumber
  const sl = ev.settlementChainId
  const layer = settlementLayerName(sl)
  const stop = (detail: string): ElsewhereOutcome => ({ proven: false, detail })

  // The chain's own id and its Bridgehub, both proven in its L1 diamond (optional slots of batchSlotRequests).
  const chainIdWord = l1.words.get('chainId')
  const bridgehubWord = l1.words.get('bridgehub')
  if (!chainIdWord || !bridgehubWord) {
    r.skip(
      'zksync.gateway.bridgehub.located',
      'L1 Bridgehub and the chain id proven in the chain’s L1 diamond (slots 41, 40)',
      'the evidence does not prove slots 40 and 41 of the chain’s diamond (made before they were asked)',
    )
    return stop('The Gateway hop needs the chain id and Bridgehub from the L1 diamond.')
  }
  const chainId = bytesToBigint(chainIdWord)
  const bridgehub = addressOf(bridgehubWord)
  r.pass(
    'zksync.gateway.bridgehub.located',
    'L1 Bridgehub and the chain id proven in the chain’s L1 diamond (slots 41, 40)',
    `Bridgehub ${bridgehub}, chain id ${chainId}`,
  )

  // 1. L1 Bridgehub: is `sl` a settlement layer L1 accepts, and which diamond is it?
  if (!ev.bridgehubProof) {
    r.fail(
      'zksync.gateway.bridgehub.account',
      'L1 Bridgehub proven',
      'the evidence holds no eth_getProof of it',
    )
    return stop('')
  }
  const hubSub = new ReportBuilder({ kind: 'sub', description: '' })
  const hub = proveDiamondStorage(
    hubSub,
    ev.bridgehubProof,
    stateRoot,
    [
      { name: 'zkChain', key: zkChainSlot(sl) },
      { name: 'whitelisted', key: whitelistedSettlementLayerSlot(sl) },
    ],
    bridgehub,
  )
  adopt(r, hubSub, 'zksync.gateway.bridgehub.', 'zksync.diamond.', (t) =>
    t.replace('the ZKsync diamond proxy', 'L1’s Bridgehub').replace('Diamond', 'Bridgehub'),
  )
  if (!hub) return stop('')
  const whitelisted = bytesToBigint(word(hub, 'whitelisted')) !== 0n
  if (
    !r.expect(
      'zksync.gateway.whitelisted',
      'The settlement layer is whitelisted on L1 (Bridgehub.whitelistedSettlementLayers)',
      whitelisted,
      `${layer} is a whitelisted settlement layer`,
      `${layer} is not a whitelisted settlement layer on L1: L1 does not accept batches settled there`,
    )
  )
    return stop('')
  const gatewayDiamond = addressOf(word(hub, 'zkChain'))
  if (
    !r.expect(
      'zksync.gateway.diamondOnL1',
      'The settlement layer’s diamond on L1, from Bridgehub.zkChainMap',
      gatewayDiamond !== ZERO_ADDRESS,
      `${layer}: diamond ${gatewayDiamond}`,
      `Bridgehub.zkChainMap has no diamond for chain ${sl}`,
    )
  )
    return stop('')

  // 2. Gateway's batch m on L1, exactly as a chain's batch is proven on L1.
  const m = ev.gatewayBatchNumber
  if (!ev.gatewayDiamondProof) {
    r.fail(
      'zksync.gateway.l1.diamond.account',
      'Gateway diamond proven from the trusted L1 state root',
      'the evidence holds no eth_getProof of Gateway’s diamond',
    )
    return stop('')
  }
  const gwSub = new ReportBuilder({ kind: 'sub', description: '' })
  const gw = verifyBatchOnL1(gwSub, {
    stateRoot,
    batchNumber: m,
    diamondProof: ev.gatewayDiamondProof,
    commitTx: ev.gatewayCommitTx,
    requireStatus: 'executed',
    diamond: gatewayDiamond,
  })
  adopt(r, gwSub, 'zksync.gateway.l1.')
  const gwChainIdWord = gw.words?.get('chainId')
  r.expect(
    'zksync.gateway.chainId',
    'The diamond on L1 is the settlement layer’s (its chain id, slot 40)',
    gwChainIdWord !== undefined && bytesToBigint(gwChainIdWord) === sl,
    `chain id ${sl}`,
    gwChainIdWord === undefined
      ? 'the answer does not prove slot 40 of the diamond'
      : `the diamond holds chain id ${bytesToBigint(gwChainIdWord)}, not ${sl}`,
  )
  checkBatchDetailsAs(r, ev.gatewayBatchDetails, m, gw.bound)
  if (!gw.bound || gw.status !== 'executed' || !gw.state)
    return stop(`Gateway batch ${m} is not proven executed on L1 (zksync.gateway.l1.*).`)
  const gwRoot = gw.bound.batchHash
  const gwMaxIndex = gw.bound.indexRepeatedStorageChanges
  r.fact('gatewayBatch', storedBatchInfoFacts(gw.bound, gw.boundLayout ?? 9))

  // 3. Through Gateway's state at m: its Bridgehub names the chain's diamond there.
  const reg = proveZksStorage(
    r,
    'zksync.gateway.registry',
    `Gateway’s Bridgehub (${L2_BRIDGEHUB_ADDRESS})`,
    ev.bridgehubOnGateway,
    gwRoot,
    gwMaxIndex,
    L2_BRIDGEHUB_ADDRESS,
    [{ name: 'zkChain', key: zkChainSlot(chainId) }],
  )
  if (!reg) return stop('')
  const chainDiamond = addressOf(word(reg, 'zkChain'))
  if (
    !r.expect(
      'zksync.gateway.chainDiamond',
      'The chain is registered on Gateway (Gateway’s Bridgehub.zkChainMap)',
      chainDiamond !== ZERO_ADDRESS,
      `chain ${chainId} has diamond ${chainDiamond} on Gateway at Gateway batch ${m}`,
      `Gateway’s Bridgehub has no diamond for chain ${chainId} at Gateway batch ${m}: the chain never migrated ` +
        'to this Gateway, so Gateway cannot have settled its batches',
    )
  )
    return stop('')

  const words = proveZksStorage(
    r,
    'zksync.gateway.chain.diamond',
    `the chain’s diamond on Gateway (${chainDiamond})`,
    ev.chainDiamondOnGateway,
    gwRoot,
    gwMaxIndex,
    chainDiamond,
    batchSlotRequests(n),
  )
  if (!words) return stop('')
  const chainIdOnGateway = words.get('chainId')
  r.expect(
    'zksync.gateway.chain.chainId',
    'The diamond on Gateway is the chain’s (its chain id, slot 40)',
    chainIdOnGateway !== undefined && bytesToBigint(chainIdOnGateway) === chainId,
    `chain id ${chainId}`,
    chainIdOnGateway === undefined
      ? 'the answer does not prove slot 40 of the diamond on Gateway'
      : `the diamond on Gateway holds chain id ${bytesToBigint(chainIdOnGateway)}, not ${chainId}`,
  )

  // 4. The chain's batch n on Gateway, as on L1: commit calldata (a Gateway transaction) → SBI → stored hash.
  const chainSub = new ReportBuilder({ kind: 'sub', description: '' })
  const chain = verifyBatchFromWords(chainSub, words, {
    batchNumber: n,
    commitTx: ev.chainCommitTx,
    requireStatus: 'executed',
    layer: 'gateway',
  })
  adopt(r, chainSub, 'zksync.gateway.chain.')
  if (!chain.bound || chain.status !== 'executed')
    return stop(`Batch ${n} is not proven executed on Gateway (zksync.gateway.chain.*).`)
  const layout = bindStoredBatchInfo(chain.bound, chain.state!.storedBatchHash)
  if (!equalBytes(l1.state.storedBatchHash, new Uint8Array(32))) {
    const copy = bindStoredBatchInfo(chain.bound, l1.state.storedBatchHash)
    r.expect(
      'zksync.gateway.l1Copy',
      'The hash L1 kept for the batch (copied at the migration back) is the one Gateway holds',
      copy.bound,
      `storedBatchHashes[${n}] on L1 = on Gateway`,
      `L1 holds ${bytesToHex(l1.state.storedBatchHash)} for batch ${n}, Gateway ${bytesToHex(chain.state!.storedBatchHash)}`,
    )
    if (!copy.bound) return stop('')
  }
  const settlement: Record<string, FactValue> = {
    layer,
    chainId: sl.toString(),
    gatewayBatch: m.toString(),
    gatewayBatchStatusOnL1: gw.status,
    gatewayDiamondOnL1: gatewayDiamond,
    chainDiamondOnGateway: chainDiamond,
    batchNumber: n.toString(),
    statusOnGateway: chain.status,
    trust:
      'L1 accepts a whitelisted settlement layer’s word on what it executed; Gateway’s batches are proven on L1',
  }
  r.fact('settlement', settlement)
  // The batch's facts are the ones bound on Gateway (the sub-report's facts stay there).
  r.fact('storedBatchInfo', storedBatchInfoFacts(chain.bound, layout.bound ? layout.layout : 9))
  return {
    proven: true,
    detail:
      `settled on ${layer}: batch ${n} is executed on Gateway as of Gateway batch ${m}, which is executed on L1; ` +
      `proven through Gateway's state (diamond ${chainDiamond} on Gateway)`,
    bound: chain.bound,
    ...(layout.bound ? { boundLayout: layout.layout } : {}),
  }
}

/** `zksync.gateway.node.rootHash`: the Gateway node's batch details against the Gateway root bound on L1. */
function checkBatchDetailsAs(
  r: ReportBuilder,
  item: EndpointAnswer | undefined,
  m: bigint,
  bound: Parameters<typeof checkBatchDetails>[3],
): void {
  const sub = new ReportBuilder({ kind: 'sub', description: '' })
  checkBatchDetails(sub, item, m, bound)
  adopt(r, sub, 'zksync.gateway.')
}
