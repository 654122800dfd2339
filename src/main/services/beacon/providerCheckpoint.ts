import type { ProviderCheckpoint, ProviderCheckpointRequest } from '../../../shared/contract/trust'
import { UsageError } from '../../../shared/errors'
import { checkpointProvidersFor } from '../../../shared/settings'
import { judgeCheckpointProviders } from '../../../verifier/beacon/checkpointAgreement'
import type { ServiceContext } from '../context'
import { collectProviderCheckpoints } from './collectProviderCheckpoints'

/**
 * A fresh checkpoint from checkpoint-sync providers (issue 23, item 3): the request's providers, else the
 * settings', else the network's built-in list; the verifier's judgement of their answers; and, when asked and
 * agreed, the root pinned in Settings so the next sync starts from it.
 */
export async function checkpointFromProviders(
  ctx: ServiceContext,
  request: ProviderCheckpointRequest = {},
  network?: string,
): Promise<ProviderCheckpoint> {
  const settings = await ctx.settings.get()
  const net = network ?? settings.network
  const providers = request.providers ?? checkpointProvidersFor(settings.endpoints.checkpointProviders, net)
  if (providers.length < 2)
    throw new UsageError(
      `checkpoint providers for ${net}: ${providers.length} configured; at least two independent ones are needed`,
      'trust.providers',
    )
  const started = performance.now()
  const answers = await collectProviderCheckpoints(providers, ctx.limits)
  const report = judgeCheckpointProviders({ network: net, answers })
  report.timings.fetch = performance.now() - started
  const root =
    report.verdict === 'verified' && typeof report.facts.root === 'string' ? report.facts.root : null
  const slot = root !== null && typeof report.facts.slot === 'string' ? report.facts.slot : null
  let pinned = false
  if (request.pin && root !== null) {
    await ctx.settings.update({ checkpoint: root, ...(network ? { network } : {}) })
    pinned = true
  }
  return { report, root, slot, pinned }
}
