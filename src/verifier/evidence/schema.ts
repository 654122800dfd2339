import { z } from 'zod'
import { InputError } from '../../shared/errors'
import { fromBase64, toBase64 } from '../encoding/base64'
import { parseJsonBytes, type LosslessJson } from '../encoding/json'

/**
 * The evidence file (DESIGN.md §2): a versioned JSON document holding what was asked, the trusted input it
 * rests on, and every raw response exactly as received. Verification reads only this, so a saved file
 * re-verifies identically anywhere, offline.
 */
export const EVIDENCE_FORMAT = 'lightproof-evidence'
export const EVIDENCE_VERSION = 1
export const MAX_EVIDENCE_BYTES = 64 * 1024 * 1024

/** A response body as received: UTF-8 text (JSON bodies) or base64 (SSZ, raw calldata bytes). */
export const RawItemSchema = z.union([
  z.object({ encoding: z.literal('utf8'), text: z.string() }).strict(),
  z
    .object({ encoding: z.literal('base64'), data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64') })
    .strict(),
])
export type RawItem = z.infer<typeof RawItemSchema>

/** Where a raw item came from: an endpoint (scheme and host only) and the request, or a file the user gave. */
export const SourceSchema = z
  .object({
    role: z.string().max(64),
    endpoint: z.string().max(512).optional(),
    request: z.string().max(4096).optional(),
  })
  .strict()

export const TrustSchema = z.object({ kind: z.string().max(64), value: z.string().max(256) }).strict()

export const EvidenceSchema = z
  .object({
    format: z.literal(EVIDENCE_FORMAT),
    version: z.literal(EVIDENCE_VERSION),
    kind: z.string().max(64),
    createdAt: z.string().max(64),
    tool: z.string().max(128),
    /** What was asked, e.g. `{ address, token, blockNumber }`. Informative; the data decides. */
    question: z.record(z.string(), z.unknown()),
    trust: TrustSchema,
    sources: z.array(SourceSchema).max(10_000).default([]),
    /** Kind-specific: named raw items and plain parameters, validated by the kind's own schema. */
    data: z.record(z.string(), z.unknown()),
  })
  .strict()
export type Evidence = z.infer<typeof EvidenceSchema>

/**
 * Reads an evidence file. A file from a newer Lightproof is refused by name rather than misread; a file that
 * is not evidence at all says so.
 */
export function parseEvidence(bytes: Uint8Array): Evidence {
  if (bytes.length > MAX_EVIDENCE_BYTES) {
    throw new InputError(
      `evidence file of ${bytes.length} bytes is over the ${MAX_EVIDENCE_BYTES}-byte limit`,
      'evidence.too-large',
    )
  }
  const json = parseJsonBytes(bytes)
  return parseEvidenceJson(json)
}

export function parseEvidenceJson(json: LosslessJson): Evidence {
  if (json === null || typeof json !== 'object' || Array.isArray(json) || json.format !== EVIDENCE_FORMAT) {
    throw new InputError(
      'not a Lightproof evidence file (no "format": "lightproof-evidence")',
      'evidence.not-evidence',
    )
  }
  const version = json.version
  if (typeof version !== 'number' && typeof version !== 'bigint') {
    throw new InputError('evidence file has no version number', 'evidence.invalid')
  }
  if (version > EVIDENCE_VERSION) {
    throw new InputError(
      `evidence version ${String(version)} is newer than this Lightproof reads (version ${EVIDENCE_VERSION}); update Lightproof to verify it`,
      'evidence.newer-version',
    )
  }
  const parsed = EvidenceSchema.safeParse(json)
  if (!parsed.success) {
    throw new InputError(
      `invalid evidence file: ${z.prettifyError(parsed.error).split('\n').slice(0, 3).join('; ')}`,
      'evidence.invalid',
    )
  }
  return parsed.data
}

export function rawFromBytes(bytes: Uint8Array, asText: boolean): RawItem {
  if (asText) {
    try {
      return { encoding: 'utf8', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }
    } catch {
      // Not UTF-8: keep it byte-exact as base64.
    }
  }
  return { encoding: 'base64', data: toBase64(bytes) }
}

export function rawBytes(item: RawItem): Uint8Array {
  return item.encoding === 'utf8' ? new TextEncoder().encode(item.text) : fromBase64(item.data)
}

export function rawJson(item: RawItem): LosslessJson {
  return parseJsonBytes(rawBytes(item))
}

/** Reads a required raw item of a kind's data, or says which one is missing. */
export function dataRaw(evidence: Evidence, name: string): RawItem {
  const parsed = RawItemSchema.safeParse(evidence.data[name])
  if (!parsed.success)
    throw new InputError(`evidence data.${name} is missing or not a raw item`, 'evidence.invalid')
  return parsed.data
}

export function dataRawList(evidence: Evidence, name: string): RawItem[] {
  const parsed = z
    .array(RawItemSchema)
    .max(10_000)
    .safeParse(evidence.data[name] ?? [])
  if (!parsed.success)
    throw new InputError(`evidence data.${name} is not a list of raw items`, 'evidence.invalid')
  return parsed.data
}

/** The base64 codec lives in encoding/base64.ts; re-exported for the evidence's callers. */
export { fromBase64, toBase64 }
