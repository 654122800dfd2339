import { stat } from 'node:fs/promises'
import { UsageError } from '../shared/errors'
import { writeFileAtomic } from '../main/store/atomicFile'
import { stringifyJson } from '../verifier/encoding/json'
import { verifyEvidence } from '../verifier/kinds/verifyEvidence'
import type { Evidence } from '../verifier/evidence/schema'
import type { Report } from '../verifier/report'
import type { CommandContext, OptionSpec, OptionValues } from './command'
import { stringOption } from './command'
import { createEvidence } from '../verifier/evidence/createEvidence'
import { rawFromBytes } from '../verifier/evidence/schema'

/** Evidence for a raw-input command: the files exactly as read, the trusted input the user gave. */
export function fileEvidence(parts: {
  kind: string
  trust: { kind: string; value: string }
  files: Record<string, { path: string; bytes: Uint8Array; text: boolean }>
  question?: Record<string, unknown>
}): Evidence {
  return createEvidence({
    kind: parts.kind,
    createdAt: new Date().toISOString(),
    question: {
      ...(parts.question ?? {}),
      files: Object.fromEntries(Object.entries(parts.files).map(([k, f]) => [k, f.path])),
    },
    trust: parts.trust,
    data: Object.fromEntries(Object.entries(parts.files).map(([k, f]) => [k, rawFromBytes(f.bytes, f.text)])),
    sources: Object.values(parts.files).map((f) => ({ role: 'file', request: f.path })),
  })
}

/**
 * Writes evidence for --save. A path the user cannot write to (a directory, a missing folder, no permission) is
 * their mistake to fix: a usage error (exit 2) naming it, not an internal error.
 */
export async function saveEvidence(path: string, evidence: Evidence): Promise<void> {
  const info = await stat(path).catch(() => undefined)
  if (info?.isDirectory())
    throw new UsageError(`--save ${path}: is a directory; give the name of the evidence file to write`)
  try {
    await writeFileAtomic(path, stringifyJson(evidence, 2) + '\n', 0o644)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code && ['ENOENT', 'EEXIST', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EROFS'].includes(code))
      throw new UsageError(`--save ${path}: cannot write there (${code})`)
    throw err
  }
}

export const SAVE_OPTION: Record<string, OptionSpec> = {
  save: {
    type: 'string',
    help: 'FILE  also write the evidence (inputs as received) to FILE for offline re-verification',
  },
}

/**
 * The one path every verification takes: evidence in, report out. With --save the evidence is written
 * first, so even a failed verification leaves the file that shows why.
 */
export async function verifyAndMaybeSave(
  evidence: Evidence,
  values: OptionValues,
  ctx: CommandContext,
): Promise<Report> {
  const save = stringOption(values, 'save')
  if (save) {
    await saveEvidence(save, evidence)
    ctx.progress(`evidence saved to ${save}`)
  }
  const started = performance.now()
  const report = await verifyEvidence(evidence, { now: () => performance.now() }, { inputErrors: 'throw' })
  report.timings.verify = performance.now() - started
  return report
}
