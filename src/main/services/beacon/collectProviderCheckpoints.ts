import { errorMessage, EndpointError } from '../../../shared/errors'
import type { ProviderAnswer } from '../../../verifier/beacon/checkpointAgreement'
import { BeaconApiClient } from '../../net/beaconApi'
import type { HttpLimits } from '../../net/httpFetch'

const ROOT = /^0x[0-9a-fA-F]{64}$/

/** The root a provider's answer names, if it is shaped like one (the verifier checks everything else). */
function namedRoot(answer: ProviderAnswer['finalized']): string | undefined {
  if (!('json' in answer)) return undefined
  const data = (answer.json as { data?: { root?: unknown } } | null)?.data
  return typeof data?.root === 'string' && ROOT.test(data.root) ? data.root.toLowerCase() : undefined
}

function isNotFound(err: unknown): boolean {
  return err instanceof EndpointError && err.code === 'endpoint.http-404'
}

/**
 * Asks every checkpoint provider for its finalized header, then each provider for the headers the others
 * named, all in parallel and bounded by the usual endpoint limits. Only fetches: judgeCheckpointProviders
 * (src/verifier/beacon/checkpointAgreement.ts) decides.
 */
export async function collectProviderCheckpoints(
  providers: readonly string[],
  limits: Partial<HttpLimits>,
  signal?: AbortSignal,
): Promise<ProviderAnswer[]> {
  const clients = providers.map((p) => new BeaconApiClient(p, limits))
  const finalized = await Promise.all(
    clients.map(async (c): Promise<ProviderAnswer['finalized']> => {
      try {
        const answer = await c.get('/eth/v1/beacon/headers/finalized', 'json', signal)
        return answer.json === undefined ? { error: 'answered SSZ, not JSON' } : { json: answer.json }
      } catch (err) {
        return { error: errorMessage(err) }
      }
    }),
  )
  const roots = finalized.map(namedRoot)
  return Promise.all(
    clients.map(async (c, i): Promise<ProviderAnswer> => {
      const others = [
        ...new Set(roots.filter((r, j): r is string => r !== undefined && j !== i && r !== roots[i])),
      ]
      const byRoot: ProviderAnswer['byRoot'] = {}
      await Promise.all(
        others.map(async (root) => {
          try {
            const answer = await c.get(`/eth/v1/beacon/headers/${root}`, 'json', signal)
            byRoot[root] =
              answer.json === undefined ? { error: 'answered SSZ, not JSON' } : { json: answer.json }
          } catch (err) {
            byRoot[root] = isNotFound(err) ? { notFound: true } : { error: errorMessage(err) }
          }
        }),
      )
      return { provider: providers[i]!, finalized: finalized[i]!, byRoot }
    }),
  )
}
