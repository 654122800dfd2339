import { keccak_256 } from '../../crypto/backends'
import { InputError } from '../../../shared/errors'
import { bytesToBigint, bytesToHex, equalBytes } from '../../encoding/hex'

/**
 * The standard (rollup) pubdata format of ZKsync Era, as the L1Messenger publishes it (zksync-era
 * `docs/src/specs/contracts/settlement_contracts/data_availability/standard_pubdata_format.md`, `compression.md`;
 * era-contracts system-contracts `L1Messenger.publishPubdataAndClearState`):
 *
 *   u32 nLogs ‖ nLogs × 88-byte L2→L1 log
 *   u32 nMessages ‖ (u32 length ‖ message)…
 *   u32 nBytecodes ‖ (u32 length ‖ bytecode)…
 *   state diffs: u8 version (1) ‖ u24 length of what follows the enumeration-index size ‖ u8 enumIndexSize ‖
 *                u16 nInitialWrites ‖ (32-byte derived key ‖ packing byte ‖ value)… ‖
 *                (enumIndexSize-byte index ‖ packing byte ‖ value)… (repeated writes, to the end)
 *
 * Packing byte = (value length << 3) | op; op 0 = no compression (the value is 32 bytes), 1 = add, 2 = sub,
 * 3 = transform (the final value itself, shortened). All integers are big-endian.
 */

/** An L2→L1 log: `L2ToL1Log` of era-contracts `Messaging.sol`, packed to 88 bytes. */
export interface PubdataLog {
  shardId: number
  isService: boolean
  txNumberInBatch: number
  sender: Uint8Array
  key: Uint8Array
  value: Uint8Array
}

export type DiffOp = 'none' | 'add' | 'sub' | 'transform'
export const DIFF_OPS: readonly DiffOp[] = ['none', 'add', 'sub', 'transform']

export interface PubdataStateDiff {
  /** Initial writes carry the 32-byte derived key; repeated writes the enumeration index. */
  kind: 'initial' | 'repeated'
  derivedKey?: Uint8Array
  enumerationIndex?: bigint
  op: DiffOp
  /** The value bytes as published: the full value (none/transform) or the delta (add/sub). */
  value: Uint8Array
}

/** A withdrawal the message encodes, recognised from its selector and sender. */
export type Withdrawal =
  | { kind: 'eth'; receiver: string; amount: bigint }
  | { kind: 'erc20-legacy'; receiver: string; l1Token: string; amount: bigint }

export interface PubdataMessage {
  /** The L2 sender, from the L1Messenger log whose value is keccak(message) (undefined when no log names it). */
  sender?: Uint8Array
  data: Uint8Array
  withdrawal?: Withdrawal
}

export interface DecodedPubdata {
  logs: PubdataLog[]
  messages: PubdataMessage[]
  bytecodes: Uint8Array[]
  stateDiffs: {
    version: number
    enumerationIndexSize: number
    initialWrites: number
    repeatedWrites: number
    ops: Record<DiffOp, number>
    diffs: PubdataStateDiff[]
  }
  /** The bytes the format spans: the pubdata proper (what fullPubdataHash hashes), without a blob's zero tail. */
  length: number
  /** Every message has an L1Messenger log carrying keccak(message) (L1Messenger enforces it on L2). */
  unloggedMessages: number
}

const L2_TO_L1_LOG_SIZE = 88
/** L1Messenger system contract: logs it emits carry keccak(message) as value and the message's sender as key. */
export const L1_MESSENGER = '0x0000000000000000000000000000000000008008'
/** L2BaseToken (ETH on Era): its withdraw() sends `finalizeEthWithdrawal` data. */
export const L2_BASE_TOKEN = '0x000000000000000000000000000000000000800a'
/** `IMailbox.finalizeEthWithdrawal` message: selector ‖ l1Receiver(20) ‖ amount(32). */
const ETH_WITHDRAWAL_SELECTOR = '0x6c0960f9'
/** Legacy `IL1ERC20Bridge.finalizeWithdrawal` message: selector ‖ l1Receiver(20) ‖ l1Token(20) ‖ amount(32). */
const ERC20_WITHDRAWAL_SELECTOR = '0x11a2ccc1'

class Reader {
  at = 0
  constructor(private readonly bytes: Uint8Array) {}
  take(n: number, what: string): Uint8Array {
    if (n < 0 || this.at + n > this.bytes.length)
      throw new InputError(
        `pubdata: ${what} needs ${n} bytes at offset ${this.at}, ${this.bytes.length - this.at} left`,
        'zksync.da.pubdata.format',
      )
    const out = this.bytes.subarray(this.at, this.at + n)
    this.at += n
    return out
  }
  uint(n: number, what: string): number {
    return Number(bytesToBigint(this.take(n, what)))
  }
}

const addressOf = (word: Uint8Array) => bytesToHex(word.subarray(word.length - 20))

function recogniseWithdrawal(sender: string | undefined, data: Uint8Array): Withdrawal | undefined {
  const selector = bytesToHex(data.subarray(0, 4))
  if (selector === ETH_WITHDRAWAL_SELECTOR && data.length === 56 && sender === L2_BASE_TOKEN)
    return {
      kind: 'eth',
      receiver: bytesToHex(data.subarray(4, 24)),
      amount: bytesToBigint(data.subarray(24, 56)),
    }
  if (selector === ERC20_WITHDRAWAL_SELECTOR && data.length === 76)
    return {
      kind: 'erc20-legacy',
      receiver: bytesToHex(data.subarray(4, 24)),
      l1Token: bytesToHex(data.subarray(24, 44)),
      amount: bytesToBigint(data.subarray(44, 76)),
    }
  return undefined
}

