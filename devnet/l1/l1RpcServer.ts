import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
import {
  RpcError,
  serveLyingRpc,
  type LyingRpc,
  type LyingRpcServer,
  type RpcMethod,
  type TransportFault,
} from '../servers/devServer'
import type { L1World } from './buildL1World'
import { blockJson, blockLogsJson, receiptJson, transactionJson, type L1Block, type LogJson } from './l1Block'
import { normalizeSlot, quantity, type EthGetProofJson } from './l1State'

/**
 * The L1 JSON-RPC endpoint of the test world, honest or lying. Data lies live here (one at a time, switchable
 * while serving); transport faults (500/429 storms, stalls, floods, invalid JSON) come from devServer.
 */
export const L1_LIES = [
  'wrong-state-root',
  'forged-proof',
  'truncated-proof',
  'changed-value',
  'stale-head',
  'reorg',
  'wrong-chain-id',
  'equivocate',
] as const
export type L1Lie = (typeof L1_LIES)[number]

export const L1_LIE_HELP: Record<L1Lie, string> = {
  'wrong-state-root': 'block headers report another stateRoot (the block hash is left as it was)',
  'forged-proof': 'one byte of the last node of every eth_getProof proof is changed',
  'truncated-proof': 'the last node of every eth_getProof proof is dropped',
  'changed-value': 'balances and storage values are raised by 1 wei/1 after proving (proofs stay honest)',
  'stale-head':
    'latest/safe/finalized and eth_blockNumber name a block 2 behind the head; newer ones are unknown',
  reorg: 'the head block alternates, call by call, between the canonical block and a competing sibling',
  'wrong-chain-id': 'eth_chainId and net_version answer another chain',
  equivocate:
    'answers alternate, call by call, between this world and a twin where every account is 1 ETH richer',
}

export interface L1RpcOptions {
  lie?: L1Lie
  /** The second world of `equivocate` (default: world.equivocatingTwin(), built on first use). */
  alternate?: L1World
  /** Rewrites eth_getProof answers after the server's own lie: the world's `withdrawal-claimed` lie. */
  rewriteProof?: (answer: EthGetProofJson) => EthGetProofJson
  /** Rewrites receipts (eth_getTransactionReceipt, eth_getBlockReceipts): the world's `deposit-no-event` lie. */
  rewriteReceipt?: (receipt: { transactionHash: string; logs: { topics: string[] }[] }) => unknown
}

export interface L1RpcServerOptions extends L1RpcOptions {
  fault?: TransportFault
  port?: number
}

export type L1Rpc = LyingRpc<L1Lie>

export type L1RpcServer = LyingRpcServer<L1World, L1Lie>

/**
 * Serves `world` over JSON-RPC on 127.0.0.1 (single and batch requests). Methods: eth_chainId, net_version,
 * web3_clientVersion, eth_syncing, eth_blockNumber, eth_getBlockByNumber, eth_getBlockByHash, eth_getProof,
 * eth_getBalance, eth_getCode, eth_getStorageAt, eth_getTransactionCount, eth_getTransactionByHash,
 * eth_getTransactionReceipt, eth_getBlockReceipts, eth_getLogs. Blocks are named by number, by tag (latest, safe,
 * finalized, earliest, pending) or, for state methods, by EIP-1898 object.
 *
 * @example
 *   const server = await startL1RpcServer(world, { lie: 'forged-proof' })
 *   // … point a client at server.url …
 *   await server.close()
 */
export async function startL1RpcServer(
  world: L1World,
  options: L1RpcServerOptions = {},
): Promise<L1RpcServer> {
  return serveLyingRpc(world, createL1Rpc(world, options), options)
}

/** A view of the chain as one answer sees it: which blocks exist and which is which tag. */
interface ChainView {
  world: L1World
  head: L1Block
  finalized: L1Block
  byNumber(n: bigint): L1Block | undefined
  byHash(hash: string): L1Block | undefined
}

function canonicalView(world: L1World): ChainView {
  return {
    world,
    head: world.head,
    finalized: world.finalized,
    byNumber: (n) => world.blockByNumber(n),
    byHash: (h) => world.blockByHash(h),
  }
}

/** The chain with its head replaced by a sibling (same parent, other hash); both hashes stay known. */
function reorgedView(world: L1World): ChainView {
  const base = canonicalView(world)
  if (world.head.number === 0n) return base
  const sibling = world.siblingOf(world.head.number)
  const swap = (b: L1Block | undefined) => (b !== undefined && b.number === sibling.number ? sibling : b)
  return {
    world,
    head: sibling,
    finalized: swap(world.finalized)!,
    byNumber: (n) => swap(world.blockByNumber(n)),
    byHash: (h) => (h.toLowerCase() === bytesToHex(sibling.hash) ? sibling : world.blockByHash(h)),
  }
}

