import { EndpointError, errorMessage } from '../../shared/errors'
import { parseJsonBytes, type LosslessJson } from '../../verifier/encoding/json'
import { endpointLabel, httpFetch, type HttpLimits } from './httpFetch'

/**
 * The beacon-node REST API, for the light-client routes. Responses are untrusted; the verifier checks them.
 * SSZ (application/octet-stream) is asked for where a route offers it, JSON otherwise.
 */
export interface BeaconAnswer {
  encoding: 'json' | 'ssz'
  /** Exactly as received. */
  raw: Uint8Array
  /** The parsed body, for JSON answers. */
  json?: LosslessJson
}

export class BeaconApiClient {
  readonly label: string

  constructor(
    readonly baseUrl: string,
    private readonly limits: Partial<HttpLimits> = {},
  ) {
    this.label = endpointLabel(baseUrl)
  }

  async get(path: string, prefer: 'json' | 'ssz' = 'json', signal?: AbortSignal): Promise<BeaconAnswer> {
    const url = new URL(
      path.replace(/^\//, ''),
      this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`,
    ).href
    const accept =
      prefer === 'ssz' ? 'application/octet-stream;q=1, application/json;q=0.5' : 'application/json'
    const res = await httpFetch({ url, headers: { accept }, idempotent: true, signal }, this.limits)
    if (res.contentType.includes('application/octet-stream')) return { encoding: 'ssz', raw: res.body }
    try {
      return { encoding: 'json', raw: res.body, json: parseJsonBytes(res.body) }
    } catch (err) {
      throw new EndpointError(
        this.label,
        `invalid JSON from ${path}: ${errorMessage(err)}`,
        'endpoint.invalid-json',
      )
    }
  }

  bootstrap(blockRoot: string, signal?: AbortSignal) {
    return this.get(`/eth/v1/beacon/light_client/bootstrap/${blockRoot}`, 'json', signal)
  }

  updates(startPeriod: number, count: number, signal?: AbortSignal) {
    return this.get(
      `/eth/v1/beacon/light_client/updates?start_period=${startPeriod}&count=${count}`,
      'json',
      signal,
    )
  }

  finalityUpdate(signal?: AbortSignal) {
    return this.get('/eth/v1/beacon/light_client/finality_update', 'json', signal)
  }

  optimisticUpdate(signal?: AbortSignal) {
    return this.get('/eth/v1/beacon/light_client/optimistic_update', 'json', signal)
  }

  /** A SignedBeaconBlock (`head`, a slot or a block root), asked for as SSZ. */
  signedBlock(blockId: string, signal?: AbortSignal) {
    return this.get(`/eth/v2/beacon/blocks/${blockId}`, 'ssz', signal)
  }
}
