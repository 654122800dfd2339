import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BEACON_LIE_CHECK, BEACON_LIES } from '../../devnet/beacon/beaconLies'
import { L1_LIES, startL1RpcServer, type L1Lie } from '../../devnet/l1'
import { TRANSPORT_FAULTS, type TransportFault } from '../../devnet/servers/devServer'
import { startWorld, type RunningWorld } from '../../devnet/world'
import { ZKSYNC_LIES, type ZksyncLie } from '../../devnet/zksync'
import { runCli } from '../../src/cli/main'
import type { Report } from '../../src/verifier/report'

/**
 * Issue 10's acceptance, as a matrix: against the honest world every online command verifies; with any one
 * lying mode or transport fault on any server, `zksync balance` (which rests on all three) never exits 0, the
 * command that used the lying server's data never exits 0, and every failure names a check or an endpoint.
 */
interface Run {
  code: number
  report: Report | null
  stderr: string
}

let world: RunningWorld

async function lightproof(args: string[], timeoutMs = 1500): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const i = world.info
  const code = await runCli(
    [
      ...args,
      '--beacon',
      i.beacon,
      '--l1-rpc',
      i.l1,
      '--zksync-rpc',
      i.zksync,
      '--checkpoint',
      i.checkpoint,
      '--network',
      i.network,
      '--json',
    ],
    {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      env: {
        LIGHTPROOF_DATA_DIR: mkdtempSync(join(tmpdir(), 'lp-attack-')),
        LIGHTPROOF_TIMEOUT_MS: String(timeoutMs),
      },
    },
  )
  // Under --json an error is one `{ error, exit }` object on stdout (and its line on stderr): no report.
  const parsed = stdout ? (JSON.parse(stdout) as Report | { error: unknown }) : null
  return { code, report: parsed && !('error' in parsed) ? parsed : null, stderr }
}

/**
 * A non-zero exit that says why: a failed or skipped required check in the report, or an endpoint named on
 * stderr. `catches` pins what must catch the lie — a check id when the command made a report, else the message
 * (a lie caught by the wrong check is a bug waiting).
 */
function expectRefused(run: Run, what: string, catches: RegExp): string {
  expect(run.code, `${what}: ${run.stderr}`).not.toBe(0)
  if (run.report) {
    expect(run.report.verdict, what).not.toBe('verified')
    const named = run.report.checks.filter((c) => c.required && c.status !== 'pass').map((c) => c.id)
    expect(named.length, what).toBeGreaterThan(0)
    expect(
      named.some((id) => catches.test(id)),
      `${what}: ${named.join(', ')}`,
    ).toBe(true)
    return named.join(', ')
  }
  expect(run.stderr, what).toMatch(/https?:\/\/127\.0\.0\.1:\d+/)
  expect(run.stderr, what).toMatch(catches)
  return run.stderr.trim().split('\n').pop() ?? ''
}

const commands = () => ({
  sync: ['sync'],
  l1: ['l1', 'balance', world.info.l1Account],
  batch: ['zksync', 'batch', String(world.info.batch)],
  balance: ['zksync', 'balance', world.info.zksyncAccount],
  withdrawal: ['zksync', 'withdrawal', world.info.withdrawalTx],
  deposit: ['zksync', 'deposit', world.info.depositTx],
})

beforeAll(async () => {
  world = await startWorld({ seed: 'attacks' })
})
afterAll(async () => {
  await world?.close()
})

describe('the honest world', () => {
  it('sync → L1 balance → ZKsync batch → ZKsync balance → withdrawal → deposit all verify, every required check passing', async () => {
    for (const [name, args] of Object.entries(commands())) {
      const run = await lightproof(args)
      expect(run.code, `${name}: ${run.stderr}`).toBe(0)
      expect(run.report?.verdict).toBe('verified')
      expect(run.report?.checks.filter((c) => c.required && c.status !== 'pass')).toEqual([])
    }
    const l1 = await lightproof(commands().l1)
    expect(l1.report?.facts.balance).toBe(world.l1.head.state.balance(world.info.l1Account).toString())
    const zk = await lightproof(commands().balance)
    expect((zk.report?.facts.eth as { wei: string } | undefined)?.wei).toBe(
      world.zksync.ethBalance(world.info.zksyncAccount, BigInt(world.info.batch)).toString(),
    )
  })
})

/**
 * The check each beacon lie must be caught by in the online flows: BEACON_LIE_CHECK's, except that a stale head
 * (finality and optimistic updates that stop advancing) meets the evidence's own clock first in these flows.
 */
const WORLD_LIE_CHECK: Record<(typeof BEACON_LIES)[number], RegExp> = {
  ...BEACON_LIE_CHECK,
  'stale-head': new RegExp(`${BEACON_LIE_CHECK['stale-head'].source}|^beacon\\.head\\.fresh$`),
}

const outcomes: string[] = []
afterAll(() => {
  if (outcomes.length > 0) process.stderr.write(`attack outcomes:\n  ${outcomes.join('\n  ')}\n`)
})

describe('lying beacon API', () => {
  it.each([...BEACON_LIES])('%s: sync and zksync balance are refused', async (lie) => {
    try {
      for (const name of ['sync', 'balance'] as const) {
        // Each command meets the server freshly lying, as when it is started with the lie.
        world.servers.beacon.setLie(lie)
        outcomes.push(
          `beacon ${lie} / ${name}: ${expectRefused(await lightproof(commands()[name]), `${lie} ${name}`, WORLD_LIE_CHECK[lie])}`,
        )
      }
    } finally {
      world.servers.beacon.setLie(undefined)
    }
  })
})

