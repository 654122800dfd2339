import type { VerificationOutcome } from '../../shared/contract/common'
import type { Evidence } from '../../verifier/evidence/schema'
import { verifyEvidence } from '../../verifier/evidence/verifyEvidence'
import type { ServiceContext } from './context'

/**
 * Every verification the app performs goes through here: evidence in, report out, and both kept in history
 * so the answer can be re-verified, exported or shared later.
 */
export async function runVerification(ctx: ServiceContext, evidence: Evidence): Promise<VerificationOutcome> {
  const started = performance.now()
  const report = await verifyEvidence(evidence)
  report.timings.verify = performance.now() - started
  const summary = await ctx.history.add(report, evidence, ctx.now())
  ctx.events.emit('history', summary)
  return { report, historyId: summary.id }
}
