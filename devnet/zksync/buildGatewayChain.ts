import { keccak_256 } from '@noble/hashes/sha3.js'
import {
  bigintToBytes32,
  bytesToBigint,
  bytesToHex,
  concatBytes,
  hexToBytes,
} from '../../src/verifier/encoding/hex'
import { encodeRangeCommit } from '../../src/verifier/zksync/batches/encodeCommitCalldata'
import {
  BRIDGEHUB_STORAGE_SLOTS as B,
  L2_BRIDGEHUB_ADDRESS,
  zkChainSlot,
} from '../../src/verifier/zksync/batches/bridgehubSlots'
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
import {
  GATEWAY_CHAIN_ID,
  PROTOCOL_VERSION,
  type BatchWrite,
  type GatewaySettlement,
  type L1BatchDetailsJson,
  type L1BatchLocators,
  type L1Operation,
  type ZksyncBatch,
  type ZksyncWorld,
} from './buildZksyncWorld'
import { gatewayTxHash } from './gatewayTransactions'
import { sealBatch, seeded } from './sealBatch'
import { SparseTreeBuilder, storageTreeKey, zksProofJson, type ZksProofJson } from './sparseTree'

/**
 * ZKsync Gateway of the test world (issue 17): a second ZKsync chain, id 9075, with its own Blake2s state tree,
 * batches and diamond on L1. Its state holds what Era did there — its Bridgehub (L2 system contract 0x…10002)
 * registers Era's diamond on Gateway when Era migrates in, and that diamond's storage follows Era's commit,
 * prove and execute calls, each a Gateway transaction in a Gateway batch — and its own batches are committed,
 * proven and executed on L1 like Era's, through Gateway's diamond there.
 *
 * Gateway batches: 0 genesis; 1 Era migrates in; then one batch per kind of Era call (commits, proves,
 * executes); last, Era migrates back out (its diamond on Gateway names L1 as settlement layer).
 */
export interface GatewayChain {
  seed: string
  chainId: bigint
  diamondOnL1: string
  eraDiamond: string
  meta: MetaHashes
  verifier: string
  batches: ZksyncBatch[]
  latestBatch: bigint
  /** Every Gateway batch is executed on L1. */
  counters: { totalBatchesCommitted: bigint; totalBatchesVerified: bigint; totalBatchesExecuted: bigint }
  /** The storage of Gateway's diamond on L1 before any of its operations. */
  genesisDiamondStorage: Map<string, string>
  /** Gateway's commit / prove / execute calls on L1, in order. */
  l1Operations: L1Operation[]
  /** Era's calls on Gateway, by transaction hash: the Gateway batch that carries each. */
  eraTransactions: { hash: string; op: L1Operation; gatewayBatch: bigint }[]
  getProof(address: string, keys: readonly string[], batchNumber: bigint): ZksProofJson | null
  l1BatchDetails(m: bigint, locators?: L1BatchLocators): L1BatchDetailsJson | null
  /** eth_getTransactionByHash on Gateway, for Era's calls there. */
  transaction(hash: string): Record<string, unknown> | null
}

export interface GatewayChainOptions {
  /**
   * `forged-era`: a Gateway whose state holds another stored hash for every Era batch of the window (a Gateway
   * lying about what it settled): same shape, other roots. The `gateway-state-root` lie serves it.
   */
  variant?: 'forged-era'
}

export const GATEWAY_VIRTUAL_L1 = bytesToHex(
  bigintToBytes32(
    bytesToBigint(keccak_256(new TextEncoder().encode('L1_SETTLEMENT_LAYER_VIRTUAL_ADDRESS'))) - 1n,
  ).subarray(12),
)