/**
 * What must catch each L1 lie: in `l1 balance`, and in the ZKsync commands (which read the diamond at the L1
 * head). A stale head makes no report: the node says it no longer has the block's state.
 */
const L1_LIE_CHECK: Record<L1Lie, { l1: RegExp; zksync: RegExp }> = {
  'wrong-state-root': { l1: /^l1\.el-header\.hash$/, zksync: /^zksync\.l1\.header$/ },
  'forged-proof': { l1: /^l1\.proof\[0\]\.mpt\.account\.proof$/, zksync: /^zksync\.diamond\.account$/ },
  'truncated-proof': { l1: /^l1\.proof\[0\]\.mpt\.account\.proof$/, zksync: /^zksync\.diamond\.account$/ },
  'changed-value': { l1: /^l1\.proof\[0\]\.mpt\.account\.fields$/, zksync: /^zksync\.diamond\.storage\./ },
  'stale-head': { l1: /header not found/, zksync: /header not found/ },
  reorg: { l1: /^l1\.el-header\.hash$/, zksync: /^zksync\.l1\.header$/ },
  'wrong-chain-id': { l1: /^l1\.proof\[0\]\.chain-id$/, zksync: /^zksync\.l1\.chainId$/ },
  equivocate: { l1: /^l1\.el-header\.hash$/, zksync: /^zksync\.l1\.header$/ },
}

/** What must catch each ZKsync RPC lie in `zksync balance`. */
const ZKSYNC_LIE_CHECK: Record<ZksyncLie, RegExp> = {
  'wrong-root': /^zksync\.node\.rootHash$/,
  'forged-proof': /^zks\.(eth|nonce)\.proof$/,
  'truncated-proof': /^zks\.(eth|nonce)\.proof$/,
  'changed-value': /^zks\.(eth|nonce)\.proof$/,
  'stale-batch': /^zksync\.node\.latestBatch$/,
  'wrong-chain-id': /^zksync\.node\.chainId$/,
  equivocate: /^zksync\.node\.rootHash$/,
}

/** What the user reads for each transport fault: the endpoint (checked above) and this. */
const FAULT_MESSAGE: Record<TransportFault, RegExp> = {
  'http-500': /HTTP 500/,
  'http-429': /HTTP 429 \(rate limited\)/,
  slow: /no complete answer within \d+ ms/,
  hang: /no complete answer within \d+ ms/,
  huge: /response is over the \d+-byte limit/,
  'invalid-json': /invalid JSON/,
}

describe('lying L1 JSON-RPC', () => {
  it.each([...L1_LIES])(
    '%s: l1 balance, zksync batch, balance, withdrawal and deposit are refused',
    async (lie) => {
      try {
        for (const name of ['l1', 'batch', 'balance', 'withdrawal', 'deposit'] as const) {
          world.servers.l1.setLie(lie)
          outcomes.push(
            `l1 ${lie} / ${name}: ${expectRefused(await lightproof(commands()[name]), `${lie} ${name}`, L1_LIE_CHECK[lie][name === 'l1' ? 'l1' : 'zksync'])}`,
          )
        }
      } finally {
        world.servers.l1.setLie(undefined)
      }
    },
  )
})

describe('two L1 endpoints that disagree', () => {
  it('l1 balance fails naming both endpoints, never settled by majority', async () => {
    const twin = await startL1RpcServer(world.l1.equivocatingTwin())
    try {
      const i = world.info
      let stdout = ''
      const code = await runCli(
        [
          'l1',
          'balance',
          i.l1Account,
          '--beacon',
          i.beacon,
          '--l1-rpc',
          i.l1,
          '--l1-rpc',
          twin.url,
          '--checkpoint',
          i.checkpoint,
          '--network',
          i.network,
          '--json',
        ],
        {
          stdout: (t) => void (stdout += t),
          stderr: () => undefined,
          env: { LIGHTPROOF_DATA_DIR: mkdtempSync(join(tmpdir(), 'lp-twin-')) },
        },
      )
      expect(code).toBe(1)
      const report = JSON.parse(stdout) as Report
      const failed = report.checks.filter((c) => c.status === 'fail')
      expect(failed.map((c) => c.id)).toContain('l1.endpoints.agree')
      expect(report.facts.balance).toBeUndefined()
    } finally {
      await twin.close()
    }
  })
})

describe('lying ZKsync JSON-RPC', () => {
  it.each([...ZKSYNC_LIES])('%s: zksync balance is refused', async (lie) => {
    world.servers.zksync.setLie(lie)
    try {
      outcomes.push(
        `zksync ${lie} / balance: ${expectRefused(await lightproof(commands().balance), `${lie} balance`, ZKSYNC_LIE_CHECK[lie])}`,
      )
    } finally {
      world.servers.zksync.setLie(undefined)
    }
  })
})

describe('transport faults', () => {
  const servers = ['beacon', 'l1', 'zksync'] as const
  it.each(servers.flatMap((s) => TRANSPORT_FAULTS.map((f) => [s, f] as const)))(
    '%s %s: zksync balance is refused within its timeout, naming the endpoint',
    async (server, fault) => {
      world.servers[server].setFault(fault)
      try {
        const started = Date.now()
        const run = await lightproof(commands().balance, 800)
        outcomes.push(
          `${server} ${fault} / balance: ${expectRefused(run, `${server} ${fault}`, FAULT_MESSAGE[fault])}`,
        )
        // Three attempts of 0.8 s with backoff, per endpoint request: far below the 30 s a slow server takes.
        expect(Date.now() - started).toBeLessThan(20_000)
      } finally {
        world.servers[server].setFault(undefined)
      }
    },
  )
})
