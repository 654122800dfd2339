import { bigintToBytes32, bytesToBigint, bytesToHex, equalBytes } from '../../../verifier/encoding/hex'
import { parseQuantity } from '../../../verifier/encoding/hex'
import { unwrapJsonRpc } from '../../../verifier/encoding/rpc'
import { rawJson, type RawItem } from '../../../verifier/evidence/schema'
import { parseEthGetProof } from '../../../verifier/mpt/parseEthGetProof'
import { settledElsewhere } from '../../../verifier/zksync/batches/checkBatchOnDiamond'
import { commitChainIdHint } from '../../../verifier/zksync/evidence/endpointChecks'
import { batchSlotRequests, diamondStateOf } from '../../../verifier/zksync/evidence/proveDiamondStorage'
import {
  L2_BRIDGEHUB_ADDRESS,
  whitelistedSettlementLayerSlot,
  zkChainSlot,
} from '../../../verifier/zksync/batches/bridgehubSlots'
import type { GatewaySection } from '../../../verifier/zksync/evidence/gatewaySection'
import { parseZksProofFile } from '../../../verifier/zksync/stateTree/parseZksProof'
import type { JsonRpcClient } from '../../net/jsonRpc'
import type { Operation } from '../operations'
import { collectBatchParts, type BatchParts } from './collectZksyncEvidence'
import type { L1AnchorSource } from './l1Anchor'
import { ZksyncEndpoints } from './zksyncEndpoints'

const quantity = (n: bigint) => `0x${n.toString(16)}`
const ZERO = `0x${'00'.repeat(20)}`

/** What an eth_getProof answer claims for each requested slot (locators only: the verifier proves them). */
function claimedWords(item: RawItem | null, keys: { name: string; key: Uint8Array }[]) {
  if (!item) return null
  try {
    const proof = parseEthGetProof(rawJson(item))
    const out = new Map<string, Uint8Array>()
    for (const k of keys) {
      const e = proof.storageProof.find((x) => equalBytes(x.key, k.key))
      if (e) out.set(k.name, bigintToBytes32(e.value))
    }
    return out
  } catch {
    return null
  }
}

/**
 * The Gateway hop's answers for a batch that settled on Gateway (`--gateway-rpc`), all untrusted and kept raw:
 * L1's Bridgehub (its address and the chain id as the chain's L1 diamond answer claims them), Gateway's latest
 * executed batch m on L1 (collectBatchParts on Gateway's diamond, located through Bridgehub.zkChainMap), and
 * from the Gateway node at m: its Bridgehub's entry for the chain, the chain's diamond there, and the chain's
 * commit transaction. Asked only when the L1 answers claim the batch settled elsewhere; the verifier decides.
 */
