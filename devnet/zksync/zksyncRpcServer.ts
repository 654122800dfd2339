import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
import {
  RpcError,
  serveLyingRpc,
  type LyingRpc,
  type LyingRpcServer,
  type RpcMethod,
  type TransportFault,
} from '../servers/devServer'
import { buildZksyncWorld, type L1BatchLocators, type ZksyncWorld } from './buildZksyncWorld'
import type { ZksProofJson } from './sparseTree'
import type { WithdrawalService } from './withdrawalService'

/**
 * The ZKsync Era JSON-RPC endpoint of the test world, honest or lying. Data lies live here (one at a time,
 * switchable while serving); transport faults (500/429 storms, stalls, floods, invalid JSON) come from devServer.
 */
export const ZKSYNC_LIES = [
  'wrong-root',
  'forged-proof',
  'truncated-proof',
  'changed-value',
  'stale-batch',
  'wrong-chain-id',
  'equivocate',
] as const
export type ZksyncLie = (typeof ZKSYNC_LIES)[number]

export const ZKSYNC_LIE_HELP: Record<ZksyncLie, string> = {
  'wrong-root': 'zks_getL1BatchDetails reports another rootHash (one bit of the true root flipped)',
  'forged-proof': 'one byte of one sibling of every zks_getProof entry is changed',
  'truncated-proof': 'the root-side sibling of every zks_getProof entry is dropped',
  'changed-value': 'zks_getProof values are raised by 1 after proving (siblings and index stay honest)',
  'stale-batch': 'zks_L1BatchNumber names a batch 2 behind the latest; newer batches are unknown (null)',
  'wrong-chain-id': 'eth_chainId answers another chain (Era mainnet 324, or 300 if the world is 324)',
  equivocate:
    'answers alternate, call by call, between this world and a twin built from another seed (other roots)',
}

export interface ZksyncRpcOptions {
  /** L1 transaction hashes per batch, for zks_getL1BatchDetails; a function is asked on every call. */
  l1TxHashes?: ReadonlyMap<bigint, L1BatchLocators> | ((batchNumber: bigint) => L1BatchLocators | undefined)
  lie?: ZksyncLie
  /** The second world of `equivocate` (default: the same shape from seed `<seed>#equivocate`, built on first use). */
  alternate?: ZksyncWorld
  /** Withdrawal receipts and L2→L1 log proofs (withdrawalService.ts), with their own `withdrawal-*` lies. */
  withdrawals?: WithdrawalService
}

export interface ZksyncRpcServerOptions extends ZksyncRpcOptions {
  fault?: TransportFault
  port?: number
}

export type ZksyncRpc = LyingRpc<ZksyncLie>

export type ZksyncRpcServer = LyingRpcServer<ZksyncWorld, ZksyncLie>

/**
 * Serves `world` over JSON-RPC on 127.0.0.1 (single and batch requests): eth_chainId, zks_L1BatchNumber,
 * zks_getL1BatchDetails, zks_getProof, zks_getMainContract, and with `withdrawals` eth_getTransactionReceipt and
 * zks_getL2ToL1LogProof. Batch numbers are accepted as JSON numbers (as ZE
 * takes them) or as quantities.
 *
 * @example
 *   const server = await startZksyncRpcServer(world, { l1TxHashes, lie: 'forged-proof' })
 *   // … point a client at server.url …
 *   await server.close()
 */
export async function startZksyncRpcServer(
  world: ZksyncWorld,
  options: ZksyncRpcServerOptions = {},
): Promise<ZksyncRpcServer> {
  return serveLyingRpc(world, createZksyncRpc(world, options), options)
}

const invalid = (what: string) => new RpcError(-32602, `invalid params: ${what}`)

function batchParam(value: unknown): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  if (typeof value === 'string' && /^0x[0-9a-fA-F]{1,16}$/.test(value)) return BigInt(value)
  throw invalid('batch number must be a non-negative integer or quantity')
}

function addressParam(value: unknown): string {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(value)) throw invalid('address')
  return value.toLowerCase()
}

