import { EndpointError, UsageError } from '../../../shared/errors'
import type { LosslessJson } from '../../../verifier/encoding/json'
import type { EndpointAnswer } from '../../../verifier/evidence/endpointAnswers'
import { rawFromBytes, type Evidence, type RawItem } from '../../../verifier/evidence/schema'
import { JsonRpcClient, type RpcAnswer } from '../../net/jsonRpc'
import type { ServiceContext } from '../context'
import { resolveEndpoints, type EndpointOverrides } from '../endpoints'

/**
 * The two JSON-RPC endpoints a ZKsync answer needs, both untrusted: L1 (eth_getProof of the diamond,
 * eth_getTransactionByHash) and ZKsync (zks_getL1BatchDetails, zks_getProof, zks_L1BatchNumber). Every answer is
 * kept byte-exact for evidence, with its source.
 */
export class ZksyncEndpoints {
  readonly sources: Evidence['sources'] = []

  constructor(
    readonly l1: JsonRpcClient,
    readonly zk: JsonRpcClient,
    /** The network the settings or --network name (recorded with a state-root anchor's evidence). */
    readonly network?: string,
    /** ZKsync Gateway (`--gateway-rpc`): asked only for batches that settled there. */
    readonly gateway?: JsonRpcClient,
  ) {}

  static async resolve(ctx: ServiceContext, overrides: EndpointOverrides = {}): Promise<ZksyncEndpoints> {
    const e = await resolveEndpoints(ctx, overrides)
    const l1 = e.l1Rpc[0]
    const zk = e.zksyncRpc[0]
    if (!l1) throw new UsageError('no L1 RPC endpoint: set one in Settings or pass --l1-rpc')
    if (!zk) throw new UsageError('no ZKsync RPC endpoint: set one in Settings or pass --zksync-rpc')
    const gw = e.gatewayRpc[0]
    return new ZksyncEndpoints(
      new JsonRpcClient(l1, ctx.limits),
      new JsonRpcClient(zk, ctx.limits),
      e.network,
      gw ? new JsonRpcClient(gw, ctx.limits) : undefined,
    )
  }

  /** Calls and records the answer as a raw item (the whole response body, as received). */
  async ask(
    client: JsonRpcClient,
    role: string,
    method: string,
    params: LosslessJson[],
    signal?: AbortSignal,
  ): Promise<{ answer: RpcAnswer; raw: RawItem }> {
    const answer = await client.call(method, params, signal)
    this.sources.push({
      role,
      endpoint: client.label,
      request: JSON.stringify({ method, params }).slice(0, 4096),
    })
    return { answer, raw: rawFromBytes(answer.raw, true) }
  }

  /** Like ask, as an endpoint-named answer for the evidence (endpointAnswers.ts). */
  async answer(
    client: JsonRpcClient,
    role: string,
    method: string,
    params: LosslessJson[],
    signal?: AbortSignal,
  ): Promise<{ answer: RpcAnswer; item: EndpointAnswer }> {
    const { answer, raw } = await this.ask(client, role, method, params, signal)
    return { answer, item: { endpoint: client.label, answer: raw } }
  }
}

/** zks_getProof failures in words a user can act on (zksync.md §3.1: null, pruned, not implemented). */
export function explainZksProofError(err: unknown, batch: bigint): unknown {
  if (!(err instanceof EndpointError)) return err
  if (err.code === 'endpoint.method-unsupported')
    return new EndpointError(
      err.endpoint,
      'the ZKsync endpoint does not support zks_getProof (it has no Merkle tree API); use a node that serves it',
      'endpoint.zks-proof-unsupported',
    )
  if (/prun/i.test(err.message))
    return new EndpointError(
      err.endpoint,
      `the ZKsync node has pruned batch ${batch}; ask for a newer batch (--batch) or use an archive endpoint`,
      'endpoint.zks-proof-pruned',
    )
  return err
}
