import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../src/main/services/createServices'
import { beaconStatePath, saveBeaconState } from '../../src/main/services/beacon/beaconStateFile'
import { parseBootstrap, parseUpdates } from '../../src/verifier/beacon/parseBeacon'
import { NETWORKS } from '../../src/verifier/beacon/networks'
import { verifyBeaconChain } from '../../src/verifier/beacon/verifyBeaconChain'
import { hexToBytes } from '../../src/verifier/encoding/hex'
import { verifyEvidence } from '../../src/verifier/kinds/verifyEvidence'
import type { Progress } from '../../src/shared/contract/common'
import { EndpointError } from '../../src/shared/errors'
import type { Report } from '../../src/verifier/report'
import { readFixture } from '../support/fixtures'
import {
  SET_A_CHECKPOINT,
  SET_A_DIR,
  SET_A_FINALIZED,
  SET_A_NOW,
  SET_A_OPTIMISTIC,
  startSetABeacon,
  type BeaconWorld,
} from './trustBeaconWorld'

const FAST = { timeoutMs: 700, retries: 0, backoffMs: 5, maxBackoffMs: 10 }
const worlds: BeaconWorld[] = []
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((w) => w.close()))
})

async function world(options?: Parameters<typeof startSetABeacon>[0]): Promise<BeaconWorld> {
  const w = await startSetABeacon(options)
  worlds.push(w)
  return w
}

async function app(
  beacon: string[],
  checkpoint: string | null = SET_A_CHECKPOINT,
  dataDir = mkdtempSync(join(tmpdir(), 'lightproof-trust-')),
  now: string | null = SET_A_NOW,
): Promise<Services> {
  const clock = now ? () => new Date(now) : undefined
  const services = await createServices({ dataDir, host: 'browser', limits: FAST, now: clock })
  await services.settings.update({ endpoints: { beacon }, checkpoint })
  return services
}

function check(report: Report, id: string) {
  const c = report.checks.find((x) => x.id === id)
  if (!c) throw new Error(`no check ${id} in ${report.checks.map((x) => x.id).join(', ')}`)
  return c
}

async function rejection(p: Promise<unknown>): Promise<EndpointError> {
  try {
    await p
  } catch (err) {
    expect(err).toBeInstanceOf(EndpointError)
    return err as EndpointError
  }
  throw new Error('expected the sync to fail')
}

