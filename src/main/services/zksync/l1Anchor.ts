import { bytesToHex } from '../../../verifier/encoding/hex'
import type { BeaconSection } from '../../../verifier/evidence/beaconSection'
import type { EndpointAnswer } from '../../../verifier/evidence/endpointAnswers'
import type { AnchorAnswers } from '../../../verifier/zksync/evidence/endpointChecks'
import type { Evidence } from '../../../verifier/evidence/schema'
import { syncBeaconChain } from '../beacon/syncBeaconChain'
import type { ServiceContext } from '../context'
import type { EndpointOverrides } from '../endpoints'
import type { Operation } from '../operations'

/**
 * Where a ZKsync answer starts: the trust root of its evidence, the beacon section that leads from it to the
 * head (when it rests on a checkpoint), and the head's L1 block and state root, which the services use to ask
 * eth_getProof at exactly that block. `head` is null when the beacon chain did not verify: the evidence then
 * carries the beacon section alone and its report says why.
 */
export interface L1AnchorSource {
  trust: { kind: 'beacon-checkpoint' | 'state-root'; value: string }
  beacon: BeaconSection | null
  head: { blockNumber: bigint; stateRoot: string } | null
  /**
   * What the endpoints said about themselves and the head (collectEndpointFacts), kept in every evidence made
   * from this anchor: eth_chainId of both endpoints, the L1 header of the head, the ZKsync node's latest batch.
   */
  endpointFacts?: EndpointFacts
  createdAt: string
  question: Record<string, unknown>
  sources: Evidence['sources']
}

export interface EndpointFacts {
  answers: AnchorAnswers
  latestBatch?: EndpointAnswer
}

export type AnchorProvider = (op: Operation) => Promise<L1AnchorSource>

/** The normal anchor: the beacon light client from the checkpoint to the finalized head. */
export function beaconAnchor(ctx: ServiceContext, overrides: EndpointOverrides = {}): AnchorProvider {
  return async (op) => {
    const c = await syncBeaconChain(ctx, op, overrides)
    const f = c.result.finalized
    return {
      trust: { kind: 'beacon-checkpoint', value: c.checkpoint },
      beacon: c.section,
      head: f ? { blockNumber: f.blockNumber, stateRoot: bytesToHex(f.stateRoot) } : null,
      createdAt: c.createdAt,
      question: { checkpoint: c.provenance },
      sources: c.sources,
    }
  }
}

/**
 * An L1 state root trusted as given (a user's own node, or a test world without a beacon chain). The evidence
 * then rests on a `state-root` trust root; its block number is a locator only.
 */
export function stateRootAnchor(ctx: ServiceContext, stateRoot: string, blockNumber: bigint): AnchorProvider {
  return async () => ({
    trust: { kind: 'state-root', value: stateRoot.toLowerCase() },
    beacon: null,
    head: { blockNumber, stateRoot: stateRoot.toLowerCase() },
    createdAt: ctx.now().toISOString(),
    question: { l1Block: blockNumber.toString() },
    sources: [],
  })
}
