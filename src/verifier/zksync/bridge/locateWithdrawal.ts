import { keccak_256 } from '../../crypto/backends'
import { bytesToBigint, bytesToHex, equalBytes, hexToBytes } from '../../encoding/hex'
import type { L2Receipt } from './parseWithdrawalAnswers'
import { L1_MESSENGER_ADDRESS } from './l2ToL1Log'
import { decodeWithdrawalMessage, type WithdrawalMessage } from './withdrawalMessage'

/** `L1MessageSent(address indexed _sender, bytes32 indexed _hash, bytes _message)`, emitted by L1Messenger. */
export const L1_MESSAGE_SENT_TOPIC = hexToBytes(
  '0x3a36e47291f4201faf137fab081d92295bce2d53be2c6ca68ba82c7faa9ce241',
)

/** Where a receipt says a withdrawal is: untrusted locators, and the message itself (checked by the fold). */
export interface WithdrawalLocation {
  batchNumber: bigint
  txNumberInBatch: number
  /** Position among the transaction's L2→L1 logs: the `index` of zks_getL2ToL1LogProof. */
  logIndex: number
  /** The L2 contract the receipt says sent the message (the log's key): compared with the one the kind needs. */
  claimedSender: Uint8Array
  message: Uint8Array
  decoded: WithdrawalMessage
}

export type Located =
  { ok: true; at: WithdrawalLocation } | { ok: false; link: 'receipt' | 'message'; reason: string }

/** `abi.encode(bytes)` → the bytes, strictly (one head word = 32, a length, the data padded to words). */
function decodeBytesData(data: Uint8Array): Uint8Array | null {
  if (data.length < 64 || data.length % 32 !== 0) return null
  if (bytesToBigint(data.subarray(0, 32)) !== 32n) return null
  const len = bytesToBigint(data.subarray(32, 64))
  if (len > BigInt(data.length - 64)) return null
  const n = Number(len)
  if (64 + Math.ceil(n / 32) * 32 !== data.length) return null
  return data.slice(64, 64 + n)
}

const isMessageLog = (l: L2Receipt['l2ToL1Logs'][number]) => equalBytes(l.sender, L1_MESSENGER_ADDRESS)

/** The message a log commits to, from the receipt's L1MessageSent event with the same sender and hash. */
function messageOf(receipt: L2Receipt, log: L2Receipt['l2ToL1Logs'][number]): Uint8Array | null {
  for (const e of receipt.logs) {
    if (!equalBytes(e.address, L1_MESSENGER_ADDRESS) || e.topics.length !== 3) continue
    if (!equalBytes(e.topics[0]!, L1_MESSAGE_SENT_TOPIC) || !equalBytes(e.topics[1]!, log.key)) continue
    if (!equalBytes(e.topics[2]!, log.value)) continue
    const m = decodeBytesData(e.data)
    if (m && equalBytes(keccak_256(m), log.value)) return m
  }
  return null
}

/**
 * Finds the withdrawal in an L2 receipt: the L2→L1 log at `index` among the transaction's logs, or without an
 * index the first message log whose message is a withdrawal; its message from the L1MessageSent event. The
 * collector uses it to ask for the right proof, the verifier to rebuild the same location from the evidence.
 * Nothing here is trusted: the verifier builds the leaf from the message and L1 storage decides.
 */
export function locateWithdrawal(
  receipt: L2Receipt | null,
  txHash: Uint8Array,
  index: number | null,
): Located {
  const tx = bytesToHex(txHash)
  if (!receipt)
    return { ok: false, link: 'receipt', reason: `the ZKsync node does not know transaction ${tx}` }
  if (!equalBytes(receipt.transactionHash, txHash))
    return {
      ok: false,
      link: 'receipt',
      reason: `the receipt is for ${bytesToHex(receipt.transactionHash)}, not ${tx}`,
    }
  if (receipt.status === 0n)
    return {
      ok: false,
      link: 'receipt',
      reason: `${tx} reverted on L2: a reverted transaction sends no message`,
    }
  if (receipt.l1BatchNumber === null || receipt.l1BatchTxIndex === null)
    return {
      ok: false,
      link: 'receipt',
      reason: `${tx} is not in a sealed L1 batch yet (the receipt has no l1BatchNumber): ask again later`,
    }
  if (receipt.l1BatchTxIndex > 0xffffn)
    return { ok: false, link: 'receipt', reason: `l1BatchTxIndex ${receipt.l1BatchTxIndex} is not a u16` }
  const logs = receipt.l2ToL1Logs
  let chosen: number | undefined
  if (index !== null) {
    if (index >= logs.length)
      return {
        ok: false,
        link: 'message',
        reason: `${tx} has ${logs.length} L2→L1 log(s): there is no log ${index}`,
      }
    chosen = index
  } else {
    chosen = logs.findIndex((l) => {
      const m = isMessageLog(l) ? messageOf(receipt, l) : null
      return m !== null && decodeWithdrawalMessage(m).ok
    })
    if (chosen < 0)
      return {
        ok: false,
        link: 'message',
        reason: `${tx} sent no withdrawal message (${logs.length} L2→L1 log(s), none a withdrawal L1's bridge finalizes)`,
      }
  }
  const log = logs[chosen]!
  if (!isMessageLog(log))
    return {
      ok: false,
      link: 'message',
      reason: `L2→L1 log ${chosen} is from ${bytesToHex(log.sender)}, not an L1Messenger message`,
    }
  const message = messageOf(receipt, log)
  if (!message)
    return {
      ok: false,
      link: 'message',
      reason: `the receipt has no L1MessageSent event carrying the message of L2→L1 log ${chosen}`,
    }
  const decoded = decodeWithdrawalMessage(message)
  if (!decoded.ok) return { ok: false, link: 'message', reason: `L2→L1 log ${chosen}: ${decoded.reason}` }
  return {
    ok: true,
    at: {
      batchNumber: receipt.l1BatchNumber,
      txNumberInBatch: Number(receipt.l1BatchTxIndex),
      logIndex: chosen,
      claimedSender: log.key.slice(12),
      message,
      decoded: decoded.message,
    },
  }
}
