import { buildL1World, type L1World } from '../../devnet/l1/buildL1World'
import { transactionJson } from '../../devnet/l1/l1Block'
import {
  buildZksyncWorld,
  type L1BatchLocators,
  type ZksyncWorld,
} from '../../devnet/zksync/buildZksyncWorld'
import { bytesToHex } from '../../src/verifier/encoding/hex'
import { createEvidence } from '../../src/verifier/evidence/createEvidence'
import { rawFromBytes, type Evidence } from '../../src/verifier/evidence/schema'
import { batchSlotRequests } from '../../src/verifier/zksync/evidence/proveDiamondStorage'
import { zksyncBalanceKind, zksyncBatchKind } from '../../src/verifier/kinds/zksyncKinds'
import {
  ethBalanceLocation,
  nonceLocation,
  erc20BalanceLocation,
} from '../../src/verifier/zksync/stateTree/l2Balances'
import { hexToBytes } from '../../src/verifier/encoding/hex'
import {
  WORLD_L1_NULLIFIER,
  withdrawalService,
  worldWithdrawals,
  type WorldWithdrawals,
} from '../../devnet/zksync/withdrawalService'
import { legacyEthWithdrawalFinalizedSlot } from '../../src/verifier/zksync/bridge/bridgeSlots'
import { nullifierSlotRequests } from '../../src/verifier/zksync/evidence/verifyWithdrawal'
import { zksyncWithdrawalKind } from '../../src/verifier/kinds/zksyncWithdrawalKind'

/**
 * Test support (not shipped): the ZKsync test world on top of an L1 world that carries its diamond storage and
 * its commit / prove / execute transactions, one per block, so the composite verifiers run on generated data
 * exactly as on mainnet. The beacon part is left to the caller: evidence built here rests on the L1 head's state
 * root (`state-root` trust).
 */
export interface ComposedWorld {
  zk: ZksyncWorld
  l1: L1World
  /** The world's withdrawals and the L1Nullifier the L1 carries (devnet/zksync/withdrawalService.ts). */
  withdrawals: WorldWithdrawals
  /** L1 transaction hashes per batch: what a ZKsync node reports in zks_getL1BatchDetails. */
  locators: Map<bigint, L1BatchLocators>
}

const enc = new TextEncoder()
const raw = (value: unknown) => rawFromBytes(enc.encode(JSON.stringify(value)), true)

/** Storage words to add at genesis (slot → word, 32-byte hex), for worlds a test needs slightly otherwise. */
export interface ExtraStorage {
  diamond?: [string, string][]
  nullifier?: [string, string][]
}

export function composeZksyncWorld(
  seed = 'zksync-evidence',
  batches = 4,
  extra: ExtraStorage = {},
): ComposedWorld {
  const zk = buildZksyncWorld({ seed, batches })
  const withdrawals = worldWithdrawals(zk)
  const l1 = buildL1World({
    seed,
    accounts: [],
    contracts: [
      {
        address: zk.diamond,
        code: '0x60006000fd',
        storage: new Map([...zk.diamondStorageAt(0), ...(extra.diamond ?? [])]),
      },
      {
        address: WORLD_L1_NULLIFIER,
        code: '0x60006000fd',
        storage: new Map([...withdrawals.nullifierStorage, ...(extra.nullifier ?? [])]),
      },
      ...zk.verifierCode.contracts.map((c) => ({ ...c, storage: new Map<string, string>() })),
    ],
    transactions: zk.operations.map((op) => ({ to: op.to, input: op.input, writes: op.writes })),
    erc20: false,
  })
  const locators = new Map<bigint, L1BatchLocators>()
  zk.operations.forEach((op, i) => {
    const tx = l1.blockByNumber(BigInt(i + 1))!.transactions[0]!
    if (op.kind === 'migrate' || op.kind === 'deposit') return
    const entry = locators.get(op.batchNumber) ?? {}
    entry[`${op.kind}TxHash`] = bytesToHex(tx.hash)
    locators.set(op.batchNumber, entry)
  })
  return { zk, l1, withdrawals, locators }
}

export interface BatchEvidenceParts {
  diamondProof: unknown
  commitTx: unknown
  /** The ZKsync node's zks_getL1BatchDetails(n) and zks_L1BatchNumber results (undefined: left out). */
  batchDetails?: unknown
  latestBatch?: unknown
  /** eth_chainId results of the L1 and ZKsync endpoints (undefined: left out). */
  chainIds?: { l1?: unknown; zksync?: unknown }
}

/** The raw answers honest L1 and ZKsync nodes give for batch n at the head block. */
export function honestBatchParts(w: ComposedWorld, n: bigint): BatchEvidenceParts {
  const slots = batchSlotRequests(n).map((s) => bytesToHex(s.key))
  const diamondProof = w.l1.head.state.getProof(w.zk.diamond, slots)
  const hash = w.locators.get(n)?.commitTxHash
  const found = hash ? w.l1.transactionByHash(hash) : undefined
  const commitTx = found ? transactionJson(found.block, found.index) : null
  return {
    diamondProof,
    commitTx,
    batchDetails: w.zk.l1BatchDetails(n, w.locators.get(n)),
    latestBatch: `0x${w.zk.latestBatch.toString(16)}`,
    chainIds: { l1: `0x${w.l1.chainId.toString(16)}`, zksync: `0x${w.zk.chainId.toString(16)}` },
  }
}

