import { bytesToHex, equalBytes } from '../../../verifier/encoding/hex'
import { rawJson, type RawItem } from '../../../verifier/evidence/schema'
import { parseEthGetProof } from '../../../verifier/mpt/parseEthGetProof'
import { DIAMOND_STORAGE_SLOTS, plainSlot } from '../../../verifier/zksync/batches/diamondSlots'
import { nullifierAddressOf } from '../../../verifier/zksync/bridge/bridgeAddresses'
import type { DiamondSlotRequest } from '../../../verifier/zksync/evidence/proveDiamondStorage'
import type { Operation } from '../operations'
import type { L1AnchorSource } from './l1Anchor'
import type { ZksyncEndpoints } from './zksyncEndpoints'

const quantity = (n: bigint) => `0x${n.toString(16)}`

/** The chain id the L1 node's diamond answer claims for slot 40: a locator for the record key, proven later. */
function claimedChainId(item: RawItem): bigint | null {
  const key = plainSlot(DIAMOND_STORAGE_SLOTS.chainId)
  const entry = parseEthGetProof(rawJson(item)).storageProof.find((e) => equalBytes(e.key, key))
  return entry ? entry.value : null
}

/**
 * The L1Nullifier's eth_getProof at the trusted head for the records a bridge question needs (a withdrawal's
 * claim flag, a failed deposit's depositHappened), keyed by the chain id the diamond answer claims. Null when the
 * network has no known L1Nullifier, there is no head, or the diamond answer holds no chain id: the verifier then
 * says which link is missing.
 */
export async function collectNullifierProof(
  eps: ZksyncEndpoints,
  anchor: L1AnchorSource,
  op: Operation,
  diamondProof: RawItem | null,
  slots: (chainId: bigint) => DiamondSlotRequest[],
  what: string,
): Promise<RawItem | null> {
  const network = typeof anchor.beacon?.network === 'string' ? anchor.beacon.network : (eps.network ?? null)
  const nullifier = nullifierAddressOf(network)
  const chainId = diamondProof ? claimedChainId(diamondProof) : null
  if (!anchor.head || !nullifier.ok || chainId === null) return null
  op.progress(0, null, `proving the L1Nullifier's ${what} at L1 block ${anchor.head.blockNumber}`)
  const keys = slots(chainId).map((s) => bytesToHex(s.key))
  const answer = await eps.ask(
    eps.l1,
    'nullifier-proof',
    'eth_getProof',
    [nullifier.address, keys, quantity(anchor.head.blockNumber)],
    op.signal,
  )
  return answer.raw
}
