import { request } from 'node:http'
import { connect, type Socket } from 'node:net'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_BODY_BYTES, startBridge, type Bridge } from '../../src/main/bridge/httpBridge'
import type { Services } from '../../src/main/services/createServices'
import { createServices } from '../../src/main/services/createServices'

interface Reply {
  status: number
  body: string
  headers: Record<string, string | string[] | undefined>
}

function call(
  bridge: Bridge,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
) {
  const url = new URL(path, bridge.url)
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: url.pathname + url.search,
        method: opts.method ?? 'GET',
        headers: opts.headers,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          }),
        )
      },
    )
    req.on('error', reject)
    if (opts.body) req.write(opts.body)
    req.end()
  })
}

describe('localhost bridge', () => {
  let bridge: Bridge
  const staticDir = mkdtempSync(join(tmpdir(), 'lp-static-'))

  beforeAll(async () => {
    writeFileSync(join(staticDir, 'index.html'), '<html><head></head><body>app</body></html>')
    writeFileSync(join(staticDir, 'app.js'), 'console.log(1)')
    const services = await createServices({
      dataDir: mkdtempSync(join(tmpdir(), 'lp-bridge-')),
      host: 'browser',
    })
    bridge = await startBridge(services, { staticDir })
  })
  afterAll(() => bridge.close())

  const auth = () => ({ 'x-lightproof-token': bridge.token, 'content-type': 'application/json' })

  it('binds to 127.0.0.1 and answers API calls that carry the token', async () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const r = await call(bridge, '/api/ping', { method: 'POST', headers: auth(), body: '[]' })
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toEqual({ ok: true, result: 'pong' })
  })

  it('refuses calls without the token or with a wrong one', async () => {
    expect((await call(bridge, '/api/ping', { method: 'POST', body: '[]' })).status).toBe(401)
    const wrong = { 'x-lightproof-token': bridge.token.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }
    expect((await call(bridge, '/api/ping', { method: 'POST', headers: wrong, body: '[]' })).status).toBe(401)
    expect((await call(bridge, '/api/events')).status).toBe(401)
  })

  it('refuses foreign Host headers (DNS rebinding) and foreign Origins (other local pages)', async () => {
    const port = new URL(bridge.url).port
    expect((await call(bridge, '/', { headers: { host: `evil.example:${port}` } })).status).toBe(421)
    const r = await call(bridge, '/api/ping', {
      method: 'POST',
      headers: { ...auth(), origin: 'http://evil.example' },
      body: '[]',
    })
    expect(r.status).toBe(403)
  })

  it('refuses a body declared over the limit before reading any of it (413, connection closed)', async () => {
    const port = new URL(bridge.url).port
    const reply = await new Promise<string>((resolve, reject) => {
      const socket: Socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /api/ping HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nx-lightproof-token: ${bridge.token}\r\n` +
            `content-type: application/json\r\ncontent-length: ${MAX_BODY_BYTES + 1}\r\n\r\n[`,
        )
      })
      let text = ''
      socket.on('data', (c: Buffer) => (text += c.toString()))
      socket.on('close', () => resolve(text))
      socket.on('error', reject)
    })
    expect(reply).toMatch(/^HTTP\/1\.1 413 /)
  })

  it('bounds the request body and reports bad JSON and unknown methods', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20)
    expect((await call(bridge, '/api/ping', { method: 'POST', headers: auth(), body: big })).status).toBe(413)
    const bad = await call(bridge, '/api/ping', { method: 'POST', headers: auth(), body: '[' })
    expect(JSON.parse(bad.body).error.code).toBe('api.bad-json')
    const unknown = await call(bridge, '/api/shutdown', { method: 'POST', headers: auth(), body: '[]' })
    expect(JSON.parse(unknown.body).error.code).toBe('api.unknown-method')
  })

  it('serves the UI with the token injected and a strict CSP, and never outside its folder', async () => {
    const index = await call(bridge, '/')
    expect(index.body).toContain(`content="${bridge.token}"`)
    expect(index.headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'")
    expect((await call(bridge, '/app.js')).body).toBe('console.log(1)')
    expect((await call(bridge, '/some/route')).body).toContain('app')
    // URL parsing folds the dots away, so this asks for /etc/passwd inside the folder: the app shell answers.
    expect((await call(bridge, '/../../etc/passwd')).body).not.toContain('root:')
    expect((await call(bridge, '/..%2f..%2fetc%2fpasswd')).status).toBe(403)
    expect((await call(bridge, '/missing.js')).status).toBe(404)
  })
})

/** A raw TCP connection to the bridge, and a promise of its close. */
function open(bridge: Bridge): Promise<{ socket: Socket; closed: Promise<void> }> {
  const port = Number(new URL(bridge.url).port)
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      const closed = new Promise<void>((done) => socket.on('close', () => done()))
      resolve({ socket, closed })
    })
    // Read (and drop) what the bridge sends, so its end of the connection is seen as a close.
    socket.resume()
    socket.on('error', () => undefined)
    socket.once('error', reject)
  })
}

const isOpen = async (c: { closed: Promise<void> }, ms: number) =>
  Promise.race([c.closed.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), ms))])

describe('localhost bridge limits (issue 15)', () => {
  let services: Services
  const bridges: Bridge[] = []
  const auth = (b: Bridge) => ({ 'x-lightproof-token': b.token, 'content-type': 'application/json' })

  beforeAll(async () => {
    services = await createServices({
      dataDir: mkdtempSync(join(tmpdir(), 'lp-bridge-lim-')),
      host: 'browser',
    })
  })
  afterAll(async () => {
    for (const b of bridges) await b.close()
  })
  const start = async (limits: Parameters<typeof startBridge>[1]) => {
    const b = await startBridge(services, limits)
    bridges.push(b)
    return b
  }

  it('drops a connection that sends no complete headers within its timeout', async () => {
    const bridge = await start({ limits: { headersTimeoutMs: 300 } })
    const c = await open(bridge)
    c.socket.write(`GET / HTTP/1.1\r\nHost: ${new URL(bridge.url).host}\r\n`)
    await c.closed
    expect(c.socket.destroyed).toBe(true)
    // A prompt client is still served.
    expect(
      (await call(bridge, '/api/ping', { method: 'POST', headers: auth(bridge), body: '[]' })).status,
    ).toBe(200)
  })

  it('caps concurrent connections: one over the cap is closed, the bridge serves again once they go', async () => {
    const bridge = await start({ limits: { maxConnections: 3 } })
    const held = [await open(bridge), await open(bridge), await open(bridge)]
    const extra = await open(bridge)
    await extra.closed
    for (const h of held) expect(await isOpen(h, 50)).toBe(true)
    for (const h of held) h.socket.destroy()
    await Promise.all(held.map((h) => h.closed))
    expect(
      (await call(bridge, '/api/ping', { method: 'POST', headers: auth(bridge), body: '[]' })).status,
    ).toBe(200)
  })

  it('bounds the memory of concurrent large bodies: a body over the shared budget gets 503, not buffered', async () => {
    const bridge = await start({ limits: { maxInFlightBodyBytes: 1024 * 1024 } })
    const port = new URL(bridge.url).port
    // A: announces 900 KB and sends 700 KB of it, which the bridge holds while it waits for the rest.
    const a = request({
      host: '127.0.0.1',
      port,
      path: '/api/ping',
      method: 'POST',
      headers: { ...auth(bridge), 'content-length': String(900 * 1024) },
    })
    const aStatus = new Promise<number>((r) =>
      a.on('response', (res) => {
        res.resume()
        r(res.statusCode ?? 0)
      }),
    )
    a.on('error', () => undefined)
    a.write(Buffer.alloc(700 * 1024, 0x20))
    await new Promise((r) => setTimeout(r, 200))
    // B: 600 KB more would take the bodies in flight over 1 MiB.
    const b = await call(bridge, '/api/ping', {
      method: 'POST',
      headers: auth(bridge),
      body: Buffer.alloc(600 * 1024, 0x20),
    }).catch(() => ({ status: -1 }))
    expect([503, -1]).toContain(b.status)
    a.end(Buffer.alloc(200 * 1024, 0x20))
    // A completes (its body is 900 KB of spaces: not JSON, so 400 from the API, not a budget refusal).
    expect(await aStatus).toBe(400)
    expect(
      (await call(bridge, '/api/ping', { method: 'POST', headers: auth(bridge), body: '[]' })).status,
    ).toBe(200)
  })

  it('malformed percent-encoding is 400 on the static route and in API paths, not 500', async () => {
    const bridge = await start({ staticDir: mkdtempSync(join(tmpdir(), 'lp-static2-')) })
    expect((await call(bridge, '/%E0%A4%A')).status).toBe(400)
    expect((await call(bridge, '/%')).status).toBe(400)
    expect(
      (await call(bridge, '/api/%E0', { method: 'POST', headers: auth(bridge), body: '[]' })).status,
    ).toBe(400)
  })
})
