import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>

export interface LocalServer {
  url: string
  requests: number
  close(): Promise<void>
}

/** An HTTP server on 127.0.0.1 whose behaviour a test scripts: honest, slow, silent, huge, or lying. */
export async function startLocalServer(handler: Handler): Promise<LocalServer> {
  const sockets = new Set<Socket>()
  const state = { requests: 0 }
  const server = createServer((req, res) => {
    state.requests++
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      Promise.resolve(handler(req, res, Buffer.concat(chunks).toString('utf8'))).catch(() => res.destroy())
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    get requests() {
      return state.requests
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

export function jsonRpcResult(body: string, result: unknown): string {
  const req = JSON.parse(body) as { id: number }
  return JSON.stringify({ jsonrpc: '2.0', id: req.id, result })
}
