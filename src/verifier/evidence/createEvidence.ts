import { EVIDENCE_FORMAT, EVIDENCE_VERSION, type Evidence } from './schema'

export const TOOL_NAME = 'lightproof 0.1.0'

/** Assembles an evidence document; `createdAt` comes from the caller because the verifier has no clock. */
export function createEvidence(parts: {
  kind: string
  createdAt: string
  question: Record<string, unknown>
  trust: { kind: string; value: string }
  data: Record<string, unknown>
  sources?: Evidence['sources']
}): Evidence {
  return {
    format: EVIDENCE_FORMAT,
    version: EVIDENCE_VERSION,
    kind: parts.kind,
    createdAt: parts.createdAt,
    tool: TOOL_NAME,
    question: parts.question,
    trust: parts.trust,
    sources: parts.sources ?? [],
    data: parts.data,
  }
}
