import { parseEvidence } from '../../verifier/evidence/schema'
import { verifyEvidence } from '../../verifier/kinds/verifyEvidence'
import type { CommandSpec } from '../command'

/**
 * `lightproof verify FILE`: re-verify a saved evidence file offline with the same verifier that produced it.
 * The report names the trust root the answer rests on.
 */
export const verifyEvidenceFileCommand: CommandSpec = {
  path: ['verify'],
  summary: 're-verify a saved evidence file offline (no network)',
  usage: 'FILE',
  options: {},
  positionals: { min: 1, max: 1, names: 'FILE' },
  async run({ positionals }, ctx) {
    const evidence = parseEvidence(await ctx.readInput(positionals[0]!))
    const started = performance.now()
    const report = await verifyEvidence(evidence)
    report.timings.verify = performance.now() - started
    return report
  },
}
