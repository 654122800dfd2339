import { z } from 'zod'
import { InputError } from '../../shared/errors'
import { bytesToHex } from '../encoding/hex'
import type { LosslessJson } from '../encoding/json'
import { unwrapJsonRpc } from '../encoding/rpc'
import { COMMITMENT_LENGTH, STEM_LENGTH, VALUE_LENGTH, WITNESS_LIMITS } from './constants'

/**
 * The boundary for EIP-6800 execution witnesses (research/verkle.md §3.1): zod validates every field the
 * rust-verkle WASM verifier will read, because that verifier aborts (`RuntimeError: unreachable`) on any
 * shape it does not expect — a string suffix, odd-length hex, a wrong-length value. Everything that passes
 * here is turned into bytes; the JSON the WASM later sees is re-serialised from these bytes, never the
 * caller's text.
 */

export interface SuffixDiff {
  suffix: number
  /** Pre-state value. `null` means absent (proven absent), which is not 32 zero bytes. */
  currentValue: Uint8Array | null
  /** Post-state value as claimed by the block producer; a pre-state witness does not prove it. */
  newValue: Uint8Array | null
}

export interface StemStateDiff {
  stem: Uint8Array
  suffixDiffs: SuffixDiff[]
}

export interface IpaProof {
  cl: Uint8Array[]
  cr: Uint8Array[]
  /** The final scalar, written big-endian in the JSON (research/verkle.md §1.5). */
  finalEvaluation: Uint8Array
}

export interface VerkleProof {
  otherStems: Uint8Array[]
  depthExtensionPresent: Uint8Array
  commitmentsByPath: Uint8Array[]
  d: Uint8Array
  ipaProof: IpaProof
}

export interface ExecutionWitness {
  stateDiff: StemStateDiff[]
  verkleProof: VerkleProof
}

export interface ParsedWitness {
  witness: ExecutionWitness
  /** Where the witness sat in the input, e.g. `executionWitness` or `(top level)`. */
  foundAt: string
  /** Every change made to the input so it could be verified, in words (empty when none). */
  normalisations: string[]
  /** `parentStateRoot` as the file claims it, when it is a 32-byte value. Never used as a trust root. */
  claimedParentStateRoot?: string
}

const ERROR_CODE = 'input.verkle-witness'

/** 0x-hex of exactly `length` bytes, with messages that say what is wrong (odd digits, wrong length). */
function fixedHex(length: number) {
  return z.string().check((ctx) => {
    const problem = hexProblem(ctx.value, length)
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value })
  })
}

const HEX_BODY = /^[0-9a-fA-F]*$/

function hexProblem(value: string, length?: number): string | undefined {
  if (!value.startsWith('0x')) return 'missing 0x prefix'
  const body = value.length - 2
  if (!HEX_BODY.test(value.slice(2))) return 'not hex'
  if (body % 2 !== 0) return `odd number of hex digits (${body})`
  if (length !== undefined && body !== length * 2) return `expected ${length} bytes, got ${body / 2}`
  return undefined
}

/**
 * A suffix is a number 0..255. Beacon-API payloads (Kaustinen 2/4) write it as a decimal string; a canonical
 * decimal string is accepted and recorded as a normalisation, anything else is refused.
 */
const suffixSchema = z.union([
  z.number().int().min(0).max(255),
  z.string().regex(/^(?:0|[1-9][0-9]{0,2})$/, 'suffix string is not a decimal number'),
])

const suffixDiffSchema = z.object({
  suffix: suffixSchema,
  currentValue: fixedHex(VALUE_LENGTH).nullable(),
  newValue: fixedHex(VALUE_LENGTH).nullable().optional(),
})

const stemDiffSchema = z.object({
  stem: fixedHex(STEM_LENGTH),
  suffixDiffs: z.array(suffixDiffSchema).max(256),
})

/**
 * `depthExtensionPresent` is a byte string; EEST verkle@v0.0.4 writes it with its leading zero nibble
 * dropped (`0xa0a0808`), so only this field may have an odd number of digits (left-padded below).
 */
