import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { createServices, type Services } from '../../src/main/services/createServices'
import { proveL1Balance } from '../../src/main/services/l1Service'
import { EndpointError, UsageError } from '../../src/shared/errors'
import {
  COLIBRI_BALANCE,
  COLIBRI_CHECKPOINT,
  COLIBRI_STORAGE,
  colibriCreatedAt,
} from '../support/colibriCases'
import type { Report } from '../../src/verifier/report'
import { SET_A_CHECKPOINT, SET_A_FINALIZED, SET_A_NOW, startSetABeacon } from './trustBeaconWorld'
import { startColibriBeacon, startL1Rpc, type L1Behaviour, type L1Server } from './l1World'

/**
 * The L1 balance service and `lightproof l1 balance` against local servers serving recorded mainnet data
 * (tests/integration/l1World.ts), honest and lying.
 */
const FAST = { timeoutMs: 2000, retries: 0, backoffMs: 5, maxBackoffMs: 10 }
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()))
})

async function colibriWorld(behaviours: L1Behaviour[], other?: typeof COLIBRI_STORAGE) {
  const beacon = await startColibriBeacon()
  closers.push(beacon.close)
  const rpcs = await Promise.all(behaviours.map((b) => startL1Rpc(b, COLIBRI_BALANCE, other)))
  for (const r of rpcs) closers.push(r.close)
  return { beacon, rpcs }
}

/** Recordings are replayed at the time they were made: a head hours behind the clock is a stopped chain. */
const COLIBRI_NOW = colibriCreatedAt(COLIBRI_BALANCE)

async function app(beacon: string | string[], l1Rpc: string[], checkpoint: string): Promise<Services> {
  const now = checkpoint === SET_A_CHECKPOINT ? SET_A_NOW : COLIBRI_NOW
  const services = await createServices({
    dataDir: mkdtempSync(join(tmpdir(), 'lightproof-l1-')),
    host: 'browser',
    limits: FAST,
    now: () => new Date(now),
  })
  await services.settings.update({ endpoints: { beacon: [beacon].flat(), l1Rpc }, checkpoint })
  return services
}

async function prove(s: Services, request: Parameters<typeof proveL1Balance>[2]) {
  const op = s.context.operations.start('cli', 'test')
  try {
    return await proveL1Balance(s.context, op, request)
  } finally {
    op.finish()
  }
}

const status = (r: Report, id: string) => r.checks.find((c) => c.id === id)?.status
const getProof = (rpc: L1Server) => rpc.requests.find((q) => q.method === 'eth_getProof')!

async function cli(argv: string[], dataDir = mkdtempSync(join(tmpdir(), 'lightproof-l1cli-'))) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { LIGHTPROOF_DATA_DIR: dataDir, LIGHTPROOF_NOW: COLIBRI_NOW },
  })
  return { code, stdout, stderr }
}

