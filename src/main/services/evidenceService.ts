import type { HandlersOf } from '../../shared/api'
import type { InspectResult } from '../../shared/contract/evidence'
import { UsageError } from '../../shared/errors'
import type { EVIDENCE_METHODS } from '../../shared/methods'
import { parseJsonBytes, stringifyJson } from '../../verifier/encoding/json'
import { planInspection } from '../../verifier/kinds/planInspection'
import { fromBase64 } from '../../verifier/evidence/schema'
import { renderReportHtml } from '../report/renderReportHtml'
import type { ServiceContext } from './context'
import { runVerification } from './runVerification'
import { findSamplesDir, listSamples, readSample } from './samples'

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
      // Detection, structure and the evidence to verify are decided by the same pure function as
      // `lightproof inspect` (verifier/kinds/planInspection.ts), so the two cannot disagree.
      const plan = planInspection({
        name,
        bytes,
        json: parseJsonBytes(bytes),
        root: root ?? null,
        createdAt: ctx.now().toISOString(),
      })
      const result: InspectResult = {
        detection: plan.detection,
        structure: plan.structure,
        outcome: plan.evidence ? await runVerification(ctx, plan.evidence) : null,
        reason: plan.reason,
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
