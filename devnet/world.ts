import { bigintToBytes32, bytesToHex } from '../src/verifier/encoding/hex'
import { whitelistedSettlementLayerSlot, zkChainSlot } from '../src/verifier/zksync/batches/bridgehubSlots'
import { buildBeaconWorld, type BeaconWorld } from './beacon/buildBeaconWorld'
import { startBeaconApiServer, type BeaconApiServer } from './beacon/beaconApiServer'
import { BEACON_LIES, BEACON_LIE_HELP, type BeaconLie } from './beacon/beaconLies'
import { planBeaconSlots } from './beacon/beaconSlotPlan'
import {
  CHECKPOINT_PROVIDER_LIE_HELP,
  CHECKPOINT_PROVIDER_LIES,
  startCheckpointProviders,
  type CheckpointProviderLie,
} from './beacon/checkpointProviders'
import { BLOB_LIE_HELP, BLOB_LIES, blobService, type BlobLie, type BlobService } from './beacon/blobService'
import { devnetTimestampAt } from './beacon/devnetNetwork'
import {
  buildL1World,
  DEFAULT_L1_CHAIN_ID as L1_DEVNET_CHAIN_ID,
  deriveAddress,
  executionPayloadOf,
  L1_LIES,
  L1_LIE_HELP,
  startL1RpcServer,
} from './l1'
import type { L1Lie, L1RpcServer, L1World } from './l1'
import type { DevServer, TransportFault } from './servers/devServer'
import { buildZksyncWorld, startZksyncRpcServer, ZKSYNC_LIES, ZKSYNC_LIE_HELP } from './zksync'
import type { L1BatchLocators, L1Operation, ZksyncLie, ZksyncRpcServer, ZksyncWorld } from './zksync'
import { L1_BRIDGEHUB } from './zksync/buildZksyncWorld'
import { buildGatewayChain, type GatewayChain } from './zksync/buildGatewayChain'
import { gatewayTxHash } from './zksync/gatewayTransactions'
import {
  WITHDRAWAL_LIE_HELP,
  WITHDRAWAL_LIES,
  WORLD_L1_NULLIFIER,
  withdrawalService,
  worldWithdrawals,
  type WithdrawalLie,
  type WithdrawalService,
  type WorldWithdrawals,
} from './zksync/withdrawalService'
import {
  DEPOSIT_LIE_HELP,
  DEPOSIT_LIES,
  depositService,
  worldDeposits,
  type DepositLie,
  type DepositService,
  type WorldDeposits,
} from './zksync/depositService'
import {
  GATEWAY_LIE_HELP,
  GATEWAY_LIES,
  startGatewayRpcServer,
  type GatewayLie,
  type GatewayRpcServer,
} from './zksync/gatewayRpcServer'
import {
  WATCH_LIE_HELP,
  WATCH_LIES,
  watchService,
  worldGovernance,
  type WatchAnswers,
  type WatchLie,
  type WorldGovernance,
} from './zksync/worldGovernance'

/**
 * One consistent test world from a seed (issue 10): ZKsync batches whose StoredBatchInfos bind real Blake2s
 * state trees; an L1 chain whose diamond storage holds their counters and stored hashes (written by the
 * commit/prove/execute transactions it carries); a beacon chain whose finalized header carries that L1 head,
 * signed by real BLS sync committees. Served on 127.0.0.1 by endpoints that speak the real protocols, each of
 * which can be told to lie.
 */
export interface WorldLies {
  beacon?: BeaconLie
  /** The beacon node's blobs (blobService.ts): served by the beacon server, lying apart from its light client. */
  blob?: BlobLie
  l1?: L1Lie
  zksync?: ZksyncLie
  gateway?: GatewayLie
  /** Withdrawal receipts and log proofs (ZKsync) and the L1Nullifier's storage (L1): withdrawalService.ts. */
  withdrawal?: WithdrawalLie
  /** The second of the two checkpoint-sync providers (checkpointProviders.ts). */
  checkpointProvider?: CheckpointProviderLie
  /** Deposit answers: status-log proofs and receipts (ZKsync), deposit receipts (L1): depositService.ts. */
  deposit?: DepositLie
  /** The L1 node's answers about the watched contracts (diamond slots, facet accounts): worldGovernance.ts. */
  watch?: WatchLie
}

export interface WorldFaults {
  beacon?: TransportFault
  l1?: TransportFault
  zksync?: TransportFault
  gateway?: TransportFault
}