/** Caps that keep a hostile length field from allocating: 16 blobs of pubdata at most. */
const MAX_PUBDATA = 16 * 126_976

/**
 * Decodes pubdata in the standard format. `pubdata` may carry trailing zero padding (a blob's tail): the format is
 * self-delimiting, and `length` says where it ends; anything nonzero after it is an error. Throws InputError
 * (code `zksync.da.pubdata.format`) on anything that does not parse.
 */
export function decodePubdata(pubdata: Uint8Array): DecodedPubdata {
  if (pubdata.length > MAX_PUBDATA)
    throw new InputError(
      `pubdata: ${pubdata.length} bytes, at most ${MAX_PUBDATA}`,
      'zksync.da.pubdata.format',
    )
  const r = new Reader(pubdata)
  const nLogs = r.uint(4, 'the log count')
  const logs: PubdataLog[] = []
  for (let i = 0; i < nLogs; i++) {
    const raw = r.take(L2_TO_L1_LOG_SIZE, `log ${i}`)
    logs.push({
      shardId: raw[0]!,
      isService: raw[1] !== 0,
      txNumberInBatch: (raw[2]! << 8) | raw[3]!,
      sender: raw.slice(4, 24),
      key: raw.slice(24, 56),
      value: raw.slice(56, 88),
    })
  }
  const messengerLogs = logs.filter((l) => bytesToHex(l.sender) === L1_MESSENGER)
  const nMessages = r.uint(4, 'the message count')
  const messages: PubdataMessage[] = []
  let unloggedMessages = 0
  for (let i = 0; i < nMessages; i++) {
    const len = r.uint(4, `message ${i} length`)
    const data = r.take(len, `message ${i}`).slice()
    const hash = keccak_256(data)
    const log = messengerLogs.find((l) => equalBytes(l.value, hash))
    if (!log) unloggedMessages++
    const sender = log ? log.key.slice(12) : undefined
    const withdrawal = recogniseWithdrawal(sender ? bytesToHex(sender) : undefined, data)
    messages.push({ ...(sender ? { sender } : {}), data, ...(withdrawal ? { withdrawal } : {}) })
  }
  const nBytecodes = r.uint(4, 'the bytecode count')
  const bytecodes: Uint8Array[] = []
  for (let i = 0; i < nBytecodes; i++) {
    const len = r.uint(4, `bytecode ${i} length`)
    bytecodes.push(r.take(len, `bytecode ${i}`).slice())
  }
  const version = r.uint(1, 'the state-diff version')
  if (version !== 1)
    throw new InputError(
      `pubdata: state-diff compression version ${version}, only 1 is known`,
      'zksync.da.pubdata.format',
    )
  const diffLength = r.uint(3, 'the state-diff length')
  const enumerationIndexSize = r.uint(1, 'the enumeration-index size')
  if (enumerationIndexSize < 1 || enumerationIndexSize > 8)
    throw new InputError(
      `pubdata: enumeration-index size ${enumerationIndexSize}`,
      'zksync.da.pubdata.format',
    )
  const body = new Reader(r.take(diffLength, 'the compressed state diffs'))
  const initialWrites = body.uint(2, 'the initial-write count')
  const ops: Record<DiffOp, number> = { none: 0, add: 0, sub: 0, transform: 0 }
  const diffs: PubdataStateDiff[] = []
  const value = (what: string): { op: DiffOp; value: Uint8Array } => {
    const packing = body.uint(1, `${what} packing byte`)
    const code = packing & 7
    const op = DIFF_OPS[code]
    if (!op)
      throw new InputError(`pubdata: ${what}: unknown compression op ${code}`, 'zksync.da.pubdata.format')
    const len = op === 'none' ? 32 : packing >> 3
    if (op !== 'none' && len > 31)
      throw new InputError(`pubdata: ${what}: compressed length ${len}`, 'zksync.da.pubdata.format')
    ops[op]++
    return { op, value: body.take(len, `${what} value`).slice() }
  }
  for (let i = 0; i < initialWrites; i++) {
    const derivedKey = body.take(32, `initial write ${i} key`).slice()
    diffs.push({ kind: 'initial', derivedKey, ...value(`initial write ${i}`) })
  }
  let repeatedWrites = 0
  while (body.at < diffLength) {
    const enumerationIndex = bytesToBigint(
      body.take(enumerationIndexSize, `repeated write ${repeatedWrites} index`),
    )
    diffs.push({ kind: 'repeated', enumerationIndex, ...value(`repeated write ${repeatedWrites}`) })
    repeatedWrites++
  }
  const length = r.at
  for (let i = length; i < pubdata.length; i++)
    if (pubdata[i] !== 0)
      throw new InputError(
        `pubdata: nonzero byte at offset ${i}, after the state diffs end at ${length}`,
        'zksync.da.pubdata.format',
      )
  return {
    logs,
    messages,
    bytecodes,
    stateDiffs: { version, enumerationIndexSize, initialWrites, repeatedWrites, ops, diffs },
    length,
    unloggedMessages,
  }
}

export { addressOf }
