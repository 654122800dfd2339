import { InputError } from '../../../shared/errors'
import { decodeStrict, type AbiValues as Values } from '../../encoding/abi'
import { bytesToHex, hexToBytes } from '../../encoding/hex'
import {
  commitEncodingFor,
  OTHER_KNOWN_SELECTORS,
  type CommitEncoding,
  type CommitLayout,
} from './commitEncodings'
import { UNSUPPORTED_CODE } from './encodingVersions'
import { parseSystemLogs, systemSender } from './systemLogs'
import { SYSTEM_LOG_SENDERS } from './systemLogKeys'
import {
  COMMIT_BATCH_INFO_ABI,
  commitBatchInfoFromValues,
  storedBatchInfoAbi,
  storedBatchInfoFromValues,
  type StoredBatchInfoFields,
} from './executorStructs'
import { decodeSharedBridgeArgs } from './sharedBridgeArgs'
import type { CommitBatchInfo, DecodedCommitCalldata, StoredBatchInfo } from './types'

/**
 * A commit transaction's input is at most a few hundred kilobytes (one batch per commit since v21; blobs carry
 * the pubdata). 4 MiB leaves room for old multi-batch calldata commits and bounds the work on hostile input.
 */
export const MAX_COMMIT_CALLDATA_BYTES = 4 * 1024 * 1024

const CBI = `${COMMIT_BATCH_INFO_ABI}[]`

export { UNSUPPORTED_CODE }

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

const uint = (v: unknown, what: string): bigint => {
  if (typeof v !== 'bigint') throw new InputError(`${what}: expected an integer`)
  return v
}

const toStoredBatchInfo = (r: Values, fields: StoredBatchInfoFields): StoredBatchInfo =>
  storedBatchInfoFromValues(r, fields, 'lastCommitted')
const toCommitBatchInfo = (r: Values, i: number): CommitBatchInfo =>
  commitBatchInfoFromValues(r, `newBatches[${i}]`)

/** `abi.encode(SBI lastCommitted, CBI[] newBatches)`, the commit payload of every Era encoding. */
function decodeCommitPayload(
  data: Uint8Array,
  fields: StoredBatchInfoFields,
  what: string,
): { lastCommitted: StoredBatchInfo; batches: CommitBatchInfo[]; canonical: boolean } {
  const { values, canonical } = decodeStrict([storedBatchInfoAbi(fields), CBI], data, what)
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
 * `commitBatchesSharedBridge(…, bytes data)` with encoding version byte 0 and 1. Anything else is refused as
 * unsupported rather than guessed: another selector, or another version byte (ZKsync OS 2–4 and 6, Era v33's 5;
 * encodingVersions.ts), which throws UnsupportedEncodingVersionError ("encoding version N not supported yet").
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
      ['uint256', storedBatchInfoAbi(8), CBI],
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

  const shared = decodeSharedBridgeArgs('commit', 'commitBatchesSharedBridge', args, encoding)
  const p = decodeCommitPayload(shared.payload, encoding.storedBatchInfoFields, 'commit data')
  return {
    selector,
    encoding,
    layout: encoding.layouts[0]!,
    encodingVersion: shared.encodingVersion,
    ...shared.chain,
    processFrom: shared.processFrom,
    processTo: shared.processTo,
    lastCommitted: p.lastCommitted,
    batches: p.batches,
    canonical: shared.canonical && p.canonical,
  }
}
