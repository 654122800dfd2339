import { keccak_256 } from '@noble/hashes/sha3.js'
import {
  bigintToBytes32,
  bytesToBigint,
  bytesToHex,
  concatBytes,
  hexToBytes,
} from '../../src/verifier/encoding/hex'
import { eraVerifierContracts, type EraVerifierContracts } from './eraVerifiers'
import type { CommitBatchInfo, StoredBatchInfo } from '../../src/verifier/zksync/batches/types'
import {
  addressWordHex,
  DIAMOND_SLOT_NUMBERS as S,
  EMPTY_STRING_KECCAK,
  encodeExecuteCalldata,
  encodeProveCalldata,
  EXECUTOR_EVENTS,
  hashStoredBatchInfo,
  mappingSlotHex,
  slotHex,
  wordHex,
  ZERO32,
  type MetaHashes,
} from './batchArtifacts'
import { sealBatch } from './sealBatch'
import type { PublishedBlobArtifacts } from './batchPubdata'
import type { BatchLogs } from './batchLogs'
import { NEW_PRIORITY_REQUEST, worldDeposit, type WorldDeposit } from './deposits'
import {
  SparseTreeBuilder,
  storageTreeKey,
  zksProofJson,
  type TreeSnapshot,
  type ZksProofJson,
} from './sparseTree'

/**
 * The ZKsync Era part of the test world (issue 10): a small L2 whose state, batches and L1 footprint are all
 * generated from a seed and agree with each other the way mainnet's do — the tree roots are real Blake2s roots,
 * the StoredBatchInfo hashes are what the diamond stores, the commit calldata decodes to the same batches and the
 * commitment recomputes from it. Nothing here reads a clock or the network: the same seed gives the same world.
 */

/** The Era diamond proxy on mainnet; the world's L1 puts the diamond storage there (zksync.md §0). */
export const ERA_DIAMOND = '0x32400084c286cf3e17e7b677ea9583e60a000324'
/** ZKsync Gateway's chain id (research next-wave.md §3.1); the world's settlement layer besides L1. */
export const GATEWAY_CHAIN_ID = 9075n
/**
 * Where the world puts Gateway's own diamond on L1 and Era's diamond on Gateway: the mainnet addresses L2BEAT
 * records (next-wave.md §3.1), as the world reuses Era's L1 diamond address. The verifier never takes them from
 * here: it reads them from proven Bridgehub storage.
 */
export const GATEWAY_DIAMOND_ON_L1 = '0x6e96d1172a6593d5027af3c2664c5112ca75f2b9'
export const ERA_DIAMOND_ON_GATEWAY = '0xce7cbd23193d029410b40e0fd8a79a5121f9250c'
/** The Bridgehub on L1 mainnet (zksync.md §0); the world's L1 carries one there. Era's diamond names it (slot 41). */
export const L1_BRIDGEHUB = '0x303a465b659cbb0ab36ee643ea362c509eeb5213'
/** The Bridgehub on every ZK chain's L2 (era-contracts L2ContractAddresses.sol `L2_BRIDGEHUB_ADDR`). */
const L2_BRIDGEHUB = '0x0000000000000000000000000000000000010002'
/** The local ZKsync devnet chain id (zksync-era dev configs use 270). */
export const DEVNET_CHAIN_ID = 270n
/** Protocol 0.29.4: 9-field StoredBatchInfo, commit encoding version 1, v29 system-log keys. */
export const PROTOCOL_VERSION = { minor: 29, patch: 4, packed: (29n << 32n) | 4n } as const

const L2_BASE_TOKEN = hexToBytes('0x000000000000000000000000000000000000800a')
const NONCE_HOLDER = hexToBytes('0x0000000000000000000000000000000000008003')
const BOOTLOADER = hexToBytes('0x0000000000000000000000000000000000008001')
/** BridgedStandardERC20 `_balances` and `_totalSupply` (OZ upgradeable v4 layout, zksync.md §3.5). */
const ERC20_BALANCES_SLOT = 51n
const ERC20_TOTAL_SUPPLY_SLOT = 53n
const ETH = 10n ** 18n

export interface ZksyncWorldOptions {
  seed: string
  /** Number of L2 accounts (≥ 2, default 3). The last one first receives ETH in batch 2. */
  accounts?: number
  /** Number of batches after genesis (≥ 3, default 4): N committed, N−1 proven, N−2 executed. */
  batches?: number
  /**
   * Batches `from`–`to` settle on ZKsync Gateway, as Era's did from 2025-07-28 to 2026-01-31: every batch before
   * `from` is executed on L1, the chain migrates to Gateway, commits, proves and executes the window there, then
   * migrates back to L1 (`to` ≤ batches − 3, so the batches after it show the usual committed / proven / executed
   * tail on L1). On L1 the migration back writes what `AdminFacet.forwardedBridgeMint` writes: the counters and
   * storedBatchHashes[to] only, so the window's stored hashes and logs roots stay zero on L1.
   */
  gatewayWindow?: { from: number; to: number }
  /**
   * Batches whose pubdata goes out in EIP-4844 blobs (a type-3 commit with versioned hashes; ~0.5 s of pure-JS
   * KZG each, so few). Default: none; the world (devnet/world.ts) makes its latest executed L1 batch one.
   */
  blobBatches?: readonly number[]
}

