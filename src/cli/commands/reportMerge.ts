import type { Report } from '../../verifier/report'
import type { CommandSpec } from '../command'
import { auditExitCode } from '../audit/auditRun'
import { mergeJournals } from '../audit/mergeJournals'

/**
 * `lightproof report merge DIR…` (offline): the shards of a batch audit (`zksync batches --shard I/N --out DIR`)
 * as one summary — counts by verdict, the non-verified batches with the check that stopped each, CPU time.
 * Overlapping shards, a gap between ranges or a shard that has not finished are refused (exit 2).
 */
export const reportMergeCommand: CommandSpec = {
  usage: 'DIR…',
  options: {},
  positionals: { min: 1, max: 4096, names: 'the --out directories of the shards' },
  exitCode: auditExitCode,
  run({ positionals }): Promise<Report> {
    return Promise.resolve(mergeJournals(positionals))
  },
}
