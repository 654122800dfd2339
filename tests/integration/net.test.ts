import { afterEach, describe, expect, it } from 'vitest'
import { httpFetch } from '../../src/main/net/httpFetch'
import { JsonRpcClient } from '../../src/main/net/jsonRpc'
import { EndpointError } from '../../src/shared/errors'
import { jsonRpcResult, startLocalServer, type LocalServer } from '../support/localServer'

const fast = { timeoutMs: 400, backoffMs: 5, maxBackoffMs: 20 }
let server: LocalServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (err) {
    expect(err).toBeInstanceOf(EndpointError)
    return (err as EndpointError).code
  }
  throw new Error('expected a failure')
}

describe('bounded HTTP to untrusted endpoints', () => {
  it('times out a connection that never answers, within its deadline', async () => {
    server = await startLocalServer(() => undefined)
    const t0 = Date.now()
    expect(await codeOf(httpFetch({ url: server.url }, { ...fast, retries: 0 }))).toBe('endpoint.timeout')
    expect(Date.now() - t0).toBeLessThan(5_000)
  })

  it('times out a body that trickles past the deadline', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"a":')
      setTimeout(() => res.end('1}'), 2_000)
    })
    expect(await codeOf(httpFetch({ url: server.url }, { ...fast, retries: 0 }))).toBe('endpoint.timeout')
  })

  it('cuts off an oversized answer while streaming, declared or not', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    server = await startLocalServer((req, res) => {
      if (req.url === '/declared') {
        res.writeHead(200, { 'content-length': String(100 * 1024 * 1024) })
        res.end()
        return
      }
      res.writeHead(200)
      let sent = 0
      const pump = () => {
        while (sent < 100 * 1024 * 1024 && res.write(chunk)) sent += chunk.length
        if (sent < 100 * 1024 * 1024) res.once('drain', pump)
        else res.end()
      }
      pump()
    })
    expect(await codeOf(httpFetch({ url: `${server.url}declared` }, { maxBytes: 1 << 20 }))).toBe(
      'endpoint.too-large',
    )
    expect(await codeOf(httpFetch({ url: `${server.url}stream` }, { maxBytes: 1 << 20 }))).toBe(
      'endpoint.too-large',
    )
  })

  it('retries 429 and 503 storms with backoff for reads, then reports the status', async () => {
    let n = 0
    server = await startLocalServer((_req, res) => {
      n++
      res.writeHead(n < 3 ? 429 : 200, { 'retry-after': '0' })
      res.end('ok')
    })
    const ok = await httpFetch({ url: server.url }, { ...fast, retries: 3 })
    expect(new TextDecoder().decode(ok.body)).toBe('ok')
    expect(n).toBe(3)

    await server.close()
    server = await startLocalServer((_req, res) => {
      res.writeHead(503)
      res.end()
    })
    expect(await codeOf(httpFetch({ url: server.url }, { ...fast, retries: 2 }))).toBe('endpoint.http-503')
    expect(server.requests).toBe(3)
  })

  it('never retries a request that is not idempotent, and does not retry a 500', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(503)
      res.end()
    })
    await codeOf(httpFetch({ url: server.url, method: 'POST', body: 'x', idempotent: false }, fast))
    expect(server.requests).toBe(1)
    await server.close()
    server = await startLocalServer((_req, res) => {
      res.writeHead(500)
      res.end()
    })
    expect(await codeOf(httpFetch({ url: server.url }, fast))).toBe('endpoint.http-500')
    expect(server.requests).toBe(1)
  })

  it('refuses redirects, and names the endpoint without its path or query', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(302, { location: 'https://elsewhere.example/' })
      res.end()
    })
    try {
      await httpFetch({ url: `${server.url}v3/SECRET-KEY?apikey=SECRET` }, { ...fast, retries: 0 })
      throw new Error('expected a failure')
    } catch (err) {
      expect((err as Error).message).toMatch(/^http:\/\/127\.0\.0\.1:\d+: /)
      expect((err as Error).message).not.toContain('SECRET')
    }
  })

  it('stops at once when the caller cancels', async () => {
    server = await startLocalServer(() => undefined)
    const ctl = new AbortController()
    setTimeout(() => ctl.abort(), 50)
    expect(await codeOf(httpFetch({ url: server.url, signal: ctl.signal }, { timeoutMs: 10_000 }))).toBe(
      'endpoint.cancelled',
    )
  })

  it('reports an unreachable endpoint', async () => {
    server = await startLocalServer(() => undefined)
    const url = server.url
    await server.close()
    server = undefined
    expect(await codeOf(httpFetch({ url }, { ...fast, retries: 0 }))).toBe('endpoint.unreachable')
  })
})

describe('JSON-RPC client', () => {
  it('keeps big integers exact and the raw body as received', async () => {
    server = await startLocalServer((_req, res, body) => {
      // A bare JSON number far past 2^53, as some endpoints send for u64/u256 fields.
      res.end(jsonRpcResult(body, { big: 'BIG' }).replace('"BIG"', '123456789012345678901234567890'))
    })
    const rpc = new JsonRpcClient(server.url, fast)
    const answer = await rpc.call('eth_chainId', [])
    expect(answer.result).toEqual({ big: 123456789012345678901234567890n })
    expect(new TextDecoder().decode(answer.raw)).toContain('123456789012345678901234567890')
  })

  it('refuses invalid JSON, a wrong id, a non-2.0 envelope, and reports RPC errors by code', async () => {
    const replies = [
      () => 'not json',
      (b: string) => jsonRpcResult(b, 1).replace(/"id":\d+/, '"id":999'),
      () => JSON.stringify({ id: 1, result: 1 }),
      (b: string) =>
        JSON.stringify({
          jsonrpc: '2.0',
          id: (JSON.parse(b) as { id: number }).id,
          error: { code: -32601, message: 'no such method' },
        }),
    ]
    let i = 0
    server = await startLocalServer((_req, res, body) => {
      res.end(replies[i++]!(body))
    })
    const rpc = new JsonRpcClient(server.url, { ...fast, retries: 0 })
    expect(await codeOf(rpc.call('eth_chainId', []))).toBe('endpoint.invalid-json')
    expect(await codeOf(rpc.call('eth_chainId', []))).toBe('endpoint.protocol')
    expect(await codeOf(rpc.call('eth_chainId', []))).toBe('endpoint.protocol')
    expect(await codeOf(rpc.call('zks_getProof', []))).toBe('endpoint.method-unsupported')
  })

  it('matches batch answers by id whatever their order, and refuses a batch with one missing', async () => {
    let drop = false
    server = await startLocalServer((_req, res, body) => {
      const reqs = JSON.parse(body) as { id: number; method: string }[]
      const answers = reqs.map((r) => ({ jsonrpc: '2.0', id: r.id, result: r.method })).reverse()
      res.end(JSON.stringify(drop ? answers.slice(1) : answers))
    })
    const rpc = new JsonRpcClient(server.url, fast)
    const out = await rpc.batch([
      { method: 'eth_chainId', params: [] },
      { method: 'eth_blockNumber', params: [] },
    ])
    expect(out.map((a) => a.result)).toEqual(['eth_chainId', 'eth_blockNumber'])
    drop = true
    expect(
      await codeOf(
        rpc.batch([
          { method: 'eth_chainId', params: [] },
          { method: 'eth_blockNumber', params: [] },
        ]),
      ),
    ).toBe('endpoint.protocol')
  })
})
