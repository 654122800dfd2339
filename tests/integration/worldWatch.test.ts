import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildL1World, L1_LIES, type L1Lie } from '../../devnet/l1'
import { startWorld, type RunningWorld } from '../../devnet/world'
import { WATCH_LIES, WORLD_CHAIN_TYPE_MANAGER, type WatchLie } from '../../devnet/zksync/worldGovernance'
import { createServices } from '../../src/main/services/createServices'
import { bytesToHex } from '../../src/verifier/encoding/hex'
import { createEvidence } from '../../src/verifier/evidence/createEvidence'
import {
  parseEvidence,
  rawFromBytes,
  rawJson,
  type Evidence,
  type RawItem,
} from '../../src/verifier/evidence/schema'
import { verifyEvidence } from '../../src/verifier/kinds/verifyEvidence'
import { failingChecks, worldCli } from '../support/worldCli'
import type { WatchChange } from '../../src/verifier/zksync/watch/diffWatch'

/**
 * Issue 21's acceptance in the test world: `zksync watch --json` exits 0 with a proven fact for every watched
 * field; each `watch-*` lie and each L1 lie exits non-zero naming the check that catches it; a saved evidence
 * re-verifies offline and each tampering is named; after the world's upgrade step a second run exits 0 and lists
 * the changed fields with both values.
 */
let world: RunningWorld
let dir: string

const lightproof = worldCli(() => world, 'lp-watch-')

beforeAll(async () => {
  world = await startWorld({ seed: 'watch' })
  dir = mkdtempSync(join(tmpdir(), 'lp-watch-files-'))
})

afterAll(async () => {
  await world?.close()
})