export interface WorldOptions {
  seed?: string
  /** The wall-clock time the beacon head is built for (default: now). */
  now?: Date
  lies?: WorldLies
  faults?: WorldFaults
  ports?: { beacon?: number; l1?: number; zksync?: number; gateway?: number }
  /** Build the world after its upgrade step (worldGovernance.ts): a new verifier, a new facet, a pending upgrade. */
  upgraded?: boolean
}

/** What `npm run world -- --json` prints: everything a client needs to point at the world. */
export interface WorldInfo {
  beacon: string
  l1: string
  zksync: string
  /** The ZKsync Gateway JSON-RPC (chain 9075), for `--gateway-rpc`. */
  gateway: string
  network: string
  checkpoint: string
  l1Account: string
  zksyncAccount: string
  batch: number
  /** An executed batch that settled on ZKsync Gateway (its L1 stored hash is zero, as Era's are). */
  gatewayBatch: number
  /** An ETH withdrawal in an executed L1 batch, not claimed yet: final and claimable. */
  withdrawalTx: string
  /** An ETH withdrawal in an executed L1 batch that the L1Nullifier records as claimed. */
  claimedWithdrawalTx: string
  /** An ETH withdrawal in a batch committed (and proven) on L1 but not executed. */
  pendingWithdrawalTx: string
  /** Two checkpoint-sync providers over the same beacon chain, for `lightproof checkpoint --provider`. */
  checkpointProviders: string[]
  /** An L1 deposit transaction executed on L2 in an executed batch, succeeded. */
  depositTx: string
  /** An L1 deposit transaction executed on L2 and failed; the L1Nullifier records it (reclaimable). */
  failedDepositTx: string
  /** An L1 deposit transaction whose L2 batch is not executed on L1 yet. */
  pendingDepositTx: string
}

export interface BuiltWorld {
  zksync: ZksyncWorld
  /** ZKsync Gateway (chain 9075), where the Era chain's batches 3–4 settled. */
  gateway: GatewayChain
  l1: L1World
  beacon: BeaconWorld
  l1Account: string
  /** The world's withdrawals (claimable, claimed, pending) and the L1Nullifier's storage. */
  withdrawals: WorldWithdrawals
  /** The world's deposits (succeeded, failed, pending) with their L1 transactions. */
  deposits: WorldDeposits
  /** Who can change the chain (issue 21): admin, facets, ChainTypeManager, ValidatorTimelock, the upgrade step. */
  governance: WorldGovernance
  /** Whether the upgrade step is in the L1 chain (its last block). */
  upgraded: boolean
}

export interface RunningWorld extends BuiltWorld {
  info: WorldInfo
  servers: {
    beacon: BeaconApiServer
    l1: L1RpcServer
    zksync: ZksyncRpcServer
    gateway: GatewayRpcServer
    checkpointProviders: DevServer[]
  }
  /** The beacon node's blobs, whose lie (`blob-*`) can be switched while the world runs. */
  blobs: BlobService
  /** Withdrawal answers of the ZKsync and L1 nodes, whose lie (`withdrawal-*`) can be switched while serving. */
  withdrawalAnswers: WithdrawalService
  /** Deposit answers of the ZKsync and L1 nodes, whose lie (`deposit-*`) can be switched while serving. */
  depositAnswers: DepositService
  /** The L1 node's answers about the watched contracts, whose lie (`watch-*`) can be switched while serving. */
  watchAnswers: WatchAnswers
  close(): Promise<void>
  /**
   * Runs the upgrade step mid-life: the world is built again from the same seed and time with the upgrade in its
   * last L1 block, and served on the same ports (same URLs, same checkpoint). Returns the upgraded world.
   */
  upgrade(): Promise<RunningWorld>
}

export const DEFAULT_SEED = 'lightproof'
/** The world's blob batch: the latest executed batch on L1 (8 committed, 7 proven, 6 executed). */
export const BLOB_BATCH = 6

