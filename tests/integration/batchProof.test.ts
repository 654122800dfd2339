import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectBatchProof } from '../../src/main/services/batchProof/collectBatchProof'
import { createServices, type Services } from '../../src/main/services/createServices'
import { hexToBytes } from '../../src/verifier/encoding/hex'
import { parseJsonLossless, stringifyJson } from '../../src/verifier/encoding/json'
import { ReportBuilder, type Report } from '../../src/verifier/report'
import {
  verifyBatchProofSection,
  type BoundBatchFacts,
} from '../../src/verifier/zksync/batchProof/batchProofSection'
import { readFixtureJson, readFixtureText } from '../support/fixtures'
import { jsonRpcResult, startLocalServer, type LocalServer } from '../support/localServer'
import { V5_E2E, V5_PROVE_CALLDATA, type V5EndToEnd } from '../support/snarkVectors'

const e2e = readFixtureJson<V5EndToEnd>(V5_E2E)
const calldata = readFixtureText(V5_PROVE_CALLDATA).trim()
const PROVE_TX = '0x' + 'ab'.repeat(32)
const VERIFIER = '0x' + '11'.repeat(20)

/** The v5 prove transaction served by a scripted endpoint; `lie` changes what it says. */
let world: { proveTxHash: string | null; input: string; vkHash: string }
let server: LocalServer
let services: Services
const dataDir = mkdtempSync(join(tmpdir(), 'lp-batch-proof-'))
const calls: { method: string; params: unknown[] }[] = []

beforeAll(async () => {
  server = await startLocalServer((_req, res, body) => {
    const { method, params, id } = JSON.parse(body) as { method: string; params: unknown[]; id: number }
    calls.push({ method, params })
    res.setHeader('content-type', 'application/json')
    // This node has no eth_getProof (as some providers): a JSON-RPC error, not an answer.
    if (method === 'eth_getProof') {
      res.end(JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32601, message: 'method not found' } }))
      return
    }
    const result =
      method === 'zks_getL1BatchDetails'
        ? { number: 1, proveTxHash: world.proveTxHash }
        : method === 'eth_getTransactionByHash'
          ? { hash: PROVE_TX, blockNumber: '0x10', input: world.input }
          : method === 'eth_call'
            ? world.vkHash
            : null
    res.end(jsonRpcResult(body, result))
  })
  services = await createServices({ dataDir, host: 'browser' })
})
afterAll(async () => {
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const bound: BoundBatchFacts = {
  batchNumber: 1n,
  protocolVersion: 19,
  prev: { storedBatchHash: hexToBytes(e2e.prevBatch.storedBatchHash) },
  curr: { storedBatchHash: hexToBytes(e2e.provedBatch.storedBatchHash) },
}

async function collectAndVerify(trustedBlock?: bigint): Promise<Report> {
  const { section } = await collectBatchProof(services.context, 1n, {
    overrides: { zksyncRpc: [server.url], l1Rpc: [server.url] },
    verifier: VERIFIER,
    protocolVersion: 19,
    ...(trustedBlock !== undefined ? { trustedBlock } : {}),
  })
  // As saved and reopened: the section survives JSON byte-exact.
  const reopened = parseJsonLossless(stringifyJson(section))
  const r = new ReportBuilder({ kind: 'zksync-batch-proof', description: 'test' })
  await verifyBatchProofSection(r, reopened, {
    ...bound,
    l1: { stateRoot: new Uint8Array(32), verifier: VERIFIER },
  })
  return r.build()
}
const check = (r: Report, id: string) => r.checks.find((c) => c.id === id)

describe('collectBatchProof + verifyBatchProofSection', () => {
  it('locates the prove tx, asks the verifier its key hash (marked unverified), and verifies the v5 proof', async () => {
    world = { proveTxHash: PROVE_TX, input: calldata, vkHash: e2e.verificationKeyHash }
    calls.length = 0
    const r = await collectAndVerify()
    expect(r.verdict).toBe('verified')
    expect(r.facts).toMatchObject({
      proveTransaction: PROVE_TX,
      verificationKeyHash: e2e.verificationKeyHash,
    })
    expect(check(r, 'zksync.proof.vkOnChain')).toMatchObject({ status: 'pass', required: false })
    expect(check(r, 'zksync.proof.vkOnChain')!.detail).toMatch(
      /unverified: an eth_call answer from http:\/\/127\.0\.0\.1/,
    )
    expect(calls.map((c) => c.method)).toEqual([
      'zks_getL1BatchDetails',
      'eth_getTransactionByHash',
      'eth_call',
    ])
    // ≤ v26: the plain verificationKeyHash() getter, at the prove transaction's block.
    expect(calls[2]!.params).toEqual([{ to: VERIFIER, data: '0x9e8945d2' }, '0x10'])
  })

  it('an endpoint that serves a prove tx with one commitment byte changed fails zksync.proof.batchBound', async () => {
    const at = calldata.indexOf(e2e.provedBatch.commitment.slice(2))
    const changed = calldata.slice(0, at) + (calldata[at] === '0' ? '1' : '0') + calldata.slice(at + 1)
    world = { proveTxHash: PROVE_TX, input: changed, vkHash: e2e.verificationKeyHash }
    const r = await collectAndVerify()
    expect(r.verdict).toBe('failed')
    expect(check(r, 'zksync.proof.batchBound')!.status).toBe('fail')
  })

  it('a lie about the key hash cannot make a proof pass or fail: it is reported, unrequired', async () => {
    world = { proveTxHash: PROVE_TX, input: calldata, vkHash: '0x' + '55'.repeat(32) }
    const r = await collectAndVerify()
    expect(check(r, 'zksync.proof.vkOnChain')).toMatchObject({ status: 'fail', required: false })
    expect(r.verdict).toBe('verified')
  })

  it('a batch without a prove transaction is incomplete', async () => {
    world = { proveTxHash: null, input: calldata, vkHash: e2e.verificationKeyHash }
    const r = await collectAndVerify()
    expect(r.verdict).toBe('incomplete')
    expect(check(r, 'zksync.proof.calldata')!.status).toBe('skip')
  })

  it('a node without eth_getProof: the verifier code is left out and the pinned key decides, as before', async () => {
    world = { proveTxHash: PROVE_TX, input: calldata, vkHash: e2e.verificationKeyHash }
    calls.length = 0
    const r = await collectAndVerify(0x20n)
    expect(calls.map((c) => c.method)).toContain('eth_getProof')
    expect(calls.find((c) => c.method === 'eth_getProof')!.params).toEqual([VERIFIER, [], '0x20'])
    expect(check(r, 'zksync.verifier.codeHash')).toBeUndefined()
    expect(r.verdict).toBe('verified')
  })
})
