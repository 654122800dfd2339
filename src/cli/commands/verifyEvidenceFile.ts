import { InputError } from '../../shared/errors'
import { parseEvidence } from '../../verifier/evidence/schema'
import { verifyEvidence } from '../../verifier/kinds/verifyEvidence'
import type { CommandSpec } from '../command'

/**
 * `lightproof verify FILE`: re-verify a saved evidence file offline with the same verifier that produced it.
 * The report names the trust root the answer rests on.
 */
export const verifyEvidenceFileCommand: CommandSpec = {
  usage: 'FILE',
  options: {},
  positionals: { min: 1, max: 1, names: 'FILE' },
  async run({ positionals }, ctx) {
    const file = positionals[0]!
    const bytes = await ctx.readInput(file)
    let evidence
    try {
      evidence = parseEvidence(bytes)
    } catch (err) {
      // Name the file in what the parser says ("x.json: not JSON (starts with …)").
      if (err instanceof InputError) throw new InputError(`${file}: ${err.message}`, err.code)
      throw err
    }
    const started = performance.now()
    const report = await verifyEvidence(evidence)
    report.timings.verify = performance.now() - started
    return report
  },
}