/** The data of the world, without servers (tests that verify in-process use this). */
export function buildWorld(options: { seed?: string; now?: Date; upgraded?: boolean } = {}): BuiltWorld {
  const seed = options.seed ?? DEFAULT_SEED
  const now = options.now ?? new Date()
  // Era's history in small: batches 1–2 on L1, 3–4 on ZKsync Gateway, then back on L1 for 5–8 (8 committed,
  // 7 proven, 6 executed), so the L1 diamond shows the zero-hash footprint of the Gateway window.
  // Batch 6, the latest executed on L1 (`batch` of WorldInfo), publishes its pubdata in a blob (issue 20).
  const zksync = buildZksyncWorld({
    seed,
    batches: 8,
    gatewayWindow: { from: 3, to: 4 },
    blobBatches: [BLOB_BATCH],
  })
  const l1Account = deriveAddress(seed, 'l1-account')
  const withdrawals = worldWithdrawals(zksync)
  // An execution payload carries its beacon slot's time (compute_timestamp_at_slot, checked by
  // process_execution_payload). The L1 head is the finalized beacon head's payload, so genesis is placed for
  // the head (12 s blocks) to land on that slot's time; otherwise the head's age from its EL timestamp and the
  // age of its slot disagree (the Trust page showed a fresh head as 500 days old).
  const headTime = devnetTimestampAt(planBeaconSlots(now).finalized)
  const gateway = buildGatewayChain(zksync)
  const operations = l1Operations(zksync, gateway)
  // Deposits are L1 transactions too: the L1 Nullifier records the token ones (the world's failed deposit).
  const depositOps = new Map(
    operations.flatMap(({ op }, i) => (op.kind === 'deposit' ? [[op.log.data, i] as const] : [])),
  )
  const governance = worldGovernance(zksync)
  const upgraded = options.upgraded === true
  const blocks = Math.max(3, operations.length + (upgraded ? 1 : 0))
  const l1 = buildL1World({
    seed,
    blocks,
    genesisTimestamp: headTime - BigInt(blocks) * 12n,
    accounts: [{ address: l1Account, balance: 12_345_678_900_000_000_000n }],
    contracts: [
      {
        address: zksync.diamond,
        storage: new Map([...zksync.diamondStorageAt(0), ...governance.diamondStorage]),
      },
      { address: gateway.diamondOnL1, storage: gateway.genesisDiamondStorage },
      { address: L1_BRIDGEHUB, storage: l1BridgehubStorage(zksync, gateway) },
      {
        address: WORLD_L1_NULLIFIER,
        storage: new Map([...withdrawals.nullifierStorage, ...depositRecords(zksync)]),
      },
      // Era's verifier: era-contracts' DualVerifier over its FFLONK and PLONK verifiers, as deployed code.
      ...zksync.verifierCode.contracts.map((c) => ({ ...c, storage: new Map<string, string>() })),
      // The ChainTypeManager, the ValidatorTimelock and the facets (issue 21); the upgrade's accounts when it ran.
      ...governance.contracts,
      ...(upgraded ? governance.upgrade.contracts : []),
    ],
    // The operators' commit, prove and execute calls (Era's and Gateway's) and Era's migrations, in order, each
    // in its own block: after the last one each diamond's storage is exactly its chain's view of L1.
    transactions: [
      ...operations.map(({ op }) => ({
        to: op.to,
        input: op.input,
        from: op.from,
        ...(op.value !== undefined ? { value: op.value } : {}),
        writes: op.writes,
        logs: [op.log],
        ...(op.blobVersionedHashes ? { blobVersionedHashes: op.blobVersionedHashes } : {}),
      })),
      // The upgrade step, by the chain admin (the world runs no EVM: its effect is stated as writes).
      ...(upgraded
        ? [
            {
              to: zksync.diamond,
              input: governance.upgrade.cutHash,
              from: governance.admin,
              writes: governance.upgrade.writes,
            },
          ]
        : []),
    ],
  })
  const beacon = buildBeaconWorld({
    seed,
    now,
    executionPayload: executionPayloadOf(l1.head),
  })
  const deposits = worldDeposits(zksync, (l2TxHash) => {
    const d = [...zksync.batches.flatMap((b) => b.deposits ?? [])].find((x) => x.l2TxHash === l2TxHash)
    const i = d ? depositOps.get(d.eventData) : undefined
    const tx = i === undefined ? undefined : l1.blocks[i + 1]?.transactions[0]
    return tx ? bytesToHex(tx.hash) : null
  })
  return { zksync, gateway, l1, beacon, l1Account, withdrawals, deposits, governance, upgraded }
}

/** The L1Nullifier's records of the world's token deposits (built before the L1 chain, from the batches alone). */
function depositRecords(zksync: ZksyncWorld): Map<string, string> {
  return worldDeposits(zksync, () => 'unknown').nullifierStorage
}

/**
 * L1's transactions in order: Era's up to its migration to Gateway, then Gateway's own batches (which carry
 * Era's calls on Gateway), then Era's migration back and the rest.
 */
function l1Operations(
  zksync: ZksyncWorld,
  gateway: GatewayChain,
): { chain: 'era' | 'gateway'; op: L1Operation }[] {
  const era = zksync.operations.map((op) => ({ chain: 'era' as const, op }))
  const out = era.findIndex((e) => e.op.kind === 'migrate')
  const gw = gateway.l1Operations.map((op) => ({ chain: 'gateway' as const, op }))
  return out < 0 ? [...era, ...gw] : [...era.slice(0, out + 1), ...gw, ...era.slice(out + 1)]
}

