import { sha256 } from '@noble/hashes/sha2.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex, hexToBytes, parseQuantity } from '../../src/verifier/encoding/hex'
import { buildTrieRoot } from '../../src/verifier/mpt/buildTrieRoot'
import { encodeReceipt } from '../../src/verifier/mpt/receiptsRoot'
import { encodeUint } from '../../src/verifier/mpt/rlp'
import { EMPTY_TRIE_ROOT } from '../../src/verifier/mpt/verifyMptProof'
import { DEMO_ERC20_CODE, demoErc20Storage, type Erc20Holder } from './demoErc20'
import { blockSize, headerHash, type L1Block, type L1Header } from './l1Block'
import { L1State, normalizeAddress, normalizeSlot, type AccountState } from './l1State'
import {
  addressOfKey,
  logsBloom,
  orBlooms,
  placeholderSignedTransaction,
  intrinsicGas,
  signTransaction,
  type SignedTransaction,
  type WorldReceipt,
} from './l1Transactions'

/**
 * The Ethereum L1 execution part of the test world (issue 10): accounts, the ZKsync diamond's storage, a demo
 * ERC-20 and a short chain of Prague blocks holding the calls the lead passes in, all derived from a seed.
 * Every root is a real trie root and every block hash is keccak256(RLP(header)), so the verifier checks the
 * world exactly as it checks mainnet.
 */
export interface L1AccountSpec {
  address: string
  balance: bigint
  nonce?: bigint
}

export interface L1ContractSpec {
  address: string
  /** Runtime code (0x-hex); default: none. */
  code?: string
  balance?: bigint
  nonce?: bigint
  /** Slot (0x-hex, up to 32 bytes) → word (0x-hex, up to 32 bytes). Zero words are not stored. */
  storage: ReadonlyMap<string, string>
}

export interface StorageWrite {
  address: string
  slot: string
  /** The new word (0x-hex); zero deletes the slot. */
  value: string
}

export interface L1TransactionSpec {
  to: string
  input: string
  value?: bigint
  /** The block number that includes it (≥ 1). Default for the i-th transaction of buildL1World: i + 1. */
  block?: number
  /** Which seed-derived key signs it (default 'operator'); senders are funded in genesis. */
  sender?: string
  /**
   * Send from this address instead (the zksync part's operator): funded in genesis when absent, and signed with
   * a placeholder signature unless it is one of the world's own senders.
   */
  from?: string
  /** Events the call emits (e.g. the diamond's BlockCommit): in the receipt, its bloom and eth_getLogs. */
  logs?: readonly L1LogSpec[]
  /** Storage the call changes, applied after it (the world runs no EVM; the caller states the effect). */
  writes?: readonly StorageWrite[]
  /** EIP-4844 versioned hashes: the transaction is then a blob transaction (type 3). */
  blobVersionedHashes?: readonly string[]
}

export interface L1LogSpec {
  address: string
  topics: readonly string[]
  data: string
}

/** The parent beacon block root of a block (EIP-4788), given the block's number and its parent. */
export type ParentBeaconRootSource = string | ((number: bigint, parent: L1Block) => string)

export interface L1WorldSpec {
  seed: string
  chainId?: bigint
  accounts: readonly L1AccountSpec[]
  contracts: readonly L1ContractSpec[]
  transactions: readonly L1TransactionSpec[]
  /** The demo ERC-20; default holders: every spec account, with seed-derived balances. `false` leaves it out. */
  erc20?: false | { address?: string; holders?: readonly Erc20Holder[] }
  /** Blocks after genesis (default: 3, or more when a transaction asks for a later block). */
  blocks?: number
  genesisTimestamp?: bigint
  secondsPerBlock?: bigint
  /** Default: the zero hash. A function is called block by block, so the beacon part can interleave. */
  parentBeaconBlockRoot?: ParentBeaconRootSource
  /** The timestamp of block `number` ≥ 1 (e.g. its beacon slot's time); default parent + secondsPerBlock. */
  timestamp?: (number: bigint, parent: L1Block) => bigint
}

export interface AppendBlockOptions {
  transactions?: readonly L1TransactionSpec[]
  parentBeaconBlockRoot?: string
  timestamp?: bigint
  /** Salt for prevRandao and extraData, so a sibling block differs from the canonical one. */
  variant?: string
}

