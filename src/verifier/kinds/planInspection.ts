import { z } from 'zod'
import { InputError } from '../../shared/errors'
import { parseJsonBytes, type LosslessJson } from '../encoding/json'
import { createEvidence } from '../evidence/createEvidence'
import { parseEvidenceJson, rawBytes, rawFromBytes, RawItemSchema, type Evidence } from '../evidence/schema'
import {
  describeBeacon,
  type BeaconObjectSummary,
  type EvidenceDescription,
  type FileStructure,
} from './describeStructure'
import { detectKind, type Detection } from './detectKind'
import type { EvidenceKind, FileKind } from './evidenceKind'
import { EVIDENCE_KINDS, findEvidenceKind } from './registry'

/**
 * What opening a file leads to, decided once for the Inspector (evidenceService.inspectFile) and for
 * `lightproof inspect`: its detected kind, its structure, and — when there is something to verify against —
 * the evidence to hand to the one verification path (DESIGN.md §2). A root the user typed becomes the
 * evidence's trust root; an evidence file carries its own. Pure: the caller supplies the time.
 */
export interface InspectionPlan {
  detection: Detection
  structure: FileStructure | null
  /** Evidence to verify, or null when nothing can be verified (then `reason` says why). */
  evidence: Evidence | null
  reason: string | null
}

export interface InspectionInput {
  name: string
  bytes: Uint8Array
  json: LosslessJson
  /** A trusted 32-byte root as 0x-hex (already validated by the caller), or null. */
  root: string | null
  createdAt: string
  /** Beacon network for a bootstrap checked against a checkpoint (default mainnet). */
  network?: string
}

export function planInspection(input: InspectionInput): InspectionPlan {
  const detection = detectKind(input.json)
  if (detection.kind === 'evidence') {
    // A malformed evidence envelope is bad input (InputError), as for `lightproof verify FILE`.
    const evidence = parseEvidenceJson(input.json)
    return {
      detection,
      structure: { kind: 'evidence', evidence: describeEvidence(evidence) },
      evidence,
      reason: null,
    }
  }
  const file = fileKindOf(detection.evidenceKind)
  const structure = file ? describeWith(file, input.json) : null
  const plan = (evidence: Evidence | null, reason: string | null): InspectionPlan => ({
    detection,
    structure,
    evidence,
    reason,
  })
  if (structure?.kind === 'invalid') return plan(null, `The file is not a valid ${detection.description}.`)

  const kind = detection.evidenceKind ? findEvidenceKind(detection.evidenceKind) : undefined
  if (!file || !kind) return plan(null, 'This file is not a format Lightproof can verify.')
  const root = input.root?.toLowerCase() ?? null
  if (file.plan) {
    const planned = file.plan({ ...input, root }, detection)
    return 'reason' in planned ? plan(null, planned.reason) : plan(planned, null)
  }
  if (!file.slot) return plan(null, 'This file is not a format Lightproof can verify.')
  if (!root) return plan(null, `Enter the ${detection.needsRoot?.label ?? 'trusted root'} to verify it.`)
  return plan(
    createEvidence({
      kind: kind.kind,
      createdAt: input.createdAt,
      question: { file: input.name },
      sources: [{ role: 'file', request: input.name }],
      trust: { kind: kind.trustKind, value: root },
      data: { [file.slot]: rawFromBytes(input.bytes, true) },
    }),
    null,
  )
}

function fileKindOf(name: string | undefined): FileKind | undefined {
  const kind = name ? findEvidenceKind(name) : undefined
  return kind?.file
}

function describeWith(file: FileKind, json: LosslessJson): FileStructure {
  try {
    return file.describe(json)
  } catch (err) {
    if (err instanceof InputError) return { kind: 'invalid', error: err.message }
    throw err
  }
}

/**
 * Structure of a file of a detected kind (a detection's or an evidence kind's name); null when the kind has
 * none. Never throws on bad input.
 */
export function describeStructure(kind: string, json: LosslessJson): FileStructure | null {
  const file = (EVIDENCE_KINDS as readonly EvidenceKind[])
    .map((k) => k.file)
    .find((f, i) => f !== undefined && (EVIDENCE_KINDS[i]!.kind === kind || f.detectedAs?.includes(kind)))
  return file ? describeWith(file, json) : null
}

/** An evidence file: its envelope, its data items, and the structure of the main item when its kind has one. */
export function describeEvidence(evidence: Evidence): EvidenceDescription {
  const data = Object.entries(evidence.data).map(([name, value]) => {
    const raw = RawItemSchema.safeParse(value)
    return raw.success
      ? { name, encoding: raw.data.encoding, bytes: rawBytes(raw.data).length }
      : { name, encoding: 'object', bytes: 0 }
  })
  const slot = findEvidenceKind(evidence.kind)?.file?.slot
  let inner: FileStructure | null = null
  const item = slot ? RawItemSchema.safeParse(evidence.data[slot]) : undefined
  if (item?.success) {
    try {
      inner = describeStructure(evidence.kind, parseJsonBytes(rawBytes(item.data)))
    } catch (err) {
      if (!(err instanceof InputError)) throw err
      inner = { kind: 'invalid', error: err.message }
    }
  } else if (evidence.data.beacon !== undefined) {
    inner = describeBeaconSection(evidence.data.beacon)
  }
  return {
    kind: evidence.kind,
    createdAt: evidence.createdAt,
    tool: evidence.tool,
    trust: { ...evidence.trust },
    questionKeys: Object.keys(evidence.question),
    sources: evidence.sources.length,
    data,
    ...(inner ? { inner } : {}),
  }
}

/** The beacon section an L1-anchored evidence carries: bootstrap, updates, finality and optimistic updates. */
function describeBeaconSection(section: unknown): FileStructure | null {
  const s = z
    .object({
      bootstrap: RawItemSchema,
      updates: z.array(RawItemSchema).max(1024),
      finality: RawItemSchema.nullable().optional(),
      optimistic: RawItemSchema.nullable().optional(),
    })
    .safeParse(section)
  if (!s.success) return null
  const items = [s.data.bootstrap, ...s.data.updates, s.data.finality, s.data.optimistic]
  const objects: BeaconObjectSummary[] = []
  try {
    for (const item of items) {
      if (!item || item.encoding !== 'utf8') continue // SSZ bodies are not summarised
      objects.push(...describeBeacon(parseJsonBytes(rawBytes(item))).objects)
    }
  } catch (err) {
    if (err instanceof InputError) return { kind: 'invalid', error: err.message }
    throw err
  }
  return { kind: 'beacon-objects', beacon: { objects } }
}
