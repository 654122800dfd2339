import {
  ByteListType,
  ByteVectorType,
  ContainerType,
  UintBigintType,
  VectorCompositeType,
  type Type,
} from '@chainsafe/ssz'
import { z } from 'zod'
import { InputError } from '../../shared/errors'
import { bytesToHex, equalBytes, hexToBytes } from '../encoding/hex'
import { parseJsonBytes, type LosslessJson } from '../encoding/json'
import { isLightClientFork, type LightClientFork } from './forks'
import { forkAtEpoch, lightClientForkAtSlot, type Network } from './networks'
import { forkDigest } from './signingRoot'
import { forkTypes, type ForkTypes } from './sszTypes'
import type {
  LightClientBootstrap,
  LightClientFinalityUpdate,
  LightClientHeader,
  LightClientOptimisticUpdate,
  LightClientUpdate,
} from './types'

/**
 * The boundary for beacon-API light-client objects (untrusted). Accepts
 *  - JSON as served by `/eth/v1/beacon/light_client/*`: `{version, data}`, an array of those (updates), or a
 *    bare `data` object; the fork comes from `version` and must equal the fork at the (attested) header slot;
 *  - SSZ (`application/octet-stream`): a plain container, whose fork is read from the header slot at the
 *    start of the body, or the updates-by-range framing `u64-LE length | 4-byte fork digest | SSZ` per item
 *    (beacon-APIs `getLightClientUpdatesByRange`).
 * Malformed input throws InputError; nothing here verifies anything.
 */
export type ObjectKind = 'bootstrap' | 'update' | 'finality' | 'optimistic'

/** MAX_REQUEST_LIGHT_CLIENT_UPDATES is 128 per request; a file may join a few responses. */
export const MAX_UPDATES = 1024

const UINT_DECIMAL = /^(0|[1-9][0-9]{0,77})$/

/** A zod schema for the beacon-API JSON form of an SSZ type, producing the SSZ value (camelCase keys). */
function jsonSchema(type: Type<unknown>): z.ZodType<unknown> {
  if (type instanceof ContainerType) {
    const shape: Record<string, z.ZodType<unknown>> = {}
    const rename: [string, string][] = []
    for (const f of type.fieldsEntries as {
      fieldName: string
      jsonKey: string
      fieldType: Type<unknown>
    }[]) {
      shape[f.jsonKey] = jsonSchema(f.fieldType)
      rename.push([f.jsonKey, f.fieldName])
    }
    return z
      .object(shape)
      .strict()
      .transform((o) => Object.fromEntries(rename.map(([json, field]) => [field, o[json]])))
  }
  if (type instanceof ByteVectorType) {
    const n = type.lengthBytes
    return z
      .string()
      .regex(new RegExp(`^0x[0-9a-fA-F]{${2 * n}}$`), `a ${n}-byte 0x-hex string`)
      .transform((s) => hexToBytes(s))
  }
  if (type instanceof ByteListType) {
    const max = type.limitBytes
    return z
      .string()
      .regex(new RegExp(`^0x(?:[0-9a-fA-F]{2}){0,${max}}$`), `0x-hex of at most ${max} bytes`)
      .transform((s) => hexToBytes(s))
  }
  if (type instanceof UintBigintType) {
    const limit = 1n << BigInt(8 * type.byteLength)
    return z
      .union([
        z.string().regex(UINT_DECIMAL, 'a decimal integer'),
        z.bigint(),
        z.number().int().nonnegative(),
      ])
      .transform((v) => BigInt(v))
      .refine((v) => v >= 0n && v < limit, `an unsigned ${8 * type.byteLength}-bit integer`)
  }
  if (type instanceof VectorCompositeType) {
    return z.array(jsonSchema(type.elementType as Type<unknown>)).length(type.length)
  }
  throw new Error(`no JSON schema for SSZ type ${type.typeName}`)
}

const schemaCache = new WeakMap<Type<unknown>, z.ZodType<unknown>>()
function schemaFor(type: Type<unknown>): z.ZodType<unknown> {
  let s = schemaCache.get(type)
  if (!s) {
    s = jsonSchema(type)
    schemaCache.set(type, s)
  }
  return s
}

const ENVELOPE = z.object({ version: z.string().max(32).optional(), data: z.unknown() })
const SLOT_PEEK = z.object({
  header: z.object({ beacon: z.object({ slot: z.union([z.string(), z.number(), z.bigint()]) }) }).optional(),
  attested_header: z
    .object({ beacon: z.object({ slot: z.union([z.string(), z.number(), z.bigint()]) }) })
    .optional(),
})

