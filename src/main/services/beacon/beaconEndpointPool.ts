import { EndpointError, errorMessage, LightproofError } from '../../../shared/errors'
import { BeaconApiClient } from '../../net/beaconApi'
import type { HttpLimits } from '../../net/httpFetch'

/** Every endpoint failed for one request; `failures` keeps each endpoint's own error. */
export class AllEndpointsFailed extends EndpointError {
  constructor(
    what: string,
    readonly failures: EndpointError[],
  ) {
    const codes = new Set(failures.map((f) => f.code))
    super(
      failures.map((f) => f.endpoint).join(', '),
      `${what}: every beacon endpoint failed (${failures.map((f) => f.message).join('; ')})`,
      codes.size === 1 ? [...codes][0] : 'endpoint.all-failed',
    )
  }

  /** Every endpoint answered, with an HTTP error status: they are up but do not have what was asked. */
  get allRefused(): boolean {
    return this.failures.every((f) => f.code.startsWith('endpoint.http-'))
  }
}

export function cancelledError(): EndpointError {
  return new EndpointError('(cancelled)', 'cancelled by the user', 'endpoint.cancelled')
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelledError()
}

/**
 * Several beacon API endpoints used as one: a request goes to the endpoint that last answered, and on an
 * EndpointError (unreachable, timeout, HTTP error, an answer that does not even parse) to the next one. No
 * answer is trusted for being repeated or agreed on: whatever arrives is verified from the checkpoint.
 */
export class BeaconEndpointPool {
  private readonly clients: BeaconApiClient[]
  private preferred = 0

  constructor(
    urls: readonly string[],
    limits: Partial<HttpLimits>,
    private readonly onFailover: (failed: EndpointError, next: string) => void = () => undefined,
  ) {
    if (urls.length === 0) throw new EndpointError('(none)', 'no beacon endpoint configured', 'endpoint.none')
    this.clients = urls.map((u) => new BeaconApiClient(u, limits))
  }

  get labels(): string[] {
    return this.clients.map((c) => c.label)
  }

  /**
   * Runs `call` against the endpoints in turn. `call` should also parse what it needs: an InputError from a
   * response counts as that endpoint's fault (code `endpoint.invalid-response`), named by its label.
   */
  async request<T>(
    what: string,
    signal: AbortSignal,
    call: (client: BeaconApiClient) => Promise<T>,
  ): Promise<{ value: T; endpoint: string }> {
    const failures: EndpointError[] = []
    const n = this.clients.length
    for (let k = 0; k < n; k++) {
      const i = (this.preferred + k) % n
      const client = this.clients[i]!
      throwIfCancelled(signal)
      try {
        const value = await call(client)
        this.preferred = i
        return { value, endpoint: client.label }
      } catch (err) {
        if (signal.aborted) throw cancelledError()
        const failure = asEndpointFailure(err, client.label, what)
        if (!failure) throw err
        if (failure.code === 'endpoint.cancelled') throw failure
        failures.push(failure)
        if (k + 1 < n) this.onFailover(failure, this.clients[(i + 1) % n]!.label)
      }
    }
    if (failures.length === 1) throw failures[0]!
    throw new AllEndpointsFailed(what, failures)
  }
}

function asEndpointFailure(err: unknown, label: string, what: string): EndpointError | null {
  if (err instanceof EndpointError) return err
  if (err instanceof LightproofError && err.kind === 'input') {
    return new EndpointError(
      label,
      `${what}: the answer is not a valid light-client object (${errorMessage(err)})`,
      'endpoint.invalid-response',
    )
  }
  return null
}
