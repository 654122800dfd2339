import { startDevServer, type DevServer } from '../../devnet/servers/devServer'
import { COLIBRI_BALANCE, COLIBRI_CHECKPOINT, type ColibriCase } from '../support/colibriCases'
import { ssz } from '@lodestar/types'
import { bytesToHex } from '../../src/verifier/encoding/hex'
import { headerJsonFromPayload } from '../../src/verifier/l1/headerFromPayload'
import { readFixture } from '../support/fixtures'

/** The head's EL header as eth_getBlockByNumber(head, false) gives it, rebuilt from the recorded Electra block. */
export function headerOf(c: ColibriCase): Record<string, unknown> {
  const m = ssz.electra.SignedBeaconBlock.deserialize(readFixture(c.headBlock)).message
  const r = m.body.executionRequests
  const p = m.body.executionPayload
  const json = headerJsonFromPayload(p, m.parentRoot, {
    deposits: ssz.electra.DepositRequests.serialize(r.deposits),
    withdrawals: ssz.electra.WithdrawalRequests.serialize(r.withdrawals),
    consolidations: ssz.electra.ConsolidationRequests.serialize(r.consolidations),
  })
  return { ...json, hash: bytesToHex(p.blockHash) }
}

/**
 * Local servers serving REAL recorded mainnet data (fixtures l1/PROVENANCE.md set C, Colibri's recordings):
 * a beacon API with the checkpoint's bootstrap, the period-1421 updates and the two Electra blocks (SSZ, as
 * recorded), and an L1 JSON-RPC endpoint answering eth_getProof with the recorded answer. The answer's JSON-RPC
 * id is rewritten to the request's (the only byte change). Colibri recorded no eth_chainId and no
 * eth_getBlockByNumber of the head: the endpoint answers mainnet's chain id (0x1) and the head's header as an
 * honest node would (without its transaction hashes), rebuilt from the recorded signed block's execution
 * payload (headerFromPayload.ts; its keccak(RLP) is the payload's block_hash), with `hash` set to that
 * block_hash; any other block is null.
 * Lying variants change one thing.
 */
export type L1Behaviour =
  | 'honest'
  /** The recorded answer with a different balance claim. */
  | 'lie-balance'
  /** eth_getProof is not offered (-32601). */
  | 'no-getproof'
  /** The state of the asked block is gone. */
  | 'pruned'
  /** Answers with a real proof recorded at another block, whatever block is asked. */
  | 'other-block'
  /** eth_chainId answers Sepolia's id. */
  | 'wrong-chain-id'
  /** The head's header with another stateRoot (its `hash` kept). */
  | 'wrong-state-root'

export interface L1Request {
  method: string
  params: unknown[]
}

export interface L1Server {
  server: DevServer
  url: string
  requests: L1Request[]
  close(): Promise<void>
}

export async function startColibriBeacon(
  c: ColibriCase = COLIBRI_BALANCE,
): Promise<{ url: string; log: string[]; close(): Promise<void> }> {
  const ssz = (rel: string) => ({ contentType: 'application/octet-stream', body: readFixture(rel) })
  const log: string[] = []
  const server = await startDevServer(({ path }) => {
    log.push(path)
    const url = new URL(path, 'http://x')
    const p = url.pathname
    if (p === `/eth/v1/beacon/light_client/bootstrap/${COLIBRI_CHECKPOINT}`) return ssz(c.bootstrap)
    if (p === '/eth/v1/beacon/light_client/updates' && url.searchParams.get('start_period') === '1421')
      return ssz(c.updates)
    if (p === '/eth/v2/beacon/blocks/head') return ssz(c.childBlock)
    if (p === `/eth/v2/beacon/blocks/${c.headRoot}`) return ssz(c.headBlock)
    return { status: 404, body: JSON.stringify({ code: 404, message: `no route ${p}` }) }
  })
  return { url: server.url, log, close: () => server.close() }
}

export async function startL1Rpc(
  behaviour: L1Behaviour,
  c: ColibriCase = COLIBRI_BALANCE,
  other?: ColibriCase,
): Promise<L1Server> {
  const requests: L1Request[] = []
  const recorded = (cc: ColibriCase) => new TextDecoder().decode(readFixture(cc.proof))
  const server = await startDevServer(({ body }) => {
    const req = JSON.parse(body) as { id: number; method: string; params: unknown[] }
    requests.push({ method: req.method, params: req.params })
    const error = (code: number, message: string) => ({
      body: JSON.stringify({ jsonrpc: '2.0', id: req.id, error: { code, message } }),
    })
    const result = (value: unknown) => ({
      body: JSON.stringify({ jsonrpc: '2.0', id: req.id, result: value }),
    })
    if (req.method === 'eth_chainId') return result(behaviour === 'wrong-chain-id' ? '0xaa36a7' : '0x1')
    if (req.method === 'eth_getBlockByNumber') {
      const header = headerOf(c)
      if (req.params[0] !== header.number) return result(null)
      return result(
        behaviour === 'wrong-state-root' ? { ...header, stateRoot: `0x${'11'.repeat(32)}` } : header,
      )
    }
    if (req.method !== 'eth_getProof' || behaviour === 'no-getproof')
      return error(-32601, `the method ${req.method} does not exist/is not available`)
    if (behaviour === 'pruned')
      return error(-32000, 'missing trie node 0xabc… (path ) state 0x… is not available')
    let text = recorded(behaviour === 'other-block' && other ? other : c)
    if (behaviour === 'lie-balance') text = text.replace(/"balance":"0x[0-9a-f]+"/, '"balance":"0x1"')
    return { body: text.replace(/^\{"jsonrpc":"2.0","id":1,/, `{"jsonrpc":"2.0","id":${req.id},`) }
  })
  return { server, url: server.url, requests, close: () => server.close() }
}
