import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * The transport half of the test world's servers: 127.0.0.1 only, and switchable faults that any endpoint
 * may show — error storms, stalls, floods, garbage. Lies about data live with each protocol's handlers.
 */
export const TRANSPORT_FAULTS = ['http-500', 'http-429', 'slow', 'hang', 'huge', 'invalid-json'] as const
export type TransportFault = (typeof TRANSPORT_FAULTS)[number]

export const FAULT_HELP: Record<TransportFault, string> = {
  'http-500': 'every request answers HTTP 500',
  'http-429': 'every request answers HTTP 429 (rate limited)',
  slow: 'answers arrive after 30 s, past any sane client timeout',
  hang: 'connections are accepted and never answered',
  huge: 'every answer is 100 MB of junk',
  'invalid-json': 'every answer is truncated, invalid JSON',
}

export interface DevResponse {
  status?: number
  contentType?: string
  body: string | Uint8Array
}

export type DevHandler = (req: {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: string
}) => DevResponse | Promise<DevResponse>

export interface DevServer {
  url: string
  port: number
  /** Switches a transport fault on (or off with undefined) while the server runs. */
  setFault(fault: TransportFault | undefined): void
  requests(): number
  close(): Promise<void>
}

const MAX_REQUEST_BYTES = 4 * 1024 * 1024
const HUGE_BYTES = 100 * 1024 * 1024

export async function startDevServer(
  handler: DevHandler,
  options: { port?: number; fault?: TransportFault } = {},
): Promise<DevServer> {
  let fault = options.fault
  let count = 0
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()

  const server = createServer((req, res) => {
    count++
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_REQUEST_BYTES) req.destroy()
      else chunks.push(c)
    })
    req.on('end', () => {
      void respond(req, res, Buffer.concat(chunks).toString('utf8'))
    })
  })

  async function respond(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    switch (fault) {
      case 'hang':
        return
      case 'http-500':
      case 'http-429':
        res.writeHead(fault === 'http-500' ? 500 : 429, { 'content-type': 'text/plain', 'retry-after': '0' })
        res.end(fault === 'http-500' ? 'internal error' : 'too many requests')
        return
      case 'huge':
        return streamJunk(res)
      default:
        break
    }
    let answer: DevResponse
    try {
      answer = await handler({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body,
      })
    } catch (err) {
      answer = { status: 500, contentType: 'text/plain', body: `handler error: ${String(err)}` }
    }
    const send = () => {
      let payload = answer.body
      if (fault === 'invalid-json')
        payload = typeof payload === 'string' ? payload.slice(0, Math.max(1, payload.length >> 1)) : '{"trunc'
      res.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? 'application/json' })
      res.end(payload)
    }
    if (fault === 'slow') {
      const t = setTimeout(() => {
        timers.delete(t)
        send()
      }, 30_000)
      timers.add(t)
    } else send()
  }

  function streamJunk(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/json' })
    const chunk = Buffer.alloc(256 * 1024, 0x61)
    let sent = 0
    const pump = () => {
      while (sent < HUGE_BYTES) {
        sent += chunk.length
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      res.end()
    }
    res.on('close', () => {
      sent = HUGE_BYTES
    })
    pump()
  }

  // The world and its client often share one event loop: building a lie (an equivocating chain) blocks it for
  // seconds, after which Node's 5 s idle timer and the client's reuse of a kept-alive socket race (ECONNRESET).
  // close() destroys every socket, so a long idle time costs nothing.
  server.keepAliveTimeout = 60_000
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setFault: (f) => {
      fault = f
    },
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t)
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** JSON-RPC 2.0 over a dev server: single and batch requests, method-not-found, and bigint-safe output. */
export type RpcMethod = (params: unknown[]) => unknown | Promise<unknown>

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

export function jsonRpcHandler(methods: () => Record<string, RpcMethod>): DevHandler {
  const one = async (call: unknown): Promise<unknown> => {
    const c = call as { id?: unknown; method?: unknown; params?: unknown }
    const id = c?.id ?? null
    const table = methods()
    if (typeof c?.method !== 'string' || !Object.hasOwn(table, c.method)) {
      return {
        jsonrpc: '2.0',
        id,
        error: { code: -32601, message: `method not found: ${String(c?.method)}` },
      }
    }
    try {
      const result = await table[c.method]!(Array.isArray(c.params) ? c.params : [])
      return { jsonrpc: '2.0', id, result }
    } catch (err) {
      const code = err instanceof RpcError ? err.code : -32000
      return { jsonrpc: '2.0', id, error: { code, message: (err as Error).message } }
    }
  }
  return async ({ method, body }) => {
    if (method !== 'POST') return { status: 405, contentType: 'text/plain', body: 'POST only' }
    let request: unknown
    try {
      request = JSON.parse(body)
    } catch {
      return {
        body: JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } }),
      }
    }
    const answer = Array.isArray(request) ? await Promise.all(request.map(one)) : await one(request)
    return {
      body: JSON.stringify(answer, (_k, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v)),
    }
  }
}

/** A JSON-RPC method table that can be switched to lie while its server runs. */
export interface LyingRpc<Lie> {
  /** The method table for the next call (alternating lies advance per call). */
  methods(): Record<string, RpcMethod>
  setLie(lie: Lie | undefined): void
  lie(): Lie | undefined
}

export interface LyingRpcServer<World, Lie> extends DevServer {
  world: World
  setLie(lie: Lie | undefined): void
  lie(): Lie | undefined
}

/** Serves a lying-capable JSON-RPC table over a dev server on 127.0.0.1. */
export async function serveLyingRpc<World, Lie>(
  world: World,
  rpc: LyingRpc<Lie>,
  options: { port?: number; fault?: TransportFault },
): Promise<LyingRpcServer<World, Lie>> {
  const server = await startDevServer(
    jsonRpcHandler(() => rpc.methods()),
    {
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.fault === undefined ? {} : { fault: options.fault }),
    },
  )
  return { ...server, world, setLie: rpc.setLie, lie: rpc.lie }
}
