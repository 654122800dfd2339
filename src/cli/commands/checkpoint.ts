import { UsageError } from '../../shared/errors'
import { NetworkName } from '../../shared/settings'
import { checkpointFromProviders } from '../../main/services/beacon/providerCheckpoint'
import { endpointUrls } from '../../main/services/endpoints'
import type { CommandSpec } from '../command'
import { stringList, stringOption } from '../command'
import { cliServices } from '../online'

/**
 * `lightproof checkpoint [--provider URL]… [--network N] [--pin]`: a fresh finalized checkpoint, taken only when
 * at least two independent checkpoint-sync providers vouch for the same root; every provider's answer is in the
 * report. With --pin the agreed root becomes the checkpoint the next `sync` starts from.
 */
export const checkpointCommand: CommandSpec = {
  usage: '[--provider URL]… [--network N] [--pin]',
  options: {
    provider: {
      type: 'string',
      multiple: true,
      help: 'URL  checkpoint-sync provider (repeatable, at least two; default: settings, else the built-in list)',
    },
    network: { type: 'string', help: 'NAME  network (default: settings, mainnet)' },
    pin: { type: 'boolean', help: '   pin the agreed root in settings: the next sync starts from it' },
  },
  async run({ values }, ctx) {
    // Fewer than two is refused by the service, which holds every caller to it.
    const providers = endpointUrls(stringList(values, 'provider'), '--provider')
    const network = stringOption(values, 'network')
    if (network !== undefined && !NetworkName.safeParse(network).success)
      throw new UsageError(`--network ${network}: not a network name`)
    const services = await cliServices(ctx)
    const pin = values.pin === true
    const result = await checkpointFromProviders(
      services.context,
      { ...(providers.length > 0 ? { providers } : {}), pin },
      network,
    )
    if (result.root)
      ctx.progress(`checkpoint: ${result.root} at slot ${result.slot}${result.pinned ? ', pinned' : ''}`)
    else if (pin) ctx.progress('checkpoint: nothing pinned, the providers did not agree')
    return result.report
  },
}