/** One storage write of a batch, with the state before and after. */
export interface BatchWrite {
  address: string
  slot: string
  treeKey: string
  before: bigint
  after: bigint
  /** The enumeration index of the key; a new key (initial write) gets the next free index. */
  index: bigint
  initial: boolean
}

/** A transaction the world's L1 carries for the diamond, in the order it happened. */
export interface L1Operation {
  /** `migrate`: the chain moving to or from Gateway (not a batch operation; batchNumber is the last one before). */
  kind: 'commit' | 'prove' | 'execute' | 'migrate' | 'deposit'
  batchNumber: bigint
  /** The operator's address; transactions go to the ValidatorTimelock, not the diamond (zksync.md §1.1). */
  from: string
  to: string
  /** Calldata: commit is exact; prove carries placeholder proof words; execute has empty priority-op paths. */
  input: string
  /** ETH sent with the call (a deposit's). */
  value?: bigint
  /** The event the diamond emits (log.address is the diamond). */
  log: { address: string; topics: string[]; data: string }
  /** A commit whose pubdata is in blobs: the type-3 transaction's versioned hashes. */
  blobVersionedHashes?: string[]
  /**
   * What the call writes into the diamond's storage (32-byte hex slot and word; a zero word deletes the slot).
   * The shape of the L1 world's `StorageWrite`, so an operation maps onto an `L1TransactionSpec` directly.
   */
  writes: { address: string; slot: string; value: string }[]
}

export interface ZksyncBatch {
  number: bigint
  timestamp: bigint
  stateRoot: Uint8Array
  /** The tree after this batch: what `zks_getProof(…, number)` answers from. */
  tree: TreeSnapshot
  storedBatchInfo: StoredBatchInfo
  /** `keccak256(abi.encode(StoredBatchInfo))`, 9-field layout: `storedBatchHashes[number]`. */
  storedBatchHash: Uint8Array
  /** Absent for genesis (batch 0), which is never committed by a transaction. */
  commitBatchInfo?: CommitBatchInfo
  /** `commitBatchesSharedBridge(address, uint256, uint256, bytes)` calldata, encoding version 1. */
  commitCalldata?: string
  l1TxCount: number
  l2TxCount: number
  writes: BatchWrite[]
  /** Canonical hashes of the batch's L1 → L2 priority transactions (deposits). */
  priorityTxHashes: Uint8Array[]
  /** The deposits behind priorityTxHashes, in order (deposits.ts); absent for genesis. */
  deposits?: WorldDeposit[]
  status: 'committed' | 'proven' | 'executed'
  /** Where the batch was committed, proven and executed. */
  settledOn: 'l1' | 'gateway'
  /** The batch's pubdata (standard format); absent for genesis. */
  pubdata?: Uint8Array
  /** Its L2→L1 logs, their tree and the withdrawals among them (batchLogs.ts); absent for genesis. */
  l2Logs?: BatchLogs
  /** Present when the pubdata went out in EIP-4844 blobs (options.blobBatches): what a beacon node serves. */
  blobs?: PublishedBlobArtifacts[]
}

/** The Gateway side of the world's history: what Era did on Gateway while it settled there. */
export interface GatewaySettlement {
  chainId: bigint
  from: bigint
  to: bigint
  /** Gateway's own diamond on L1 (the world's L1 carries its storage). */
  diamondOnL1: string
  /** Era's diamond on Gateway: the storage the Gateway chain's state holds for Era. */
  eraDiamond: string
  /**
   * Era's commit / prove / execute calls on Gateway, in order, writing Era's diamond on Gateway (`writes`), after
   * the migration in, whose writes are `migrationIn`.
   */
  operations: L1Operation[]
  migrationIn: { address: string; slot: string; value: string }[]
}

/** Untrusted locators an L2 node reports for a batch; the world's L1 knows the real ones. */
export interface L1BatchLocators {
  commitTxHash?: string
  proveTxHash?: string
  executeTxHash?: string
  /** The L1 chain the transactions went to (`commitChainId` …); omitted, the fields are null. */
  l1ChainId?: bigint
}