function txHashParam(value: unknown): string {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(value)) throw invalid('transaction hash')
  return value.toLowerCase()
}

function keysParam(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > 1024) throw invalid('keys must be an array of ≤ 1024 slots')
  return value.map((k) => {
    if (typeof k !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(k)) throw invalid('storage key')
    return `0x${k.slice(2).toLowerCase().padStart(64, '0')}`
  })
}

function flipLastBit(hex: string): string {
  const b = hexToBytes(hex)
  b[b.length - 1]! ^= 1
  return bytesToHex(b)
}

/** Applies a proof lie to an honest answer (a fresh object: the world's data is never touched). */
export function lieAboutProof(answer: ZksProofJson, lie: ZksyncLie): ZksProofJson {
  const storageProof = answer.storageProof.map((e) => {
    switch (lie) {
      case 'forged-proof': {
        // A non-empty proof gets one sibling changed; an empty one (a lone leaf) gets a sibling it should not have.
        if (e.proof.length === 0) return { ...e, proof: [flipLastBit(e.value)] }
        const i = e.proof.length >> 1
        return { ...e, proof: e.proof.map((s, j) => (j === i ? flipLastBit(s) : s)) }
      }
      case 'truncated-proof':
        return { ...e, proof: e.proof.slice(1) }
      case 'changed-value': {
        const v = (BigInt(e.value) + 1n) % (1n << 256n)
        return { ...e, value: `0x${v.toString(16).padStart(64, '0')}` }
      }
      default:
        return e
    }
  })
  return { ...answer, storageProof }
}

export function createZksyncRpc(world: ZksyncWorld, options: ZksyncRpcOptions = {}): ZksyncRpc {
  let lie = options.lie
  let alternate = options.alternate
  let calls = 0
  const twin = () =>
    (alternate ??= buildZksyncWorld({
      seed: `${world.seed}#equivocate`,
      accounts: world.accounts.length,
      batches: Number(world.latestBatch),
    }))
  const locators = (n: bigint): L1BatchLocators => {
    const src = options.l1TxHashes
    if (src === undefined) return {}
    return (typeof src === 'function' ? src(n) : src.get(n)) ?? {}
  }

  const methods = (): Record<string, RpcMethod> => {
    const call = calls++
    const current = lie
    // Calls alternate starting with the honest answer, so a client that asks once sees nothing odd.
    const view = current === 'equivocate' && call % 2 === 1 ? twin() : world
    const latest =
      current === 'stale-batch' ? (view.latestBatch >= 2n ? view.latestBatch - 2n : 0n) : view.latestBatch
    const known = (n: bigint) => n <= latest
    const chainId = current === 'wrong-chain-id' ? (world.chainId === 324n ? 300n : 324n) : world.chainId
    return {
      eth_chainId: () => chainId,
      zks_L1BatchNumber: () => latest,
      zks_getMainContract: () => view.diamond,
      zks_getL1BatchDetails: ([n]) => {
        const batch = batchParam(n)
        if (!known(batch)) return null
        const details = view.l1BatchDetails(batch, locators(batch))
        if (details && current === 'wrong-root') details.rootHash = flipLastBit(details.rootHash)
        return details
      },
      zks_getProof: ([address, keys, n]) => {
        const batch = batchParam(n)
        const addr = addressParam(address)
        const slots = keysParam(keys)
        if (!known(batch)) return null
        const answer = view.getProof(addr, slots, batch)
        return answer === null || current === undefined ? answer : lieAboutProof(answer, current)
      },
      eth_getTransactionReceipt: ([hash]) => options.withdrawals?.receipt(txHashParam(hash)) ?? null,
      zks_getL2ToL1LogProof: ([hash, index]) => {
        if (
          index !== undefined &&
          index !== null &&
          (typeof index !== 'number' || !Number.isSafeInteger(index))
        )
          throw invalid('index must be an integer')
        return options.withdrawals?.logProof(txHashParam(hash), index ?? undefined) ?? null
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
