import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { startWorld, type RunningWorld } from '../../devnet/world'
import { parseEvidence } from '../../src/verifier/evidence/schema'
import { startLocalServer } from '../support/localServer'

/** `lightproof zksync batch|balance|batches` against the composed test world, honest and lying. */
let world: RunningWorld
let endpoints: string[]

beforeAll(async () => {
  world = await startWorld({ seed: 'zksync-cli' })
  endpoints = [
    '--beacon',
    world.info.beacon,
    '--l1-rpc',
    world.info.l1,
    '--zksync-rpc',
    world.info.zksync,
    '--checkpoint',
    world.info.checkpoint,
    '--network',
    world.info.network,
  ]
}, 120_000)
afterAll(async () => {
  await world?.close()
})
afterEach(() => {
  world.servers.l1.setLie(undefined)
  world.servers.zksync.setLie(undefined)
})

async function cli(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { LIGHTPROOF_DATA_DIR: mkdtempSync(join(tmpdir(), 'lp-zksync-cli-')) },
  })
  return { code, stdout, stderr }
}

type Json = Record<string, unknown>

describe('lightproof zksync', () => {
  it('batch N: exit 0 with the bound StoredBatchInfo; --save re-verifies offline', async () => {
    const save = join(mkdtempSync(join(tmpdir(), 'lp-zksync-save-')), 'batch.evidence.json')
    const r = await cli(['zksync', 'batch', '2', ...endpoints, '--save', save, '--json'])
    expect(r.stderr).toContain('zksync batch 2:')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as { verdict: string; facts: Json }
    expect(report.facts.status).toBe('executed')
    expect(parseEvidence(new Uint8Array(readFileSync(save))).kind).toBe('zksync-batch')
    const again = await cli(['verify', save, '--json'])
    expect(again.code).toBe(0)
  }, 60_000)

  it('batch N: exit 1 when the L1 node serves a wrong stored value, naming the check', async () => {
    world.servers.l1.setLie('changed-value')
    const r = await cli(['zksync', 'batch', '2', ...endpoints, '--json'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as { verdict: string; checks: { id: string; status: string }[] }
    expect(report.verdict).toBe('failed')
    expect(report.checks.find((c) => c.id === 'zksync.diamond.storage.storedBatchHash')?.status).toBe('fail')
  }, 60_000)

  it('batch N --proof: the key is read from L1’s proven verifier code; the world has no prover, so both lanes refuse the proof, exit 1', async () => {
    const save = join(mkdtempSync(join(tmpdir(), 'lp-zksync-proof-')), 'batch.evidence.json')
    const r = await cli(['zksync', 'batch', '2', '--proof', ...endpoints, '--save', save, '--json'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as {
      verdict: string
      facts: Json
      checks: { id: string; status: string; required: boolean; detail: string }[]
    }
    const byId = (id: string) => report.checks.find((c) => c.id === id)
    expect(report.verdict).toBe('failed')
    // Everything up to the SNARK holds: the batch part, the prove call's binding to L1 storage, and the key,
    // which L1's own verifier code names: a DualVerifier whose code and inner verifiers are proven accounts.
    const failed = report.checks.filter((c) => c.required && c.status === 'fail').map((c) => c.id)
    expect(failed).toEqual(['snark.proof.length', 'zksync.verifier.evm.verify'])
    expect(byId('zksync.proof.batchBound')?.status).toBe('pass')
    expect(byId('zksync.verifier.codeHash')?.status).toBe('pass')
    expect(byId('zksync.verifier.evm.vkHash')).toMatchObject({ status: 'pass', required: true })
    expect(byId('zksync.verifier.evm.vkHash')?.detail).toMatch(
      new RegExp(
        `verificationKeyHash\\(1\\) of ${world.zksync.verifier} = 0xb2f50340.* \\(Era PLONK v29–v31\\); DualVerifier over`,
      ),
    )
    expect(byId('zksync.proof.vkOnChain')).toMatchObject({ status: 'pass', required: true })
    expect(byId('zksync.proof.vkOnChain')?.detail).toMatch(/returned by the proven verifier code/)
    expect(byId('zksync.verifier.evm.verify')?.detail).toMatch(
      /L1’s code refuses .*; the TypeScript verifier refuses too/,
    )
    expect(report.facts.proof).toMatchObject({
      checked: false,
      proofSystem: 'plonk',
      verifierType: '1',
      verifierKey: { name: 'Era PLONK v29–v31', verifier: world.zksync.verifier },
    })
    expect((report as unknown as { timings: Json }).timings.proofCheck).toBeTypeOf('number')
    const saved = parseEvidence(new Uint8Array(readFileSync(save)))
    expect(saved.data.proof).toMatchObject({ proveTxHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) })
    expect(
      (saved.data.proof as { verifierCode: { accounts: unknown[] } }).verifierCode.accounts,
    ).toHaveLength(3)
    const again = await cli(['verify', save, '--json'])
    expect(again.code).toBe(1)
    expect(JSON.parse(again.stdout)).toMatchObject({ verdict: 'failed' })

    // Another verifier's code swapped into the evidence file: caught by the code hash.
    const text = readFileSync(save, 'utf8')
    const evidence = JSON.parse(text) as {
      data: { proof: { verifierCode: { accounts: { code: unknown }[] } } }
    }
    const accounts = evidence.data.proof.verifierCode.accounts
    accounts[0]!.code = accounts[2]!.code
    const swapped = join(mkdtempSync(join(tmpdir(), 'lp-zksync-swap-')), 'swapped.evidence.json')
    writeFileSync(swapped, JSON.stringify(evidence))
    const bad = await cli(['verify', swapped, '--json'])
    expect(bad.code).toBe(1)
    const badReport = JSON.parse(bad.stdout) as { verdict: string; checks: { id: string; status: string }[] }
    expect(badReport.verdict).toBe('failed')
    expect(badReport.checks.find((c) => c.id === 'zksync.verifier.codeHash')?.status).toBe('fail')
  }, 120_000)

  it('batch N --proof: an L1 node serving other bytecode for the verifier fails zksync.verifier.codeHash', async () => {
    // A proxy in front of the world's honest L1 node that changes the last byte of every eth_getCode answer.
    const proxy = await startLocalServer(async (_req, res, body) => {
      const upstream = await fetch(world.info.l1, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      let text = await upstream.text()
      const request = JSON.parse(body) as { method?: string }
      if (request.method === 'eth_getCode') {
        const answer = JSON.parse(text) as { result: string }
        if (answer.result.length > 2)
          answer.result = answer.result.slice(0, -2) + (answer.result.endsWith('00') ? '01' : '00')
        text = JSON.stringify(answer)
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(text)
    })
    try {
      const lying = endpoints.map((e) => (e === world.info.l1 ? proxy.url : e))
      const r = await cli(['zksync', 'batch', '2', '--proof', ...lying, '--json'])
      expect(r.code).toBe(1)
      const report = JSON.parse(r.stdout) as {
        verdict: string
        checks: { id: string; status: string; detail: string }[]
      }
      expect(report.verdict).toBe('failed')
      const check = report.checks.find((c) => c.id === 'zksync.verifier.codeHash')!
      expect(check.status).toBe('fail')
      expect(check.detail).toMatch(/hashes to 0x[0-9a-f]{64}, but the proven codeHash is/)
    } finally {
      await proxy.close()
    }
  }, 120_000)

  it('batch N --proof on a batch that is only committed: incomplete, no prove transaction yet', async () => {
    const n = world.zksync.counters.totalBatchesCommitted.toString()
    const r = await cli(['zksync', 'batch', n, '--proof', ...endpoints, '--json'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as {
      verdict: string
      checks: { id: string; status: string; detail: string }[]
    }
    expect(report.verdict).toBe('incomplete')
    expect(report.checks.find((c) => c.id === 'zksync.proof.calldata')).toMatchObject({
      status: 'skip',
      detail: expect.stringMatching(/no prove transaction was located/),
    })
  }, 60_000)

  it('batch N that settled on ZKsync Gateway: exit 1, incomplete (never failed), naming the settlement layer', async () => {
    const n = String(world.info.gatewayBatch)
    const r = await cli(['zksync', 'batch', n, ...endpoints, '--json'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as {
      verdict: string
      facts: Json
      checks: { id: string; status: string; detail: string }[]
    }
    expect(report.verdict).toBe('incomplete')
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([])
    expect(report.checks.find((c) => c.id === 'zksync.batch.settledElsewhere')).toMatchObject({
      status: 'skip',
      detail: expect.stringMatching(/ZKsync Gateway \(chain 9075\).*--gateway-rpc/s),
    })
    expect(report.facts.settlement).toMatchObject({ claimedChainId: '9075' })
    // The same for a balance at that batch: not final, not failed.
    const b = await cli(['zksync', 'balance', world.info.zksyncAccount, '--batch', n, ...endpoints, '--json'])
    expect(b.code).toBe(1)
    const balance = JSON.parse(b.stdout) as { verdict: string; checks: { id: string; status: string }[] }
    expect(balance.verdict).toBe('incomplete')
    expect(balance.checks.map((c) => c.id)).toContain('zksync.batch.settledElsewhere')
  }, 60_000)

  it('balance ADDRESS: exit 0 with the balance as of the latest executed batch', async () => {
    const r = await cli(['zksync', 'balance', world.info.zksyncAccount, ...endpoints, '--json'])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as { facts: Json }
    const n = BigInt(world.info.batch)
    expect((report.facts.eth as Json).wei).toBe(
      world.zksync.ethBalance(world.info.zksyncAccount, n).toString(),
    )
    expect(report.facts.asOf).toMatch(/^as of batch \d+, executed on L1 at block \d+$/)
  }, 60_000)

  it('balance: exit 1 when the ZKsync node forges the proof', async () => {
    world.servers.zksync.setLie('forged-proof')
    const r = await cli(['zksync', 'balance', world.info.zksyncAccount, ...endpoints, '--json'])
    expect(r.code).toBe(1)
  }, 60_000)

  it('balance: exit 2 on a bad address or token, exit 3 when an endpoint is down', async () => {
    expect((await cli(['zksync', 'balance', '0x1234', ...endpoints])).code).toBe(2)
    expect(
      (await cli(['zksync', 'balance', world.info.zksyncAccount, '--token', 'NOPE', ...endpoints])).code,
    ).toBe(2)
    const down = endpoints.map((v) => (v === world.info.l1 ? 'http://127.0.0.1:9/' : v))
    expect((await cli(['zksync', 'balance', world.info.zksyncAccount, ...down])).code).toBe(3)
  }, 90_000)

  it('batches --from --to --shard --jobs: progress, a summary line and one check per batch', async () => {
    const r = await cli([
      'zksync',
      'batches',
      '--from',
      '5',
      '--to',
      '8',
      '--shard',
      '1/2',
      '--jobs',
      '2',
      ...endpoints,
      '--json',
    ])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as { facts: Json; checks: { id: string; status: string }[] }
    expect(report.checks.map((c) => c.id)).toEqual(['zksync.range.5', 'zksync.range.7'])
    expect(report.facts.summary).toEqual({
      total: 2,
      verified: 2,
      failed: 0,
      incomplete: 0,
      settledOnGateway: 0,
      errors: 0,
    })
    expect(r.stderr).toMatch(
      /2 batch\(es\): 2 verified, 0 failed, 0 incomplete, 0 settled on Gateway, 0 error\(s\)/,
    )
    expect(
      (await cli(['zksync', 'batches', '--from', '1', '--to', '4', '--shard', '2/2', ...endpoints])).code,
    ).toBe(2)
  }, 90_000)

  it('batches --jobs 2 --save DIR: verified in worker threads, one evidence file per batch that re-verifies', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lp-zksync-range-')), 'audit')
    const r = await cli([
      'zksync',
      'batches',
      '--from',
      '5',
      '--to',
      '7',
      '--shard',
      '0/1',
      '--jobs',
      '2',
      '--save',
      dir,
      ...endpoints,
      '--json',
    ])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout) as { facts: Json; timings: Record<string, number> }
    expect(report.facts.summary).toEqual({
      total: 3,
      verified: 3,
      failed: 0,
      incomplete: 0,
      settledOnGateway: 0,
      errors: 0,
    })
    expect(report.facts.range).toMatchObject({ jobs: 2, verification: '2 worker thread(s)' })
    // The time is measured inside the workers: only a worker's answer carries it.
    expect(report.timings.verifyInWorkers).toBeGreaterThan(0)
    const batches = report.facts.batches as { batchNumber: string; evidenceFile: string }[]
    expect(batches.map((b) => b.evidenceFile)).toEqual(
      ['5', '6', '7'].map((n) => join(dir, `zksync-batch-${n}.evidence.json`)),
    )
    for (const b of batches) {
      const e = parseEvidence(new Uint8Array(readFileSync(b.evidenceFile)))
      expect(e.kind).toBe('zksync-batch')
      expect(e.data.batchNumber).toBe(b.batchNumber)
    }
    const again = await cli(['verify', batches[1]!.evidenceFile, '--json'])
    expect(again.code).toBe(0)
    // A file where the directory should be is a usage error, before anything is fetched.
    const notDir = join(dir, 'zksync-batch-5.evidence.json')
    const bad = await cli(['zksync', 'batches', '--from', '1', '--to', '1', '--save', notDir, ...endpoints])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/not a directory/)
  }, 120_000)

  it('batches across the Gateway window: its batches are counted apart, as settled on Gateway, not failed', async () => {
    const r = await cli(['zksync', 'batches', '--from', '2', '--to', '5', ...endpoints, '--json'])
    // Not verified (two batches are not provable from L1 alone), and not failed.
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as {
      verdict: string
      facts: Json
      checks: { id: string; detail: string }[]
    }
    expect(report.verdict).toBe('incomplete')
    expect(report.facts.summary).toEqual({
      total: 4,
      verified: 2,
      failed: 0,
      incomplete: 0,
      settledOnGateway: 2,
      errors: 0,
    })
    expect(report.checks.find((c) => c.id === 'zksync.range.3')!.detail).toMatch(
      /zksync\.batch\.settledElsewhere/,
    )
    expect(r.stderr).toMatch(/2 verified, 0 failed, 0 incomplete, 2 settled on Gateway, 0 error\(s\)/)
  }, 90_000)

  it('batches: an L1 node that lies fails the batches it touches, verified in the workers', async () => {
    world.servers.l1.setLie('changed-value')
    const r = await cli([
      'zksync',
      'batches',
      '--from',
      '1',
      '--to',
      '2',
      '--jobs',
      '2',
      ...endpoints,
      '--json',
    ])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as {
      facts: Json
      checks: { id: string; status: string; detail: string }[]
    }
    expect(report.facts.summary).toMatchObject({ total: 2, failed: 2 })
    expect(report.checks.find((c) => c.id === 'zksync.range.2')!.detail).toMatch(/zksync\.diamond\.storage\./)
  }, 90_000)
})
