import { InputError, LightproofError } from '../../shared/errors'
import { cryptoBackendNames } from '../crypto/initCrypto'
import { ReportBuilder, type Report } from '../report'
import type { VerifyDeps } from './evidenceKind'
import { findEvidenceKind } from './registry'
import type { Evidence } from '../evidence/schema'

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
  // The report names what it rests on: the evidence's trust root, unless the evidence rests on none and the
  // verifier said in its own words what the answer does not rest on.
  // A kind that derives its trust root from what it established (kind.trustRoot) names that one instead.
  const trustRoot = kind.trustRoot
    ? kind.trustRoot(evidence, report)
    : evidence.trust.kind !== 'none'
      ? { kind: evidence.trust.kind, value: evidence.trust.value }
      : undefined
  if (trustRoot) report.subject = { ...report.subject, trustRoot }
  // Which implementation ran each primitive (the host chose at start-up; noble unless a fast one loaded).
  report.facts.cryptoBackends = { ...cryptoBackendNames() }
  return report
}