export const DEFAULT_L1_CHAIN_ID = 1337n
const DEFAULT_GENESIS_TIMESTAMP = 1_750_000_000n
const GAS_LIMIT = 36_000_000n
const GENESIS_BASE_FEE = 1_000_000_000n
const PRIORITY_FEE = 1_000_000_000n
/** A fixed allowance for the work a call does past its intrinsic gas: the world runs no EVM. */
const CALL_EXECUTION_GAS = 45_000n
const SENDER_FUNDING = 1_000n * 10n ** 18n
/** keccak256(RLP([])): the ommers hash of every post-merge block (EIP-3675). */
const EMPTY_OMMERS_HASH = keccak_256(Uint8Array.of(0xc0))
/** EIP-7685 with no requests: sha256 of the empty concatenation. */
const EMPTY_REQUESTS_HASH = sha256(new Uint8Array(0))
const ZERO_HASH = new Uint8Array(32)

/** 32 bytes derived from the seed and a label: the world's only source of "randomness". */
export function deriveBytes(seed: string, label: string): Uint8Array {
  return keccak_256(new TextEncoder().encode(`lightproof/devnet/l1/${seed}/${label}`))
}

export function deriveAddress(seed: string, label: string): string {
  return bytesToHex(deriveBytes(seed, `address/${label}`).subarray(12))
}

export interface DemoErc20 {
  address: string
  holders: Erc20Holder[]
}

export class L1World {
  readonly seed: string
  readonly chainId: bigint
  readonly spec: L1WorldSpec
  readonly erc20: DemoErc20 | undefined
  readonly feeRecipient: string
  /** Addresses of the seed-derived signing keys, by label. */
  readonly senders = new Map<string, string>()
  private readonly chain: L1Block[] = []
  private readonly byHash = new Map<string, L1Block>()
  private readonly txIndex = new Map<string, { block: L1Block; index: number }>()
  private readonly siblings = new Map<bigint, L1Block>()
  private readonly appended: AppendBlockOptions[] = []
  private finalizedNumber: bigint | undefined

  constructor(spec: L1WorldSpec) {
    this.spec = spec
    this.seed = spec.seed
    this.chainId = spec.chainId ?? DEFAULT_L1_CHAIN_ID
    this.feeRecipient = deriveAddress(spec.seed, 'fee-recipient')
    const accounts = new Map<string, AccountState>()
    const put = (address: string, a: AccountState) => {
      const key = normalizeAddress(address)
      if (accounts.has(key)) throw new Error(`L1 world: ${key} is given twice`)
      accounts.set(key, a)
    }
    for (const a of spec.accounts) {
      put(a.address, {
        nonce: a.nonce ?? 0n,
        balance: a.balance,
        code: new Uint8Array(0),
        storage: new Map(),
      })
    }
    for (const c of spec.contracts) {
      const storage = new Map<string, bigint>()
      for (const [slot, value] of c.storage) storage.set(normalizeSlot(slot), parseWord(value))
      put(c.address, {
        nonce: c.nonce ?? 1n,
        balance: c.balance ?? 0n,
        code: c.code === undefined ? new Uint8Array(0) : hexToBytes(c.code, 'contract code'),
        storage,
      })
    }
    if (spec.erc20 !== false) {
      const holders =
        spec.erc20?.holders?.map((h) => ({ address: normalizeAddress(h.address), balance: h.balance })) ??
        spec.accounts.map((a) => ({
          address: normalizeAddress(a.address),
          balance:
            (1n + (bigFrom(deriveBytes(spec.seed, `erc20/${a.address.toLowerCase()}`)) % 100_000n)) *
            10n ** 18n,
        }))
      const address = normalizeAddress(spec.erc20?.address ?? deriveAddress(spec.seed, 'erc20'))
      this.erc20 = { address, holders }
      put(address, { nonce: 1n, balance: 0n, code: DEMO_ERC20_CODE, storage: demoErc20Storage(holders) })
    }
    // The default sender is always funded, so blocks appended later can carry calls too.
    this.fundSender(accounts, 'operator')
    for (const t of spec.transactions) {
      if (t.from === undefined) this.fundSender(accounts, t.sender ?? 'operator')
      else if (!accounts.has(normalizeAddress(t.from))) accounts.set(normalizeAddress(t.from), funded())
    }

    const genesisState = new L1State(accounts)
    const header = this.header({
      parentHash: ZERO_HASH,
      number: 0n,
      timestamp: spec.genesisTimestamp ?? DEFAULT_GENESIS_TIMESTAMP,
      baseFeePerGas: GENESIS_BASE_FEE,
      stateRoot: genesisState.root,
      transactions: [],
      receipts: [],
      gasUsed: 0n,
      parentBeaconBlockRoot: ZERO_HASH,
      variant: '',
    })
    this.index({ ...this.sealed(header, []), receipts: [], state: genesisState })
  }

