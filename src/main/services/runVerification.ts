import type { VerificationOutcome } from '../../shared/contract/common'
import type { Evidence } from '../../verifier/evidence/schema'
import { verifyEvidence } from '../../verifier/kinds/verifyEvidence'
import type { Report } from '../../verifier/report'
import { evidenceRunsInWorker } from '../workers/workerKinds'
import { sharedVerifyPool } from '../workers/verifyPool'
import type { ServiceContext } from './context'

export interface RunVerificationOptions {
  /** Cancels a verification running in a worker (the worker is terminated). */
  signal?: AbortSignal
}

/**
 * Every verification the app performs goes through here: evidence in, report out, and both kept in history
 * so the answer can be re-verified, exported or shared later. Heavy kinds (src/main/workers/workerKinds.ts)
 * are verified in a worker thread so the event loop that serves the UI never stalls; the report is the same.
 */
export async function runVerification(
  ctx: ServiceContext,
  evidence: Evidence,
  options: RunVerificationOptions = {},
): Promise<VerificationOutcome> {
  const started = performance.now()
  let report: Report
  if (evidenceRunsInWorker(evidence)) {
    const done = await sharedVerifyPool().verify(evidence, options)
    report = done.report
    report.timings.verifyInWorker = done.verifyMs
  } else {
    report = await verifyEvidence(evidence, { now: () => performance.now() })
  }
  report.timings.verify = performance.now() - started
  const summary = await ctx.history.add(report, evidence, ctx.now())
  ctx.events.emit('history', summary)
  return { report, historyId: summary.id }
}