describe('l1Balance service (latest head: block signed by its child, colibri recording)', () => {
  it('proves the recorded balance at the signed head, asking eth_getProof at its number', async () => {
    const w = await colibriWorld(['honest'])
    const s = await app(w.beacon.url, [w.rpcs[0]!.url], COLIBRI_CHECKPOINT)
    const { outcome, evidence } = await prove(s, { address: COLIBRI_BALANCE.address, head: 'latest' })
    expect(outcome.report.verdict).toBe('verified')
    expect(outcome.report.facts).toMatchObject({
      balance: '19685532618934027846',
      blockNumber: '22432278',
      head: { source: 'signed-block' },
    })
    expect(w.rpcs[0]!.requests).toEqual([
      { method: 'eth_chainId', params: [] },
      { method: 'eth_getBlockByNumber', params: ['0x1564a16', false] },
      { method: 'eth_getProof', params: [COLIBRI_BALANCE.address, [], '0x1564a16'] },
    ])
    expect(status(outcome.report, 'l1.el-header.hash')).toBe('pass')
    expect(status(outcome.report, 'l1.proof[0].chain-id')).toBe('pass')
    expect(evidence.question).toMatchObject({ checkpoint: { source: 'pinned' } })
    expect(outcome.historyId).not.toBeNull()
    expect((await s.history.list()).length).toBe(1)
  })

  it('a dead first beacon endpoint is failed over: every beacon request is answered by the next one', async () => {
    const w = await colibriWorld(['honest'])
    // Port 1 on 127.0.0.1 refuses the connection at once.
    const s = await app(['http://127.0.0.1:1', w.beacon.url], [w.rpcs[0]!.url], COLIBRI_CHECKPOINT)
    const { outcome, evidence } = await prove(s, { address: COLIBRI_BALANCE.address, head: 'latest' })
    expect(outcome.report.verdict).toBe('verified')
    const beaconSources = evidence.sources.filter((x) =>
      ['bootstrap', 'updates', 'child-block', 'head-block'].includes(x.role),
    )
    expect(beaconSources.map((x) => x.role)).toEqual(
      expect.arrayContaining(['bootstrap', 'child-block', 'head-block']),
    )
    expect(new Set(beaconSources.map((x) => x.endpoint))).toEqual(new Set([new URL(w.beacon.url).origin]))
  })

  it('a checksummed address is accepted; a wrong checksum, non-hex and an unknown symbol are refused by name', async () => {
    const w = await colibriWorld(['honest'])
    const s = await app(w.beacon.url, [w.rpcs[0]!.url], COLIBRI_CHECKPOINT)
    const ok = await prove(s, { address: '0x95222290DD7278Aa3Ddd389Cc1E1d165CC4BAfe5', head: 'latest' })
    expect(ok.outcome.report.verdict).toBe('verified')
    await expect(prove(s, { address: '0x95222290DD7278Aa3Ddd389Cc1E1d165CC4BAfE5' })).rejects.toMatchObject({
      code: 'l1.address-checksum',
    })
    await expect(prove(s, { address: '0x95222290' })).rejects.toBeInstanceOf(UsageError)
    await expect(prove(s, { address: COLIBRI_BALANCE.address, token: 'NOPE' })).rejects.toMatchObject({
      code: 'l1.unknown-token',
    })
    await expect(
      prove(s, { address: COLIBRI_BALANCE.address, token: '0x1111111111111111111111111111111111111111' }),
    ).rejects.toMatchObject({ code: 'l1.unknown-token' })
  })

  it('two endpoints: one lies about the balance → failed, naming both; never a majority', async () => {
    const w = await colibriWorld(['honest', 'honest', 'lie-balance'])
    const s = await app(
      w.beacon.url,
      w.rpcs.map((r) => r.url),
      COLIBRI_CHECKPOINT,
    )
    const { outcome } = await prove(s, { address: COLIBRI_BALANCE.address, head: 'latest' })
    expect(outcome.report.verdict).toBe('failed')
    expect(status(outcome.report, 'l1.endpoints.agree')).toBe('fail')
    const detail = outcome.report.checks.find((c) => c.id === 'l1.endpoints.agree')!.detail
    expect(detail).toContain(new URL(w.rpcs[2]!.url).host)
    expect(status(outcome.report, 'l1.proof[2].mpt.account.fields')).toBe('fail')
  })

  it('an endpoint answering with a proof of another block fails against the trusted root', async () => {
    const w = await colibriWorld(['other-block'], COLIBRI_STORAGE)
    const s = await app(w.beacon.url, [w.rpcs[0]!.url], COLIBRI_CHECKPOINT)
    const { outcome } = await prove(s, {
      address: COLIBRI_STORAGE.address,
      slot: COLIBRI_STORAGE.slot!,
      head: 'latest',
    })
    expect(getProof(w.rpcs[0]!).params[2]).toBe('0x1564a16')
    expect(outcome.report.verdict).toBe('failed')
    expect(status(outcome.report, 'l1.proof[0].mpt.account.proof')).toBe('fail')
  })

  it('an endpoint reporting another chain id fails l1.proof[0].chain-id, though its proof is honest', async () => {
    const w = await colibriWorld(['wrong-chain-id'])
    const s = await app(w.beacon.url, [w.rpcs[0]!.url], COLIBRI_CHECKPOINT)
    const { outcome, evidence } = await prove(s, { address: COLIBRI_BALANCE.address, head: 'latest' })
    expect(outcome.report.verdict).toBe('failed')
    expect(status(outcome.report, 'l1.proof[0].chain-id')).toBe('fail')
    expect(outcome.report.facts.balance).toBeUndefined()
    expect(evidence.data).toMatchObject({
      proofs: [{ chainId: expect.anything(), header: expect.anything() }],
    })
  })

  it('an endpoint whose header of the head reports another stateRoot fails l1.el-header.hash', async () => {
    const w = await colibriWorld(['wrong-state-root'])
    const s = await app(w.beacon.url, [w.rpcs[0]!.url], COLIBRI_CHECKPOINT)
    const { outcome } = await prove(s, { address: COLIBRI_BALANCE.address, head: 'latest' })
    expect(outcome.report.verdict).toBe('failed')
    expect(status(outcome.report, 'l1.el-header.hash')).toBe('fail')
    expect(outcome.report.checks.find((c) => c.id === 'l1.el-header.hash')!.detail).toContain(
      new URL(w.rpcs[0]!.url).host,
    )
  })

  it('an endpoint without eth_getProof is a clear endpoint error', async () => {
    const w = await colibriWorld(['no-getproof'])
    const s = await app(w.beacon.url, [w.rpcs[0]!.url], COLIBRI_CHECKPOINT)
    const err = await prove(s, { address: COLIBRI_BALANCE.address, head: 'latest' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(EndpointError)
    expect(err).toMatchObject({ code: 'endpoint.method-unsupported' })
    expect((err as Error).message).toContain('eth_getProof')
  })
})

describe('l1Balance service (finalized head: helios set A beacon)', () => {
  it('asks at the finalized block number, and a pruned state is a clear endpoint error', async () => {
    const beacon = await startSetABeacon()
    closers.push(() => beacon.close())
    const rpc = await startL1Rpc('pruned')
    closers.push(rpc.close)
    const s = await app(beacon.url, [rpc.url], SET_A_CHECKPOINT)
    const err = await prove(s, { address: COLIBRI_BALANCE.address }).catch((e: unknown) => e)
    expect(getProof(rpc).params).toEqual([
      COLIBRI_BALANCE.address,
      [],
      `0x${BigInt(SET_A_FINALIZED.executionBlockNumber).toString(16)}`,
    ])
    expect(err).toMatchObject({ code: 'endpoint.block-pruned' })
    expect((err as Error).message).toContain(`block ${SET_A_FINALIZED.executionBlockNumber}`)
  })

  it('a token question asks for the holder’s mapping slot of the token contract', async () => {
    const beacon = await startSetABeacon()
    closers.push(() => beacon.close())
    const rpc = await startL1Rpc('honest')
    closers.push(rpc.close)
    const s = await app(beacon.url, [rpc.url], SET_A_CHECKPOINT)
    // The recorded answer is for another account and block: the report fails, but the request is what counts.
    const { outcome } = await prove(s, { address: COLIBRI_BALANCE.address, token: 'weth' })
    expect(getProof(rpc).params).toEqual([
      '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2',
      [expect.stringMatching(/^0x[0-9a-f]{64}$/)],
      '0x1117bd2',
    ])
    expect(outcome.report.verdict).toBe('failed')
    expect(status(outcome.report, 'l1.proof[0].address')).toBe('fail')
  })
})

describe('l1Tokens', () => {
  it('lists the built-in token table through the handlers', async () => {
    const s = await app('http://127.0.0.1:9/', ['http://127.0.0.1:9/'], COLIBRI_CHECKPOINT)
    const tokens = await s.handlers.l1Tokens()
    expect(tokens.map((t) => t.symbol)).toEqual(['WETH', 'USDC', 'USDT', 'DAI', 'WBTC', 'stETH', 'LINK'])
    expect(tokens[0]).toMatchObject({
      address: '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2',
      balanceSlot: '3',
    })
  })
})

describe('lightproof l1 balance', () => {
  it('exit 0 with the balance facts; --save writes evidence that `verify FILE` re-verifies (exit 0)', async () => {
    const w = await colibriWorld(['honest'])
    const dir = mkdtempSync(join(tmpdir(), 'lightproof-l1save-'))
    const file = join(dir, 'balance.evidence.json')
    const r = await cli([
      'l1',
      'balance',
      COLIBRI_BALANCE.address,
      '--head',
      'latest',
      '--beacon',
      w.beacon.url,
      '--l1-rpc',
      w.rpcs[0]!.url,
      '--checkpoint',
      COLIBRI_CHECKPOINT,
      '--save',
      file,
      '--json',
    ])
    expect(r.code, r.stderr).toBe(0)
    const report = JSON.parse(r.stdout) as Report
    expect(report.facts).toMatchObject({
      balance: '19685532618934027846',
      formatted: '19.685532618934027846 ETH',
    })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ kind: 'l1-balance' })
    const again = await cli(['verify', file, '--json'])
    expect(again.code).toBe(0)
    expect((JSON.parse(again.stdout) as Report).facts.balance).toBe('19685532618934027846')
  })

  it('exit 1 when an endpoint lies, 2 on bad input, 3 when the endpoint cannot prove', async () => {
    const w = await colibriWorld(['honest', 'lie-balance', 'no-getproof'])
    const base = ['--head', 'latest', '--beacon', w.beacon.url, '--checkpoint', COLIBRI_CHECKPOINT, '--json']
    const lie = await cli([
      'l1',
      'balance',
      COLIBRI_BALANCE.address,
      ...base,
      '--l1-rpc',
      w.rpcs[0]!.url,
      '--l1-rpc',
      w.rpcs[1]!.url,
    ])
    expect(lie.code).toBe(1)
    const bad = await cli(['l1', 'balance', '0xnothex', ...base, '--l1-rpc', w.rpcs[0]!.url])
    expect(bad.code).toBe(2)
    const sym = await cli([
      'l1',
      'balance',
      COLIBRI_BALANCE.address,
      '--token',
      'XYZ',
      ...base,
      '--l1-rpc',
      w.rpcs[0]!.url,
    ])
    expect(sym.code).toBe(2)
    expect(sym.stderr).toContain('unknown token symbol XYZ')
    const head = await cli([
      'l1',
      'balance',
      COLIBRI_BALANCE.address,
      ...base,
      '--head',
      'soon',
      '--l1-rpc',
      w.rpcs[0]!.url,
    ])
    expect(head.code).toBe(2)
    const none = await cli(['l1', 'balance', COLIBRI_BALANCE.address, ...base, '--l1-rpc', w.rpcs[2]!.url])
    expect(none.code).toBe(3)
    expect(none.stderr).toContain('eth_getProof')
  })
})