describe('lightproof zksync watch in the test world', () => {
  it('exits 0, verified, with every watched field proven and equal to the world’s', async () => {
    const run = await lightproof(['zksync', 'watch', '--save', join(dir, 'watch.evidence.json')])
    expect(run.code, `${run.stderr}\n${failingChecks(run.report).join(', ')}`).toBe(0)
    const f = run.report!.facts
    const gov = world.governance
    expect(f.protocolVersion).toBe('0.29.4')
    expect(f.verifier).toBe(world.zksync.verifier)
    expect(f.admin).toBe(gov.admin)
    expect(f.pendingAdmin).toBe(`0x${'0'.repeat(40)}`)
    expect(f.settlementLayer).toBe(`0x${'0'.repeat(40)}`)
    expect(f.settlesOn).toBe('L1')
    expect(f.isPermanentRollup).toBe(true)
    expect(f.isFrozen).toBe(false)
    expect(f.bootloaderHash).toBe(`0x${Buffer.from(world.zksync.meta.bootloaderHash).toString('hex')}`)
    expect(f.executionDelay).toBe(gov.executionDelay.toString())
    expect(f.facets).toEqual(
      gov.facets.map((x) => ({
        address: x.address,
        selectors: x.selectors,
        freezable: x.freezable,
        codeHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) as unknown as string,
      })),
    )
    expect(f.chainTypeManager).toMatchObject({
      address: WORLD_CHAIN_TYPE_MANAGER,
      protocolVersion: '0.29.4',
      upgradeCutHash: `0x${'0'.repeat(64)}`,
    })
    expect(f.pendingUpgrade).toBeNull()
    expect(f.validatorTimelock).toMatchObject({ address: world.zksync.validatorTimelock, isValidator: true })
    expect(f.verifierKey).toMatchObject({
      kind: 'dual',
      plonk: { name: 'Era PLONK v29–v31' },
      fflonk: { name: 'Era FFLONK v29–v31' },
    })
    expect(f.sinceLastSnapshot).toBeNull()
    // Every watched fact is its own passed check.
    const ids = run.report!.checks.filter((c) => c.status === 'pass').map((c) => c.id)
    for (const id of [
      'zksync.watch.protocolVersion',
      'zksync.watch.verifier',
      'zksync.verifier.codeHash',
      'zksync.watch.verifierKey',
      'zksync.watch.admin',
      'zksync.watch.pendingAdmin',
      'zksync.watch.settlementLayer',
      'zksync.watch.isPermanentRollup',
      'zksync.watch.bootloaderHash',
      'zksync.watch.defaultAAHash',
      'zksync.watch.l1DAValidator',
      'zksync.watch.l2DAValidator',
      'zksync.watch.facets',
      'zksync.watch.facet[0].selectors',
      'zksync.watch.facet[3].code',
      'zksync.watch.isFrozen',
      'zksync.watch.ctm.protocolVersion',
      'zksync.watch.ctm.protocolVersionDeadline',
      'zksync.watch.ctm.upgradeCutHash',
      'zksync.watch.timelock.validator',
      'zksync.watch.executionDelay',
    ])
      expect(ids, id).toContain(id)
  })

  const CATCHES: Record<WatchLie, string> = {
    'changed-slot': 'zksync.watch.admin:fail',
    'facet-code': 'zksync.watch.facet[0].code:fail',
  }
  it.each([...WATCH_LIES])('watch-%s: exits 1, failed, naming the check', async (lie) => {
    world.watchAnswers.setLie(lie)
    try {
      const run = await lightproof(['zksync', 'watch'])
      expect(run.code).toBe(1)
      expect(run.report?.verdict).toBe('failed')
      expect(failingChecks(run.report)).toContain(CATCHES[lie])
    } finally {
      world.watchAnswers.setLie(undefined)
    }
  })

  const L1_CATCHES: Record<L1Lie, RegExp> = {
    'wrong-state-root': /^zksync\.l1\.header$/,
    'forged-proof': /^zksync\.watch\.diamond\.account$/,
    'truncated-proof': /^zksync\.watch\.diamond\.account$/,
    'changed-value': /^zksync\.watch\./,
    'stale-head': /header not found/,
    reorg: /^zksync\.l1\.header$/,
    'wrong-chain-id': /^zksync\.l1\.chainId$/,
    equivocate: /^zksync\.l1\.header$/,
  }
  it.each([...L1_LIES])('l1-%s: refused, naming what caught it', async (lie) => {
    world.servers.l1.setLie(lie)
    try {
      const run = await lightproof(['zksync', 'watch'])
      expect(run.code).not.toBe(0)
      if (run.report) {
        expect(run.report.verdict).not.toBe('verified')
        const named = failingChecks(run.report).map((x) => x.split(':')[0]!)
        expect(
          named.some((id) => L1_CATCHES[lie].test(id)),
          named.join(', '),
        ).toBe(true)
      } else expect(run.stderr).toMatch(L1_CATCHES[lie])
    } finally {
      world.servers.l1.setLie(undefined)
    }
  })
})