/**
 * L1's Bridgehub storage (bridgehubSlots.ts): zkChainMap values for Era and Gateway, and Gateway whitelisted as
 * a settlement layer (with L1 itself, as `_initializeInner` does).
 */
function l1BridgehubStorage(zksync: ZksyncWorld, gateway: GatewayChain): Map<string, string> {
  const word = (v: bigint) => bytesToHex(bigintToBytes32(v))
  return new Map([
    [bytesToHex(zkChainSlot(zksync.chainId)), word(BigInt(zksync.diamond))],
    [bytesToHex(zkChainSlot(gateway.chainId)), word(BigInt(gateway.diamondOnL1))],
    [bytesToHex(whitelistedSettlementLayerSlot(gateway.chainId)), word(1n)],
    [bytesToHex(whitelistedSettlementLayerSlot(L1_DEVNET_CHAIN_ID)), word(1n)],
  ])
}

/**
 * Hashes of the transactions that committed, proved and executed each batch (untrusted locators), on L1 or, for
 * the Gateway window, on Gateway (with commitChainId 9075, as ZE reports the chain the transaction went to).
 */
function l1Locators(world: BuiltWorld) {
  const byBatch = new Map<bigint, L1BatchLocators>()
  const gwBatches = new Map<bigint, L1BatchLocators>()
  const gw = world.zksync.gateway
  if (gw)
    gw.operations.forEach((op, i) => {
      if (op.kind === 'migrate' || op.kind === 'deposit') return
      const entry = byBatch.get(op.batchNumber) ?? { l1ChainId: gw.chainId }
      entry[`${op.kind}TxHash`] = gatewayTxHash(gw, i)
      byBatch.set(op.batchNumber, entry)
    })
  l1Operations(world.zksync, world.gateway).forEach(({ chain, op }, i) => {
    const tx = world.l1.blocks[i + 1]?.transactions[0]
    if (!tx || op.kind === 'migrate' || op.kind === 'deposit') return
    const map = chain === 'era' ? byBatch : gwBatches
    const entry = map.get(op.batchNumber) ?? {}
    entry[`${op.kind}TxHash`] = bytesToHex(tx.hash)
    map.set(op.batchNumber, entry)
  })
  return { era: byBatch, gateway: gwBatches }
}

/** The beacon node's blobs: each blob batch's, at the slot of the L1 block that carried its commit. */
export function worldBlobs(built: BuiltWorld, lie?: BlobLie): BlobService {
  const commitBlock = new Map<bigint, bigint>()
  l1Operations(built.zksync, built.gateway).forEach(({ chain, op }, i) => {
    if (chain === 'era' && op.kind === 'commit') commitBlock.set(op.batchNumber, BigInt(i + 1))
  })
  return blobService(
    built.zksync.batches,
    (n) => {
      const number = commitBlock.get(n)
      return number === undefined ? undefined : built.l1.blockByNumber(number)?.header.timestamp
    },
    lie,
  )
}