export interface ZksyncWorld {
  seed: string
  chainId: bigint
  diamond: string
  protocolVersion: typeof PROTOCOL_VERSION
  /** L1 meta parameters the commitment hashes (diamond slots 25, 23, 24, 58). */
  meta: MetaHashes
  verifier: string
  /** The verifier's L1 code: a DualVerifier at `verifier` over era-contracts' FFLONK and PLONK verifiers. */
  verifierCode: EraVerifierContracts
  validatorTimelock: string
  operator: string
  /** Accounts in creation order; the last one is absent from the tree until batch 2. */
  accounts: string[]
  /** A bridged ERC-20 (BridgedStandardERC20 layout: balances at slot 51). */
  token: { address: string; balanceSlot: bigint }
  /** Index = batch number; 0 is genesis. */
  batches: ZksyncBatch[]
  latestBatch: bigint
  counters: { totalBatchesCommitted: bigint; totalBatchesVerified: bigint; totalBatchesExecuted: bigint }
  /** Diamond storage after every operation; zero words are left out, as an MPT leaves them out. */
  diamondStorage: ReadonlyMap<string, string>
  /** The diamond's history: commit / prove / execute in the order the L1 world should mine them. */
  operations: L1Operation[]
  /** Present when the world has a Gateway window (options.gatewayWindow). */
  gateway?: GatewaySettlement
  /** Diamond storage after the first `applied` operations (0 = before any commit: genesis batch only). */
  diamondStorageAt(applied: number): Map<string, string>
  /** `zks_getProof(address, keys, batchNumber)`; null for a batch the node does not have (as ZE answers). */
  getProof(address: string, keys: readonly string[], batchNumber: bigint): ZksProofJson | null
  /** `zks_getL1BatchDetails(n)`; null for an unknown batch. */
  l1BatchDetails(n: bigint, locators?: L1BatchLocators): L1BatchDetailsJson | null
  /** Ground truth for tests: the word at (address, slot) after batch n, and its enumeration index (0 = absent). */
  storageAt(address: string, slot: string, batchNumber: bigint): { value: bigint; index: bigint }
  ethBalance(account: string, batchNumber: bigint): bigint
  tokenBalance(account: string, batchNumber: bigint): bigint
  /** The raw NonceHolder word's minNonce (the account's tx nonce). */
  nonce(account: string, batchNumber: bigint): bigint
}

/** `zks_getL1BatchDetails` result (ZE `L1BatchDetails`, flattened `BlockDetailsBase`, zksync.md §3.4). */
export interface L1BatchDetailsJson {
  number: number
  timestamp: number
  l1TxCount: number
  l2TxCount: number
  rootHash: string
  status: 'sealed' | 'verified'
  commitment: string
  commitTxHash: string | null
  committedAt: string | null
  commitTxFinality: string | null
  commitChainId: number | null
  proveTxHash: string | null
  provenAt: string | null
  proveTxFinality: string | null
  proveChainId: number | null
  executeTxHash: string | null
  executedAt: string | null
  executeTxFinality: string | null
  executeChainId: number | null
  precommitTxHash: null
  precommittedAt: null
  precommitTxFinality: null
  precommitChainId: null
  l1GasPrice: number
  l2FairGasPrice: number
  fairPubdataPrice: number
  baseSystemContractsHashes: { bootloader: string; default_aa: string; evm_emulator: string }
}

/** Deterministic bytes: keccak256(seed ‖ 0x00 ‖ label). */
function seeded(seed: string, ...label: (string | number | bigint)[]): Uint8Array {
  const enc = new TextEncoder()
  return keccak_256(concatBytes(enc.encode(seed), Uint8Array.of(0), enc.encode(label.join('/'))))
}
const seededInt = (seed: string, mod: bigint, ...label: (string | number | bigint)[]) =>
  bytesToBigint(seeded(seed, ...label)) % mod
const seededAddress = (seed: string, ...label: (string | number)[]) => seeded(seed, ...label).slice(12)
/** A bytecode hash in the versioned form ZKsync uses (version 1, then the length in words), for realism only. */
const bytecodeHash = (seed: string, what: string) => {
  const h = seeded(seed, 'bytecode', what)
  h.set([1, 0, 0x0a, 0x5b], 0)
  return h
}

/** Solidity `mapping(address => …)[account]` slot. */
function addressMappingSlot(account: Uint8Array, mappingSlot: bigint): Uint8Array {
  return keccak_256(concatBytes(new Uint8Array(12), account, bigintToBytes32(mappingSlot)))
}

