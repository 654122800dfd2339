import { AbiCoder } from 'ethers'
import { InputError } from '../../../shared/errors'
import { bytesToHex, hexToBytes } from '../../encoding/hex'
import {
  commitEncodingFor,
  OTHER_KNOWN_SELECTORS,
  type CommitEncoding,
  type CommitLayout,
} from './commitEncodings'
import { parseSystemLogs, systemSender } from './systemLogs'
import { SYSTEM_LOG_SENDERS } from './systemLogKeys'
import type { CommitBatchInfo, DecodedCommitCalldata, StoredBatchInfo } from './types'

/**
 * A commit transaction's input is at most a few hundred kilobytes (one batch per commit since v21; blobs carry
 * the pubdata). 4 MiB leaves room for old multi-batch calldata commits and bounds the work on hostile input.
 */
export const MAX_COMMIT_CALLDATA_BYTES = 4 * 1024 * 1024

const SBI8 = 'tuple(uint64,bytes32,uint64,uint256,bytes32,bytes32,uint256,bytes32)'
const SBI9 = 'tuple(uint64,bytes32,uint64,uint256,bytes32,bytes32,bytes32,uint256,bytes32)'
const CBI = 'tuple(uint64,uint64,uint64,bytes32,uint256,bytes32,bytes32,bytes32,bytes,bytes)[]'

const coder = AbiCoder.defaultAbiCoder()

/** Error code of a well-formed input that this verifier does not support (unknown selector or version). */
export const UNSUPPORTED_CODE = 'zksync.calldata.unsupported'

function unsupported(message: string): InputError {
  return new InputError(`unsupported commit calldata: ${message}`, UNSUPPORTED_CODE)
}

const PRINTABLE_OR_SPACE = (b: number) => (b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d

/**
 * Calldata as given by a person: hex text (with or without `0x`, surrounding whitespace ignored) or the raw
 * bytes. ABI-encoded calldata always holds zero bytes, so an input made only of printable characters is text,
 * and then it must be clean hex.
 */
export function parseCalldataInput(input: string | Uint8Array): Uint8Array {
  let text: string
  if (typeof input === 'string') text = input
  else if (input.every(PRINTABLE_OR_SPACE)) text = new TextDecoder().decode(input)
  else {
    if (input.length > MAX_COMMIT_CALLDATA_BYTES)
      throw new InputError(
        `calldata: ${input.length} bytes is over the ${MAX_COMMIT_CALLDATA_BYTES}-byte limit`,
      )
    return input
  }
  const trimmed = text.trim()
  if (trimmed.length > 2 * MAX_COMMIT_CALLDATA_BYTES + 2)
    throw new InputError(`calldata: text is over the ${MAX_COMMIT_CALLDATA_BYTES}-byte limit`)
  const prefixed = /^0x/i.test(trimmed) ? trimmed : `0x${trimmed}`
  return hexToBytes(prefixed, 'calldata')
}

/** Decoded ABI values as plain nested arrays: ints are bigint, bytes are 0x-hex, addresses checksummed. */
type Values = unknown[]

function decodeStrict(
  types: string[],
  data: Uint8Array,
  what: string,
): { values: Values; canonical: boolean } {
  let values: Values
  try {
    // ethers defers some decoding errors until an element is read; a deep copy surfaces them here, as input errors.
    values = coder.decode(types, data).toArray(true)
  } catch (err) {
    throw new InputError(`${what}: not ABI-decodable as (${types.join(', ')}): ${shortError(err)}`)
  }
  let canonical: boolean
  try {
    canonical = coder.encode(types, values) === bytesToHex(data)
  } catch {
    canonical = false
  }
  return { values, canonical }
}

function shortError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err)
  return msg.split('(')[0]!.trim().slice(0, 160)
}

const b32 = (v: unknown, what: string) => hexToBytes(v, what, 32)
const bytes = (v: unknown, what: string) => hexToBytes(v, what)
const uint = (v: unknown, what: string): bigint => {
  if (typeof v !== 'bigint') throw new InputError(`${what}: expected an integer`)
  return v
}

function toStoredBatchInfo(r: Values, fields: 8 | 9): StoredBatchInfo {
  const at = (i: number) => r[i] as unknown
  const base = {
    batchNumber: uint(at(0), 'lastCommitted.batchNumber'),
    batchHash: b32(at(1), 'lastCommitted.batchHash'),
    indexRepeatedStorageChanges: uint(at(2), 'lastCommitted.indexRepeatedStorageChanges'),
    numberOfLayer1Txs: uint(at(3), 'lastCommitted.numberOfLayer1Txs'),
    priorityOperationsHash: b32(at(4), 'lastCommitted.priorityOperationsHash'),
  }
  const o = fields === 9 ? 1 : 0
  return {
    ...base,
    ...(fields === 9
      ? { dependencyRootsRollingHash: b32(at(5), 'lastCommitted.dependencyRootsRollingHash') }
      : {}),
    l2LogsTreeRoot: b32(at(5 + o), 'lastCommitted.l2LogsTreeRoot'),
    timestamp: uint(at(6 + o), 'lastCommitted.timestamp'),
    commitment: b32(at(7 + o), 'lastCommitted.commitment'),
  }
}