describe('a saved watch evidence, offline', () => {
  const file = () => join(dir, 'watch.evidence.json')
  const saved = () => parseEvidence(new Uint8Array(readFileSync(file())))
  const json = (item: unknown) => rawJson(item as RawItem) as { result: Record<string, unknown> }
  const raw = (v: unknown) => rawFromBytes(new TextEncoder().encode(JSON.stringify(v)), true)
  const withData = (e: Evidence, patch: Record<string, unknown>): Evidence => ({
    ...e,
    data: { ...e.data, ...patch },
  })

  it('re-verifies with lightproof verify FILE to the same facts', async () => {
    const run = await lightproof(['verify', file()], { online: false })
    expect(run.code, failingChecks(run.report).join(', ')).toBe(0)
    expect(run.report!.facts.executionDelay).toBe(world.governance.executionDelay.toString())
  })

  it('a changed slot value in the diamond answer fails that field’s check', async () => {
    const e = saved()
    const proof = json(e.data.diamondProof)
    const entries = proof.result.storageProof as { key: string; value: string }[]
    const verifierSlot = `0x${'0'.repeat(63)}a`
    const entry = entries.find((s) => BigInt(s.key) === BigInt(verifierSlot))!
    entry.value = `0x${'77'.repeat(20)}`
    const report = await verifyEvidence(withData(e, { diamondProof: raw(proof) }))
    expect(report.verdict).toBe('failed')
    expect(failingChecks(report)).toContain('zksync.watch.verifier:fail')
  })

  it('a facet whose answer claims another code hash fails its code check; a withheld one is incomplete', async () => {
    const e = saved()
    const facets = e.data.facetProofs as RawItem[]
    const first = json(facets[0])
    first.result.codeHash = `0x${'ab'.repeat(32)}`
    const lying = await verifyEvidence(withData(e, { facetProofs: [raw(first), ...facets.slice(1)] }))
    expect(lying.verdict).toBe('failed')
    expect(failingChecks(lying)).toContain('zksync.watch.facet[0].code:fail')
    const withheld = await verifyEvidence(withData(e, { facetProofs: facets.slice(1) }))
    expect(withheld.verdict).toBe('incomplete')
    expect(failingChecks(withheld)).toEqual(['zksync.watch.facet[0].code:skip'])
  })

  it('another contract’s answer as the ChainTypeManager’s, or as the ValidatorTimelock’s, is refused', async () => {
    const e = saved()
    const ctm = await verifyEvidence(withData(e, { ctmProof: e.data.timelockProof }))
    expect(failingChecks(ctm)).toContain('zksync.watch.ctm.account:fail')
    const vtl = await verifyEvidence(withData(e, { timelockProof: e.data.ctmProof }))
    expect(failingChecks(vtl)).toContain('zksync.watch.timelock.account:fail')
  })

  it('another verifier’s code swapped in fails zksync.verifier.codeHash', async () => {
    const e = saved()
    const code = e.data.verifierCode as { endpoint: string; accounts: { proof: RawItem; code: RawItem }[] }
    const [dual, fflonk, plonk] = code.accounts as [
      (typeof code.accounts)[0],
      (typeof code.accounts)[0],
      (typeof code.accounts)[0],
    ]
    const swapped = { ...code, accounts: [{ proof: dual.proof, code: plonk.code }, fflonk, plonk] }
    const report = await verifyEvidence(withData(e, { verifierCode: swapped }))
    expect(failingChecks(report)).toContain('zksync.verifier.codeHash:fail')
  })
})

describe('the app’s zksyncWatch (the Upgrade watch page)', () => {
  it('takes snapshots, compares each with the last and lists the timeline', async () => {
    const services = await createServices({
      dataDir: mkdtempSync(join(tmpdir(), 'lp-watch-app-')),
      host: 'browser',
    })
    const i = world.info
    await services.handlers.updateSettings({
      network: i.network as never,
      endpoints: { beacon: [i.beacon], l1Rpc: [i.l1], zksyncRpc: [i.zksync] },
      checkpoint: i.checkpoint,
    })
    const first = await services.handlers.zksyncWatch()
    expect(first.report.verdict, failingChecks(first.report).join(', ')).toBe('verified')
    expect(first.report.facts.sinceLastSnapshot).toBeNull()
    expect(first.timeline.map((r) => r.verdict)).toEqual(['verified'])
    const second = await services.handlers.zksyncWatch()
    expect((second.report.facts.sinceLastSnapshot as { changes: unknown[] }).changes).toEqual([])
    expect(second.timeline).toHaveLength(2)
    expect(second.timeline[1]!.historyId).toBe(second.historyId)
    expect(second.timeline.every((r) => r.changes.length === 0)).toBe(true)
  })
})