const depthExtSchema = z.string().check((ctx) => {
  const v = ctx.value
  if (!v.startsWith('0x') || !HEX_BODY.test(v.slice(2)))
    ctx.issues.push({ code: 'custom', message: 'expected 0x-hex', input: v })
  else if (v.length - 2 > 2 * WITNESS_LIMITS.stems)
    ctx.issues.push({ code: 'custom', message: 'too long', input: v })
})

const witnessSchema = z.object({
  stateDiff: z.array(stemDiffSchema).max(WITNESS_LIMITS.stems),
  verkleProof: z.object({
    otherStems: z.array(fixedHex(STEM_LENGTH)).max(WITNESS_LIMITS.otherStems),
    depthExtensionPresent: depthExtSchema,
    commitmentsByPath: z.array(fixedHex(COMMITMENT_LENGTH)).max(WITNESS_LIMITS.commitments),
    d: fixedHex(COMMITMENT_LENGTH),
    ipaProof: z.object({
      // The count is checked later as a proof-shape failure; here only bound it.
      cl: z.array(fixedHex(COMMITMENT_LENGTH)).max(64),
      cr: z.array(fixedHex(COMMITMENT_LENGTH)).max(64),
      finalEvaluation: fixedHex(32),
    }),
  }),
  parentStateRoot: z.unknown().optional(),
})

type RawWitness = z.infer<typeof witnessSchema>

/**
 * Where an execution witness sits in the files people have: the witness itself, a block JSON
 * (`executionWitness`, Kaustinen / rust-verkle vectors), a beacon-API execution payload
 * (`execution_witness`), an EEST blockchain-test block (`witness`), the ethereumjs client test layout
 * (`execute.execution_witness`), and a beacon block (`data.message.body.execution_payload...`).
 */
const WITNESS_LOCATIONS: readonly (readonly string[])[] = [
  [],
  ['executionWitness'],
  ['execution_witness'],
  ['witness'],
  ['execute', 'execution_witness'],
  ['message', 'body', 'execution_payload', 'execution_witness'],
  ['data', 'message', 'body', 'execution_payload', 'execution_witness'],
]

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function looksLikeWitness(v: unknown): boolean {
  return isObject(v) && 'stateDiff' in v && 'verkleProof' in v
}

export function locateWitness(input: LosslessJson): { value: unknown; foundAt: string } {
  const root = unwrapJsonRpc(input)
  for (const path of WITNESS_LOCATIONS) {
    let v: unknown = root
    for (const key of path) v = isObject(v) ? v[key] : undefined
    if (looksLikeWitness(v)) return { value: v, foundAt: path.length === 0 ? '(top level)' : path.join('.') }
  }
  throw new InputError(
    'no EIP-6800 execution witness found: expected an object with stateDiff and verkleProof, or a block ' +
      `holding one under ${WITNESS_LOCATIONS.slice(1)
        .map((p) => p.join('.'))
        .join(', ')}`,
    ERROR_CODE,
  )
}

function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
      .join('')
    return `${path || '(witness)'}: ${issue.message}`
  })
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : ''
  return shown.join('; ') + more
}

