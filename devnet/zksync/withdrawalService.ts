import { keccak_256 } from '@noble/hashes/sha3.js'
import { bigintToBytes32, bytesToHex, concatBytes, hexToBytes } from '../../src/verifier/encoding/hex'
import type { EthGetProofJson } from '../l1/l1State'
import { LEGACY_L2_BRIDGE, logProofJson, withdrawalReceiptJson, type WorldWithdrawal } from './batchLogs'
import type { ZksyncBatch, ZksyncWorld } from './buildZksyncWorld'

/**
 * The world's withdrawals as a ZKsync node and L1 serve them (issue 19): receipts and `zks_getL2ToL1LogProof`
 * answers from the ZKsync endpoint, and the L1Nullifier's storage on L1, where one withdrawal is already claimed.
 * The lies `withdrawal-*` (world.ts) live here, switchable while serving, apart from the servers' own lies.
 */
export const WITHDRAWAL_LIES = ['forged-proof', 'other-message', 'claimed', 'no-event'] as const
export type WithdrawalLie = (typeof WITHDRAWAL_LIES)[number]

export const WITHDRAWAL_LIE_HELP: Record<WithdrawalLie, string> = {
  'forged-proof': 'zks_getL2ToL1LogProof answers with one sibling of the log path changed',
  'other-message':
    'zks_getL2ToL1LogProof answers with the proof of another withdrawal in the same batch (its id and path)',
  claimed:
    'the L1 node claims the opposite isWithdrawalFinalized value in eth_getProof of the L1Nullifier (proof nodes honest)',
  'no-event': 'the L2 receipt leaves out the L1MessageSent event that carries the withdrawal message',
}

/**
 * The L1Nullifier on mainnet (zksync-era mainnet.yaml); the world's L1 puts one there. Its slots are written here
 * from the research notes (next-wave.md §1.4: solc storageLayout of era-contracts L1Nullifier), not from the
 * verifier's layout tables, so the tests compare the two.
 */
export const WORLD_L1_NULLIFIER = '0xd7f9f54194c633f36ccd5f3da84ad4a1c38cb2cb'
const SLOT = {
  paused: 151n,
  eraPostDiamondUpgradeFirstBatch: 201n,
  eraPostLegacyBridgeUpgradeFirstBatch: 202n,
}
const IS_WITHDRAWAL_FINALIZED = 208n
const L2_BRIDGE_ADDRESS = 206n

const h = (...parts: Uint8Array[]) => keccak_256(concatBytes(...parts))
const w = (v: bigint) => bigintToBytes32(v)

/** `isWithdrawalFinalized[chainId][batch][id]` of the L1Nullifier. */
export function claimSlot(chainId: bigint, batch: bigint, id: number): string {
  return bytesToHex(h(w(BigInt(id)), h(w(batch), h(w(chainId), w(IS_WITHDRAWAL_FINALIZED)))))
}

export interface WithdrawalService {
  receipt(txHash: string): unknown
  logProof(txHash: string, index: number | undefined): unknown
  /** Rewrites the L1 node's eth_getProof answers (the `claimed` lie); others pass through. */
  l1Proof(answer: EthGetProofJson): EthGetProofJson
  setLie(lie: WithdrawalLie | undefined): void
}

export interface WorldWithdrawals {
  /** Executed on L1, not claimed. */
  claimable: WorldWithdrawal
  /** Executed on L1 and already claimed (the L1Nullifier says so). */
  claimed: WorldWithdrawal
  /** In a batch committed but not executed on L1. */
  pending: WorldWithdrawal
  /** The L1Nullifier's storage (slot → word) for the world's L1. */
  nullifierStorage: Map<string, string>
  byHash: Map<string, { batch: ZksyncBatch; withdrawal: WorldWithdrawal }>
}

/**
 * Picks the world's withdrawals: the first withdrawal of the latest executed L1 batch (claimable), of the
 * executed L1 batch before it (claimed), and of the latest committed one (pending).
 */
export function worldWithdrawals(zk: ZksyncWorld): WorldWithdrawals {
  const byHash = new Map<string, { batch: ZksyncBatch; withdrawal: WorldWithdrawal }>()
  for (const b of zk.batches)
    for (const x of b.l2Logs?.withdrawals ?? []) byHash.set(x.txHash, { batch: b, withdrawal: x })
  const onL1 = zk.batches.filter((b) => b.number > 0n && b.settledOn === 'l1')
  const executed = onL1.filter((b) => b.status === 'executed')
  const first = (b: ZksyncBatch | undefined) => {
    const x = b?.l2Logs?.withdrawals[0]
    if (!x) throw new Error('the world needs two executed L1 batches and a committed one')
    return x
  }
  const claimedBatch = executed[executed.length - 2]
  const claimed = first(claimedBatch)
  const nullifierStorage = new Map<string, string>([
    [bytesToHex(w(SLOT.eraPostDiamondUpgradeFirstBatch)), bytesToHex(w(1n))],
    [bytesToHex(w(SLOT.eraPostLegacyBridgeUpgradeFirstBatch)), bytesToHex(w(1n))],
    [bytesToHex(h(w(zk.chainId), w(L2_BRIDGE_ADDRESS))), bytesToHex(w(BigInt(LEGACY_L2_BRIDGE)))],
    [claimSlot(zk.chainId, claimedBatch!.number, claimed.id), bytesToHex(w(1n))],
  ])
  return {
    claimable: first(executed[executed.length - 1]),
    claimed,
    pending: first(onL1.find((b) => b.status !== 'executed')),
    nullifierStorage,
    byHash,
  }
}

export function withdrawalService(
  zk: ZksyncWorld,
  withdrawals: WorldWithdrawals,
  initialLie?: WithdrawalLie,
): WithdrawalService {
  let lie = initialLie
  const claimSlots = new Set(
    [...withdrawals.byHash.values()].map(({ batch, withdrawal }) =>
      claimSlot(zk.chainId, batch.number, withdrawal.id),
    ),
  )
  return {
    receipt(txHash) {
      const found = withdrawals.byHash.get(txHash.toLowerCase())
      if (!found) return null
      const block = found.batch.number * 10n + BigInt(found.withdrawal.txNumberInBatch)
      return withdrawalReceiptJson(found.withdrawal, found.batch.number, block, {
        withoutMessageEvent: lie === 'no-event',
      })
    },
    logProof(txHash, index) {
      const found = withdrawals.byHash.get(txHash.toLowerCase())
      if (!found || (index !== undefined && index !== 0)) return null
      const logs = found.batch.l2Logs!
      const other = logs.withdrawals.find((x) => x.id !== found.withdrawal.id)!
      const id = lie === 'other-message' ? other.id : found.withdrawal.id
      const answer = logProofJson(logs, id, found.batch.settledOn === 'l1')
      if (lie === 'forged-proof') {
        const sib = hexToBytes(answer.proof[3]!)
        sib[31]! ^= 0x01
        answer.proof[3] = bytesToHex(sib)
      }
      return answer
    },
    l1Proof(answer) {
      if (lie !== 'claimed' || answer.address !== WORLD_L1_NULLIFIER) return answer
      return {
        ...answer,
        storageProof: answer.storageProof.map((s) =>
          claimSlots.has(`0x${s.key.slice(2).padStart(64, '0')}`)
            ? { ...s, value: BigInt(s.value) === 0n ? '0x1' : '0x0' }
            : s,
        ),
      }
    },
    setLie(next) {
      lie = next
    },
  }
}