export function buildGatewayChain(era: ZksyncWorld, options: GatewayChainOptions = {}): GatewayChain {
  const gw: GatewaySettlement | undefined = era.gateway
  if (!gw) throw new RangeError('the ZKsync world has no Gateway window')
  const seed = `${era.seed}#gateway${options.variant ? `#${options.variant}` : ''}`
  // The forged variant differs in Era's data only; Gateway's own constants stay those of the honest one.
  const base = `${era.seed}#gateway`
  const meta: MetaHashes = {
    zkPorterIsAvailable: false,
    bootloaderHash: seeded(base, 'bootloader'),
    defaultAAHash: seeded(base, 'default-aa'),
    evmEmulatorHash: seeded(base, 'evm-emulator'),
  }
  for (const h of [meta.bootloaderHash, meta.defaultAAHash, meta.evmEmulatorHash])
    h.set([1, 0, 0x0a, 0x5b], 0)
  const verifier = seeded(base, 'verifier').slice(12)
  const operator = bytesToHex(seeded(base, 'operator').slice(12))
  const timelock = bytesToHex(seeded(base, 'validator-timelock').slice(12))
  const l2DaValidator = seeded(base, 'l2-da-validator').slice(12)
  const filler = seeded(base, 'filler').slice(12)
  const bridgehub = hexToBytes(L2_BRIDGEHUB_ADDRESS)
  const genesisTimestamp = era.batches[0]!.timestamp - 86_400n

  const tree = new SparseTreeBuilder()
  let pending = new Map<string, BatchWrite>()
  const write = (address: Uint8Array, slot: Uint8Array, value: bigint) => {
    const before = bytesToBigint(tree.read(address, slot)?.value ?? ZERO32)
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
  const writeHex = (w: { address: string; slot: string; value: string }) =>
    write(hexToBytes(w.address), hexToBytes(w.slot), BigInt(w.value))

  // Genesis: Gateway's Bridgehub with an admin, and unrelated storage so proofs have depth.
  write(bridgehub, bigintToBytes32(206n), bytesToBigint(seeded(base, 'bridgehub-admin').slice(12)))
  for (let s = 0; s < 12; s++)
    write(filler, bigintToBytes32(BigInt(s)), bytesToBigint(seeded(base, 'filler', s)))
  const genesisSnap = tree.snapshot()
  const genesisSbi = {
    batchNumber: 0n,
    batchHash: genesisSnap.root,
    indexRepeatedStorageChanges: genesisSnap.lastIndex,
    numberOfLayer1Txs: 0n,
    priorityOperationsHash: EMPTY_STRING_KECCAK,
    dependencyRootsRollingHash: ZERO32,
    l2LogsTreeRoot: ZERO32,
    timestamp: genesisTimestamp,
    commitment: seeded(base, 'genesis-commitment'),
  }
  const batches: ZksyncBatch[] = [
    {
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
    },
  ]
  const seal = (l2TxCount: number) => {
    const m = BigInt(batches.length)
    write(filler, bigintToBytes32(m % 12n), bytesToBigint(seeded(base, 'filler', 'batch', m)))
    const b = sealBatch({
      seed: base,
      chainId: GATEWAY_CHAIN_ID,
      number: m,
      snapshot: tree.snapshot(),
      writes: [...pending.values()],
      previous: batches[batches.length - 1]!,
      timestamp: genesisTimestamp + m * 3600n,
      priorityTxHashes: [],
      l2TxCount,
      meta,
      l2DaValidator,
      chainAddress: gw.diamondOnL1,
      settledOn: 'l1',
    })
    batches.push(b)
    pending = new Map()
    return b
  }

  // Batch 1: Era migrates in. Gateway's Bridgehub registers it in zkChainMap (the EnumerableMap's key set at
  // 208/209 and the value at 210) and the diamond gets what forwardedBridgeMint writes there.
  const eraKey = era.chainId
  write(bridgehub, bigintToBytes32(B.zkChainMapValues - 2n), 1n)
  write(bridgehub, keccak_256(bigintToBytes32(B.zkChainMapValues - 2n)), eraKey)
  write(
    bridgehub,
    keccak_256(concatBytes(bigintToBytes32(eraKey), bigintToBytes32(B.zkChainMapValues - 1n))),
    1n,
  )
  write(bridgehub, zkChainSlot(eraKey), BigInt(gw.eraDiamond))
  for (const w of gw.migrationIn) writeHex(w)
  seal(1)

  // Era's calls, grouped by kind into one Gateway batch each; every call is a Gateway transaction.
  const forgedHash = (slot: string, value: string) =>
    options.variant === 'forged-era' &&
    gw.operations.some(
      (op) => op.kind === 'commit' && op.writes.some((w) => w.slot === slot && w.value === value),
    )
      ? bytesToHex(seeded(seed, 'forged-stored-hash', slot))
      : value
  const eraTransactions: GatewayChain['eraTransactions'] = []
  let group: L1Operation['kind'] | null = null
  let inGroup = 0
  gw.operations.forEach((op, i) => {
    if (group !== null && op.kind !== group) {
      seal(inGroup)
      inGroup = 0
    }
    group = op.kind
    inGroup++
    for (const w of op.writes) writeHex({ ...w, value: forgedHash(w.slot, w.value) })
    eraTransactions.push({ hash: gatewayTxHash(gw, i), op, gatewayBatch: BigInt(batches.length) })
  })
  if (inGroup > 0) seal(inGroup)
  // Last: Era migrates back to L1; its diamond on Gateway names L1's virtual address (forwardedBridgeBurn).
  write(hexToBytes(gw.eraDiamond), bigintToBytes32(S.settlementLayer), BigInt(GATEWAY_VIRTUAL_L1))
  seal(1)

  // ---- Gateway on L1: its diamond's storage and its operator's calls ------------------------------------------
  const M = BigInt(batches.length - 1)
  for (const b of batches) b.status = 'executed'
  const diamond = gw.diamondOnL1
  const genesisDiamondStorage = new Map<string, string>()
  const put = (slot: string, value: string) => {
    if (!/^0x0*$/.test(value)) genesisDiamondStorage.set(slot, value)
  }
  put(slotHex(S.verifier), addressWordHex(verifier))
  put(slotHex(S.l2BootloaderBytecodeHash), bytesToHex(meta.bootloaderHash))
  put(slotHex(S.l2DefaultAccountBytecodeHash), bytesToHex(meta.defaultAAHash))
  put(slotHex(S.l2EvmEmulatorBytecodeHash), bytesToHex(meta.evmEmulatorHash))
  put(slotHex(S.protocolVersion), wordHex(PROTOCOL_VERSION.packed))
  put(slotHex(S.chainId), wordHex(gw.chainId))
  put(mappingSlotHex(0n, S.storedBatchHashes), bytesToHex(batches[0]!.storedBatchHash))
  const at = (pairs: [string, string][]) => pairs.map(([slot, value]) => ({ address: diamond, slot, value }))
  const topic = (v: bigint) => wordHex(v)
  const l1Operations: L1Operation[] = []
  for (const b of batches.slice(1)) {
    const prev = batches[Number(b.number) - 1]!
    l1Operations.push(
      {
        kind: 'commit',
        batchNumber: b.number,
        from: operator,
        to: timelock,
        input: b.commitCalldata!,
        log: {
          address: diamond,
          topics: [
            EXECUTOR_EVENTS.BlockCommit,
            topic(b.number),
            bytesToHex(b.stateRoot),
            bytesToHex(b.storedBatchInfo.commitment),
          ],
          data: '0x',
        },
        writes: at([
          [mappingSlotHex(b.number, S.storedBatchHashes), bytesToHex(b.storedBatchHash)],
          [slotHex(S.totalBatchesCommitted), wordHex(b.number)],
        ]),
      },
      {
        kind: 'prove',
        batchNumber: b.number,
        from: operator,
        to: timelock,
        input: encodeProveCalldata(diamond, prev.storedBatchInfo, b.storedBatchInfo, [
          1n,
          bytesToBigint(seeded(base, 'fake-proof', b.number)),
        ]),
        log: {
          address: diamond,
          topics: [EXECUTOR_EVENTS.BlocksVerification, topic(b.number - 1n), topic(b.number)],
          data: '0x',
        },
        writes: at([[slotHex(S.totalBatchesVerified), wordHex(b.number)]]),
      },
      {
        kind: 'execute',
        batchNumber: b.number,
        from: operator,
        to: timelock,
        input: encodeExecuteCalldata(diamond, b.storedBatchInfo, []),
        log: {
          address: diamond,
          topics: [
            EXECUTOR_EVENTS.BlockExecution,
            topic(b.number),
            bytesToHex(b.stateRoot),
            bytesToHex(b.storedBatchInfo.commitment),
          ],
          data: '0x',
        },
        writes: at([
          [slotHex(S.totalBatchesExecuted), wordHex(b.number)],
          [mappingSlotHex(b.number, S.l2LogsRootHashes), bytesToHex(b.storedBatchInfo.l2LogsTreeRoot)],
        ]),
      },
    )
  }

  const batchAt = (m: bigint) => (m >= 0n && m <= M ? batches[Number(m)] : undefined)
  const byHash = new Map(eraTransactions.map((t) => [t.hash, t]))
  return {
    seed,
    chainId: gw.chainId,
    diamondOnL1: diamond,
    eraDiamond: gw.eraDiamond,
    meta,
    verifier: bytesToHex(verifier),
    batches,
    latestBatch: M,
    counters: { totalBatchesCommitted: M, totalBatchesVerified: M, totalBatchesExecuted: M },
    genesisDiamondStorage,
    l1Operations,
    eraTransactions,
    getProof(address, keys, m) {
      const b = batchAt(m)
      if (!b) return null
      return zksProofJson(
        b.tree,
        hexToBytes(address, 'address', 20),
        keys.map((k, i) => hexToBytes(k, `keys.${i}`, 32)),
      )
    },
    l1BatchDetails(m, locators = {}) {
      const b = batchAt(m)
      if (!b) return null
      const chain = locators.l1ChainId === undefined ? null : Number(locators.l1ChainId)
      const iso = (d: bigint) => new Date(Number((b.timestamp + d) * 1000n)).toISOString()
      const stage = (hash: string | undefined, d: bigint) =>
        hash && m > 0n
          ? { hash, at: iso(d), fin: 'finalized', chain }
          : { hash: null, at: null, fin: null, chain: null }
      const c = stage(locators.commitTxHash, 120n)
      const p = stage(locators.proveTxHash, 1200n)
      const e = stage(locators.executeTxHash, 3600n)
      return {
        number: Number(m),
        timestamp: Number(b.timestamp),
        l1TxCount: 0,
        l2TxCount: b.l2TxCount,
        rootHash: bytesToHex(b.stateRoot),
        status: 'verified',
        commitment: bytesToHex(b.storedBatchInfo.commitment),
        commitTxHash: c.hash,
        committedAt: c.at,
        commitTxFinality: c.fin,
        commitChainId: c.chain,
        proveTxHash: p.hash,
        provenAt: p.at,
        proveTxFinality: p.fin,
        proveChainId: p.chain,
        executeTxHash: e.hash,
        executedAt: e.at,
        executeTxFinality: e.fin,
        executeChainId: e.chain,
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
    },
    transaction(hash) {
      const t = byHash.get(hash.toLowerCase())
      if (!t) return null
      return {
        hash: t.hash,
        blockNumber: `0x${t.gatewayBatch.toString(16)}`,
        l1BatchNumber: `0x${t.gatewayBatch.toString(16)}`,
        from: t.op.from,
        to: t.op.to,
        input: t.op.input,
        value: '0x0',
        nonce: '0x0',
        gas: '0x1c9c380',
        chainId: `0x${gw.chainId.toString(16)}`,
        type: '0x0',
      }
    },
  }
}

/**
 * A commit of Era's batch n that Gateway never committed: the same call with another state root (the
 * `gateway-uncommitted-batch` lie serves it under the real transaction's hash).
 */
export function uncommittedCommitInput(era: ZksyncWorld, n: bigint): string | null {
  const b = era.batches[Number(n)]
  const prev = era.batches[Number(n) - 1]
  if (!b?.commitBatchInfo || !prev || !era.gateway) return null
  const forged = { ...b.commitBatchInfo, newStateRoot: seeded(era.seed, 'never-committed', n) }
  return bytesToHex(encodeRangeCommit('v29', era.gateway.eraDiamond, prev.storedBatchInfo, [forged]))
}