describe('the world’s upgrade step, between two runs', () => {
  it('the second run exits 0 and lists the changed fields with both values', async () => {
    const history = mkdtempSync(join(tmpdir(), 'lp-watch-history-'))
    const first = await lightproof(['zksync', 'watch'], { dataDir: history })
    expect(first.code, failingChecks(first.report).join(', ')).toBe(0)
    const before = world.info
    world = await world.upgrade()
    expect(world.info.checkpoint).toBe(before.checkpoint)
    expect(world.info.l1).toBe(before.l1)

    const second = await lightproof(['zksync', 'watch'], { dataDir: history })
    expect(second.code, `${second.stderr}\n${failingChecks(second.report).join(', ')}`).toBe(0)
    const since = second.report!.facts.sinceLastSnapshot as unknown as {
      compared: boolean
      changes: WatchChange[]
      facets: { added: { address: string }[]; removed: unknown[] }
    }
    expect(since.compared).toBe(true)
    const changed = new Map(since.changes.map((c) => [c.field, c]))
    const up = world.governance.upgrade
    expect(changed.get('verifier')).toMatchObject({
      before: first.report!.facts.verifier,
      after: up.verifier.verifier,
      alert: true,
    })
    expect([...changed.keys()]).toEqual(
      expect.arrayContaining([
        'verifierCodeHash',
        'verifierKey',
        'facets',
        'pendingUpgrade',
        'chainTypeManager.protocolVersion',
        'chainTypeManager.upgradeCutHash',
        'chainTypeManager.protocolVersionDeadline',
      ]),
    )
    for (const same of ['admin', 'protocolVersion', 'executionDelay', 'settlementLayer'])
      expect(changed.has(same), same).toBe(false)
    expect(since.facets.added.map((f) => f.address)).toEqual([up.facet.address])
    expect(since.facets.removed).toEqual([])
    expect(changed.get('pendingUpgrade')!.after).toMatchObject({
      fromVersion: '0.29.4',
      latestVersion: '0.30.0',
      cutHash: up.cutHash,
    })
    expect(second.stderr).toMatch(/CHANGED verifier contract since history /)

    // --since FILE compares with a saved evidence instead; the same snapshot twice shows no change.
    const third = await lightproof(['zksync', 'watch', '--since', join(dir, 'watch.evidence.json')])
    expect(third.code).toBe(0)
    const vsFile = third.report!.facts.sinceLastSnapshot as unknown as { changes: WatchChange[] }
    expect(vsFile.changes.map((c) => c.field)).toContain('verifier')
    const fourth = await lightproof(['zksync', 'watch'], { dataDir: history })
    expect((fourth.report!.facts.sinceLastSnapshot as unknown as { changes: WatchChange[] }).changes).toEqual(
      [],
    )
  })
})

describe('a chain at a protocol version with no layout row', () => {
  it('proves its protocol version and is incomplete, reading nothing else', async () => {
    const diamond = world.zksync.diamond
    const l1 = buildL1World({
      seed: 'watch-v28',
      accounts: [],
      contracts: [
        {
          address: diamond,
          storage: new Map([[`0x${'21'.padStart(64, '0')}`, `0x${(28n << 32n).toString(16)}`]]),
        },
      ],
      transactions: [],
    })
    const proof = l1.head.state.getProof(diamond, [`0x${'21'.padStart(64, '0')}`])
    const evidence = createEvidence({
      kind: 'zksync-watch',
      createdAt: new Date().toISOString(),
      question: {},
      trust: { kind: 'state-root', value: bytesToHex(l1.head.header.stateRoot) },
      data: {
        network: world.info.network,
        diamondProof: rawFromBytes(new TextEncoder().encode(JSON.stringify(proof)), true),
        facetProofs: [],
        verifierCode: null,
        ctmProof: null,
        timelockProof: null,
      },
    })
    const report = await verifyEvidence(evidence)
    expect(report.verdict).toBe('incomplete')
    expect(report.facts.protocolVersion).toBe('0.28.0')
    expect(failingChecks(report)).toEqual(['zksync.watch.layout:skip'])
    expect(report.checks.find((c) => c.id === 'zksync.watch.layout')!.detail).toMatch(
      /0\.28\.0 is not supported yet.*0\.29, 0\.30, 0\.31/,
    )
  })
})
