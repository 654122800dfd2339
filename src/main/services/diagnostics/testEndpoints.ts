import type { EndpointProbe, EndpointRole, TestEndpointsRequest } from '../../../shared/contract/core'
import { EndpointError } from '../../../shared/errors'
import { checkpointProvidersFor } from '../../../shared/settings'
import { NETWORK_DATA } from '../../../verifier/beacon/networks'
import { chainIdsOf } from '../../../verifier/chainIds'
import type { LosslessJson } from '../../../verifier/encoding/json'
import { BeaconApiClient } from '../../net/beaconApi'
import type { HttpLimits } from '../../net/httpFetch'
import { JsonRpcClient } from '../../net/jsonRpc'
import type { ServiceContext } from '../context'
import { classifyFailure } from './classifyFailure'

/**
 * Settings' "Test endpoints" (issue 23, item 4): each endpoint asked what Lightproof will ask of it — a beacon
 * node its genesis (is it this network?) and its light-client finality update; an L1 node its chain id and a
 * proof at the finalized head; a ZKsync node its chain id and latest batch; a checkpoint provider its finalized
 * header — with the latency, and a failure classified with what to do next. A diagnosis, not a verification:
 * nothing here is trusted or recorded.
 */

const ZERO_ADDRESS = `0x${'00'.repeat(20)}`

function field(json: LosslessJson | undefined, ...path: string[]): unknown {
  let v: unknown = json
  for (const k of path)
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined
  return v
}

function wrongChain(label: string, message: string): EndpointError {
  return new EndpointError(label, message, 'endpoint.wrong-chain')
}

function invalid(label: string, message: string): EndpointError {
  return new EndpointError(label, message, 'endpoint.invalid-response')
}

async function chainIdOf(rpc: JsonRpcClient): Promise<bigint> {
  const { result } = await rpc.call('eth_chainId', [])
  if (typeof result !== 'string' || !/^0x[0-9a-fA-F]{1,16}$/.test(result))
    throw invalid(rpc.label, `eth_chainId answered ${JSON.stringify(result)}`)
  return BigInt(result)
}

async function probeBeacon(url: string, network: string, limits: Partial<HttpLimits>): Promise<string> {
  const beacon = new BeaconApiClient(url, limits)
  const genesis = await beacon.get('/eth/v1/beacon/genesis')
  const gvr = field(genesis.json, 'data', 'genesis_validators_root')
  const expected = Object.hasOwn(NETWORK_DATA, network)
    ? NETWORK_DATA[network as keyof typeof NETWORK_DATA].genesisValidatorsRoot
    : undefined
  if (typeof gvr !== 'string') throw invalid(beacon.label, 'genesis answer without genesis_validators_root')
  if (expected && gvr.toLowerCase() !== expected.toLowerCase())
    throw wrongChain(beacon.label, `genesis_validators_root ${gvr} is not ${network}'s`)
  const update = await beacon.finalityUpdate()
  const slot = field(update.json, 'data', 'finalized_header', 'beacon', 'slot')
  if (typeof slot !== 'string' && typeof slot !== 'bigint' && typeof slot !== 'number')
    throw invalid(beacon.label, 'finality update without a finalized header slot')
  return `${expected ? network : 'network not checked (custom)'}; serves light-client data, finalized slot ${String(slot)}`
}

async function probeL1(url: string, network: string, limits: Partial<HttpLimits>): Promise<string> {
  const rpc = new JsonRpcClient(url, limits)
  const id = await chainIdOf(rpc)
  const expected = chainIdsOf(network)?.l1
  if (expected !== undefined && id !== expected)
    throw wrongChain(rpc.label, `eth_chainId ${id}, but ${network} L1 is ${expected}`)
  const { result: block } = await rpc.call('eth_getBlockByNumber', ['finalized', false])
  const number = field(block, 'number')
  if (typeof number !== 'string') throw invalid(rpc.label, 'no finalized block')
  await rpc.call('eth_getProof', [ZERO_ADDRESS, [], number])
  return `chain ${id}; serves eth_getProof at the finalized head (block ${BigInt(number)})`
}

async function probeZksync(
  url: string,
  expected: bigint | null | undefined,
  what: string,
  limits: Partial<HttpLimits>,
): Promise<string> {
  const rpc = new JsonRpcClient(url, limits)
  const id = await chainIdOf(rpc)
  if (expected !== null && expected !== undefined && id !== expected)
    throw wrongChain(rpc.label, `eth_chainId ${id}, but ${what} is ${expected}`)
  const { result } = await rpc.call('zks_L1BatchNumber', [])
  if (typeof result !== 'string')
    throw invalid(rpc.label, `zks_L1BatchNumber answered ${JSON.stringify(result)}`)
  return `chain ${id}; latest batch ${BigInt(result)}`
}

async function probeProvider(url: string, limits: Partial<HttpLimits>): Promise<string> {
  const beacon = new BeaconApiClient(url, limits)
  const answer = await beacon.get('/eth/v1/beacon/headers/finalized')
  const slot = field(answer.json, 'data', 'header', 'message', 'slot')
  if (slot === undefined) throw invalid(beacon.label, 'no finalized header in the answer')
  return `finalized header at slot ${String(slot)}`
}

export async function testEndpoints(
  ctx: ServiceContext,
  request: TestEndpointsRequest = {},
): Promise<EndpointProbe[]> {
  const s = await ctx.settings.get()
  const network = request.network ?? s.network
  const e = { ...s.endpoints, ...(request.endpoints ?? {}) }
  const providers = checkpointProvidersFor(e.checkpointProviders, network)
  const ids = chainIdsOf(network)
  const jobs: { role: EndpointRole; url: string; run: () => Promise<string> }[] = [
    ...e.beacon.map((url) => ({
      role: 'beacon' as const,
      url,
      run: () => probeBeacon(url, network, ctx.limits),
    })),
    ...e.l1Rpc.map((url) => ({ role: 'l1Rpc' as const, url, run: () => probeL1(url, network, ctx.limits) })),
    ...e.zksyncRpc.map((url) => ({
      role: 'zksyncRpc' as const,
      url,
      run: () => probeZksync(url, ids?.zksync, `${network} ZKsync Era`, ctx.limits),
    })),
    ...e.gatewayRpc.map((url) => ({
      role: 'gatewayRpc' as const,
      url,
      run: () => probeZksync(url, undefined, 'ZKsync Gateway', ctx.limits),
    })),
    ...providers.map((url) => ({
      role: 'checkpointProviders' as const,
      url,
      run: () => probeProvider(url, ctx.limits),
    })),
  ]
  return Promise.all(
    jobs.map(async ({ role, url, run }): Promise<EndpointProbe> => {
      const started = performance.now()
      try {
        const detail = await run()
        return {
          role,
          url,
          ok: true,
          latencyMs: Math.round(performance.now() - started),
          detail,
          failure: null,
        }
      } catch (err) {
        const failure = classifyFailure(err)
        return { role, url, ok: false, latencyMs: null, detail: failure.message, failure }
      }
    }),
  )
}
