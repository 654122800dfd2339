import { rawJson, type Evidence } from '../../../verifier/evidence/schema'
import { parseEthGetProof } from '../../../verifier/mpt/parseEthGetProof'
import type { BatchProofSection } from '../../../verifier/zksync/batchProof/batchProofSection'
import { bigintToBytes32, equalBytes } from '../../../verifier/encoding/hex'
import { decodeDiamondState, type BatchSlotKeys } from '../../../verifier/zksync/batches/diamondSlots'
import { batchSlotRequests } from '../../../verifier/zksync/evidence/proveDiamondStorage'
import { collectBatchProof } from '../batchProof/collectBatchProof'
import type { ServiceContext } from '../context'
import type { EndpointOverrides } from '../endpoints'
import type { Operation } from '../operations'
import type { L1AnchorSource } from './l1Anchor'
import type { BatchParts } from './collectZksyncEvidence'

/**
 * The verifier address and protocol version the L1 node's diamond answer claims, read as locators: they only
 * choose which getter the optional verificationKeyHash eth_call asks, and the verifier proves the same words
 * itself from the trusted state root. An answer that does not parse gives no claims.
 */
export function claimedVerifier(parts: BatchParts): { verifier?: string; protocolVersion?: number } {
  if (!parts.diamondProof) return {}
  try {
    const proof = parseEthGetProof(rawJson(parts.diamondProof))
    const words = Object.fromEntries(
      batchSlotRequests(parts.batchNumber).map((req) => {
        const entry = proof.storageProof.find((e) => equalBytes(e.key, req.key))
        return [req.name, bigintToBytes32(entry?.value ?? 0n)]
      }),
    ) as Record<keyof BatchSlotKeys, Uint8Array>
    const state = decodeDiamondState(words)
    return { verifier: state.verifier, protocolVersion: state.protocolVersion.minor }
  } catch {
    return {}
  }
}

/**
 * The proof part of `zksync batch N --proof`: the prove transaction (located by zks_getL1BatchDetails, fetched
 * from L1) and the verifier's verificationKeyHash by eth_call, both untrusted. With no trusted head, or for the
 * genesis batch, nothing is asked and an empty section records that the proof was asked for; the verifier then
 * says why it was not checked.
 */
export async function collectProofPart(
  ctx: ServiceContext,
  op: Operation,
  anchor: L1AnchorSource,
  parts: BatchParts,
  overrides?: EndpointOverrides,
): Promise<{ section: BatchProofSection; sources: Evidence['sources'] }> {
  if (!anchor.head || parts.batchNumber === 0n)
    return { section: { proveTxHash: null, proveTx: null }, sources: [] }
  op.progress(0, null, `locating the prove transaction of batch ${parts.batchNumber}`)
  return collectBatchProof(ctx, parts.batchNumber, {
    ...(overrides ? { overrides } : {}),
    signal: op.signal,
    ...claimedVerifier(parts),
    trustedBlock: anchor.head.blockNumber,
  })
}
