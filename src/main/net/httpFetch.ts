import { EndpointError } from '../../shared/errors'

/**
 * One bounded HTTP exchange with an untrusted endpoint: a deadline for the whole exchange (headers and
 * body), a byte cap enforced while streaming so a 100 MB answer is cut off early, retries only where the
 * request is safe to repeat, and errors that name the endpoint but never its secrets (paths and queries of
 * RPC URLs often hold API keys).
 */
export interface HttpLimits {
  timeoutMs: number
  maxBytes: number
  /** Extra attempts after the first, for idempotent requests on network errors, 429 and 502–504. */
  retries: number
  /** First backoff; doubles per attempt, with jitter, capped by maxBackoffMs. */
  backoffMs: number
  maxBackoffMs: number
}

export const DEFAULT_LIMITS: HttpLimits = {
  timeoutMs: 20_000,
  maxBytes: 32 * 1024 * 1024,
  retries: 2,
  backoffMs: 250,
  maxBackoffMs: 4_000,
}

export interface HttpRequest {
  url: string
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  /** Whether repeating the request cannot change anything (reads). Only then are retries made. */
  idempotent?: boolean
  signal?: AbortSignal
}

export interface HttpResponse {
  status: number
  contentType: string
  body: Uint8Array
}

/** How an endpoint is named in messages: scheme and host only. */
export function endpointLabel(url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}`
  } catch {
    return '(invalid URL)'
  }
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504])

export async function httpFetch(
  request: HttpRequest,
  limits: Partial<HttpLimits> = {},
): Promise<HttpResponse> {
  const lim = { ...DEFAULT_LIMITS, ...limits }
  const label = endpointLabel(request.url)
  const attempts = request.idempotent === false ? 1 : lim.retries + 1
  let lastError: EndpointError | undefined
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await sleep(backoff(attempt, lim, lastError), request.signal)
    try {
      const res = await fetchOnce(request, lim, label)
      if (RETRYABLE_STATUS.has(res.status) && attempt + 1 < attempts) {
        lastError = new EndpointError(label, `HTTP ${res.status}`, `endpoint.http-${res.status}`)
        lastError.retryAfterMs = retryAfter(res)
        continue
      }
      if (res.status < 200 || res.status >= 300) {
        throw new EndpointError(
          label,
          `HTTP ${res.status}${statusHint(res.status)}`,
          `endpoint.http-${res.status}`,
        )
      }
      return res
    } catch (err) {
      if (!(err instanceof EndpointError)) throw err
      lastError = err
      const retryable = err.code === 'endpoint.unreachable' || err.code === 'endpoint.timeout'
      if (!retryable || request.signal?.aborted) throw err
    }
  }
  throw lastError ?? new EndpointError(label, 'no answer', 'endpoint.unreachable')
}

async function fetchOnce(
  request: HttpRequest,
  lim: HttpLimits,
  label: string,
): Promise<HttpResponse & { retryAfter?: string }> {
  const deadline = AbortSignal.timeout(lim.timeoutMs)
  const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline
  let res: Response
  try {
    res = await fetch(request.url, {
      method: request.method ?? 'GET',
      headers: request.headers,
      body: request.body,
      signal,
      redirect: 'error',
    })
  } catch (err) {
    throw classify(err, label, lim, request.signal)
  }
  const declared = Number(res.headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > lim.maxBytes) {
    await res.body?.cancel().catch(() => undefined)
    throw new EndpointError(
      label,
      `response of ${declared} bytes is over the ${lim.maxBytes}-byte limit`,
      'endpoint.too-large',
    )
  }
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    const reader = res.body?.getReader()
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        total += value.length
        if (total > lim.maxBytes) {
          await reader.cancel().catch(() => undefined)
          throw new EndpointError(
            label,
            `response is over the ${lim.maxBytes}-byte limit`,
            'endpoint.too-large',
          )
        }
        chunks.push(value)
      }
    }
  } catch (err) {
    if (err instanceof EndpointError) throw err
    throw classify(err, label, lim, request.signal)
  }
  const body = new Uint8Array(total)
  let offset = 0
  for (const c of chunks) {
    body.set(c, offset)
    offset += c.length
  }
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body,
    retryAfter: res.headers.get('retry-after') ?? undefined,
  }
}

function classify(err: unknown, label: string, lim: HttpLimits, userSignal?: AbortSignal): EndpointError {
  if (userSignal?.aborted) return new EndpointError(label, 'cancelled', 'endpoint.cancelled', { cause: err })
  const name = (err as { name?: string }).name
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new EndpointError(label, `no complete answer within ${lim.timeoutMs} ms`, 'endpoint.timeout', {
      cause: err,
    })
  }
  const cause = (err as { cause?: { code?: string; message?: string } }).cause
  const why = cause?.code ?? cause?.message ?? (err as Error).message ?? 'network error'
  return new EndpointError(label, `unreachable (${why})`, 'endpoint.unreachable', { cause: err })
}

function statusHint(status: number): string {
  if (status === 401 || status === 403) return ' (the endpoint refused access: check its URL or API key)'
  if (status === 404) return ' (not found: the endpoint may not serve this API)'
  if (status === 429) return ' (rate limited)'
  return ''
}

function retryAfter(res: { retryAfter?: string }): number | undefined {
  if (!res.retryAfter) return undefined
  const seconds = Number(res.retryAfter)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined
}

function backoff(attempt: number, lim: HttpLimits, last?: EndpointError): number {
  const exp = Math.min(lim.maxBackoffMs, lim.backoffMs * 2 ** (attempt - 1))
  const jittered = exp / 2 + Math.random() * (exp / 2)
  return Math.min(lim.maxBackoffMs, Math.max(jittered, last?.retryAfterMs ?? 0))
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new EndpointError('(cancelled)', 'cancelled', 'endpoint.cancelled'))
    const t = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t)
        reject(new EndpointError('(cancelled)', 'cancelled', 'endpoint.cancelled'))
      },
      { once: true },
    )
  })
}