const answer = (endpoint: string, result: unknown) => ({
  endpoint,
  answer: raw({ jsonrpc: '2.0', id: 1, result }),
})

export function batchEvidence(w: ComposedWorld, n: bigint, parts = honestBatchParts(w, n)): Evidence {
  return createEvidence({
    kind: zksyncBatchKind.kind,
    createdAt: '2025-07-01T00:00:00.000Z',
    question: { batchNumber: n.toString() },
    trust: { kind: 'state-root', value: bytesToHex(w.l1.head.header.stateRoot) },
    data: {
      batchNumber: n.toString(),
      diamondProof: raw(parts.diamondProof),
      commitTx: parts.commitTx === null ? null : raw(parts.commitTx),
      // A state-root evidence names its network: the test world's (src/verifier/chainIds.ts).
      network: 'lightproof-devnet',
      ...(parts.chainIds
        ? {
            chainIds: {
              ...(parts.chainIds.l1 !== undefined ? { l1: answer(L1, parts.chainIds.l1) } : {}),
              ...(parts.chainIds.zksync !== undefined ? { zksync: answer(ZK, parts.chainIds.zksync) } : {}),
            },
          }
        : {}),
      ...(parts.batchDetails !== undefined ? { batchDetails: answer(ZK, parts.batchDetails) } : {}),
      ...(parts.latestBatch !== undefined ? { latestBatch: answer(ZK, parts.latestBatch) } : {}),
    },
  })
}

/** The endpoint labels the generated evidence names. */
export const L1 = 'http://l1.test'
export const ZK = 'http://zksync.test'

/** The zks_getProof answers an honest node gives for the account (ETH, nonce, and the world's token). */
export function honestZksProofs(w: ComposedWorld, account: string, n: bigint, withToken = true): unknown[] {
  const a = hexToBytes(account, 'account', 20)
  const locs = [ethBalanceLocation(a), nonceLocation(a)]
  if (withToken) locs.push(erc20BalanceLocation(hexToBytes(w.zk.token.address), a, w.zk.token.balanceSlot))
  return locs.map((l) => w.zk.getProof(bytesToHex(l.contract), [bytesToHex(l.slot)], n))
}

export function balanceEvidence(
  w: ComposedWorld,
  account: string,
  n: bigint,
  options: { parts?: BatchEvidenceParts; zksProofs?: unknown[]; withToken?: boolean } = {},
): Evidence {
  const withToken = options.withToken ?? true
  const batch = batchEvidence(w, n, options.parts ?? honestBatchParts(w, n))
  return {
    ...batch,
    kind: zksyncBalanceKind.kind,
    question: { address: account, batchNumber: n.toString() },
    data: {
      ...batch.data,
      account,
      token: withToken
        ? {
            address: w.zk.token.address,
            balanceSlot: w.zk.token.balanceSlot.toString(),
            decimals: 6,
            symbol: 'TKN',
            balanceBits: 256,
          }
        : null,
      zksProofs: (options.zksProofs ?? honestZksProofs(w, account, n, withToken)).map(raw),
    },
  }
}

/**
 * A zksync-withdrawal evidence as honest nodes answer for the world withdrawal `txHash`: the receipt, the log
 * proof, the batch part (its diamond proof with the pre-shared-bridge claim slot too) and the L1Nullifier proof.
 */
export function withdrawalEvidence(w: ComposedWorld, txHash: string): Evidence {
  const found = w.withdrawals.byHash.get(txHash)
  if (!found) throw new Error(`no world withdrawal ${txHash}`)
  const n = found.batch.number
  const id = BigInt(found.withdrawal.id)
  const service = withdrawalService(w.zk, w.withdrawals)
  const parts = honestBatchParts(w, n)
  const slots = [...batchSlotRequests(n).map((s) => s.key), legacyEthWithdrawalFinalizedSlot(n, id)]
  parts.diamondProof = w.l1.head.state.getProof(w.zk.diamond, slots.map(bytesToHex))
  const nullifierKeys = nullifierSlotRequests(w.zk.chainId, n, id).map((s) => bytesToHex(s.key))
  const batch = batchEvidence(w, n, parts)
  return {
    ...batch,
    kind: zksyncWithdrawalKind.kind,
    question: { txHash, batchNumber: n.toString() },
    data: {
      ...batch.data,
      txHash,
      index: null,
      receipt: raw({ jsonrpc: '2.0', id: 1, result: service.receipt(txHash) }),
      logProof: raw({ jsonrpc: '2.0', id: 2, result: service.logProof(txHash, 0) }),
      nullifierProof: raw(w.l1.head.state.getProof(WORLD_L1_NULLIFIER, nullifierKeys)),
    },
  }
}
