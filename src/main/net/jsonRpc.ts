import { z } from 'zod'
import { EndpointError, errorMessage } from '../../shared/errors'
import { parseJsonBytes, type LosslessJson } from '../../verifier/encoding/json'
import { endpointLabel, httpFetch, type HttpLimits } from './httpFetch'

/**
 * A JSON-RPC 2.0 client for untrusted endpoints. Responses are parsed without precision loss, their
 * envelope is validated, ids must match, and the raw bytes are kept so evidence holds them as received.
 */
export interface RpcCall {
  method: string
  params: LosslessJson[]
}

export interface RpcAnswer {
  result: LosslessJson
  /** The response body exactly as received (for a batch, the whole batch body). */
  raw: Uint8Array
}

const RpcErrorSchema = z.object({ code: z.number(), message: z.string(), data: z.unknown().optional() })
const RpcResponseSchema = z.union([
  z.object({ jsonrpc: z.literal('2.0'), id: z.union([z.number(), z.string()]), result: z.unknown() }),
  z.object({
    jsonrpc: z.literal('2.0'),
    id: z.union([z.number(), z.string(), z.null()]),
    error: RpcErrorSchema,
  }),
])

/** Methods known to change nothing on the endpoint; only these are retried. */
const READ_ONLY = /^(eth_(get|chainId|blockNumber|call|feeHistory)|zks_|net_version|web3_clientVersion)/

export class JsonRpcClient {
  private nextId = 1
  readonly label: string

  constructor(
    readonly url: string,
    private readonly limits: Partial<HttpLimits> = {},
  ) {
    this.label = endpointLabel(url)
  }

  async call(method: string, params: LosslessJson[], signal?: AbortSignal): Promise<RpcAnswer> {
    const id = this.nextId++
    const raw = await this.post(
      JSON.stringify({ jsonrpc: '2.0', id, method, params }, bigintAsHex),
      READ_ONLY.test(method),
      signal,
    )
    const parsed = this.envelope(raw)
    return { result: this.resultOf(parsed, id, method), raw }
  }

  /** A batch request; every call must be answered, matched by id, whatever order the endpoint used. */
  async batch(calls: RpcCall[], signal?: AbortSignal): Promise<RpcAnswer[]> {
    if (calls.length === 0) return []
    const ids = calls.map(() => this.nextId++)
    const body = JSON.stringify(
      calls.map((c, i) => ({ jsonrpc: '2.0', id: ids[i], method: c.method, params: c.params })),
      bigintAsHex,
    )
    const raw = await this.post(
      body,
      calls.every((c) => READ_ONLY.test(c.method)),
      signal,
    )
    let json: LosslessJson
    try {
      json = parseJsonBytes(raw)
    } catch (err) {
      throw new EndpointError(
        this.label,
        `invalid JSON in batch response: ${errorMessage(err)}`,
        'endpoint.invalid-json',
      )
    }
    if (!Array.isArray(json))
      throw new EndpointError(this.label, 'batch answered with a non-array', 'endpoint.protocol')
    const byId = new Map<number | string, unknown>()
    for (const item of json) {
      const id = (item as { id?: unknown } | null)?.id
      if (typeof id === 'number' || typeof id === 'string') byId.set(id, item)
    }
    return calls.map((c, i) => {
      const item = byId.get(ids[i]!)
      if (item === undefined)
        throw new EndpointError(
          this.label,
          `batch response lacks the answer to ${c.method}`,
          'endpoint.protocol',
        )
      return { result: this.resultOf(this.validate(item), ids[i]!, c.method), raw }
    })
  }

  private async post(body: string, idempotent: boolean, signal?: AbortSignal): Promise<Uint8Array> {
    const res = await httpFetch(
      {
        url: this.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body,
        idempotent,
        signal,
      },
      this.limits,
    )
    return res.body
  }

  private envelope(raw: Uint8Array) {
    let json: LosslessJson
    try {
      json = parseJsonBytes(raw)
    } catch (err) {
      throw new EndpointError(this.label, `invalid JSON: ${errorMessage(err)}`, 'endpoint.invalid-json')
    }
    return this.validate(json)
  }

  private validate(json: unknown) {
    const parsed = RpcResponseSchema.safeParse(json)
    if (!parsed.success)
      throw new EndpointError(this.label, 'not a JSON-RPC 2.0 response', 'endpoint.protocol')
    return parsed.data
  }

  private resultOf(response: z.infer<typeof RpcResponseSchema>, id: number, method: string): LosslessJson {
    if ('error' in response) {
      throw new EndpointError(
        this.label,
        `${method} failed: ${response.error.message} (code ${response.error.code})`,
        response.error.code === -32601 ? 'endpoint.method-unsupported' : 'endpoint.rpc-error',
      )
    }
    if (response.id !== id)
      throw new EndpointError(
        this.label,
        `answer id ${String(response.id)} does not match request ${id}`,
        'endpoint.protocol',
      )
    return response.result as LosslessJson
  }
}

function bigintAsHex(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `0x${value.toString(16)}` : value
}