describe('beacon sync against a local beacon API serving real set-A data', () => {
  it('verifies bootstrap → 6 periods → finality/optimistic, keeps it in history and persists the state', async () => {
    const w = await world()
    const s = await app([w.url])
    const progress: Progress[] = []
    s.events.on((e) => {
      if (e.topic === 'progress') progress.push(e.payload as Progress)
    })
    const outcome = await s.handlers.syncNow()
    const { report } = outcome
    expect(report.verdict).toBe('verified')
    expect(report.subject.trustRoot).toEqual({ kind: 'beacon-checkpoint', value: SET_A_CHECKPOINT })
    expect(report.facts.finalized).toMatchObject(SET_A_FINALIZED)
    expect(report.facts.optimistic).toMatchObject(SET_A_OPTIMISTIC)
    // At the data's own time the checkpoint is 5.6 days old: within the weak-subjectivity horizon.
    expect(check(report, 'beacon.checkpoint.age')).toMatchObject({ status: 'pass', required: false })
    expect(check(report, 'beacon.checkpoint.source').detail).toContain('pinned')

    expect(w.log).toContain(`/eth/v1/beacon/light_client/bootstrap/${SET_A_CHECKPOINT}`)
    expect(w.log).toContain('/eth/v1/beacon/light_client/updates?start_period=862&count=6')
    expect(progress.some((p) => p.total === 6 && p.message.includes('periods 862–867'))).toBe(true)
    expect(progress.at(-1)).toMatchObject({ finished: true, message: 'verified' })

    // The trusted head store, the persisted light-client state and the trust state all follow the report.
    expect(await s.trustedHead.get()).toMatchObject({
      executionBlockNumber: SET_A_FINALIZED.executionBlockNumber,
      executionStateRoot: SET_A_FINALIZED.executionStateRoot,
    })
    expect(existsSync(beaconStatePath(s.context.dataDir, 'mainnet'))).toBe(true)
    const state = await s.handlers.getTrustState()
    expect(state.finalized).toMatchObject({ slot: SET_A_FINALIZED.slot, executionBlockNumber: '17923026' })
    expect(state.optimistic).toMatchObject({ slot: SET_A_OPTIMISTIC.slot, executionBlockNumber: '17923113' })
    expect(state.syncCommitteePeriod).toBe('867')
    expect(state.participation).toEqual({ finality: 512, optimistic: 510, size: 512 })
    expect(state.verified?.checkpoint).toMatchObject({
      root: SET_A_CHECKPOINT,
      source: 'pinned',
      slot: '7069376',
    })
    expect(state.verified?.checkpoint.beyondWeakSubjectivity).toBe(false)
    expect(state.finalized!.ageSeconds).toBeLessThan(3600)
    expect(state.lastError).toBeNull()
    expect(state.lastHistoryId).toBe(outcome.historyId)

    // The evidence in history re-verifies offline to the same facts.
    const entry = await s.history.get(outcome.historyId!)
    const again = await verifyEvidence(entry!.evidence)
    expect(again.verdict).toBe('verified')
    expect(again.facts.finalized).toEqual(report.facts.finalized)
    expect(entry!.evidence.sources.map((x) => x.role)).toEqual([
      'bootstrap',
      'finality',
      'updates',
      'optimistic',
    ])
  })

  it('a flipped signature bit fails the sync naming the check, and trusts nothing', async () => {
    const w = await world({ lie: 'flip-signature' })
    const s = await app([w.url])
    const { report } = await s.handlers.syncNow()
    expect(report.verdict).toBe('failed')
    const failed = report.checks.filter((c) => c.required && c.status === 'fail').map((c) => c.id)
    expect(failed.some((id) => id.startsWith('beacon.update[864]'))).toBe(true)
    expect(await s.trustedHead.get()).toBeNull()
    expect(existsSync(beaconStatePath(s.context.dataDir, 'mainnet'))).toBe(false)
    const state = await s.handlers.getTrustState()
    expect(state.lastError?.checkId).toMatch(/^beacon\.update\[864\]/)
    expect(state.lastError?.endpoint).toBe(w.url)
    expect(state.finalized).toBeNull()
  })

  it('a wrong finality branch fails at the finality check', async () => {
    const w = await world({ lie: 'wrong-branch' })
    const s = await app([w.url])
    const { report } = await s.handlers.syncNow()
    expect(report.verdict).toBe('failed')
    expect(check(report, 'beacon.finality.finality-branch').status).toBe('fail')
    expect((await s.handlers.getTrustState()).lastError?.checkId).toBe('beacon.finality.finality-branch')
    expect(await s.trustedHead.get()).toBeNull()
  })

  it('moves on to the next endpoint when one answers HTTP 500, and names it', async () => {
    const bad = await world()
    bad.server.setFault('http-500')
    const good = await world()
    const s = await app([bad.url, good.url])
    const progress: string[] = []
    s.events.on((e) => {
      if (e.topic === 'progress') progress.push((e.payload as Progress).message)
    })
    const { report } = await s.handlers.syncNow()
    expect(report.verdict).toBe('verified')
    expect(report.facts.finalized).toMatchObject(SET_A_FINALIZED)
    expect(bad.server.requests()).toBe(1)
    expect(progress.some((m) => m.includes(`${bad.url}: HTTP 500`) && m.includes(`trying ${good.url}`))).toBe(
      true,
    )
  })

  it('gives up on an endpoint that hangs past the timeout, and uses the next; alone it is an endpoint error', async () => {
    const hang = await world()
    hang.server.setFault('hang')
    const good = await world()
    const s = await app([hang.url, good.url])
    expect((await s.handlers.syncNow()).report.verdict).toBe('verified')

    const only = await app([hang.url])
    const err = await rejection(only.handlers.syncNow())
    expect(err.code).toBe('endpoint.timeout')
    expect(err.message).toContain(hang.url)
    const state = await only.handlers.getTrustState()
    expect(state.lastError).toMatchObject({ code: 'endpoint.timeout', endpoint: hang.url })
  })

  it('every endpoint failing is one error naming each', async () => {
    const a = await world()
    a.server.setFault('http-500')
    const b = await world()
    b.server.setFault('invalid-json')
    const err = await rejection((await app([a.url, b.url])).handlers.syncNow())
    expect(err.message).toContain(a.url)
    expect(err.message).toContain(b.url)
  })

  it('cancels a sync in flight', async () => {
    const hang = await world()
    hang.server.setFault('hang')
    const s = await createServices({
      dataDir: mkdtempSync(join(tmpdir(), 'lightproof-trust-')),
      host: 'browser',
      limits: { ...FAST, timeoutMs: 20_000 },
      now: () => new Date(SET_A_NOW),
    })
    await s.settings.update({ endpoints: { beacon: [hang.url] }, checkpoint: SET_A_CHECKPOINT })
    s.events.on((e) => {
      const p = e.payload as Progress
      if (e.topic === 'progress' && !p.finished)
        setTimeout(() => void s.handlers.cancelOperation(p.operationId), 50)
    })
    const t0 = Date.now()
    const err = await rejection(s.handlers.syncNow())
    expect(err.code).toBe('endpoint.cancelled')
    expect(Date.now() - t0).toBeLessThan(10_000)
    expect((await s.handlers.getTrustState()).syncing).toBeNull()
  })
})

