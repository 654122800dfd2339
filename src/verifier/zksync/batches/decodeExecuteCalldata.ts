import { InputError } from '../../../shared/errors'
import { decodeStrict, type AbiValues as Values } from '../../encoding/abi'
import { bytesToHex } from '../../encoding/hex'
import { parseCalldataInput } from './decodeCommitCalldata'
import { UNSUPPORTED_CODE } from './encodingVersions'
import {
  storedBatchInfoAbi,
  storedBatchInfoFromValues,
  storedBatchInfoType,
  type StoredBatchInfoFields,
} from './executorStructs'
import { decodeSharedBridgeArgs } from './sharedBridgeArgs'
import type { StoredBatchInfo } from './types'

/**
 * Execute-call selectors (zksync.md §1.6; selectors re-derived in decodeExecuteCalldata.test.ts and listed in
 * fixtures zksync/derived/constants.json). A new era is a row.
 */
export interface ExecuteEncoding {
  selector: string
  signature: string
  protocols: string
  /** `batches`: the StoredBatchInfo[] is the (last) argument; `range-bytes`: `(chain, from, to, bytes data)`. */
  args: 'batches' | 'chainid-batches' | 'range-bytes'
  chainArg?: 'uint256' | 'address'
  encodingVersion?: number
  storedBatchInfoFields: StoredBatchInfoFields
}

const SBI8 = storedBatchInfoType(8)

export const EXECUTE_ENCODINGS: readonly ExecuteEncoding[] = [
  {
    selector: '0xc3d93e7c',
    signature: `executeBatches(${SBI8}[])`,
    protocols: 'v18–v22',
    args: 'batches',
    storedBatchInfoFields: 8,
  },
  {
    selector: '0x6f497ac6',
    signature: `executeBatchesSharedBridge(uint256,${SBI8}[])`,
    protocols: 'v23–v25',
    args: 'chainid-batches',
    storedBatchInfoFields: 8,
  },
  {
    selector: '0xcf02827d',
    signature: 'executeBatchesSharedBridge(uint256,uint256,uint256,bytes)',
    protocols: 'v26–v28',
    args: 'range-bytes',
    chainArg: 'uint256',
    encodingVersion: 0,
    storedBatchInfoFields: 8,
  },
  {
    selector: '0xa085344d',
    signature: 'executeBatchesSharedBridge(address,uint256,uint256,bytes)',
    protocols: 'v29+',
    args: 'range-bytes',
    chainArg: 'address',
    encodingVersion: 1,
    storedBatchInfoFields: 9,
  },
]

const PRIORITY_OPS = 'tuple(bytes32[],bytes32[],bytes32[])[]'
const INTEROP_ROOTS = 'tuple(uint256,uint256,bytes32[])[][]'
const L2_LOGS = 'tuple(uint8,bool,uint16,address,bytes32,bytes32)[][]'

/**
 * What follows the version byte of an execute call, keyed by the byte and the first protocol version the layout
 * applies to (EC `BatchDecoder._decodeExecuteData`): the byte stayed 1 from v29 while v31 appended four members.
 */
export interface ExecutePayloadLayout {
  encodingVersion: number
  fromProtocolVersion: number
  /** ABI types after the byte; the first is always `StoredBatchInfo[]`. */
  types: readonly string[]
  members: readonly string[]
  source: string
}

export const EXECUTE_PAYLOAD_LAYOUTS: readonly ExecutePayloadLayout[] = [
  {
    encodingVersion: 0,
    fromProtocolVersion: 26,
    types: [`${storedBatchInfoAbi(8)}[]`, PRIORITY_OPS],
    members: ['batches', 'priorityOpsData'],
    source: 'EC release-v26 f7ecdb91f BatchDecoder._decodeExecuteData',
  },
  {
    encodingVersion: 1,
    fromProtocolVersion: 29,
    types: [`${storedBatchInfoAbi(9)}[]`, PRIORITY_OPS, INTEROP_ROOTS],
    members: ['batches', 'priorityOpsData', 'dependencyRoots'],
    source: 'EC main 5e7d0b405 BatchDecoder._decodeExecuteData',
  },
  {
    encodingVersion: 1,
    fromProtocolVersion: 31,
    types: [
      `${storedBatchInfoAbi(9)}[]`,
      PRIORITY_OPS,
      INTEROP_ROOTS,
      L2_LOGS,
      'bytes[][]',
      'bytes32[]',
      'address',
    ],
    members: [
      'batches',
      'priorityOpsData',
      'dependencyRoots',
      'logs',
      'messages',
      'multichainBatchRoots',
      'settlementFeePayer',
    ],
    source: 'EC draft-v31 4859b6fd4 BatchDecoder._decodeExecuteData',
  },
]