  /** The newest block. */
  get head(): L1Block {
    return this.chain[this.chain.length - 1]!
  }

  get blocks(): readonly L1Block[] {
    return this.chain
  }

  /** The block the tags `finalized` and `safe` name; default the head. */
  get finalized(): L1Block {
    return this.finalizedNumber === undefined ? this.head : this.chain[Number(this.finalizedNumber)]!
  }

  setFinalized(number: bigint): void {
    if (number < 0n || number > this.head.number) throw new Error(`L1 world: no block ${number}`)
    this.finalizedNumber = number
  }

  blockByNumber(number: bigint): L1Block | undefined {
    return number >= 0n && number < BigInt(this.chain.length) ? this.chain[Number(number)] : undefined
  }

  blockByHash(hash: string): L1Block | undefined {
    return this.byHash.get(hash.toLowerCase())
  }

  transactionByHash(hash: string): { block: L1Block; index: number } | undefined {
    return this.txIndex.get(hash.toLowerCase())
  }

  /** The demo ERC-20's address (throws when the world was built without it). */
  get erc20Address(): string {
    if (this.erc20 === undefined) throw new Error('L1 world: built without the demo ERC-20')
    return this.erc20.address
  }

  /** Executes `options.transactions` on the head's state and seals the next block onto the chain. */
  appendBlock(options: AppendBlockOptions = {}): L1Block {
    const block = this.buildOn(this.head, options)
    this.appended.push(options)
    this.index(block)
    return block
  }

  /**
   * A competing block at `number` (for the reorg lie): same parent, no transactions, another prevRandao and
   * extraData — so another hash and, when the canonical block changed state, another state root.
   */
  siblingOf(number: bigint): L1Block {
    const cached = this.siblings.get(number)
    if (cached) return cached
    const canonical = this.blockByNumber(number)
    const parent = this.blockByNumber(number - 1n)
    if (!canonical || !parent) throw new Error(`L1 world: no sibling for block ${number}`)
    const sibling = this.buildOn(parent, {
      parentBeaconBlockRoot: bytesToHex(canonical.header.parentBeaconBlockRoot),
      timestamp: canonical.header.timestamp,
      variant: 'reorg',
    })
    this.siblings.set(number, sibling)
    return sibling
  }

  /**
   * A second, internally consistent world that disagrees with this one (for the equivocation lie): the same
   * spec with every listed account and token holder 1 ETH / 1 token richer, and the same blocks appended.
   */
  equivocatingTwin(): L1World {
    const extra = 10n ** 18n
    const twin = new L1World({
      ...this.spec,
      accounts: this.spec.accounts.map((a) => ({ ...a, balance: a.balance + extra })),
      ...(this.erc20 && this.spec.erc20 !== false
        ? {
            erc20: {
              address: this.erc20.address,
              holders: this.erc20.holders.map((h) => ({ ...h, balance: h.balance + extra })),
            },
          }
        : {}),
    })
    for (const options of this.appended) twin.appendBlock(options)
    if (this.finalizedNumber !== undefined) twin.setFinalized(this.finalizedNumber)
    return twin
  }

  private fundSender(accounts: Map<string, AccountState>, label: string): void {
    const address = bytesToHex(addressOfKey(this.senderKey(label)))
    this.senders.set(label, address)
    if (!accounts.has(address)) accounts.set(address, funded())
  }

  /** The key of a world sender whose address this is, if any. */
  private keyOf(address: string): Uint8Array | undefined {
    const wanted = normalizeAddress(address)
    for (const [label, a] of this.senders) if (a === wanted) return this.senderKey(label)
    return undefined
  }

  private senderKey(label: string): Uint8Array {
    // keccak output is below the secp256k1 order with overwhelming probability; noble rejects it otherwise.
    return deriveBytes(this.seed, `key/${label}`)
  }

  private index(block: L1Block): void {
    this.chain.push(block)
    this.byHash.set(bytesToHex(block.hash), block)
    block.transactions.forEach((tx, index) => this.txIndex.set(bytesToHex(tx.hash), { block, index }))
  }

