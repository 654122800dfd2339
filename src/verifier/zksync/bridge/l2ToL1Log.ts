import { keccak_256 } from '../../crypto/backends'
import { concatBytes, hexToBytes } from '../../encoding/hex'

/**
 * An L2→L1 log as the L1 contracts hash it: `shardId u8 ‖ isService u8 ‖ txNumberInBatch u16 BE ‖ sender 20 ‖
 * key 32 ‖ value 32` = 88 bytes (era-contracts `common/Config.sol` L2_TO_L1_LOG_SERIALIZE_SIZE; zksync-era
 * `core/lib/types/src/l2_to_l1_log.rs` `to_bytes`). The leaf of the batch's logs tree is keccak256 of them
 * (era-contracts `MessageVerification._proveL2LogInclusion`).
 */
export interface L2ToL1Log {
  shardId: number
  isService: boolean
  txNumberInBatch: number
  sender: Uint8Array
  key: Uint8Array
  value: Uint8Array
}

export const L2_TO_L1_LOG_BYTES = 88

/** L1Messenger (`0x…8008`): the sender of every message log (`L1Messenger.sendToL1`). */
export const L1_MESSENGER_ADDRESS = hexToBytes('0x0000000000000000000000000000000000008008')
/** The bootloader (`0x…8001`): the sender of every L1→L2 transaction's status log. */
export const BOOTLOADER_ADDRESS = hexToBytes('0x0000000000000000000000000000000000008001')

export function serializeL2ToL1Log(log: L2ToL1Log): Uint8Array {
  if (!Number.isInteger(log.shardId) || log.shardId < 0 || log.shardId > 0xff)
    throw new RangeError('shardId is a u8')
  if (!Number.isInteger(log.txNumberInBatch) || log.txNumberInBatch < 0 || log.txNumberInBatch > 0xffff)
    throw new RangeError('txNumberInBatch is a u16')
  if (log.sender.length !== 20 || log.key.length !== 32 || log.value.length !== 32)
    throw new RangeError('sender is 20 bytes, key and value 32')
  return concatBytes(
    Uint8Array.of(log.shardId, log.isService ? 1 : 0, log.txNumberInBatch >> 8, log.txNumberInBatch & 0xff),
    log.sender,
    log.key,
    log.value,
  )
}

export function l2ToL1LogLeaf(log: L2ToL1Log): Uint8Array {
  return keccak_256(serializeL2ToL1Log(log))
}

/** keccak256 of 88 zero bytes: the padding leaf; L1 refuses to prove it (`HashedLogIsDefault`). */
export const DEFAULT_LOG_LEAF = keccak_256(new Uint8Array(L2_TO_L1_LOG_BYTES))

/**
 * The log `L1Messenger.sendToL1(message)` emits for a call from `sender` (era-contracts `_l2MessageToLog`):
 * shard 0, a service log, sender L1Messenger, key = the caller padded to 32 bytes, value = keccak256(message).
 */
export function messageLog(sender: Uint8Array, txNumberInBatch: number, message: Uint8Array): L2ToL1Log {
  return {
    shardId: 0,
    isService: true,
    txNumberInBatch,
    sender: L1_MESSENGER_ADDRESS,
    key: concatBytes(new Uint8Array(12), sender),
    value: keccak_256(message),
  }
}