export function buildZksyncWorld(options: ZksyncWorldOptions): ZksyncWorld {
  const { seed } = options
  const nAccounts = options.accounts ?? 3
  const nBatches = options.batches ?? 4
  if (!Number.isInteger(nAccounts) || nAccounts < 2 || nAccounts > 64)
    throw new RangeError('accounts: 2 to 64')
  if (!Number.isInteger(nBatches) || nBatches < 3 || nBatches > 64) throw new RangeError('batches: 3 to 64')
  const window = options.gatewayWindow
  if (
    window &&
    !(
      Number.isInteger(window.from) &&
      Number.isInteger(window.to) &&
      window.from >= 1 &&
      window.from <= window.to &&
      window.to <= nBatches - 3
    )
  )
    throw new RangeError('gatewayWindow: 1 ≤ from ≤ to ≤ batches − 3')
  const onGateway = (n: bigint) => window !== undefined && n >= BigInt(window.from) && n <= BigInt(window.to)

  const accounts = Array.from({ length: nAccounts }, (_, i) => seededAddress(seed, 'account', i))
  const funded = accounts.slice(0, -1)
  const late = accounts[accounts.length - 1]!
  const token = seededAddress(seed, 'token')
  const filler = seededAddress(seed, 'filler-contract')
  const meta: MetaHashes = {
    zkPorterIsAvailable: false,
    bootloaderHash: bytecodeHash(seed, 'bootloader'),
    defaultAAHash: bytecodeHash(seed, 'default-aa'),
    evmEmulatorHash: bytecodeHash(seed, 'evm-emulator'),
  }
  const verifier = seededAddress(seed, 'verifier')
  const validatorTimelock = seededAddress(seed, 'validator-timelock')
  const operator = seededAddress(seed, 'operator')
  const l2DaValidator = seededAddress(seed, 'l2-da-validator')
  const genesisTimestamp = 1_750_000_000n + seededInt(seed, 1_000_000n, 'genesis-time')

  // ---- L2 state: genesis, then a few transactions per batch ------------------------------------------------
  const tree = new SparseTreeBuilder()
  const read = (address: Uint8Array, slot: Uint8Array) =>
    bytesToBigint(tree.read(address, slot)?.value ?? ZERO32)
  let pending: Map<string, BatchWrite> = new Map()
  const write = (address: Uint8Array, slot: Uint8Array, value: bigint) => {
    if (value < 0n || value >= 1n << 256n) throw new RangeError('storage value out of range')
    const before = read(address, slot)
    const { index, initial } = tree.write(address, slot, bigintToBytes32(value))
    const id = bytesToHex(storageTreeKey(address, slot))
    const prior = pending.get(id)
    pending.set(id, {
      address: bytesToHex(address),
      slot: bytesToHex(slot),
      treeKey: id,
      before: prior?.before ?? before,
      after: value,
      index,
      initial: prior?.initial ?? initial,
    })
  }
  const ethSlot = (a: Uint8Array) => addressMappingSlot(a, 0n)
  const nonceSlot = (a: Uint8Array) => addressMappingSlot(a, 0n)
  const tokenSlot = (a: Uint8Array) => addressMappingSlot(a, ERC20_BALANCES_SLOT)
  const addEth = (a: Uint8Array, delta: bigint) =>
    write(L2_BASE_TOKEN, ethSlot(a), read(L2_BASE_TOKEN, ethSlot(a)) + delta)
  const ethSupplySlot = bigintToBytes32(1n)
  const tokenSupplySlot = bigintToBytes32(ERC20_TOTAL_SUPPLY_SLOT)

  // Genesis: funded accounts, supply words, a token holder, and a contract with some unrelated storage so that
  // proofs have realistic depth.
  let supply = 0n
  funded.forEach((a, i) => {
    const amount = (10n + seededInt(seed, 90n, 'genesis-eth', i)) * ETH
    addEth(a, amount)
    supply += amount
  })
  write(L2_BASE_TOKEN, ethSupplySlot, supply)
  const tokenSupply = (1000n + seededInt(seed, 9000n, 'token-supply')) * 10n ** 6n
  write(token, tokenSlot(funded[0]!), tokenSupply)
  write(token, tokenSupplySlot, tokenSupply)
  for (let s = 0; s < 16; s++)
    write(filler, bigintToBytes32(BigInt(s)), bytesToBigint(seeded(seed, 'filler', s)))

  const batches: ZksyncBatch[] = []
  const genesisSnap = tree.snapshot()
  const genesisSbi: StoredBatchInfo = {
    batchNumber: 0n,
    batchHash: genesisSnap.root,
    indexRepeatedStorageChanges: genesisSnap.lastIndex,
    numberOfLayer1Txs: 0n,
    priorityOperationsHash: EMPTY_STRING_KECCAK,
    dependencyRootsRollingHash: ZERO32,
    l2LogsTreeRoot: ZERO32,
    timestamp: genesisTimestamp,
    commitment: seeded(seed, 'genesis-commitment'),
  }
  batches.push({
    number: 0n,
    timestamp: genesisTimestamp,
    stateRoot: genesisSnap.root,
    tree: genesisSnap,
    storedBatchInfo: genesisSbi,
    storedBatchHash: hashStoredBatchInfo(genesisSbi),
    l1TxCount: 0,
    l2TxCount: 0,
    writes: [...pending.values()],
    priorityTxHashes: [],
    status: 'executed',
    settledOn: 'l1',
  })

  const diamondHex = ERA_DIAMOND
  let priorityCount = 0
  for (let n = 1n; n <= BigInt(nBatches); n++) {
    pending = new Map()
    const i = Number(n)
    // An L2 ETH transfer: the sender pays a fee to the bootloader and bumps its nonce.
    const sender = funded[(i - 1) % funded.length]!
    let receiver = i === 2 ? late : accounts[i % nAccounts]!
    if (receiver === sender) receiver = accounts[(i + 1) % nAccounts]!
    const amount = 10n ** 16n + seededInt(seed, 10n ** 17n, 'transfer', i)
    const fee = 10n ** 13n + seededInt(seed, 10n ** 13n, 'fee', i)
    addEth(sender, -(amount + fee))
    addEth(receiver, amount)
    addEth(BOOTLOADER, fee)
    write(NONCE_HOLDER, nonceSlot(sender), read(NONCE_HOLDER, nonceSlot(sender)) + 1n)
    let l2TxCount = 1
    // Odd batches: a token transfer between the first two accounts, back and forth.
    if (i % 2 === 1) {
      const [from, to] = i % 4 === 1 ? [funded[0]!, accounts[1]!] : [accounts[1]!, funded[0]!]
      const t = read(token, tokenSlot(from)) / 10n
      write(token, tokenSlot(from), read(token, tokenSlot(from)) - t)
      write(token, tokenSlot(to), read(token, tokenSlot(to)) + t)
      write(NONCE_HOLDER, nonceSlot(from), read(NONCE_HOLDER, nonceSlot(from)) + 1n)
      l2TxCount++
    }
    // Odd batches also carry one L1 deposit (a priority operation) that mints ETH on L2 (deposits.ts): an ETH
    // deposit that succeeds, except every fourth batch from 5 on, whose token deposit fails on L2 (its mint goes to
    // the refund recipient; the L1Nullifier records it, so it can be reclaimed on L1).
    const priorityTxHashes: Uint8Array[] = []
    const deposits: WorldDeposit[] = []
    if (i % 2 === 1) {
      const deposit = ETH + seededInt(seed, ETH, 'deposit', i)
      addEth(funded[0]!, deposit)
      write(L2_BASE_TOKEN, ethSupplySlot, read(L2_BASE_TOKEN, ethSupplySlot) + deposit)
      const fails = i % 4 === 1 && i > 1
      const d = worldDeposit({
        seededBytes: (...label) => seeded(seed, ...label),
        txId: BigInt(priorityCount++),
        kind: fails ? 'token' : 'eth',
        succeeded: !fails,
        expiration: genesisTimestamp + n * 600n + 86_400n,
      })
      deposits.push(d)
      priorityTxHashes.push(hexToBytes(d.l2TxHash))
    }
    write(filler, bigintToBytes32(BigInt(i % 16)), bytesToBigint(seeded(seed, 'filler', 'batch', i)))

    batches.push({
      ...sealBatch({
        seed,
        chainId: DEVNET_CHAIN_ID,
        number: n,
        snapshot: tree.snapshot(),
        writes: [...pending.values()],
        previous: batches[i - 1]!,
        timestamp: genesisTimestamp + n * 600n,
        priorityTxHashes,
        priorityStatuses: deposits.map((d) => d.succeeded),
        l2TxCount,
        meta,
        l2DaValidator,
        // On Gateway the call goes to Era's diamond there, and names it (v29 `commitBatchesSharedBridge(address,…)`).
        chainAddress: onGateway(n) ? ERA_DIAMOND_ON_GATEWAY : diamondHex,
        settledOn: onGateway(n) ? 'gateway' : 'l1',
        publishBlobs: !onGateway(n) && (options.blobBatches ?? []).includes(i),
      }),
      deposits,
    })
  }

  // ---- L1: the diamond's storage and the operations that wrote it ------------------------------------------
  const N = BigInt(nBatches)
  const counters = { totalBatchesCommitted: N, totalBatchesVerified: N - 1n, totalBatchesExecuted: N - 2n }
  for (const b of batches)
    b.status =
      b.number <= counters.totalBatchesExecuted
        ? 'executed'
        : b.number <= counters.totalBatchesVerified
          ? 'proven'
          : 'committed'

  const genesisStorage = new Map<string, string>()
  const put = (m: Map<string, string>, slot: string, value: string) => {
    if (/^0x0*$/.test(value)) m.delete(slot)
    else m.set(slot, value)
  }
  put(genesisStorage, slotHex(S.verifier), addressWordHex(verifier))
  put(genesisStorage, slotHex(S.l2BootloaderBytecodeHash), bytesToHex(meta.bootloaderHash))
  put(genesisStorage, slotHex(S.l2DefaultAccountBytecodeHash), bytesToHex(meta.defaultAAHash))
  put(genesisStorage, slotHex(S.l2EvmEmulatorBytecodeHash), bytesToHex(meta.evmEmulatorHash))
  put(genesisStorage, slotHex(S.zkPorterIsAvailable), wordHex(meta.zkPorterIsAvailable ? 1n : 0n))
  put(genesisStorage, slotHex(S.protocolVersion), wordHex(PROTOCOL_VERSION.packed))
  put(genesisStorage, slotHex(S.chainId), wordHex(DEVNET_CHAIN_ID))
  put(genesisStorage, slotHex(S.bridgehub), addressWordHex(hexToBytes(L1_BRIDGEHUB)))
  put(genesisStorage, slotHex(S.settlementLayer), wordHex(0n))
  put(genesisStorage, mappingSlotHex(0n, S.storedBatchHashes), bytesToHex(batches[0]!.storedBatchHash))

  const operations: L1Operation[] = []
  const gatewayOperations: L1Operation[] = []
  const from = bytesToHex(operator)
  const to = bytesToHex(validatorTimelock)
  const gatewayTimelock = bytesToHex(seededAddress(seed, 'gateway-validator-timelock'))
  const topicOf = (v: bigint) => wordHex(v)
  // Each call goes to the ValidatorTimelock of the layer the batch settles on and writes that layer's diamond.
  const place = (b: ZksyncBatch) =>
    b.settledOn === 'gateway'
      ? { list: gatewayOperations, diamond: ERA_DIAMOND_ON_GATEWAY, timelock: gatewayTimelock }
      : { list: operations, diamond: diamondHex, timelock: to }
  const diamondWrites = (diamond: string, pairs: [string, string][]) =>
    pairs.map(([slot, value]) => ({ address: diamond, slot, value }))
  // The priority tree's unprocessedIndex (diamond slot 52; startIndex, slot 51, stays 0): the priority requests of
  // batches 1 … n, once n is executed (Executor `_executeOneBatch` → `priorityTree.processBatch`).
  const processedThrough = (n: bigint) =>
    batches.slice(1, Number(n) + 1).reduce((k, b) => k + b.priorityTxHashes.length, 0)
  const UNPROCESSED_INDEX_SLOT = slotHex(52n)
  const commit = (b: ZksyncBatch) => {
    const { list, diamond, timelock } = place(b)
    // A batch on L1 executes deposits made on L1 before it: each a user's call to the Bridgehub, whose
    // NewPriorityRequest the diamond emits. (The Gateway window's deposits have no L1 transaction here.)
    if (b.settledOn === 'l1')
      for (const d of b.deposits ?? [])
        list.push({
          kind: 'deposit',
          batchNumber: b.number,
          from: d.l1Sender,
          to: L1_BRIDGEHUB,
          input: d.l1Input,
          value: d.mintValue,
          log: { address: diamond, topics: [NEW_PRIORITY_REQUEST], data: d.eventData },
          writes: [],
        })
    list.push({
      kind: 'commit',
      batchNumber: b.number,
      from,
      to: timelock,
      input: b.commitCalldata!,
      ...(b.blobs ? { blobVersionedHashes: b.blobs.map((x) => bytesToHex(x.versionedHash)) } : {}),
      log: {
        address: diamond,
        topics: [
          EXECUTOR_EVENTS.BlockCommit,
          topicOf(b.number),
          bytesToHex(b.stateRoot),
          bytesToHex(b.storedBatchInfo.commitment),
        ],
        data: '0x',
      },
      writes: diamondWrites(diamond, [
        [mappingSlotHex(b.number, S.storedBatchHashes), bytesToHex(b.storedBatchHash)],
        [slotHex(S.totalBatchesCommitted), wordHex(b.number)],
      ]),
    })
  }
  const prove = (b: ZksyncBatch) => {
    const { list, diamond, timelock } = place(b)
    list.push({
      kind: 'prove',
      batchNumber: b.number,
      from,
      to: timelock,
      input: encodeProveCalldata(diamond, batches[Number(b.number) - 1]!.storedBatchInfo, b.storedBatchInfo, [
        1n,
        bytesToBigint(seeded(seed, 'fake-proof', b.number)),
      ]),
      log: {
        address: diamond,
        topics: [EXECUTOR_EVENTS.BlocksVerification, topicOf(b.number - 1n), topicOf(b.number)],
        data: '0x',
      },
      writes: diamondWrites(diamond, [[slotHex(S.totalBatchesVerified), wordHex(b.number)]]),
    })
  }
  const execute = (b: ZksyncBatch) => {
    const { list, diamond, timelock } = place(b)
    list.push({
      kind: 'execute',
      batchNumber: b.number,
      from,
      to: timelock,
      input: encodeExecuteCalldata(diamond, b.storedBatchInfo, b.priorityTxHashes),
      log: {
        address: diamond,
        topics: [
          EXECUTOR_EVENTS.BlockExecution,
          topicOf(b.number),
          bytesToHex(b.stateRoot),
          bytesToHex(b.storedBatchInfo.commitment),
        ],
        data: '0x',
      },
      writes: diamondWrites(diamond, [
        [slotHex(S.totalBatchesExecuted), wordHex(b.number)],
        [mappingSlotHex(b.number, S.l2LogsRootHashes), bytesToHex(b.storedBatchInfo.l2LogsTreeRoot)],
        [UNPROCESSED_INDEX_SLOT, wordHex(BigInt(processedThrough(b.number)))],
      ]),
    })
  }
  // Interleaved as an operator would: commit n, prove n−1, execute n−2; `drain` then finishes the last two, as
  // a chain must before it migrates (forwardedBridgeBurn wants every batch executed here).
  const interleave = (first: number, last: number, drain: boolean) => {
    for (let n = first; n <= last; n++) {
      commit(batches[n]!)
      if (n - 1 >= first && BigInt(n - 1) <= counters.totalBatchesVerified) prove(batches[n - 1]!)
      if (n - 2 >= first && BigInt(n - 2) <= counters.totalBatchesExecuted) execute(batches[n - 2]!)
    }
    if (!drain || last < first) return
    prove(batches[last]!)
    for (let n = Math.max(first, last - 1); n <= last; n++) execute(batches[n]!)
  }
  // The migration, as L1 sees it: on the way out, `settlementLayer` (slot 50) names Gateway's diamond on L1; on
  // the way back, forwardedBridgeMint writes the counters, storedBatchHashes[executed] (the one hash of
  // `ZKChainCommitment.batchHashes` when nothing is unexecuted) and clears settlementLayer.
  const migrationTopic = bytesToHex(keccak_256(new TextEncoder().encode('MigrationComplete()')))
  const migrate = (batchNumber: bigint, writes: [string, string][]) =>
    operations.push({
      kind: 'migrate',
      batchNumber,
      from,
      to: bytesToHex(seededAddress(seed, 'chain-asset-handler')),
      input: bytesToHex(concatBytes(Uint8Array.of(0x4a, 0x2e, 0x35, 0xba), bigintToBytes32(DEVNET_CHAIN_ID))),
      log: { address: diamondHex, topics: [migrationTopic], data: '0x' },
      writes: diamondWrites(diamondHex, writes),
    })
  let gateway: GatewaySettlement | undefined
  if (window) {
    interleave(1, window.from - 1, true)
    migrate(BigInt(window.from - 1), [
      [slotHex(S.settlementLayer), addressWordHex(hexToBytes(GATEWAY_DIAMOND_ON_L1))],
    ])
    const before = batches[window.from - 1]!
    const migrationIn = diamondWrites(ERA_DIAMOND_ON_GATEWAY, [
      ...[...genesisStorage].filter(
        ([slot]) => slot !== mappingSlotHex(0n, S.storedBatchHashes) && slot !== slotHex(S.bridgehub),
      ),
      // On Gateway the diamond's Bridgehub is Gateway's own, the L2 system contract.
      [slotHex(S.bridgehub), addressWordHex(hexToBytes(L2_BRIDGEHUB))],
      [mappingSlotHex(before.number, S.storedBatchHashes), bytesToHex(before.storedBatchHash)],
      [slotHex(S.totalBatchesCommitted), wordHex(before.number)],
      [slotHex(S.totalBatchesVerified), wordHex(before.number)],
      [slotHex(S.totalBatchesExecuted), wordHex(before.number)],
    ])
    interleave(window.from, window.to, true)
    const last = batches[window.to]!
    migrate(last.number, [
      [slotHex(S.totalBatchesCommitted), wordHex(last.number)],
      [slotHex(S.totalBatchesVerified), wordHex(last.number)],
      [slotHex(S.totalBatchesExecuted), wordHex(last.number)],
      [mappingSlotHex(last.number, S.storedBatchHashes), bytesToHex(last.storedBatchHash)],
      [slotHex(S.settlementLayer), wordHex(0n)],
      [UNPROCESSED_INDEX_SLOT, wordHex(BigInt(processedThrough(last.number)))],
    ])
    interleave(window.to + 1, nBatches, false)
    gateway = {
      chainId: GATEWAY_CHAIN_ID,
      from: BigInt(window.from),
      to: BigInt(window.to),
      diamondOnL1: GATEWAY_DIAMOND_ON_L1,
      eraDiamond: ERA_DIAMOND_ON_GATEWAY,
      operations: gatewayOperations,
      migrationIn,
    }
  } else interleave(1, nBatches, false)

  const diamondStorageAt = (applied: number): Map<string, string> => {
    if (!Number.isInteger(applied) || applied < 0 || applied > operations.length)
      throw new RangeError(`applied: 0 to ${operations.length}`)
    const m = new Map(genesisStorage)
    for (const op of operations.slice(0, applied)) for (const w of op.writes) put(m, w.slot, w.value)
    return m
  }

  const batchAt = (n: bigint): ZksyncBatch | undefined => (n >= 0n && n <= N ? batches[Number(n)] : undefined)

  const storageAt = (address: string, slot: string, batchNumber: bigint) => {
    const b = batchAt(batchNumber)
    if (!b) throw new RangeError(`no batch ${batchNumber}`)
    const leaf = b.tree.lookup(
      storageTreeKey(hexToBytes(address, 'address', 20), hexToBytes(slot, 'slot', 32)),
    )
    return { value: leaf ? bytesToBigint(leaf.value) : 0n, index: leaf?.index ?? 0n }
  }
  const hex = (a: Uint8Array) => bytesToHex(a)

  return {
    seed,
    chainId: DEVNET_CHAIN_ID,
    diamond: diamondHex,
    protocolVersion: PROTOCOL_VERSION,
    meta,
    verifier: hex(verifier),
    verifierCode: eraVerifierContracts({
      verifier: hex(verifier),
      fflonk: hex(seededAddress(seed, 'verifier-fflonk')),
      plonk: hex(seededAddress(seed, 'verifier-plonk')),
    }),
    validatorTimelock: hex(validatorTimelock),
    operator: hex(operator),
    accounts: accounts.map(hex),
    token: { address: hex(token), balanceSlot: ERC20_BALANCES_SLOT },
    batches,
    latestBatch: N,
    counters,
    diamondStorage: diamondStorageAt(operations.length),
    operations,
    ...(gateway ? { gateway } : {}),
    diamondStorageAt,
    getProof(address, keys, batchNumber) {
      const b = batchAt(batchNumber)
      if (!b) return null
      return zksProofJson(
        b.tree,
        hexToBytes(address, 'address', 20),
        keys.map((k, i) => hexToBytes(k, `keys.${i}`, 32)),
      )
    },
    l1BatchDetails(n, locators = {}) {
      const b = batchAt(n)
      return b ? batchDetails(b, meta, locators) : null
    },
    storageAt,
    ethBalance: (account, n) =>
      storageAt(hex(L2_BASE_TOKEN), hex(ethSlot(hexToBytes(account, 'account', 20))), n).value,
    tokenBalance: (account, n) =>
      storageAt(hex(token), hex(tokenSlot(hexToBytes(account, 'account', 20))), n).value,
    nonce: (account, n) =>
      storageAt(hex(NONCE_HOLDER), hex(nonceSlot(hexToBytes(account, 'account', 20))), n).value &
      ((1n << 128n) - 1n),
  }
}