function toCommitBatchInfo(r: Values, i: number): CommitBatchInfo {
  const w = `newBatches[${i}]`
  const at = (j: number) => r[j] as unknown
  return {
    batchNumber: uint(at(0), `${w}.batchNumber`),
    timestamp: uint(at(1), `${w}.timestamp`),
    indexRepeatedStorageChanges: uint(at(2), `${w}.indexRepeatedStorageChanges`),
    newStateRoot: b32(at(3), `${w}.newStateRoot`),
    numberOfLayer1Txs: uint(at(4), `${w}.numberOfLayer1Txs`),
    priorityOperationsHash: b32(at(5), `${w}.priorityOperationsHash`),
    bootloaderHeapInitialContentsHash: b32(at(6), `${w}.bootloaderHeapInitialContentsHash`),
    eventsQueueStateHash: b32(at(7), `${w}.eventsQueueStateHash`),
    systemLogs: bytes(at(8), `${w}.systemLogs`),
    daInput: bytes(at(9), `${w}.daInput`),
  }
}

/** `abi.encode(SBI lastCommitted, CBI[] newBatches)`, the commit payload of every Era encoding. */
function decodeCommitPayload(
  data: Uint8Array,
  fields: 8 | 9,
  what: string,
): { lastCommitted: StoredBatchInfo; batches: CommitBatchInfo[]; canonical: boolean } {
  const { values, canonical } = decodeStrict([fields === 9 ? SBI9 : SBI8, CBI], data, what)
  const batchesResult = values[1] as Values
  return {
    lastCommitted: toStoredBatchInfo(values[0] as Values, fields),
    batches: Array.from(batchesResult, (b, i) => toCommitBatchInfo(b as Values, i)),
    canonical,
  }
}

/**
 * The legacy selector carried two layouts: Boojum 1.4.0/1.4.1 (raw pubdata) and 1.4.2 (EIP-4844, pubdata
 * commitments), which adds blob-hash system logs from PubdataChunkPublisher (0x8011). Their presence decides.
 */
function inferLegacyLayout(batches: CommitBatchInfo[]): CommitLayout {
  for (const b of batches) {
    const parsed = parseSystemLogs(b.systemLogs)
    if (!parsed.ok) continue
    if (parsed.logs.some((l) => systemSender(l.sender) === SYSTEM_LOG_SENDERS.pubdataChunkPublisher))
      return 'v21-v22'
  }
  return 'v18-v20'
}

/**
 * Decodes a ZKsync Era commit transaction's input for every commit selector and encoding version (zksync.md
 * §1.6): legacy `commitBatches`, v23–v25 `commitBatchesSharedBridge(uint256, SBI, CBI[])`, v26–v28 and v29+
 * `commitBatchesSharedBridge(…, bytes data)` with encoding version byte 0 and 1. Anything else — another
 * selector, another version byte (ZKsync OS uses 4) — is refused as unsupported rather than guessed.
 *
 * @example
 *   const decoded = decodeCommitCalldata(readFileSync('commit.calldata'))
 *   decoded.batches[0].newStateRoot // the batch's state root, not yet bound to L1
 */
export function decodeCommitCalldata(input: string | Uint8Array): DecodedCommitCalldata {
  const data = parseCalldataInput(input)
  if (data.length < 4) throw new InputError(`calldata: ${data.length} bytes, too short for a selector`)
  const selector = bytesToHex(data.subarray(0, 4))
  const encoding: CommitEncoding | undefined = commitEncodingFor(selector)
  if (!encoding) {
    const known = OTHER_KNOWN_SELECTORS[selector]
    throw unsupported(
      known
        ? `selector ${selector} is ${known}, not a supported Era commit`
        : `unknown selector ${selector}; supported commit selectors are 0x701f58c5, 0x6edd4f12, 0x98f81962, 0x0db9eb87`,
    )
  }
  const args = data.subarray(4)

  if (encoding.args === 'sbi-cbi') {
    const p = decodeCommitPayload(args, 8, 'commitBatches arguments')
    return { selector, encoding, layout: inferLegacyLayout(p.batches), ...p }
  }
  if (encoding.args === 'chainid-sbi-cbi') {
    const { values, canonical } = decodeStrict(
      ['uint256', SBI8, CBI],
      args,
      'commitBatchesSharedBridge arguments',
    )
    const batches = Array.from(values[2] as Values, (b, i) => toCommitBatchInfo(b as Values, i))
    return {
      selector,
      encoding,
      layout: encoding.layouts[0]!,
      chainId: uint(values[0], 'chainId'),
      lastCommitted: toStoredBatchInfo(values[1] as Values, 8),
      batches,
      canonical,
    }
  }

  const outer = decodeStrict(
    [encoding.chainArg ?? 'uint256', 'uint256', 'uint256', 'bytes'],
    args,
    'commitBatchesSharedBridge arguments',
  )
  const payload = bytes(outer.values[3], 'data')
  if (payload.length === 0) throw new InputError('commitBatchesSharedBridge: empty data')
  const version = payload[0]!
  if (version !== encoding.encodingVersion) {
    throw unsupported(
      `selector ${selector} (${encoding.protocols}) with encoding version ${version}; this selector's ` +
        `BatchDecoder accepts version ${encoding.encodingVersion}` +
        (version === 4 ? ' (version 4 is a ZKsync OS commit, not Era)' : ''),
    )
  }
  const p = decodeCommitPayload(payload.subarray(1), encoding.storedBatchInfoFields, 'commit data')
  const chain = outer.values[0] as unknown
  return {
    selector,
    encoding,
    layout: encoding.layouts[0]!,
    encodingVersion: version,
    ...(encoding.chainArg === 'address'
      ? { chainAddress: String(chain).toLowerCase() }
      : { chainId: uint(chain, 'chainId') }),
    processFrom: uint(outer.values[1], 'processFrom'),
    processTo: uint(outer.values[2], 'processTo'),
    lastCommitted: p.lastCommitted,
    batches: p.batches,
    canonical: outer.canonical && p.canonical,
  }
}