  private buildOn(parent: L1Block, options: AppendBlockOptions): L1Block {
    const number = parent.number + 1n
    if (options.timestamp !== undefined && options.timestamp <= parent.header.timestamp)
      throw new Error(`L1 world: block ${number} must be later than its parent (Yellow Paper eq. 52)`)
    const accounts = new Map(parent.state.accounts)
    const transactions: SignedTransaction[] = []
    const receipts: WorldReceipt[] = []
    const baseFee = nextBaseFee(parent.header)
    const miner = this.feeRecipient
    let cumulativeGas = 0n
    for (const spec of options.transactions ?? []) {
      const label = spec.from ?? spec.sender ?? 'operator'
      const key = spec.from === undefined ? this.senderKey(label) : this.keyOf(spec.from)
      const from = spec.from === undefined ? bytesToHex(addressOfKey(key!)) : normalizeAddress(spec.from)
      const sender = accounts.get(from)
      if (sender === undefined) throw new Error(`L1 world: sender '${label}' was not funded in genesis`)
      const to = normalizeAddress(spec.to)
      const input = hexToBytes(spec.input, 'transaction input')
      const value = spec.value ?? 0n
      const target = accounts.get(to)
      const gasUsed = intrinsicGas(input) + (target && target.code.length > 0 ? CALL_EXECUTION_GAS : 0n)
      const fields = {
        chainId: this.chainId,
        nonce: sender.nonce,
        maxPriorityFeePerGas: PRIORITY_FEE,
        maxFeePerGas: 2n * baseFee + PRIORITY_FEE,
        gasLimit: gasUsed + gasUsed / 2n,
        to: hexToBytes(to),
        value,
        input,
        ...(spec.blobVersionedHashes?.length
          ? {
              blobVersionedHashes: spec.blobVersionedHashes.map((h) =>
                hexToBytes(h, 'blob versioned hash', 32),
              ),
              maxFeePerBlobGas: 1n,
            }
          : {}),
      }
      const tx =
        key === undefined
          ? placeholderSignedTransaction(
              fields,
              hexToBytes(from),
              deriveBytes(this.seed, `sig/${from}/${sender.nonce}`),
            )
          : signTransaction(fields, key)
      const logs = (spec.logs ?? []).map((l) => ({
        address: hexToBytes(normalizeAddress(l.address)),
        topics: l.topics.map((t) => hexToBytes(t, 'log topic', 32)),
        data: hexToBytes(l.data, 'log data'),
      }))
      // EIP-1559: the sender pays (baseFee + tip) per gas; the base fee is burned, the tip goes to the miner.
      const price = baseFee + PRIORITY_FEE
      const cost = gasUsed * price + value
      if (sender.balance < cost) throw new Error(`L1 world: sender '${label}' cannot pay ${cost} wei`)
      accounts.set(from, { ...sender, nonce: sender.nonce + 1n, balance: sender.balance - cost })
      credit(accounts, to, value)
      credit(accounts, miner, gasUsed * PRIORITY_FEE)
      for (const w of spec.writes ?? []) applyWrite(accounts, w)
      cumulativeGas += gasUsed
      transactions.push(tx)
      receipts.push({
        type: tx.type,
        status: 1n,
        cumulativeGasUsed: cumulativeGas,
        gasUsed,
        effectiveGasPrice: price,
        logsBloom: logsBloom(logs),
        logs,
      })
    }
    if (cumulativeGas > GAS_LIMIT) throw new Error(`L1 world: block ${number} exceeds the gas limit`)
    const state = new L1State(accounts)
    const header = this.header({
      parentHash: parent.hash,
      number,
      timestamp: options.timestamp ?? parent.header.timestamp + (this.spec.secondsPerBlock ?? 12n),
      baseFeePerGas: baseFee,
      stateRoot: state.root,
      transactions,
      receipts,
      gasUsed: cumulativeGas,
      parentBeaconBlockRoot:
        options.parentBeaconBlockRoot === undefined
          ? ZERO_HASH
          : hexToBytes(options.parentBeaconBlockRoot, 'parentBeaconBlockRoot', 32),
      variant: options.variant ?? '',
    })
    return { ...this.sealed(header, transactions), receipts, state }
  }