function hexBytes(value: string): Uint8Array {
  // Validated by the schema: 0x prefix, even number of hex digits.
  const out = new Uint8Array((value.length - 2) / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(value.slice(2 + 2 * i, 4 + 2 * i), 16)
  return out
}

/** Validates and normalises a witness (or a file holding one). Throws InputError with the field path. */
export function parseExecutionWitness(input: LosslessJson): ParsedWitness {
  const { value, foundAt } = locateWitness(input)
  const result = witnessSchema.safeParse(value)
  if (!result.success)
    throw new InputError(`malformed execution witness: ${describeIssues(result.error)}`, ERROR_CODE)
  return toDomain(result.data, foundAt)
}

function toDomain(raw: RawWitness, foundAt: string): ParsedWitness {
  const normalisations: string[] = []
  let stringSuffixes = 0
  let missingNewValues = 0
  const stateDiff = raw.stateDiff.map((s) => ({
    stem: hexBytes(s.stem),
    suffixDiffs: s.suffixDiffs.map((d) => {
      let suffix: number
      if (typeof d.suffix === 'string') {
        stringSuffixes++
        suffix = Number(d.suffix)
      } else suffix = d.suffix
      if (d.newValue === undefined) missingNewValues++
      return {
        suffix,
        currentValue: d.currentValue === null ? null : hexBytes(d.currentValue),
        newValue: d.newValue === null || d.newValue === undefined ? null : hexBytes(d.newValue),
      }
    }),
  }))
  // A string suffix above 255 passes the regex (3 digits); refuse it here with the same clarity.
  for (const [i, s] of stateDiff.entries())
    for (const [j, d] of s.suffixDiffs.entries())
      if (d.suffix > 255)
        throw new InputError(
          `malformed execution witness: stateDiff[${i}].suffixDiffs[${j}].suffix: ${d.suffix} is above 255`,
          ERROR_CODE,
        )
  if (stringSuffixes > 0)
    normalisations.push(`${stringSuffixes} suffix(es) given as decimal strings read as numbers`)
  if (missingNewValues > 0) normalisations.push(`${missingNewValues} missing newValue(s) read as null`)

  const vp = raw.verkleProof
  let depthExt = vp.depthExtensionPresent
  if ((depthExt.length - 2) % 2 !== 0) {
    depthExt = '0x0' + depthExt.slice(2)
    normalisations.push('depthExtensionPresent had an odd number of hex digits; left-padded with one 0')
  }

  const parsed: ParsedWitness = {
    witness: {
      stateDiff,
      verkleProof: {
        otherStems: vp.otherStems.map(hexBytes),
        depthExtensionPresent: hexBytes(depthExt),
        commitmentsByPath: vp.commitmentsByPath.map(hexBytes),
        d: hexBytes(vp.d),
        ipaProof: {
          cl: vp.ipaProof.cl.map(hexBytes),
          cr: vp.ipaProof.cr.map(hexBytes),
          finalEvaluation: hexBytes(vp.ipaProof.finalEvaluation),
        },
      },
    },
    foundAt,
    normalisations,
  }
  const parent = raw.parentStateRoot
  if (parent !== undefined) {
    if (typeof parent === 'string' && hexProblem(parent, 32) === undefined) {
      parsed.claimedParentStateRoot = parent.toLowerCase()
      normalisations.push(
        'parentStateRoot in the file ignored: the pre-state root must come from a trusted header',
      )
    } else normalisations.push(`parentStateRoot ${JSON.stringify(String(parent)).slice(0, 80)} ignored`)
  }
  return parsed
}

/**
 * The exact JSON handed to `verifyExecutionWitnessPreState`: only `{stateDiff, verkleProof}`, numbers for
 * suffixes, lowercase even-length hex — the one shape rust-verkle's serde structs accept
 * (rust-verkle@e27b8b4e:verkle-trie/src/proof/golang_proof_format.rs `serde_conversions`).
 */
export function witnessToVerifierJson(w: ExecutionWitness): string {
  const hex = bytesToHex
  return JSON.stringify({
    stateDiff: w.stateDiff.map((s) => ({
      stem: hex(s.stem),
      suffixDiffs: s.suffixDiffs.map((d) => ({
        suffix: d.suffix,
        currentValue: d.currentValue === null ? null : hex(d.currentValue),
        newValue: d.newValue === null ? null : hex(d.newValue),
      })),
    })),
    verkleProof: {
      otherStems: w.verkleProof.otherStems.map(hex),
      depthExtensionPresent: hex(w.verkleProof.depthExtensionPresent),
      commitmentsByPath: w.verkleProof.commitmentsByPath.map(hex),
      d: hex(w.verkleProof.d),
      ipaProof: {
        cl: w.verkleProof.ipaProof.cl.map(hex),
        cr: w.verkleProof.ipaProof.cr.map(hex),
        finalEvaluation: hex(w.verkleProof.ipaProof.finalEvaluation),
      },
    },
  })
}
