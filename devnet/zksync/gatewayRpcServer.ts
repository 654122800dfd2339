import {
  RpcError,
  serveLyingRpc,
  type LyingRpc,
  type LyingRpcServer,
  type RpcMethod,
  type TransportFault,
} from '../servers/devServer'
import type { L1BatchLocators, ZksyncWorld } from './buildZksyncWorld'
import { buildGatewayChain, uncommittedCommitInput, type GatewayChain } from './buildGatewayChain'
import { lieAboutProof } from './zksyncRpcServer'

/**
 * The ZKsync Gateway JSON-RPC endpoint of the test world (chain 9075), honest or lying: eth_chainId,
 * zks_L1BatchNumber, zks_getL1BatchDetails (Gateway's batches, with their L1 transactions), zks_getProof
 * (Gateway's state tree) and eth_getTransactionByHash (Era's calls on Gateway).
 */
export const GATEWAY_LIES = ['state-root', 'forged-proof', 'uncommitted-batch', 'no-migration'] as const
export type GatewayLie = (typeof GATEWAY_LIES)[number]

export const GATEWAY_LIE_HELP: Record<GatewayLie, string> = {
  'state-root':
    'answers from a Gateway whose state holds other stored hashes for Era (another state root than L1 binds)',
  'forged-proof': 'one byte of one sibling of every Gateway zks_getProof entry is changed',
  'uncommitted-batch':
    'serves a commit of the Era batch that Gateway never committed (another state root) under the real hash',
  'no-migration':
    'answers zks_getProof from Gateway before Era migrated to it, as if the migration never happened',
}

export interface GatewayRpcOptions {
  /** L1 transaction hashes per Gateway batch, for zks_getL1BatchDetails. */
  l1TxHashes?: (batchNumber: bigint) => L1BatchLocators | undefined
  lie?: GatewayLie
}

export type GatewayRpcServer = LyingRpcServer<GatewayChain, GatewayLie>

const invalid = (what: string) => new RpcError(-32602, `invalid params: ${what}`)

function batchParam(value: unknown): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  if (typeof value === 'string' && /^0x[0-9a-fA-F]{1,16}$/.test(value)) return BigInt(value)
  throw invalid('batch number must be a non-negative integer or quantity')
}

function keysParam(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > 1024) throw invalid('keys must be an array of ≤ 1024 slots')
  return value.map((k) => {
    if (typeof k !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(k)) throw invalid('storage key')
    return `0x${k.slice(2).toLowerCase().padStart(64, '0')}`
  })
}

export function createGatewayRpc(
  gateway: GatewayChain,
  era: ZksyncWorld,
  options: GatewayRpcOptions = {},
): LyingRpc<GatewayLie> {
  let lie = options.lie
  let forged: GatewayChain | undefined
  const view = () =>
    lie === 'state-root' ? (forged ??= buildGatewayChain(era, { variant: 'forged-era' })) : gateway
  const methods = (): Record<string, RpcMethod> => {
    const current = lie
    const chain = view()
    return {
      eth_chainId: () => gateway.chainId,
      zks_L1BatchNumber: () => chain.latestBatch,
      zks_getL1BatchDetails: ([n]) =>
        chain.l1BatchDetails(batchParam(n), options.l1TxHashes?.(batchParam(n)) ?? {}),
      zks_getProof: ([address, keys, n]) => {
        if (typeof address !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(address)) throw invalid('address')
        const batch = current === 'no-migration' ? 0n : batchParam(n)
        const answer = chain.getProof(address.toLowerCase(), keysParam(keys), batch)
        return answer !== null && current === 'forged-proof' ? lieAboutProof(answer, 'forged-proof') : answer
      },
      eth_getTransactionByHash: ([hash]) => {
        if (typeof hash !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(hash)) throw invalid('transaction hash')
        const tx = gateway.transaction(hash)
        if (!tx || current !== 'uncommitted-batch') return tx
        const t = gateway.eraTransactions.find((x) => x.hash === hash.toLowerCase())
        const input = t && t.op.kind === 'commit' ? uncommittedCommitInput(era, t.op.batchNumber) : null
        return input ? { ...tx, input } : tx
      },
    }
  }
  return {
    methods,
    setLie: (l) => {
      lie = l
    },
    lie: () => lie,
  }
}

export async function startGatewayRpcServer(
  gateway: GatewayChain,
  era: ZksyncWorld,
  options: GatewayRpcOptions & { fault?: TransportFault; port?: number } = {},
): Promise<GatewayRpcServer> {
  return serveLyingRpc(gateway, createGatewayRpc(gateway, era, options), options)
}
