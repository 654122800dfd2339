import { request } from 'node:http'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_BODY_BYTES, startBridge, type Bridge } from '../../src/main/bridge/httpBridge'
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