/** A node stuck two blocks back: it knows nothing newer. */
function staleView(world: L1World): ChainView {
  const top = world.head.number >= 2n ? world.head.number - 2n : 0n
  const stale = world.blockByNumber(top)!
  const known = (b: L1Block | undefined) => (b !== undefined && b.number <= top ? b : undefined)
  return {
    world,
    head: stale,
    finalized: world.finalized.number <= top ? world.finalized : stale,
    byNumber: (n) => known(world.blockByNumber(n)),
    byHash: (h) => known(world.blockByHash(h)),
  }
}

export function createL1Rpc(world: L1World, options: L1RpcOptions = {}): L1Rpc {
  let lie = options.lie
  let alternate = options.alternate
  let calls = 0
  const twin = () => (alternate ??= world.equivocatingTwin())

  const viewFor = (call: number): ChainView => {
    // Calls alternate starting with the honest answer, so a client that asks once sees nothing odd.
    const odd = call % 2 === 1
    if (lie === 'equivocate' && odd) return canonicalView(twin())
    if (lie === 'reorg' && odd) return reorgedView(world)
    if (lie === 'stale-head') return staleView(world)
    return canonicalView(world)
  }

  const methods = (): Record<string, RpcMethod> => {
    const view = viewFor(calls++)
    const current = lie
    const chainId = current === 'wrong-chain-id' ? world.chainId + 1n : world.chainId
    const stateBlock = (tag: unknown) => {
      const b = resolveBlock(view, tag, true)
      if (b === undefined) throw new RpcError(-32000, 'header not found')
      return b
    }
    const block = (b: L1Block | undefined, full: unknown) => {
      if (b === undefined) return null
      const json = blockJson(b, full === true)
      if (current === 'wrong-state-root') json.stateRoot = bytesToHex(otherRoot(b.header.stateRoot))
      return json
    }
    const raise = current === 'changed-value' ? 1n : 0n
    const told = (receipt: ReturnType<typeof receiptJson>) =>
      options.rewriteReceipt
        ? options.rewriteReceipt(receipt as { transactionHash: string; logs: { topics: string[] }[] })
        : receipt
    return {
      eth_chainId: () => quantity(chainId),
      net_version: () => chainId.toString(),
      web3_clientVersion: () => 'lightproof-devnet/l1',
      eth_syncing: () => false,
      eth_blockNumber: () => quantity(view.head.number),
      eth_getBlockByNumber: ([tag, full]) => block(resolveBlock(view, tag, false), full),
      eth_getBlockByHash: ([hash, full]) => block(view.byHash(hashParam(hash)), full),
      eth_getProof: ([address, slots, tag]) => {
        const keys = slotList(slots)
        const answer = stateBlock(tag).state.getProof(addressParam(address), keys)
        const told = current === undefined ? answer : lieAboutProof(answer, current)
        return options.rewriteProof ? options.rewriteProof(told) : told
      },
      eth_getBalance: ([address, tag]) =>
        quantity(stateBlock(tag).state.balance(addressParam(address)) + raise),
      eth_getTransactionCount: ([address, tag]) =>
        quantity(stateBlock(tag).state.nonce(addressParam(address))),
      eth_getCode: ([address, tag]) => bytesToHex(stateBlock(tag).state.code(addressParam(address))),
      eth_getStorageAt: ([address, slot, tag]) => {
        const value = stateBlock(tag).state.storageAt(addressParam(address), slotParam(slot)) + raise
        return '0x' + (value % (1n << 256n)).toString(16).padStart(64, '0')
      },
      eth_getTransactionByHash: ([hash]) => {
        const found = findTransaction(view, hashParam(hash))
        return found === undefined ? null : transactionJson(found.block, found.index)
      },
      eth_getTransactionReceipt: ([hash]) => {
        const found = findTransaction(view, hashParam(hash))
        return found === undefined ? null : told(receiptJson(found.block, found.index))
      },
      eth_getLogs: ([filter]) => getLogs(view, filter),
      eth_getBlockReceipts: ([tag]) => {
        const b = resolveBlock(view, tag, true)
        return b === undefined ? null : b.transactions.map((_, i) => told(receiptJson(b, i)))
      },
    }
  }

  return {
    methods,
    setLie: (l) => {
      lie = l
      calls = 0
    },
    lie: () => lie,
  }
}

/** A transaction counts as known only when its block is in the view (a stale or reorged node lacks it). */
function findTransaction(view: ChainView, hash: string): { block: L1Block; index: number } | undefined {
  const found = view.world.transactionByHash(hash)
  if (found === undefined) return undefined
  const b = view.byNumber(found.block.number)
  return b !== undefined && b.hash === found.block.hash ? found : undefined
}

const TAGS = new Set(['latest', 'safe', 'finalized', 'earliest', 'pending'])

