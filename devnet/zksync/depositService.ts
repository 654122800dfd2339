import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
import { logProofJson } from './batchLogs'
import type { ZksyncBatch, ZksyncWorld } from './buildZksyncWorld'
import { depositReceiptJson, depositRecordSlot, NEW_PRIORITY_REQUEST, type WorldDeposit } from './deposits'

/**
 * The world's deposits as a ZKsync node and L1 serve them (issue 19): the L2 receipt of each canonical hash and
 * the `zks_getL2ToL1LogProof` of its bootloader status log (ZKsync), and on L1 the deposit transactions' receipts,
 * which the `no-event` lie rewrites. The lies `deposit-*` (world.ts) live here, switchable while serving.
 */
export const DEPOSIT_LIES = ['forged-proof', 'other-tx', 'status-flipped', 'no-event'] as const
export type DepositLie = (typeof DEPOSIT_LIES)[number]

export const DEPOSIT_LIE_HELP: Record<DepositLie, string> = {
  'forged-proof':
    'zks_getL2ToL1LogProof answers for a deposit’s status log with one sibling of its path changed',
  'other-tx':
    'zks_getL2ToL1LogProof answers for a deposit with the proof of another deposit’s status log (its id and path)',
  'status-flipped':
    'the ZKsync node’s receipt of the failed deposit says it succeeded (status 1, status log value 1)',
  'no-event':
    'the L1 node’s receipts of the deposit transactions leave out the diamond’s NewPriorityRequest event',
}

export interface LocatedDeposit {
  deposit: WorldDeposit
  batch: ZksyncBatch
  /** Its position in the batch (priority transactions come first): the status log's txNumberInBatch and id. */
  index: number
  /** The L1 transaction that made it, when the world's L1 carries one. */
  l1TxHash: string | null
}

export interface WorldDeposits {
  /** Executed on L2 (in an executed L1 batch) and succeeded. */
  succeeded: LocatedDeposit
  /** Executed and failed; the L1Nullifier records it (reclaimable). */
  failed: LocatedDeposit
  /** In a batch committed on L1 but not executed: not yet executed on L2 as far as L1 knows. */
  pending: LocatedDeposit
  /** L1Nullifier storage (slot → word) recording the token deposits. */
  nullifierStorage: Map<string, string>
  byL2Hash: Map<string, LocatedDeposit>
}

/**
 * Picks the world's deposits once the L1 transaction hashes are known (`l1TxHashOf(l2TxHash)`): the first
 * succeeded and the first failed one in executed L1 batches, and one in a batch not executed yet.
 */
export function worldDeposits(
  zk: ZksyncWorld,
  l1TxHashOf: (l2TxHash: string) => string | null,
): WorldDeposits {
  const all: LocatedDeposit[] = []
  for (const batch of zk.batches)
    (batch.deposits ?? []).forEach((deposit, index) =>
      all.push({ deposit, batch, index, l1TxHash: l1TxHashOf(deposit.l2TxHash) }),
    )
  const onL1 = all.filter((d) => d.batch.settledOn === 'l1' && d.l1TxHash !== null)
  const pick = (what: string, ok: (d: LocatedDeposit) => boolean) => {
    const found = onL1.find(ok)
    if (!found) throw new Error(`the world needs ${what}`)
    return found
  }
  const nullifierStorage = new Map<string, string>()
  for (const d of all)
    if (d.deposit.recordDataHash)
      nullifierStorage.set(depositRecordSlot(zk.chainId, d.deposit.l2TxHash), d.deposit.recordDataHash)
  return {
    succeeded: pick('a succeeded deposit', (d) => d.batch.status === 'executed' && d.deposit.succeeded),
    failed: pick('a failed deposit', (d) => d.batch.status === 'executed' && !d.deposit.succeeded),
    pending: pick('a deposit in a batch not executed', (d) => d.batch.status !== 'executed'),
    nullifierStorage,
    byL2Hash: new Map(all.map((d) => [d.deposit.l2TxHash, d])),
  }
}

export interface DepositService {
  receipt(txHash: string): unknown
  logProof(txHash: string, index: number | undefined): unknown
  /** Rewrites the L1 node's receipts (eth_getTransactionReceipt, eth_getBlockReceipts): the `no-event` lie. */
  l1Receipt(receipt: { transactionHash: string; logs: { topics: string[] }[] }): unknown
  setLie(lie: DepositLie | undefined): void
}

export function depositService(deposits: WorldDeposits, initialLie?: DepositLie): DepositService {
  let lie = initialLie
  const l1Hashes = new Set([...deposits.byL2Hash.values()].map((d) => d.l1TxHash).filter((h) => h !== null))
  return {
    receipt(txHash) {
      const found = deposits.byL2Hash.get(txHash.toLowerCase())
      if (!found) return undefined
      return depositReceiptJson(found.deposit, found.batch.number, found.index, {
        claimSuccess: lie === 'status-flipped',
      })
    },
    logProof(txHash, index) {
      const found = deposits.byL2Hash.get(txHash.toLowerCase())
      if (!found) return undefined
      if (index !== undefined && index !== 0) return null
      const target =
        lie === 'other-tx'
          ? [...deposits.byL2Hash.values()].find((d) => d !== found && d.batch.settledOn === 'l1')!
          : found
      const answer = logProofJson(target.batch.l2Logs!, target.index, target.batch.settledOn === 'l1')
      if (lie === 'forged-proof') {
        const sib = hexToBytes(answer.proof[2]!)
        sib[0]! ^= 0x80
        answer.proof[2] = bytesToHex(sib)
      }
      return answer
    },
    l1Receipt(receipt) {
      if (lie !== 'no-event' || !l1Hashes.has(receipt.transactionHash)) return receipt
      return { ...receipt, logs: receipt.logs.filter((l) => l.topics[0] !== NEW_PRIORITY_REQUEST) }
    },
    setLie(next) {
      lie = next
    },
  }
}
