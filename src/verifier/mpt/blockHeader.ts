import { keccak_256 } from '../crypto/backends'
import { z } from 'zod'
import { InputError } from '../../shared/errors'
import { bytesToHex, equalBytes } from '../encoding/hex'
import type { LosslessJson } from '../encoding/json'
import { unwrapJsonRpc } from '../encoding/rpc'
import { hexData, parseWith, quantity, toBytes, toQuantity } from './jsonSchemas'
import { encodeBytes, encodeList, encodeUint } from './rlp'

/**
 * Execution-layer block headers as eth_getBlockByNumber returns them, and their hash:
 * blockHash = keccak256(RLP([field, …])) in the order of HEADER_FIELDS (Yellow Paper §4.3, eq. 33, plus the
 * fields each EIP appends). Which fields a header has tells its fork; the table below is the only place that
 * knows the layout, so a fork that appends a field is one row.
 */
type FieldKind = 'hash' | 'address' | 'bloom' | 'uint' | 'extraData' | 'nonce'

export type HeaderFork = 'frontier' | 'london' | 'shanghai' | 'cancun' | 'prague'

interface HeaderField {
  /** The JSON-RPC name. */
  name: string
  kind: FieldKind
  /** The fork whose header first carries it. */
  since: HeaderFork
  /** Where it comes from. */
  source: string
}

export const HEADER_FIELDS: readonly HeaderField[] = [
  { name: 'parentHash', kind: 'hash', since: 'frontier', source: 'Yellow Paper §4.3 H_p' },
  { name: 'sha3Uncles', kind: 'hash', since: 'frontier', source: 'H_o (ommers hash)' },
  { name: 'miner', kind: 'address', since: 'frontier', source: 'H_c (beneficiary)' },
  { name: 'stateRoot', kind: 'hash', since: 'frontier', source: 'H_r' },
  { name: 'transactionsRoot', kind: 'hash', since: 'frontier', source: 'H_t' },
  { name: 'receiptsRoot', kind: 'hash', since: 'frontier', source: 'H_e' },
  { name: 'logsBloom', kind: 'bloom', since: 'frontier', source: 'H_b' },
  { name: 'difficulty', kind: 'uint', since: 'frontier', source: 'H_d (0 after the merge, EIP-3675)' },
  { name: 'number', kind: 'uint', since: 'frontier', source: 'H_i' },
  { name: 'gasLimit', kind: 'uint', since: 'frontier', source: 'H_l' },
  { name: 'gasUsed', kind: 'uint', since: 'frontier', source: 'H_g' },
  { name: 'timestamp', kind: 'uint', since: 'frontier', source: 'H_s' },
  { name: 'extraData', kind: 'extraData', since: 'frontier', source: 'H_x' },
  { name: 'mixHash', kind: 'hash', since: 'frontier', source: 'H_m (prevRandao after EIP-4399)' },
  { name: 'nonce', kind: 'nonce', since: 'frontier', source: 'H_n (0 after the merge)' },
  { name: 'baseFeePerGas', kind: 'uint', since: 'london', source: 'EIP-1559' },
  { name: 'withdrawalsRoot', kind: 'hash', since: 'shanghai', source: 'EIP-4895' },
  { name: 'blobGasUsed', kind: 'uint', since: 'cancun', source: 'EIP-4844' },
  { name: 'excessBlobGas', kind: 'uint', since: 'cancun', source: 'EIP-4844' },
  { name: 'parentBeaconBlockRoot', kind: 'hash', since: 'cancun', source: 'EIP-4788' },
  { name: 'requestsHash', kind: 'hash', since: 'prague', source: 'EIP-7685' },
]

/** Forks that change the header layout, oldest first (Paris and Osaka keep the layout of the fork before). */
export const HEADER_FORKS: readonly HeaderFork[] = ['frontier', 'london', 'shanghai', 'cancun', 'prague']

/** Mainnet extraData is at most 32 bytes (Yellow Paper eq. 57); other networks are not held to it here. */
const MAX_EXTRA_DATA = 1024

const FIELD_SCHEMA: Record<FieldKind, z.ZodType> = {
  hash: hexData({ length: 32 }),
  address: hexData({ length: 20 }),
  bloom: hexData({ length: 256 }),
  uint: quantity,
  extraData: hexData({ maxBytes: MAX_EXTRA_DATA }),
  nonce: hexData({ length: 8 }),
}

const headerSchema = z.object({
  hash: hexData({ length: 32 }).optional(),
  ...Object.fromEntries(HEADER_FIELDS.map((f) => [f.name, FIELD_SCHEMA[f.kind].nullable().optional()])),
})

