import { EVIDENCE_FORMAT } from '../evidence/schema'
import type { LosslessJson } from '../encoding/json'
import { isJsonObject, type Detection, type JsonObject } from './evidenceKind'
import { EVIDENCE_KINDS } from './registry'

export type { Detection }

/**
 * What a file a user opened looks like, judged from its shape alone, by asking each kind that can be opened as
 * a raw file (in the registry's order). Detection never trusts anything; the chosen verifier checks everything.
 */
export function detectKind(json: LosslessJson): Detection {
  if (isJsonObject(json) && json.format === EVIDENCE_FORMAT)
    return { kind: 'evidence', description: 'Lightproof evidence file' }
  const wrapped = isJsonObject(json) && 'jsonrpc' in json && 'result' in json
  const body = wrapped ? (json as JsonObject).result : json
  const how = wrapped ? ' (JSON-RPC response)' : ''
  if (isJsonObject(body)) {
    for (const k of EVIDENCE_KINDS) {
      const hit = 'file' in k ? k.file.detect(body, how) : undefined
      if (hit) return { ...hit, evidenceKind: k.kind }
    }
  }
  if (Array.isArray(body) && body.length > 0 && isJsonObject(body[0])) {
    for (const k of EVIDENCE_KINDS) {
      const file = 'file' in k ? k.file : undefined
      const hit = file && 'detectList' in file ? file.detectList(body[0], body.length) : undefined
      if (hit) return { ...hit, evidenceKind: k.kind }
    }
  }
  return { kind: 'unknown', description: 'not a format Lightproof knows' }
}
