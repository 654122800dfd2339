import { bytesToBigint } from '../../encoding/hex'

/** `L2_TO_L1_LOG_SERIALIZE_SIZE` (EC `common/Config.sol`). */
export const SYSTEM_LOG_SIZE = 88
/** The contract caps `systemLogs` at 512 logs (zksync.md §1.5). */
export const MAX_SYSTEM_LOGS = 512

/** One serialized L2→L1 log: `shardId u8 ‖ isService u8 ‖ txNumberInBlock u16 BE ‖ sender ‖ key ‖ value`. */
export interface SystemLog {
  shardId: number
  isService: number
  txNumberInBlock: number
  /** 20 bytes; system contracts are small numbers such as 0x8008. */
  sender: Uint8Array
  key: bigint
  value: Uint8Array
}

export type ParsedSystemLogs = { ok: true; logs: SystemLog[] } | { ok: false; reason: string }

/** Splits the `systemLogs` bytes into 88-byte records (offsets 4/24/56 as in `IExecutor.sol`). */
export function parseSystemLogs(bytes: Uint8Array): ParsedSystemLogs {
  if (bytes.length % SYSTEM_LOG_SIZE !== 0)
    return { ok: false, reason: `${bytes.length} bytes is not a multiple of ${SYSTEM_LOG_SIZE}` }
  const count = bytes.length / SYSTEM_LOG_SIZE
  if (count > MAX_SYSTEM_LOGS)
    return { ok: false, reason: `${count} logs is over the ${MAX_SYSTEM_LOGS} cap` }
  const logs: SystemLog[] = []
  for (let off = 0; off < bytes.length; off += SYSTEM_LOG_SIZE) {
    const rec = bytes.subarray(off, off + SYSTEM_LOG_SIZE)
    logs.push({
      shardId: rec[0]!,
      isService: rec[1]!,
      txNumberInBlock: (rec[2]! << 8) | rec[3]!,
      sender: rec.slice(4, 24),
      key: bytesToBigint(rec.subarray(24, 56)),
      value: rec.slice(56, 88),
    })
  }
  return { ok: true, logs }
}

/** The sender as a number when it is a system-contract address (`0x00…00XXXX`), otherwise -1. */
export function systemSender(sender: Uint8Array): number {
  for (let i = 0; i < 18; i++) if (sender[i] !== 0) return -1
  return (sender[18]! << 8) | sender[19]!
}

/** Serializes logs back to bytes (used to build test inputs from the zksync-era commitment vectors). */
export function serializeSystemLogs(logs: readonly SystemLog[]): Uint8Array {
  const out = new Uint8Array(logs.length * SYSTEM_LOG_SIZE)
  logs.forEach((log, i) => {
    const o = i * SYSTEM_LOG_SIZE
    out[o] = log.shardId
    out[o + 1] = log.isService
    out[o + 2] = log.txNumberInBlock >> 8
    out[o + 3] = log.txNumberInBlock & 0xff
    out.set(log.sender, o + 4)
    let k = log.key
    for (let j = 55; j >= 24; j--) {
      out[o + j] = Number(k & 0xffn)
      k >>= 8n
    }
    out.set(log.value, o + 56)
  })
  return out
}