export interface ExecutionHeader {
  fork: HeaderFork
  /** The header's fields as RLP items, in HEADER_FIELDS order, for this fork's layout. */
  encodedFields: Uint8Array[]
  /** The hash the JSON claims (`hash`), if it has one. Never trusted: compare with computeBlockHash. */
  claimedHash?: Uint8Array
  number: bigint
  parentHash: Uint8Array
  stateRoot: Uint8Array
  transactionsRoot: Uint8Array
  receiptsRoot: Uint8Array
  timestamp: bigint
}

const ERROR_CODE = 'input.block-header'

/**
 * Parses an eth_getBlockByNumber / eth_getBlockByHash result (bare or as a whole response; transactions as
 * hashes or objects, which are ignored). The layout is chosen by which fork fields are present; a header with
 * a later fork's field but without an earlier one's is refused, since no fork ever had that layout.
 */
export function parseBlockHeader(json: LosslessJson): ExecutionHeader {
  const result = unwrapJsonRpc(json)
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    throw new InputError('block: expected a block object', ERROR_CODE)
  }
  const raw = parseWith(headerSchema, result, 'block', ERROR_CODE) as Record<
    string,
    string | number | bigint | null | undefined
  >
  const present = (name: string) => raw[name] !== undefined && raw[name] !== null

  let fork: HeaderFork = 'frontier'
  for (const f of HEADER_FORKS) {
    const added = HEADER_FIELDS.filter((x) => x.since === f)
    const have = added.filter((x) => present(x.name))
    if (have.length === added.length) {
      fork = f
      continue
    }
    if (have.length > 0) {
      throw new InputError(
        `block: has ${have[0]!.name} but not ${added.find((x) => !present(x.name))!.name} (${f} fields)`,
        ERROR_CODE,
      )
    }
    break
  }
  const forkIndex = HEADER_FORKS.indexOf(fork)
  const layout = HEADER_FIELDS.filter((f) => HEADER_FORKS.indexOf(f.since) <= forkIndex)
  const stray = HEADER_FIELDS.find((f) => HEADER_FORKS.indexOf(f.since) > forkIndex && present(f.name))
  if (stray)
    throw new InputError(
      `block: has ${stray.name} (${stray.since}) but lacks fields of an earlier fork`,
      ERROR_CODE,
    )

  const encodedFields = layout.map((f) => {
    const v = raw[f.name]
    if (v === undefined || v === null) throw new InputError(`block: missing ${f.name}`, ERROR_CODE)
    return f.kind === 'uint' ? encodeUint(toQuantity(v)) : encodeBytes(toBytes(v as string))
  })
  const bytes = (name: string) => toBytes(raw[name] as string)
  return {
    fork,
    encodedFields,
    ...(typeof raw.hash === 'string' ? { claimedHash: toBytes(raw.hash) } : {}),
    number: toQuantity(raw.number as string),
    parentHash: bytes('parentHash'),
    stateRoot: bytes('stateRoot'),
    transactionsRoot: bytes('transactionsRoot'),
    receiptsRoot: bytes('receiptsRoot'),
    timestamp: toQuantity(raw.timestamp as string),
  }
}

export function computeBlockHash(header: ExecutionHeader): Uint8Array {
  return keccak_256(encodeList(header.encodedFields))
}

export type BlockHeaderCheck =
  | { status: 'pass'; fork: HeaderFork; hash: Uint8Array }
  | { status: 'fail'; fork: HeaderFork; hash: Uint8Array; detail: string }

/**
 * Binds a header to a hash: keccak256(RLP(header)) must equal `trustedHash` when one is given (a hash from a
 * verified beacon execution payload, or a child's verified parentHash), and must equal the JSON's own `hash`
 * field when it has one — a header whose fields do not produce its claimed hash was altered.
 *
 * @example
 *   const r = verifyBlockHeader(parseBlockHeader(json), verifiedBlockHash)
 *   if (r.status === 'pass') useStateRoot(header.stateRoot)
 */
export function verifyBlockHeader(header: ExecutionHeader, trustedHash?: Uint8Array): BlockHeaderCheck {
  const hash = computeBlockHash(header)
  const fork = header.fork
  if (header.claimedHash && !equalBytes(hash, header.claimedHash)) {
    return {
      status: 'fail',
      fork,
      hash,
      detail: `the fields hash to ${bytesToHex(hash)}, not to the claimed ${bytesToHex(header.claimedHash)}`,
    }
  }
  if (trustedHash && !equalBytes(hash, trustedHash)) {
    return {
      status: 'fail',
      fork,
      hash,
      detail: `the fields hash to ${bytesToHex(hash)}, not to the trusted ${bytesToHex(trustedHash)}`,
    }
  }
  if (!header.claimedHash && !trustedHash) {
    return {
      status: 'fail',
      fork,
      hash,
      detail: 'no hash to compare with: the block has no hash field and none is trusted',
    }
  }
  return { status: 'pass', fork, hash }
}
