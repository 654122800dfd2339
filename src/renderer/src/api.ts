import type { ApiArgs, ApiEnvelope, ApiEvent, ApiMethod, ApiResult, LightproofApi } from '../../shared/api'
import { METHOD_NAMES } from '../../shared/methods'

/** The shape the Electron preload exposes: one envelope-returning function per method. */
interface IpcBridge {
  onEvent(listener: (event: ApiEvent) => void): () => void
  [method: string]: unknown
}

declare global {
  interface Window {
    lightproofIpc?: IpcBridge
  }
}

export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiCallError'
  }
}

function unwrap<T>(envelope: ApiEnvelope<T>): T {
  if (envelope.ok) return envelope.result
  throw new ApiCallError(envelope.error.code, envelope.error.message)
}

function bridgeToken(): string {
  return document.querySelector('meta[name="lightproof-token"]')?.getAttribute('content') ?? ''
}

async function callHttp(method: string, args: unknown[]): Promise<ApiEnvelope> {
  const res = await fetch(`/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lightproof-token': bridgeToken() },
    body: JSON.stringify(args),
  })
  const text = await res.text()
  try {
    return JSON.parse(text) as ApiEnvelope
  } catch {
    return { ok: false, error: { code: `http.${res.status}`, message: text.slice(0, 200) || res.statusText } }
  }
}

function createApi(): LightproofApi & { onEvent(listener: (e: ApiEvent) => void): () => void } {
  const ipc = window.lightproofIpc
  const call = (method: string, args: unknown[]): Promise<ApiEnvelope> =>
    ipc ? (ipc[method] as (...a: unknown[]) => Promise<ApiEnvelope>)(...args) : callHttp(method, args)
  const api = Object.fromEntries(
    METHOD_NAMES.map((m) => [m, async (...args: unknown[]) => unwrap(await call(m, args))]),
  ) as unknown as LightproofApi
  const onEvent = (listener: (e: ApiEvent) => void): (() => void) => {
    if (ipc) return ipc.onEvent(listener)
    const source = new EventSource(`/api/events?token=${encodeURIComponent(bridgeToken())}`)
    source.onmessage = (msg) => {
      try {
        listener(JSON.parse(msg.data as string) as ApiEvent)
      } catch {
        // A malformed event is dropped; the next one may be fine.
      }
    }
    return () => source.close()
  }
  return Object.assign(api, { onEvent })
}

/** The renderer cannot tell which transport it talks to: IPC under Electron, the localhost bridge otherwise. */
export const api = createApi()

export type { ApiMethod, ApiArgs, ApiResult }
