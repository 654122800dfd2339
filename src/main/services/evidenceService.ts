import type { HandlersOf } from '../../shared/api'
import type { InspectResult } from '../../shared/contract/evidence'
import { InputError, UsageError } from '../../shared/errors'
import type { EVIDENCE_METHODS } from '../../shared/methods'
import { parseJsonBytes, stringifyJson } from '../../verifier/encoding/json'
import { createEvidence } from '../../verifier/evidence/createEvidence'
import { detectKind, type Detection } from '../../verifier/evidence/detectKind'
import { findEvidenceKind } from '../../verifier/evidence/kinds'
import { fromBase64, parseEvidenceJson, rawFromBytes, type Evidence } from '../../verifier/evidence/schema'
import { describeWitness } from '../../verifier/verkle/describeWitness'
import { parseExecutionWitness } from '../../verifier/verkle/parseWitness'
import { renderReportHtml } from '../report/renderReportHtml'
import type { ServiceContext } from './context'
import { runVerification } from './runVerification'
import { findSamplesDir, listSamples, readSample } from './samples'

/** Data names under which each directly openable kind keeps the opened file in its evidence. */
const FILE_SLOT: Record<string, string> = { 'l1-proof': 'proof', 'zks-proof': 'proof', verkle: 'witness' }

export function createEvidenceHandlers(ctx: ServiceContext): HandlersOf<(typeof EVIDENCE_METHODS)[number]> {
  const entry = async (id: string) => {
    const found = await ctx.history.get(id)
    if (!found) throw new UsageError(`no history entry ${id}`, 'history.not-found')
    return found
  }

  const samplesDir = findSamplesDir()
  return {
    listSamples: () => listSamples(samplesDir),
    verifySample: async (file) => {
      if (!samplesDir) throw new UsageError('this installation ships no samples', 'samples.missing')
      const known = await listSamples(samplesDir)
      if (!known.some((s) => s.file === file))
        throw new UsageError(`no sample named ${file}`, 'samples.not-found')
      return runVerification(ctx, await readSample(samplesDir, file))
    },
    inspectFile: async ({ name, base64, root }) => {
      const bytes = fromBase64(base64)
      const json = parseJsonBytes(bytes)
      const detection = detectKind(json)
      const structure = describeStructure(detection, json)
      if (detection.kind === 'evidence') {
        return {
          detection,
          structure,
          outcome: await runVerification(ctx, parseEvidenceJson(json)),
          reason: null,
        }
      }
      const slot = FILE_SLOT[detection.kind]
      const kind = findEvidenceKind(detection.kind)
      if (!slot || !kind) {
        return { detection, structure, outcome: null, reason: unsupportedReason(detection) }
      }
      if (!root) {
        return {
          detection,
          structure,
          outcome: null,
          reason: `Enter the ${detection.needsRoot?.label ?? 'trusted root'} to verify it.`,
        }
      }
      const evidence: Evidence = createEvidence({
        kind: kind.kind,
        createdAt: ctx.now().toISOString(),
        question: { file: name },
        trust: { kind: kind.trustKind, value: root.toLowerCase() },
        data: { [slot]: rawFromBytes(bytes, true) },
        sources: [{ role: 'file', request: name }],
      })
      const result: InspectResult = {
        detection,
        structure,
        outcome: await runVerification(ctx, evidence),
        reason: null,
      }
      return result
    },
    listHistory: (query) => ctx.history.list(query),
    getHistoryReport: async (id) => (await entry(id)).report,
    reverifyHistory: async (id) => runVerification(ctx, (await entry(id)).evidence),
    deleteHistory: async (id) => {
      const deleted = await ctx.history.delete(id)
      if (deleted) ctx.events.emit('history', { deleted: id })
      return deleted
    },
    exportHistory: async (id, format) => {
      const e = await entry(id)
      const base = `lightproof-${e.kind}-${id}`
      if (format === 'html') {
        return {
          filename: `${base}.html`,
          mimeType: 'text/html',
          content: renderReportHtml(e.report, { createdAt: e.createdAt, tool: e.evidence.tool }),
        }
      }
      if (format === 'evidence') {
        return {
          filename: `${base}.evidence.json`,
          mimeType: 'application/json',
          content: stringifyJson(e.evidence, 2),
        }
      }
      return {
        filename: `${base}.report.json`,
        mimeType: 'application/json',
        content: stringifyJson(e.report, 2),
      }
    },
  }
}

function describeStructure(detection: Detection, json: ReturnType<typeof parseJsonBytes>): unknown {
  try {
    if (detection.kind === 'verkle') return describeWitness(parseExecutionWitness(json))
  } catch (err) {
    if (err instanceof InputError) return { error: err.message }
    throw err
  }
  return null
}

function unsupportedReason(detection: Detection): string {
  if (detection.kind === 'beacon-bootstrap' || detection.kind === 'beacon-update') {
    return 'A beacon bootstrap or update is verified together with the rest of its chain: use the Trust page or `lightproof verify beacon`.'
  }
  return 'This file is not a format Lightproof can verify.'
}
