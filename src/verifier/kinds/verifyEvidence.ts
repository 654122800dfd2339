import { InputError, LightproofError } from '../../shared/errors'
import { ReportBuilder, type Report } from '../report'
import { withSections } from '../report/sections'
import type { VerifyDeps } from './evidenceKind'
import { backendNames } from './initBackends'
import { findEvidenceKind } from './registry'
import type { Evidence } from '../evidence/schema'
import { bindEvidence, checkQuestionFields } from './binding/bindEvidence'

/**
 * Verifies an evidence document with the verifier of its kind. The envelope was validated by parseEvidence;
 * here a kind this version does not know is bad input, while broken data inside a well-formed file (a
 * truncated proof, a mangled response) is a failed verification that names the part that broke.
 */
export interface VerifyEvidenceOptions {
  /**
   * 'fail' (evidence files): malformed data inside a well-formed file is a failed check. 'throw' (raw-input
   * commands): it is bad input, which the CLI reports with exit status 2.
   */
  inputErrors?: 'fail' | 'throw'
}

export async function verifyEvidence(
  evidence: Evidence,
  deps: VerifyDeps = {},
  options: VerifyEvidenceOptions = {},
): Promise<Report> {
  const kind = findEvidenceKind(evidence.kind)
  if (!kind) throw new InputError(`unsupported evidence kind: ${evidence.kind}`, 'evidence.unsupported-kind')
  // A question field no kind defines is refused before anything is verified (bindEvidence.ts).
  checkQuestionFields(evidence, kind.binding)
  let report: Report
  try {
    report = await kind.verify(evidence, deps)
  } catch (err) {
    if (!(err instanceof LightproofError) || err.kind !== 'input' || options.inputErrors === 'throw')
      throw err
    report = new ReportBuilder({ kind: evidence.kind, description: kind.title })
      .fail('evidence.data', 'Evidence data is well-formed', `${err.message} (${err.code})`)
      .build()
  }
  // A kind that derives its trust root from what it established (kind.trustRoot) names it; bindEvidence then
  // reports the root the data chains to and checks the file's `trust` field against it.
  const derived = kind.trustRoot ? kind.trustRoot(evidence, report) : undefined
  // The report is about this evidence: its subject is the kind's, whatever primitive the descriptor ran (a
  // verifier called on its own names what it checked, e.g. `mpt-proof`).
  report.subject = { ...report.subject, kind: kind.kind, ...(derived ? { trustRoot: derived } : {}) }
  // Which implementation ran each primitive (the host chose at start-up; noble unless a fast one loaded).
  report.facts.cryptoBackends = { ...backendNames() }
  // The question is held to what the data answers, and the trust root is the one the data chains to —
  // computed, never copied from the file's `trust` field (which is checked against it: evidence.trust).
  // Last, the chain of trust link by link, over every check (the binding's evidence.* checks included).
  const bound = withSections(bindEvidence(evidence, report, kind.binding), kind.sections)
  const answer = kind.answer(bound)
  return answer ? { ...bound, answer } : bound
}