function typeOf(types: ForkTypes, kind: ObjectKind): Type<unknown> {
  switch (kind) {
    case 'bootstrap':
      return types.LightClientBootstrap as Type<unknown>
    case 'update':
      return types.LightClientUpdate as Type<unknown>
    case 'finality':
      return types.LightClientFinalityUpdate as Type<unknown>
    case 'optimistic':
      return types.LightClientOptimisticUpdate as Type<unknown>
  }
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0]
  return issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'
}

/** Adds the fork tag to every header of a decoded SSZ/JSON value. */
function tag<T>(value: Record<string, unknown>, fork: LightClientFork): T {
  const out: Record<string, unknown> = { ...value, fork }
  for (const key of ['header', 'attestedHeader', 'finalizedHeader']) {
    if (out[key]) out[key] = { ...(out[key] as LightClientHeader), fork }
  }
  return out as T
}

function slotOfJson(data: unknown, what: string): bigint {
  const peek = SLOT_PEEK.safeParse(data)
  const raw = peek.success ? (peek.data.header ?? peek.data.attested_header)?.beacon.slot : undefined
  if (raw === undefined || !UINT_DECIMAL.test(String(raw))) {
    throw new InputError(`${what}: no header slot in the JSON object`, 'input.beacon')
  }
  return BigInt(raw)
}

/** One beacon-API JSON object (`{version, data}` or bare `data`) of a known kind. */
export function fromJsonValue<T>(value: unknown, kind: ObjectKind, network: Network, what: string = kind): T {
  const envelope = ENVELOPE.safeParse(value)
  const data = envelope.success && envelope.data.data !== undefined ? envelope.data.data : value
  const version = envelope.success ? envelope.data.version : undefined
  const slot = slotOfJson(data, what)
  const fork = lightClientForkAtSlot(network, slot)
  if (version !== undefined) {
    const v = version.toLowerCase()
    if (!isLightClientFork(v)) throw new InputError(`${what}: unsupported version '${version}'`, 'input.fork')
    if (v !== fork) {
      throw new InputError(
        `${what}: version '${version}' does not match the fork at slot ${slot} on ${network.name} (${fork})`,
        'input.fork',
      )
    }
  }
  const parsed = schemaFor(typeOf(forkTypes(fork, network.preset), kind)).safeParse(data)
  if (!parsed.success) throw new InputError(`${what}: ${issueText(parsed.error)}`, 'input.beacon')
  return tag<T>(parsed.data as Record<string, unknown>, fork)
}

/** The (attested) header slot of a plain SSZ light-client object: its first field is a variable-size header. */
function slotOfSsz(bytes: Uint8Array, what: string): bigint {
  if (bytes.length < 4) throw new InputError(`${what}: SSZ body too short`, 'input.ssz')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const offset = view.getUint32(0, true)
  if (offset + 8 > bytes.length) throw new InputError(`${what}: SSZ header offset out of range`, 'input.ssz')
  return view.getBigUint64(offset, true)
}

/** One plain SSZ object of a known kind, its fork read from the header slot (or given). */
export function fromSsz<T>(bytes: Uint8Array, kind: ObjectKind, network: Network, what: string = kind): T {
  const fork = lightClientForkAtSlot(network, slotOfSsz(bytes, what))
  let value: unknown
  try {
    value = typeOf(forkTypes(fork, network.preset), kind).deserialize(bytes)
  } catch (err) {
    throw new InputError(
      `${what}: not a ${fork} light-client ${kind} in SSZ: ${(err as Error).message}`,
      'input.ssz',
    )
  }
  return tag<T>(value as Record<string, unknown>, fork)
}

/** The updates-by-range octet stream: `u64-LE length | 4-byte fork digest | SSZ` per item. */
export function updatesFromSszList(
  bytes: Uint8Array,
  network: Network,
  what = 'updates',
): LightClientUpdate[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out: LightClientUpdate[] = []
  let pos = 0
  while (pos < bytes.length) {
    if (out.length >= MAX_UPDATES)
      throw new InputError(`${what}: more than ${MAX_UPDATES} updates`, 'input.too-large')
    if (pos + 8 > bytes.length)
      throw new InputError(`${what}: truncated item length at byte ${pos}`, 'input.ssz')
    const length = view.getBigUint64(pos, true)
    if (length < 4n || length > BigInt(bytes.length - pos - 8)) {
      throw new InputError(`${what}: item length ${length} at byte ${pos} is out of range`, 'input.ssz')
    }
    const digest = bytes.subarray(pos + 8, pos + 12)
    const body = bytes.subarray(pos + 12, pos + 8 + Number(length))
    const item = fromSsz<LightClientUpdate>(body, 'update', network, `${what}[${out.length}]`)
    checkDigest(network, item, digest, `${what}[${out.length}]`)
    out.push(item)
    pos += 8 + Number(length)
  }
  return out
}

