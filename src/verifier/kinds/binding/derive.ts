import { keccak_256 } from '@noble/hashes/sha3.js'
import { beaconBlockRoot } from '../../beacon/lightClientHeader'
import { parseBootstrap } from '../../beacon/parseBeacon'
import { bytesToHex } from '../../encoding/hex'
import type { LosslessJson } from '../../encoding/json'
import { parseEthGetProof } from '../../mpt/parseEthGetProof'
import { factAt, type TrustRoot } from '../../report'
import { parsePublicInput } from '../../snark/parseSnarkProof'
import { bigintToBytes32 } from '../../encoding/hex'
import { parseBeaconSection, sectionNetwork } from '../../evidence/beaconSection'
import { rawBytes, rawJson, RawItemSchema, type Evidence } from '../../evidence/schema'
import {
  normaliseInteger,
  type BindingContext,
  type ChainsTo,
  type Derived,
  type QuestionField,
} from './bindEvidence'

/**
 * The parts evidence kinds bind their questions and trust roots with (bindEvidence.ts): each kind's descriptor
 * says which question fields its data answers, which are free text, and what trust root its data chains to,
 * built from these.
 */

type Obj = Record<string, unknown>
export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v)

/** Free text any kind may carry: shown as unverified, never checked. */
export const FREE: Record<string, QuestionField> = {
  note: { unverified: 'a note' },
  file: { unverified: 'the file it was read from' },
  files: { unverified: 'the files it was read from' },
}
export const PROVENANCE: QuestionField = { unverified: 'where the checkpoint came from (provenance)' }
export const L1_LOCATOR: QuestionField = {
  unverified: 'the L1 block the trusted state root was taken at (a locator; the root is the trust)',
}

/** A fact of the verified report, as a string; undefined when the verifier did not establish it. */
export function fact(ctx: BindingContext, ...path: string[]): string | undefined {
  const v = factAt(ctx.report.facts, ...path)
  return typeof v === 'string' ? v.toLowerCase() : typeof v === 'number' ? String(v) : undefined
}

/** The `key` of each entry of a report's `storage` fact list. */
export function storageKeys(ctx: BindingContext): Derived {
  const list = ctx.report.facts.storage
  if (!Array.isArray(list)) return undefined
  return list.map((e) => (isObj(e) && typeof e.key === 'string' ? e.key.toLowerCase() : '?'))
}

/** Canonical JSON (sorted keys), so an inline network definition compares by content. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (isObj(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`
  return typeof value === 'bigint' ? value.toString() : JSON.stringify(value)
}

/** Runs a derivation over untrusted data; a part that does not parse derives nothing. */
export function tryDerive<T>(f: () => T): T | undefined {
  try {
    return f()
  } catch {
    return undefined
  }
}

/** The beacon block root a section's bootstrap header hashes to: the checkpoint the data chains to. */
export function bootstrapRoot(beacon: unknown): ChainsTo {
  const root = tryDerive(() => {
    const section = parseBeaconSection(beacon)
    return bytesToHex(
      beaconBlockRoot(parseBootstrap(rawBytes(section.bootstrap), sectionNetwork(section)).header),
    )
  })
  return root
    ? { root: { kind: 'beacon-checkpoint', value: root } }
    : { unknown: 'the beacon bootstrap does not parse' }
}

/** The state root an eth_getProof answer's first account-proof node hashes to. */
export function mptRoot(item: unknown): ChainsTo {
  const root = tryDerive(() => {
    const proof = parseEthGetProof(rawJson(RawItemSchema.parse(item)))
    const first = proof.accountProof[0]
    return first ? bytesToHex(keccak_256(first)) : undefined
  })
  return root
    ? { root: { kind: 'state-root', value: root } }
    : { unknown: 'the eth_getProof answer holds no account proof to hash' }
}

/** The verifier's own root (it held every proof to it) when the data alone names none. */
export function heldTo(ctx: BindingContext, kind: string, by: RegExp): ChainsTo {
  const r = ctx.report.subject.trustRoot
  if (r && r.kind === kind) return { heldTo: r, by }
  return ctx.evidence.trust.kind === kind
    ? { heldTo: { kind, value: ctx.evidence.trust.value.toLowerCase() }, by }
    : { unknown: `evidence of kind ${ctx.evidence.kind} rests on a ${kind}` }
}

/** The L1 anchor of the ZKsync kinds: a beacon checkpoint, or a state root the diamond proof hashes to. */
export function l1AnchorChainsTo(ctx: BindingContext): ChainsTo {
  const { evidence } = ctx
  if (evidence.trust.kind === 'state-root') return mptRoot(evidence.data.diamondProof)
  return bootstrapRoot(evidence.data.beacon)
}

export const NONE: TrustRoot = {
  kind: 'none',
  value: 'no trust root: internal consistency only (calldata, not bound to L1 storage)',
}

/** The witness's own block number (`header.blockNumber` beside the witness), when the file carries one. */
export function verkleBlock(e: Evidence): string | undefined {
  return tryDerive(() => {
    const json = rawJson(RawItemSchema.parse(e.data.witness)) as LosslessJson
    const header = isObj(json) ? json.header : undefined
    const n = isObj(header) ? header.blockNumber : undefined
    return normaliseInteger(n)
  })
}

export function publicInputOf(value: unknown): string | undefined {
  return tryDerive(() => bytesToHex(bigintToBytes32(parsePublicInput(value))))
}

/** The question every ZKsync kind anchored on L1 answers, with the fields of its own. */
export function l1AnchoredQuestion(
  own: Readonly<Record<string, QuestionField>> = {},
): Readonly<Record<string, QuestionField>> {
  return { note: FREE.note!, ...own, checkpoint: PROVENANCE, l1Block: L1_LOCATOR }
}

/** The batch number a ZKsync report established (`facts.batchNumber`), checked against the question's. */
export const BATCH_NUMBER: QuestionField = {
  derive: (ctx) => fact(ctx, 'batchNumber'),
  normalise: normaliseInteger,
}
