import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { RENDERER_CSP } from '../../shared/csp'
import { dispatch } from '../../shared/dispatch'
import type { Services } from '../services/createServices'

/** Upper bound of one API request body; evidence files travel base64-encoded inside it. */
export const MAX_BODY_BYTES = 96 * 1024 * 1024
export const TOKEN_HEADER = 'x-lightproof-token'
const TOKEN_META = '<meta name="lightproof-token" content="%TOKEN%" />'

/**
 * Bounds on what one client (or many) may hold of the bridge: a connection must send its complete headers
 * within `headersTimeoutMs` and its whole request within `requestTimeoutMs`, at most `maxConnections` are open
 * at once, and the request bodies being read at any moment total at most `maxInFlightBodyBytes` — so a slow or
 * hostile local page cannot exhaust sockets or memory (issue 15).
 */
export interface BridgeLimits {
  headersTimeoutMs: number
  requestTimeoutMs: number
  maxConnections: number
  maxInFlightBodyBytes: number
}

export const BRIDGE_LIMITS: Readonly<BridgeLimits> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 120_000,
  maxConnections: 64,
  maxInFlightBodyBytes: 128 * 1024 * 1024,
}

export interface BridgeOptions {
  port?: number
  staticDir?: string
  token?: string
  limits?: Partial<BridgeLimits>
  /** Called after each API answer is sent (the bridge CLI passes its memory policy, heapGrowthCollector). */
  afterApiCall?: () => void
}

export interface Bridge {
  url: string
  token: string
  close(): Promise<void>
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
}

/**
 * Browser mode's transport: the built renderer and `POST /api/<method>` on 127.0.0.1 only. Every API call
 * needs the per-run token (a header, so a cross-origin page cannot send it without a preflight we never
 * answer), and the Host header must name this loopback address, which defeats DNS rebinding.
 */