/**
 * The context digest names the fork of the item's container. Before Fulu it is hash_tree_root(ForkData)[0:4]
 * and is cross-checked; from Fulu it also mixes in the blob schedule (EIP-7892), which this module does not
 * model, so there the attested slot alone decides (the signature domain binds the fork anyway).
 */
function checkDigest(network: Network, update: LightClientUpdate, digest: Uint8Array, what: string): void {
  if (update.fork === 'fulu') return
  const scheduled = forkAtEpoch(
    network,
    update.attestedHeader.beacon.slot / BigInt(network.preset.slotsPerEpoch),
  )
  const expected = forkDigest(scheduled.version, network.genesisValidatorsRoot)
  if (!equalBytes(expected, digest)) {
    throw new InputError(
      `${what}: fork digest ${bytesToHex(digest)} is not ${update.fork}'s ${bytesToHex(expected)} on ${network.name}`,
      'input.fork',
    )
  }
}

function looksLikeJson(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0xef || b === 0xbb || b === 0xbf)
      continue
    return b === 0x7b || b === 0x5b
  }
  return false
}

/** JSON if it parses as JSON, else SSZ; both failures are reported. */
function decode<T>(bytes: Uint8Array, what: string, json: (v: LosslessJson) => T, ssz: () => T): T {
  let jsonError: unknown
  if (looksLikeJson(bytes)) {
    let value: LosslessJson | undefined
    try {
      value = parseJsonBytes(bytes)
    } catch (err) {
      jsonError = err
    }
    if (value !== undefined) return json(value)
  }
  try {
    return ssz()
  } catch (err) {
    if (jsonError) {
      throw new InputError(
        `${what}: neither JSON (${(jsonError as Error).message}) nor SSZ (${(err as Error).message})`,
        'input.beacon',
      )
    }
    throw err
  }
}

export function parseBootstrap(
  bytes: Uint8Array,
  network: Network,
  what = 'bootstrap',
): LightClientBootstrap {
  return decode(
    bytes,
    what,
    (v) => fromJsonValue<LightClientBootstrap>(v, 'bootstrap', network, what),
    () => fromSsz<LightClientBootstrap>(bytes, 'bootstrap', network, what),
  )
}

/** A list of updates: JSON array / single object, SSZ updates-by-range framing, or one plain SSZ update. */
export function parseUpdates(bytes: Uint8Array, network: Network, what = 'updates'): LightClientUpdate[] {
  return decode(
    bytes,
    what,
    (v) => {
      const items = Array.isArray(v) ? v : [v]
      if (items.length > MAX_UPDATES)
        throw new InputError(`${what}: more than ${MAX_UPDATES} updates`, 'input.too-large')
      return items.map((item, i) =>
        fromJsonValue<LightClientUpdate>(item, 'update', network, `${what}[${i}]`),
      )
    },
    () => {
      try {
        return updatesFromSszList(bytes, network, what)
      } catch (listError) {
        try {
          return [fromSsz<LightClientUpdate>(bytes, 'update', network, what)]
        } catch {
          throw listError
        }
      }
    },
  )
}

export function parseFinalityUpdate(
  bytes: Uint8Array,
  network: Network,
  what = 'finality update',
): LightClientFinalityUpdate {
  return decode(
    bytes,
    what,
    (v) => fromJsonValue<LightClientFinalityUpdate>(v, 'finality', network, what),
    () => fromSsz<LightClientFinalityUpdate>(bytes, 'finality', network, what),
  )
}

export function parseOptimisticUpdate(
  bytes: Uint8Array,
  network: Network,
  what = 'optimistic update',
): LightClientOptimisticUpdate {
  return decode(
    bytes,
    what,
    (v) => fromJsonValue<LightClientOptimisticUpdate>(v, 'optimistic', network, what),
    () => fromSsz<LightClientOptimisticUpdate>(bytes, 'optimistic', network, what),
  )
}

/** Serializes a value back to the fork's SSZ (services saving evidence, tests building tampered inputs). */
export function toSsz(value: { fork: LightClientFork }, kind: ObjectKind, network: Network): Uint8Array {
  return typeOf(forkTypes(value.fork, network.preset), kind).serialize(value)
}