  private header(p: {
    parentHash: Uint8Array
    number: bigint
    timestamp: bigint
    baseFeePerGas: bigint
    stateRoot: Uint8Array
    transactions: SignedTransaction[]
    receipts: WorldReceipt[]
    gasUsed: bigint
    parentBeaconBlockRoot: Uint8Array
    variant: string
  }): L1Header {
    const salt = p.variant === '' ? '' : `/${p.variant}`
    return {
      parentHash: p.parentHash,
      sha3Uncles: EMPTY_OMMERS_HASH,
      miner: hexToBytes(this.feeRecipient),
      stateRoot: p.stateRoot,
      // Transactions and receipts tries: key RLP(index), value the EIP-2718 encoding (the verifier's builder).
      transactionsRoot: buildTrieRoot(
        p.transactions.map((t, i) => ({ key: encodeUint(BigInt(i)), value: t.envelope })),
      ),
      receiptsRoot: buildTrieRoot(
        p.receipts.map((r, i) => ({ key: encodeUint(BigInt(i)), value: encodeReceipt(r) })),
      ),
      logsBloom: orBlooms(p.receipts.map((r) => r.logsBloom)),
      difficulty: 0n,
      number: p.number,
      gasLimit: GAS_LIMIT,
      gasUsed: p.gasUsed,
      timestamp: p.timestamp,
      extraData: new TextEncoder().encode(`lightproof devnet${salt}`),
      mixHash: deriveBytes(this.seed, `randao/${p.number}${salt}`),
      nonce: new Uint8Array(8),
      baseFeePerGas: p.baseFeePerGas,
      withdrawalsRoot: EMPTY_TRIE_ROOT, // no withdrawals (EIP-4895 trie of none)
      blobGasUsed: 0n,
      excessBlobGas: 0n,
      parentBeaconBlockRoot: p.parentBeaconBlockRoot,
      requestsHash: EMPTY_REQUESTS_HASH,
    }
  }

  private sealed(header: L1Header, transactions: SignedTransaction[]) {
    return {
      number: header.number,
      hash: headerHash(header),
      header,
      transactions,
      withdrawals: [] as [],
      size: blockSize(header, transactions),
    }
  }
}

/**
 * Builds the world: genesis (block 0) plus `spec.blocks` blocks (default max(3, highest requested block));
 * transaction i goes into block `block ?? i + 1`.
 *
 * @example
 *   const world = buildL1World({ seed: 'demo', accounts: [{ address, balance: 10n ** 18n }], contracts: [], transactions: [] })
 *   world.head.state.getProof(address, [])
 */
export function buildL1World(spec: L1WorldSpec): L1World {
  const world = new L1World(spec)
  const placed = spec.transactions.map((t, i) => ({ t, block: t.block ?? i + 1 }))
  for (const p of placed)
    if (!Number.isSafeInteger(p.block) || p.block < 1) throw new Error(`L1 world: bad block ${p.block}`)
  const highest = Math.max(0, ...placed.map((p) => p.block))
  const count = spec.blocks ?? Math.max(3, highest)
  if (count < highest) throw new Error(`L1 world: a transaction asks for block ${highest} of ${count}`)
  for (let n = 1; n <= count; n++) {
    const source = spec.parentBeaconBlockRoot
    const root = typeof source === 'function' ? source(BigInt(n), world.head) : source
    const timestamp = spec.timestamp?.(BigInt(n), world.head)
    world.appendBlock({
      transactions: placed.filter((p) => p.block === n).map((p) => p.t),
      ...(root === undefined ? {} : { parentBeaconBlockRoot: root }),
      ...(timestamp === undefined ? {} : { timestamp }),
    })
  }
  return world
}

/** EIP-1559 base fee update: ±1/8 per block towards half the gas limit. */
function nextBaseFee(parent: L1Header): bigint {
  const target = parent.gasLimit / 2n
  const fee = parent.baseFeePerGas
  if (parent.gasUsed === target) return fee
  if (parent.gasUsed > target) {
    const delta = (fee * (parent.gasUsed - target)) / target / 8n
    return fee + (delta > 1n ? delta : 1n)
  }
  return fee - (fee * (target - parent.gasUsed)) / target / 8n
}

function funded(): AccountState {
  return { nonce: 0n, balance: SENDER_FUNDING, code: new Uint8Array(0), storage: new Map() }
}

function credit(accounts: Map<string, AccountState>, address: string, amount: bigint): void {
  if (amount === 0n) return
  const a = accounts.get(address) ?? { nonce: 0n, balance: 0n, code: new Uint8Array(0), storage: new Map() }
  accounts.set(address, { ...a, balance: a.balance + amount })
}

function applyWrite(accounts: Map<string, AccountState>, w: StorageWrite): void {
  const address = normalizeAddress(w.address)
  const a = accounts.get(address)
  if (a === undefined) throw new Error(`L1 world: write to ${address}, which is not in the world`)
  const storage = new Map(a.storage)
  const value = parseWord(w.value)
  const slot = normalizeSlot(w.slot)
  if (value === 0n) storage.delete(slot)
  else storage.set(slot, value)
  accounts.set(address, { ...a, storage })
}

function parseWord(value: string): bigint {
  if (!/^0x[0-9a-fA-F]{1,64}$/.test(value)) throw new Error(`L1 world: not a 32-byte word: ${value}`)
  return parseQuantity(value)
}

function bigFrom(bytes: Uint8Array): bigint {
  return BigInt(bytesToHex(bytes))
}