export async function collectGatewayPart(
  eps: ZksyncEndpoints,
  gateway: JsonRpcClient,
  anchor: L1AnchorSource,
  op: Operation,
  parts: BatchParts,
): Promise<GatewaySection | undefined> {
  if (!anchor.head) return undefined
  const n = parts.batchNumber
  const words = claimedWords(parts.diamondProof, batchSlotRequests(n))
  if (!words) return undefined
  if (settledElsewhere(n, diamondStateOf(words), words.get('l2LogsRootHash')) === null) return undefined
  const block = quantity(anchor.head.blockNumber)
  const signal = op.signal
  const gw = new ZksyncEndpoints(eps.l1, gateway)
  op.progress(0, null, `batch ${n} settled on another layer: asking the Gateway endpoint`)
  const { item: endpointChainId, answer: idAnswer } = await gw.answer(
    gateway,
    'gateway-chain-id',
    'eth_chainId',
    [],
    signal,
  )
  let sl = commitChainIdHint(parts.batchDetails)
  if (sl === null)
    try {
      sl = parseQuantity(idAnswer.result, 'eth_chainId')
    } catch {
      sl = 0n
    }
  const bridgehub = bytesToHex((words.get('bridgehub') ?? new Uint8Array(32)).subarray(12))
  op.progress(0, null, `proving chain ${sl} in L1's Bridgehub ${bridgehub}`)
  const hubKeys = [
    { name: 'zkChain', key: zkChainSlot(sl) },
    { name: 'whitelisted', key: whitelistedSettlementLayerSlot(sl) },
  ]
  const { raw: bridgehubProof } = await gw.ask(
    eps.l1,
    'bridgehub-proof',
    'eth_getProof',
    [bridgehub, hubKeys.map((k) => bytesToHex(k.key)), block],
    signal,
  )
  const hub = claimedWords(bridgehubProof, hubKeys)
  const gatewayDiamond = bytesToHex((hub?.get('zkChain') ?? new Uint8Array(32)).subarray(12))
  const base = {
    chainId: sl.toString(),
    endpointChainId,
    bridgehubProof,
  }
  if (gatewayDiamond === ZERO)
    return {
      ...base,
      batchNumber: '0',
      diamondProof: null,
      commitTx: null,
      registryProof: null,
      chainDiamondProof: null,
      chainCommitTx: null,
    }
  op.progress(0, null, `proving Gateway's latest executed batch on L1 (diamond ${gatewayDiamond})`)
  const gwParts = await collectBatchParts(gw, anchor, op, null, gatewayDiamond)
  const m = gwParts.batchNumber
  const chainId = bytesToBigint(words.get('chainId') ?? new Uint8Array(32))
  op.progress(0, null, `zks_getProof on Gateway at its batch ${m}: the chain's registration and diamond`)
  const { raw: registryProof } = await gw.ask(
    gateway,
    'gateway-zks-proof',
    'zks_getProof',
    [L2_BRIDGEHUB_ADDRESS, [bytesToHex(zkChainSlot(chainId))], Number(m)],
    signal,
  )
  let chainDiamond = ZERO
  try {
    const reg = parseZksProofFile(rawJson(registryProof))
    const entry = reg.storageProof[0]
    if (entry) chainDiamond = bytesToHex(entry.value.subarray(12))
  } catch {
    // A malformed answer is kept as it is; the verifier names it.
  }
  let chainDiamondProof: RawItem | null = null
  if (chainDiamond !== ZERO)
    chainDiamondProof = (
      await gw.ask(
        gateway,
        'gateway-zks-proof',
        'zks_getProof',
        [chainDiamond, batchSlotRequests(n).map((s) => bytesToHex(s.key)), Number(m)],
        signal,
      )
    ).raw
  const chainCommitTx = await commitTxOnGateway(gw, gateway, parts, signal)
  eps.sources.push(...gw.sources)
  return {
    ...base,
    batchNumber: m.toString(),
    diamondProof: gwParts.diamondProof,
    commitTx: gwParts.commitTx,
    ...(gwParts.batchDetails ? { batchDetails: gwParts.batchDetails } : {}),
    registryProof,
    chainDiamondProof,
    chainCommitTx,
  }
}

/** The chain's commit transaction, named by its node's zks_getL1BatchDetails.commitTxHash, from Gateway. */
async function commitTxOnGateway(
  gw: ZksyncEndpoints,
  gateway: JsonRpcClient,
  parts: BatchParts,
  signal: AbortSignal,
): Promise<RawItem | null> {
  let hash: string | null = null
  try {
    const result = parts.batchDetails ? unwrapJsonRpc(rawJson(parts.batchDetails.answer)) : null
    if (result !== null && typeof result === 'object' && !Array.isArray(result)) {
      const h = (result as Record<string, unknown>).commitTxHash
      if (typeof h === 'string') hash = h
    }
  } catch {
    hash = null
  }
  if (hash === null || !/^0x[0-9a-fA-F]{64}$/.test(hash)) return null
  const { answer, raw } = await gw.ask(
    gateway,
    'gateway-commit-tx',
    'eth_getTransactionByHash',
    [hash],
    signal,
  )
  return answer.result === null ? null : raw
}