/** A block by QUANTITY, tag, or (for state methods) EIP-1898 `{ blockNumber }` / `{ blockHash }`. */
function resolveBlock(view: ChainView, tag: unknown, allowObject: boolean): L1Block | undefined {
  if (tag === undefined || tag === null) return view.head
  if (typeof tag === 'string') {
    if (TAGS.has(tag)) {
      if (tag === 'earliest') return view.byNumber(0n)
      if (tag === 'safe' || tag === 'finalized') return view.finalized
      return view.head
    }
    if (/^0x(0|[1-9a-fA-F][0-9a-fA-F]{0,15})$/.test(tag)) return view.byNumber(BigInt(tag))
  }
  if (allowObject && typeof tag === 'object' && !Array.isArray(tag)) {
    const o = tag as { blockHash?: unknown; blockNumber?: unknown }
    if (o.blockHash !== undefined) return view.byHash(hashParam(o.blockHash))
    if (o.blockNumber !== undefined) return resolveBlock(view, o.blockNumber, false)
  }
  throw new RpcError(-32602, `invalid block: ${JSON.stringify(tag)?.slice(0, 80)}`)
}

function addressParam(v: unknown): string {
  if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(v)) throw new RpcError(-32602, 'invalid address')
  return v
}

function hashParam(v: unknown): string {
  if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(v)) throw new RpcError(-32602, 'invalid hash')
  return v.toLowerCase()
}

function slotParam(v: unknown): string {
  if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(v))
    throw new RpcError(-32602, 'invalid storage key')
  return normalizeSlot(v)
}

const MAX_SLOTS = 1024

function slotList(v: unknown): string[] {
  if (v === undefined || v === null) return []
  if (!Array.isArray(v) || v.length > MAX_SLOTS) throw new RpcError(-32602, 'invalid storage keys')
  for (const k of v) slotParam(k)
  return v as string[]
}

const MAX_LOG_RANGE = 10_000n

/** eth_getLogs over a block range or one block hash, filtered by address(es) and topic positions. */
function getLogs(view: ChainView, filter: unknown): LogJson[] {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter))
    throw new RpcError(-32602, 'invalid filter')
  const f = filter as {
    fromBlock?: unknown
    toBlock?: unknown
    blockHash?: unknown
    address?: unknown
    topics?: unknown
  }
  let blocks: L1Block[]
  if (f.blockHash !== undefined) {
    const b = view.byHash(hashParam(f.blockHash))
    if (b === undefined) throw new RpcError(-32000, 'unknown block')
    blocks = [b]
  } else {
    const from = resolveBlock(view, f.fromBlock ?? 'latest', false)
    const to = resolveBlock(view, f.toBlock ?? 'latest', false)
    if (from === undefined || to === undefined) return []
    if (to.number - from.number > MAX_LOG_RANGE) throw new RpcError(-32005, 'block range too large')
    blocks = []
    for (let n = from.number; n <= to.number; n++) blocks.push(view.byNumber(n)!)
  }
  const addresses =
    f.address === undefined || f.address === null
      ? undefined
      : [f.address].flat().map((a) => addressParam(a).toLowerCase())
  const topics = f.topics === undefined || f.topics === null ? [] : f.topics
  if (!Array.isArray(topics) || topics.length > 4) throw new RpcError(-32602, 'invalid topics')
  const wanted = topics.map((t: unknown) => (t === null ? undefined : [t].flat().map((x) => hashParam(x))))
  return blocks
    .flatMap(blockLogsJson)
    .filter(
      (l) =>
        (addresses === undefined || addresses.includes(l.address)) &&
        wanted.every((w, i) => w === undefined || (l.topics[i] !== undefined && w.includes(l.topics[i]!))),
    )
}

/** A root that is not this one: the last byte flipped. */
function otherRoot(root: Uint8Array): Uint8Array {
  const out = root.slice()
  out[31] = out[31]! ^ 0xff
  return out
}

function lieAboutProof(answer: EthGetProofJson, lie: L1Lie): EthGetProofJson {
  switch (lie) {
    case 'forged-proof':
      return {
        ...answer,
        accountProof: forgeLast(answer.accountProof),
        storageProof: answer.storageProof.map((s) => ({ ...s, proof: forgeLast(s.proof) })),
      }
    case 'truncated-proof':
      return {
        ...answer,
        accountProof: answer.accountProof.slice(0, -1),
        storageProof: answer.storageProof.map((s) => ({ ...s, proof: s.proof.slice(0, -1) })),
      }
    case 'changed-value':
      return {
        ...answer,
        balance: quantity(BigInt(answer.balance) + 1n),
        storageProof: answer.storageProof.map((s) => ({ ...s, value: quantity(BigInt(s.value) + 1n) })),
      }
    default:
      return answer
  }
}

/** Changes the last byte of the last node (inside its value or reference), keeping the node's length. */
function forgeLast(proof: readonly string[]): string[] {
  if (proof.length === 0) return []
  const out = proof.slice()
  const node = hexToBytes(out[out.length - 1]!)
  node[node.length - 1] = node[node.length - 1]! ^ 0x01
  out[out.length - 1] = bytesToHex(node)
  return out
}
