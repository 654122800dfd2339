import { errorMessage } from '../../shared/errors'
import { saveEvidence } from '../evidenceIo'
import { syncBeacon } from '../../main/services/trustService'
import type { CommandSpec } from '../command'
import { stringOption } from '../command'
import { cliOperation, cliServices, ignoredOnlineOptions, ONLINE_OPTIONS, overridesFrom } from '../online'

/**
 * `lightproof sync [--beacon URL]… [--checkpoint R] [--network N] [--save FILE]`: the beacon light client from
 * the best checkpoint (the pinned one, else the last verified state in the data folder, else the shipped one)
 * to the current head, verified as evidence and kept in history. Progress goes to stderr; the report to stdout.
 * Exit 0 verified, 1 failed, 2 bad usage, 3 no beacon endpoint answered.
 */
export const syncCommand: CommandSpec = {
  usage: '[--beacon URL]… [--checkpoint R] [--network N] [--save FILE]',
  options: {
    beacon: ONLINE_OPTIONS.beacon!,
    checkpoint: ONLINE_OPTIONS.checkpoint!,
    network: ONLINE_OPTIONS.network!,
    save: ONLINE_OPTIONS.save!,
    // Accepted and ignored, so one set of endpoint flags serves a whole session.
    ...ignoredOnlineOptions('l1-rpc', 'zksync-rpc'),
  },
  async run({ values }, ctx) {
    const services = await cliServices(ctx)
    const op = cliOperation(services, ctx, 'sync')
    const save = stringOption(values, 'save')
    try {
      const { collected, outcome } = await syncBeacon(
        services.context,
        op,
        overridesFrom(values),
        save
          ? async (evidence) => {
              await saveEvidence(save, evidence)
              ctx.progress(`sync: evidence saved to ${save}`)
            }
          : undefined,
      )
      const choice = collected.checkpointChoice
      ctx.progress(`sync: checkpoint ${choice.root} (${choice.source}: ${choice.note})`)
      const age = outcome.report.checks.find((c) => c.id === 'beacon.checkpoint.age')
      if (age?.status === 'fail') ctx.progress(`sync: warning: ${age.detail}`)
      op.finish(outcome.report.verdict)
      return outcome.report
    } catch (err) {
      op.fail(`failed: ${errorMessage(err)}`)
      throw err
    }
  },
}
