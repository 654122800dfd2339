import { UsageError } from '../../shared/errors'
import { EndpointUrl, Root32 } from '../../shared/settings'
import type { ServiceContext } from './context'

/** Per-call overrides of the settings (CLI flags); never persisted. */
export interface EndpointOverrides {
  beacon?: string[]
  l1Rpc?: string[]
  zksyncRpc?: string[]
  /** ZKsync Gateway JSON-RPC (`--gateway-rpc`): proves batches that settled on Gateway. */
  gatewayRpc?: string[]
  checkpoint?: string
  network?: string
}

export interface ResolvedEndpoints {
  network: string
  beacon: string[]
  l1Rpc: string[]
  zksyncRpc: string[]
  gatewayRpc: string[]
  /** The pinned checkpoint, if any; otherwise the trust service falls back to its other sources. */
  checkpoint: string | null
}

/** Endpoint URLs given for one call (CLI flags), each held to the settings' rule; `what` names the flag. */
export function endpointUrls(list: readonly string[], what: string): string[] {
  return list.map((u) => {
    const parsed = EndpointUrl.safeParse(u)
    if (!parsed.success)
      throw new UsageError(`${what} ${u}: must be an https URL (plain http only on 127.0.0.1/localhost)`)
    return parsed.data
  })
}

export async function resolveEndpoints(
  ctx: ServiceContext,
  overrides: EndpointOverrides = {},
): Promise<ResolvedEndpoints> {
  const s = await ctx.settings.get()
  const urls = (list: string[] | undefined, fallback: string[], what: string) =>
    !list || list.length === 0 ? fallback : endpointUrls(list, what)
  let checkpoint = s.checkpoint
  if (overrides.checkpoint !== undefined) {
    const parsed = Root32.safeParse(overrides.checkpoint)
    if (!parsed.success) throw new UsageError('--checkpoint must be 0x followed by 64 hex digits')
    checkpoint = parsed.data
  }
  return {
    network: overrides.network ?? s.network,
    beacon: urls(overrides.beacon, s.endpoints.beacon, '--beacon'),
    l1Rpc: urls(overrides.l1Rpc, s.endpoints.l1Rpc, '--l1-rpc'),
    zksyncRpc: urls(overrides.zksyncRpc, s.endpoints.zksyncRpc, '--zksync-rpc'),
    gatewayRpc: urls(overrides.gatewayRpc, s.endpoints.gatewayRpc ?? [], '--gateway-rpc'),
    checkpoint,
  }
}
