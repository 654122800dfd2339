import type { LosslessJson } from '../encoding/json'
import { createEvidence } from '../evidence/createEvidence'
import { describeEvidence, describeStructure, FILE_SLOT, type FileStructure } from './describeStructure'
import { detectKind, type Detection } from './detectKind'
import { findEvidenceKind } from './kinds'
import { parseEvidenceJson, rawFromBytes, type Evidence } from '../evidence/schema'

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
  const structure = describeStructure(detection.kind, input.json)
  const plan = (evidence: Evidence | null, reason: string | null): InspectionPlan => ({
    detection,
    structure,
    evidence,
    reason,
  })
  if (structure?.kind === 'invalid') return plan(null, `The file is not a valid ${detection.description}.`)

  const root = input.root?.toLowerCase() ?? null
  const needRoot = () => `Enter the ${detection.needsRoot?.label ?? 'trusted root'} to verify it.`
  const fromFile = { question: { file: input.name }, sources: [{ role: 'file', request: input.name }] }

  if (detection.kind === 'beacon-bootstrap') {
    // A bootstrap alone is checked against a checkpoint (header root, committee and execution branches);
    // the chain to a later head needs updates as well (the Trust page, `lightproof verify beacon`).
    if (!root) return plan(null, needRoot())
    return plan(
      createEvidence({
        kind: 'beacon',
        createdAt: input.createdAt,
        ...fromFile,
        trust: { kind: 'beacon-checkpoint', value: root },
        data: {
          beacon: {
            network: input.network ?? 'mainnet',
            bootstrap: rawFromBytes(input.bytes, true),
            updates: [],
          },
        },
      }),
      null,
    )
  }
  if (detection.kind === 'beacon-update') {
    return plan(
      null,
      'A beacon update is verified together with the bootstrap it follows: use the Trust page or `lightproof verify beacon`.',
    )
  }
  const slot = FILE_SLOT[detection.kind]
  const kind = findEvidenceKind(detection.kind)
  if (!slot || !kind) return plan(null, 'This file is not a format Lightproof can verify.')
  if (!root) return plan(null, needRoot())
  return plan(
    createEvidence({
      kind: kind.kind,
      createdAt: input.createdAt,
      ...fromFile,
      trust: { kind: kind.trustKind, value: root },
      data: { [slot]: rawFromBytes(input.bytes, true) },
    }),
    null,
  )
}