export interface DecodedExecuteCalldata {
  selector: string
  encoding: ExecuteEncoding
  chainId?: bigint
  chainAddress?: string
  processFrom?: bigint
  processTo?: bigint
  encodingVersion?: number
  /** The payload layout the bytes were read with (range-bytes encodings). */
  layout?: ExecutePayloadLayout
  batches: StoredBatchInfo[]
  /** Entries per member after the batches (e.g. `{ priorityOpsData: 1, dependencyRoots: 1 }`), for reports. */
  memberCounts: Record<string, number>
  settlementFeePayer?: string
  canonical: boolean
}

export const MAX_EXECUTE_CALLDATA_BYTES = 4 * 1024 * 1024

export function executeEncodingFor(selector: string): ExecuteEncoding | undefined {
  return EXECUTE_ENCODINGS.find((e) => e.selector === selector)
}

const uint = (v: unknown, what: string): bigint => {
  if (typeof v !== 'bigint') throw new InputError(`${what}: expected an integer`)
  return v
}

function batchesOf(v: unknown, fields: StoredBatchInfoFields): StoredBatchInfo[] {
  return Array.from(v as Values, (b, i) => storedBatchInfoFromValues(b as Values, fields, `batches[${i}]`))
}

/**
 * Decodes a ZKsync Era execute transaction's input for every execute selector and encoding version. The version
 * byte picks the payload layouts it can carry (EXECUTE_PAYLOAD_LAYOUTS); with `protocolVersion` the table decides,
 * without it the layout that re-encodes to exactly the given bytes is taken (the v29–v30 and v31 forms of
 * version 1 differ in their head, so at most one is canonical). Another byte throws
 * UnsupportedEncodingVersionError ("encoding version N not supported yet").
 */
export function decodeExecuteCalldata(
  input: string | Uint8Array,
  protocolVersion?: number,
): DecodedExecuteCalldata {
  const data = parseCalldataInput(input)
  if (data.length > MAX_EXECUTE_CALLDATA_BYTES)
    throw new InputError(
      `execute calldata: ${data.length} bytes is over the ${MAX_EXECUTE_CALLDATA_BYTES}-byte limit`,
    )
  if (data.length < 4)
    throw new InputError(`execute calldata: ${data.length} bytes, too short for a selector`)
  const selector = bytesToHex(data.subarray(0, 4))
  const encoding = executeEncodingFor(selector)
  if (!encoding)
    throw new InputError(
      `unsupported execute calldata: selector ${selector} is not a ZKsync Era execute call (supported: ${EXECUTE_ENCODINGS.map((e) => e.selector).join(', ')})`,
      UNSUPPORTED_CODE,
    )
  const args = data.subarray(4)
  const fields = encoding.storedBatchInfoFields
  const sbiList = `${storedBatchInfoAbi(fields)}[]`

  if (encoding.args === 'batches') {
    const { values, canonical } = decodeStrict([sbiList], args, 'executeBatches arguments')
    return { selector, encoding, batches: batchesOf(values[0], fields), memberCounts: {}, canonical }
  }
  if (encoding.args === 'chainid-batches') {
    const { values, canonical } = decodeStrict(
      ['uint256', sbiList],
      args,
      'executeBatchesSharedBridge arguments',
    )
    return {
      selector,
      encoding,
      chainId: uint(values[0], 'chainId'),
      batches: batchesOf(values[1], fields),
      memberCounts: {},
      canonical,
    }
  }

  const shared = decodeSharedBridgeArgs('execute', 'executeBatchesSharedBridge', args, encoding)
  const version = shared.encodingVersion
  const candidates = EXECUTE_PAYLOAD_LAYOUTS.filter((l) => l.encodingVersion === version).sort(
    (a, b) => b.fromProtocolVersion - a.fromProtocolVersion,
  )
  const chosen =
    protocolVersion !== undefined
      ? candidates.filter((l) => l.fromProtocolVersion <= protocolVersion).slice(0, 1)
      : candidates
  if (chosen.length === 0)
    throw new InputError(
      `execute calldata: no payload layout of encoding version ${version} applies to protocol v${protocolVersion}`,
    )
  let decoded: { layout: ExecutePayloadLayout; values: Values; canonical: boolean } | undefined
  let firstError: unknown
  for (const layout of chosen) {
    try {
      const { values, canonical } = decodeStrict(layout.types, shared.payload, 'execute data')
      if (!decoded || (canonical && !decoded.canonical)) decoded = { layout, values, canonical }
      if (canonical) break
    } catch (err) {
      firstError ??= err
    }
  }
  if (!decoded) throw firstError
  const { layout, values } = decoded
  const memberCounts: Record<string, number> = {}
  layout.members.forEach((name, i) => {
    if (i > 0 && Array.isArray(values[i])) memberCounts[name] = (values[i] as Values).length
  })
  const feeAt = layout.members.indexOf('settlementFeePayer')
  return {
    selector,
    encoding,
    ...shared.chain,
    processFrom: shared.processFrom,
    processTo: shared.processTo,
    encodingVersion: version,
    layout,
    batches: batchesOf(values[0], fields),
    memberCounts,
    ...(feeAt >= 0 ? { settlementFeePayer: String(values[feeAt]).toLowerCase() } : {}),
    canonical: shared.canonical && decoded.canonical,
  }
}