/** An ISO time a fixed delay after the batch: deterministic, no clock. */
const at = (b: ZksyncBatch, delaySeconds: bigint) =>
  new Date(Number((b.timestamp + delaySeconds) * 1000n)).toISOString()

function batchDetails(b: ZksyncBatch, meta: MetaHashes, loc: L1BatchLocators): L1BatchDetailsJson {
  const chain = loc.l1ChainId === undefined ? null : Number(loc.l1ChainId)
  const stage = (hash: string | undefined, reached: boolean, delay: bigint) =>
    hash && reached
      ? { hash, at: at(b, delay), finality: 'finalized', chain }
      : { hash: null, at: null, finality: null, chain: null }
  const committed = b.number > 0n
  const commit = stage(loc.commitTxHash, committed, 120n)
  const prove = stage(loc.proveTxHash, committed && b.status !== 'committed', 1200n)
  const execute = stage(loc.executeTxHash, committed && b.status === 'executed', 3600n)
  return {
    number: Number(b.number),
    timestamp: Number(b.timestamp),
    l1TxCount: b.l1TxCount,
    l2TxCount: b.l2TxCount,
    rootHash: bytesToHex(b.stateRoot),
    status: b.status === 'executed' ? 'verified' : 'sealed',
    commitment: bytesToHex(b.storedBatchInfo.commitment),
    commitTxHash: commit.hash,
    committedAt: commit.at,
    commitTxFinality: commit.finality,
    commitChainId: commit.chain,
    proveTxHash: prove.hash,
    provenAt: prove.at,
    proveTxFinality: prove.finality,
    proveChainId: prove.chain,
    executeTxHash: execute.hash,
    executedAt: execute.at,
    executeTxFinality: execute.finality,
    executeChainId: execute.chain,
    precommitTxHash: null,
    precommittedAt: null,
    precommitTxFinality: null,
    precommitChainId: null,
    l1GasPrice: 1_000_000_000,
    l2FairGasPrice: 45_250_000,
    fairPubdataPrice: 17_000_000_000,
    baseSystemContractsHashes: {
      bootloader: bytesToHex(meta.bootloaderHash),
      default_aa: bytesToHex(meta.defaultAAHash),
      evm_emulator: bytesToHex(meta.evmEmulatorHash),
    },
  }
}