describe('resuming from the persisted light-client state', () => {
  const network = NETWORKS.mainnet
  const ORIGIN = '0x' + '5a'.repeat(32)

  /** A real verified store whose finalized header is the set-A bootstrap header (bootstrap + period-862 update). */
  async function seedStore(dataDir: string) {
    const { report, store } = verifyBeaconChain({
      network,
      checkpoint: hexToBytes(SET_A_CHECKPOINT),
      bootstrap: parseBootstrap(readFixture(SET_A_DIR + 'bootstrap.json'), network),
      updates: parseUpdates(readFixture(SET_A_DIR + 'updates.json'), network).slice(0, 1),
    })
    expect(report.verdict).toBe('verified')
    await saveBeaconState(dataDir, network, store!, {
      checkpoint: { root: ORIGIN, source: 'pinned', slot: 7000000n },
      origin: { root: ORIGIN, source: 'pinned', slot: 7000000n },
      verifiedAt: '2023-08-11T00:00:00.000Z',
      endpoint: 'http://127.0.0.1:1',
      participation: { finality: null, optimistic: null, size: 512 },
    })
  }

  it('starts from the stored finalized root (not the original checkpoint) and says where it came from', async () => {
    const w = await world()
    const dataDir = mkdtempSync(join(tmpdir(), 'lightproof-trust-'))
    await seedStore(dataDir)
    const s = await app([w.url], null, dataDir)
    const before = await s.handlers.getTrustState()
    expect(before.checkpoint).toMatchObject({
      root: SET_A_CHECKPOINT,
      source: 'last-verified',
      slot: '7069376',
    })
    expect(before.finalized?.slot).toBe('7069376')

    const { report } = await s.handlers.syncNow()
    expect(report.verdict).toBe('verified')
    expect(report.subject.trustRoot?.value).toBe(SET_A_CHECKPOINT)
    const source = check(report, 'beacon.checkpoint.source').detail
    expect(source).toContain('last finalized block root this app verified')
    expect(source).toContain(ORIGIN)
    expect(w.log.filter((p) => p.includes('/bootstrap/'))).toEqual([
      `/eth/v1/beacon/light_client/bootstrap/${SET_A_CHECKPOINT}`,
    ])
    const after = await s.handlers.getTrustState()
    expect(after.finalized?.executionBlockNumber).toBe('17923026')
    // The chain still descends from the original pin.
    expect(after.verified?.origin.root).toBe(ORIGIN)
    expect(after.verified?.checkpoint.source).toBe('last-verified')
  })

  it('after a restart tries the stored root first, and falls back to the pin when no endpoint has its bootstrap', async () => {
    const w = await world()
    const first = await app([w.url])
    expect((await first.handlers.syncNow()).report.verdict).toBe('verified')
    const stored = (await first.handlers.getTrustState()).finalized!.beaconRoot
    w.log.length = 0

    const restarted = await app([w.url], SET_A_CHECKPOINT, first.context.dataDir)
    expect((await restarted.handlers.getTrustState()).checkpoint).toMatchObject({
      root: stored,
      source: 'last-verified',
    })
    const { report } = await restarted.handlers.syncNow()
    expect(report.verdict).toBe('verified')
    expect(w.log.filter((p) => p.includes('/bootstrap/'))).toEqual([
      `/eth/v1/beacon/light_client/bootstrap/${stored}`,
      `/eth/v1/beacon/light_client/bootstrap/${SET_A_CHECKPOINT}`,
    ])
    expect(check(report, 'beacon.checkpoint.source').detail).toContain('pinned')
  })

  it('unpinned, with neither the stored root nor the shipped one served: an endpoint error naming both', async () => {
    const w = await world()
    const first = await app([w.url])
    expect((await first.handlers.syncNow()).report.verdict).toBe('verified')
    const stored = (await first.handlers.getTrustState()).finalized!.beaconRoot
    const restarted = await app([w.url], null, first.context.dataDir)
    const err = await rejection(restarted.handlers.syncNow())
    expect(err.code).toBe('endpoint.http-404')
    expect(err.message).toContain(`last-verified ${stored}`)
    expect(err.message).toContain('shipped 0x9bcb90ec')
    // The verified state is untouched by the failed attempt.
    expect((await restarted.handlers.getTrustState()).finalized?.beaconRoot).toBe(stored)
  })

  it('keeps a corrupt state file aside and re-syncs from the next source', async () => {
    const w = await world()
    const dataDir = mkdtempSync(join(tmpdir(), 'lightproof-trust-'))
    const path = beaconStatePath(dataDir, 'mainnet')
    writeFileSync(path, '{"format":"lightproof-beacon-store","version":1,"store":{"truncated')
    const s = await app([w.url], SET_A_CHECKPOINT, dataDir)
    const state = await s.handlers.getTrustState()
    expect(state.notice).toContain('kept aside')
    expect(state.checkpoint).toMatchObject({ root: SET_A_CHECKPOINT, source: 'pinned' })
    const aside = readdirSync(dataDir).filter((f) => f.startsWith('beacon-store.json.corrupt-'))
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(dataDir, aside[0]!), 'utf8')).toContain('truncated')

    expect((await s.handlers.syncNow()).report.verdict).toBe('verified')
    expect((await s.handlers.getTrustState()).finalized?.executionBlockNumber).toBe('17923026')
  })

  it('a state file that parses but holds a mangled committee is also kept aside', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lightproof-trust-'))
    await seedStore(dataDir)
    const path = beaconStatePath(dataDir, 'mainnet')
    const file = JSON.parse(readFileSync(path, 'utf8')) as { store: { currentSyncCommittee: string } }
    file.store.currentSyncCommittee = file.store.currentSyncCommittee.slice(0, -2)
    writeFileSync(path, JSON.stringify(file))
    // Today's clock: the shipped checkpoint (2026-04-01) is then beyond the weak-subjectivity horizon.
    const s = await app(['http://127.0.0.1:9'], null, dataDir, null)
    const state = await s.handlers.getTrustState()
    expect(state.notice).toContain('currentSyncCommittee')
    expect(state.finalized).toBeNull()
    // Without a pin, the next source is the shipped mainnet checkpoint.
    expect(state.checkpoint).toMatchObject({ source: 'shipped', slot: '14017856' })
    expect(state.checkpoint?.beyondWeakSubjectivity).toBe(true)
  })
})