export async function startWorld(options: WorldOptions = {}): Promise<RunningWorld> {
  // One time for the world's life: the upgrade step rebuilds it for the same time, so the checkpoint stays.
  const now = options.now ?? new Date()
  const built = buildWorld({ ...options, now })
  const locators = l1Locators(built)
  const blobs = worldBlobs(built, options.lies?.blob)
  const beacon = await startBeaconApiServer(built.beacon, {
    blobs,
    lie: options.lies?.beacon,
    fault: options.faults?.beacon,
    port: options.ports?.beacon,
  })
  const withdrawalAnswers = withdrawalService(built.zksync, built.withdrawals, options.lies?.withdrawal)
  const watchAnswers = watchService(built.zksync, built.governance, options.lies?.watch)
  const depositAnswers = depositService(built.deposits, options.lies?.deposit)
  // The ZKsync node answers receipts and log proofs of deposits (canonical L2 hashes) and of withdrawals.
  const bridgeAnswers: WithdrawalService = {
    ...withdrawalAnswers,
    receipt: (h) => depositAnswers.receipt(h) ?? withdrawalAnswers.receipt(h),
    logProof: (h, index) => depositAnswers.logProof(h, index) ?? withdrawalAnswers.logProof(h, index),
  }
  const l1 = await startL1RpcServer(built.l1, {
    rewriteProof: (a) => watchAnswers.l1Proof(withdrawalAnswers.l1Proof(a)),
    rewriteReceipt: (r) => depositAnswers.l1Receipt(r),
    lie: options.lies?.l1,
    fault: options.faults?.l1,
    port: options.ports?.l1,
  })
  const zksync = await startZksyncRpcServer(built.zksync, {
    l1TxHashes: (n: bigint) => locators.era.get(n) ?? {},
    withdrawals: bridgeAnswers,
    lie: options.lies?.zksync,
    fault: options.faults?.zksync,
    port: options.ports?.zksync,
  })
  const gateway = await startGatewayRpcServer(built.gateway, built.zksync, {
    l1TxHashes: (n: bigint) => locators.gateway.get(n) ?? {},
    lie: options.lies?.gateway,
    fault: options.faults?.gateway,
    port: options.ports?.gateway,
  })
  const checkpointProviders = await startCheckpointProviders(built.beacon, {
    lie: options.lies?.checkpointProvider,
  })
  const close = async () => {
    await Promise.all([
      beacon.close(),
      l1.close(),
      zksync.close(),
      gateway.close(),
      ...checkpointProviders.map((p) => p.close()),
    ])
  }
  const executed = built.zksync.counters.totalBatchesExecuted
  const info: WorldInfo = {
    beacon: beacon.url,
    l1: l1.url,
    zksync: zksync.url,
    gateway: gateway.url,
    network: built.beacon.networkName,
    checkpoint: built.beacon.checkpoint,
    l1Account: built.l1Account,
    zksyncAccount: built.zksync.accounts[0]!,
    batch: Number(executed),
    gatewayBatch: Number(built.zksync.gateway?.from ?? 0n),
    withdrawalTx: built.withdrawals.claimable.txHash,
    claimedWithdrawalTx: built.withdrawals.claimed.txHash,
    pendingWithdrawalTx: built.withdrawals.pending.txHash,
    checkpointProviders: checkpointProviders.map((p) => p.url),
    depositTx: built.deposits.succeeded.l1TxHash!,
    failedDepositTx: built.deposits.failed.l1TxHash!,
    pendingDepositTx: built.deposits.pending.l1TxHash!,
  }
  return {
    ...built,
    info,
    servers: { beacon, l1, zksync, gateway, checkpointProviders },
    blobs,
    withdrawalAnswers,
    depositAnswers,
    watchAnswers,
    close,
    upgrade: async () => {
      await close()
      const port = (url: string) => Number(new URL(url).port)
      return startWorld({
        ...options,
        now,
        upgraded: true,
        ports: {
          beacon: port(beacon.url),
          l1: port(l1.url),
          zksync: port(zksync.url),
          gateway: port(gateway.url),
        },
      })
    },
  }
}

/** Every lying mode by short name, for `npm run world -- --lie MODE` (prefix names the server). */
export const WORLD_LIES: Record<string, { server: keyof WorldLies; lie: string; help: string }> =
  Object.fromEntries([
    ...BEACON_LIES.map((l) => [
      `beacon-${l}`,
      { server: 'beacon' as const, lie: l, help: BEACON_LIE_HELP[l] },
    ]),
    ...L1_LIES.map((l) => [`l1-${l}`, { server: 'l1' as const, lie: l, help: L1_LIE_HELP[l] }]),
    ...ZKSYNC_LIES.map((l) => [
      `zksync-${l}`,
      { server: 'zksync' as const, lie: l, help: ZKSYNC_LIE_HELP[l] },
    ]),
    ...GATEWAY_LIES.map((l) => [
      `gateway-${l}`,
      { server: 'gateway' as const, lie: l, help: GATEWAY_LIE_HELP[l] },
    ]),
    ...BLOB_LIES.map((l) => [`blob-${l}`, { server: 'blob' as const, lie: l, help: BLOB_LIE_HELP[l] }]),
    ...WITHDRAWAL_LIES.map((l) => [
      `withdrawal-${l}`,
      { server: 'withdrawal' as const, lie: l, help: WITHDRAWAL_LIE_HELP[l] },
    ]),
    ...CHECKPOINT_PROVIDER_LIES.map((l) => [
      `checkpoint-provider-${l}`,
      { server: 'checkpointProvider' as const, lie: l, help: CHECKPOINT_PROVIDER_LIE_HELP[l] },
    ]),
    ...DEPOSIT_LIES.map((l) => [
      `deposit-${l}`,
      { server: 'deposit' as const, lie: l, help: DEPOSIT_LIE_HELP[l] },
    ]),
    ...WATCH_LIES.map((l) => [`watch-${l}`, { server: 'watch' as const, lie: l, help: WATCH_LIE_HELP[l] }]),
  ])