export async function startBridge(services: Services, options: BridgeOptions = {}): Promise<Bridge> {
  const token = options.token ?? randomBytes(24).toString('hex')
  const staticDir = options.staticDir ? resolve(options.staticDir) : undefined
  const limits = { ...BRIDGE_LIMITS, ...options.limits }
  let port = 0
  const server: Server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often Node looks for connections past those timeouts (its default, 30 s, would let them linger).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, limits.headersTimeoutMs / 4)),
    },
    (req, res) => {
      handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `internal error: ${String(err)}`)
        else res.destroy()
      })
    },
  )
  // Connections over the cap are closed by Node as they arrive.
  server.maxConnections = limits.maxConnections
  const sockets = new Set<import('node:net').Socket>()
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  const budget = { inFlight: 0, max: limits.maxInFlightBodyBytes }

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`])

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 421, 'text/plain', 'wrong host')
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url)
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'method not allowed')
    return serveStatic(res, url.pathname)
  }

  function tokenMatches(given: string | undefined): boolean {
    if (!given) return false
    const a = Buffer.from(given)
    const b = Buffer.from(token)
    return a.length === b.length && timingSafeEqual(a, b)
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const origin = req.headers.origin
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
      return send(res, 403, 'text/plain', 'cross-origin request refused')
    }
    if (url.pathname === '/api/events') {
      if (!tokenMatches(url.searchParams.get('token') ?? undefined))
        return send(res, 401, 'text/plain', 'token required')
      return streamEvents(req, res)
    }
    const headerToken = req.headers[TOKEN_HEADER]
    if (!tokenMatches(typeof headerToken === 'string' ? headerToken : undefined)) {
      return send(res, 401, 'text/plain', 'token required')
    }
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'method not allowed')
    const method = decodePath(url.pathname.slice('/api/'.length))
    if (method === undefined) return send(res, 400, 'text/plain', 'malformed percent-encoding')
    // A body declared over the limit is refused before a byte of it is read: buffering it only to refuse it
    // left the process ~100 MB larger for good (the allocator keeps what it grew to).
    const declared = Number(req.headers['content-length'] ?? NaN)
    if (declared > MAX_BODY_BYTES) {
      res.setHeader('connection', 'close')
      res.on('finish', () => req.socket.destroy())
      return send(res, 413, 'text/plain', `request body over ${MAX_BODY_BYTES} bytes`)
    }
    const body = await readBody(req, MAX_BODY_BYTES, budget)
    if (body === 'busy') {
      res.setHeader('connection', 'close')
      res.on('finish', () => req.socket.destroy())
      return send(res, 503, 'text/plain', 'too many large requests in flight; try again shortly')
    }
    if (body === undefined) return send(res, 413, 'text/plain', `request body over ${MAX_BODY_BYTES} bytes`)
    let args: unknown
    try {
      args = JSON.parse(body)
    } catch {
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'api.bad-json', message: 'request body is not JSON' },
      })
    }
    const envelope = await dispatch(services.handlers, method, args)
    sendJson(res, envelope.ok ? 200 : 400, envelope)
    options.afterApiCall?.()
  }

  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    })
    res.write(': connected\n\n')
    const off = services.events.on((event) => res.write(`data: ${JSON.stringify(event)}\n\n`))
    req.on('close', off)
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    if (!staticDir) return send(res, 404, 'text/plain', 'no UI in this bridge')
    const decoded = decodePath(pathname)
    if (decoded === undefined) return send(res, 400, 'text/plain', 'malformed percent-encoding')
    const rel = pathname === '/' ? 'index.html' : decoded.replace(/^\/+/, '')
    const file = normalize(join(staticDir, rel))
    if (file !== staticDir && !file.startsWith(staticDir + sep))
      return send(res, 403, 'text/plain', 'forbidden')
    let target = file
    const info = await stat(target).catch(() => undefined)
    // Client-side routes fall back to the app shell.
    if (!info?.isFile()) {
      if (extname(rel) !== '') return send(res, 404, 'text/plain', 'not found')
      target = join(staticDir, 'index.html')
    }
    let data: Buffer | string = await readFile(target)
    if (target.endsWith('index.html')) {
      data = data.toString('utf8').replace('</head>', `${TOKEN_META.replace('%TOKEN%', token)}</head>`)
    }
    send(res, 200, MIME[extname(target)] ?? 'application/octet-stream', data)
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise())
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolveClose())
      }),
  }
}

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': RENDERER_CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, ...securityHeaders() })
  res.end(body)
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value))
}

/** A percent-decoded path, or undefined when its encoding is malformed (a client error, not ours). */
function decodePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path)
  } catch {
    return undefined
  }
}

interface BodyBudget {
  inFlight: number
  max: number
}

/**
 * Reads a request body of at most `max` bytes. Bytes being read count against the bridge-wide budget; a body
 * that would take it over is refused ('busy') and the connection closed, so concurrent large bodies cannot
 * grow memory without bound. Over `max` alone: undefined (413).
 */
function readBody(
  req: IncomingMessage,
  max: number,
  budget: BodyBudget,
): Promise<string | undefined | 'busy'> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    let total = 0
    let held = 0
    let over = false
    const release = () => {
      budget.inFlight -= held
      held = 0
    }
    req.on('data', (chunk: Buffer) => {
      if (over) return
      total += chunk.length
      if (total > max) {
        over = true
        chunks.length = 0
        release()
        req.resume()
        return
      }
      if (budget.inFlight + chunk.length > budget.max) {
        chunks.length = 0
        release()
        over = true
        req.removeAllListeners('data')
        req.removeAllListeners('end')
        req.on('error', () => undefined)
        // Stop reading: the rest of this body is never buffered (the caller closes the connection).
        req.pause()
        resolveBody('busy')
        return
      }
      budget.inFlight += chunk.length
      held += chunk.length
      chunks.push(chunk)
    })
    req.on('end', () => {
      const text = over ? undefined : Buffer.concat(chunks).toString('utf8')
      release()
      resolveBody(text)
    })
    req.on('error', (err) => {
      release()
      reject(err)
    })
    req.on('close', release)
  })
}
