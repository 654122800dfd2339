import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEPOSIT_LIES, type DepositLie } from '../../devnet/zksync/depositService'
import { startWorld, type RunningWorld } from '../../devnet/world'
import { bytesToHex } from '../../src/verifier/encoding/hex'
import {
  parseEvidence,
  rawFromBytes,
  rawJson,
  type Evidence,
  type RawItem,
} from '../../src/verifier/evidence/schema'
import { verifyEvidence } from '../../src/verifier/kinds/verifyEvidence'
import type { Report } from '../../src/verifier/report'
import { failingChecks, worldCli } from '../support/worldCli'

/**
 * Issue 19's acceptance for deposits, in the test world: `zksync deposit <depositTx> --json` exits 0, verified,
 * executed and succeeded; `<failedDepositTx>` executed and failed, reclaimable; a deposit whose batch is not
 * executed is incomplete, naming the priority tree; every `deposit-*` lie exits non-zero with the check that
 * catches it named; a saved evidence re-verifies offline, and each tampering of it is caught by a named check.
 */
let world: RunningWorld
let dir: string

const lightproof = worldCli(() => world, 'lp-deposits-')

const check = (r: Report | null, id: string) => r?.checks.find((c) => c.id === id)

/** The flow each lie is run on and the check that must catch it (all contradictions: failed). */
const CATCHES: Record<DepositLie, { tx: 'depositTx' | 'failedDepositTx'; check: string }> = {
  'forged-proof': { tx: 'depositTx', check: 'zksync.deposit.status' },
  'other-tx': { tx: 'depositTx', check: 'zksync.deposit.status' },
  'status-flipped': { tx: 'failedDepositTx', check: 'zksync.deposit.nodeStatus' },
  'no-event': { tx: 'depositTx', check: 'zksync.deposit.l1Receipt' },
}

beforeAll(async () => {
  world = await startWorld({ seed: 'deposits' })
  dir = mkdtempSync(join(tmpdir(), 'lp-deposits-files-'))
})

afterAll(async () => {
  await world?.close()
})

const ALWAYS = [
  'zksync.deposit.l1Block',
  'zksync.deposit.l1Tx',
  'zksync.deposit.l1Receipt',
  'zksync.deposit.event',
  'zksync.deposit.txHash',
  'zksync.diamond.storage.priorityTreeStartIndex',
  'zksync.diamond.storage.priorityTreeUnprocessedIndex',
  'zksync.deposit.executed',
  'zksync.deposit.l2Receipt',
  'zksync.deposit.batch',
  'zksync.deposit.logProof',
  'zksync.deposit.status',
  'zksync.deposit.nodeStatus',
]

describe('lightproof zksync deposit L1TXHASH in the test world', () => {
  it('depositTx: exits 0, verified, executed on L2 and succeeded', async () => {
    const d = world.deposits.succeeded
    const run = await lightproof([
      'zksync',
      'deposit',
      world.info.depositTx,
      '--save',
      join(dir, 'deposit.evidence.json'),
    ])
    expect(run.code, `${run.stderr}\n${failingChecks(run.report).join(', ')}`).toBe(0)
    const r = run.report!
    expect(r.verdict).toBe('verified')
    expect(r.facts.depositStatus).toBe('executed-succeeded')
    expect(r.facts.answer).toMatch(/executed on L2 in batch \d+ and succeeded/)
    expect(r.facts.deposit).toMatchObject({
      txId: d.deposit.txId.toString(),
      l2TxHash: d.deposit.l2TxHash,
      mintValue: d.deposit.mintValue.toString(),
    })
    expect(r.facts.depositBatch).toMatchObject({ batchNumber: d.batch.number.toString() })
    for (const id of ALWAYS) expect(check(r, id)?.status, id).toBe('pass')
    expect(check(r, 'zksync.deposit.reclaim')).toBeUndefined()
  })

  it('failedDepositTx: verified, executed and failed, reclaimable through the L1Nullifier', async () => {
    const d = world.deposits.failed
    const run = await lightproof([
      'zksync',
      'deposit',
      world.info.failedDepositTx,
      '--save',
      join(dir, 'failed.evidence.json'),
    ])
    expect(run.code, failingChecks(run.report).join(', ')).toBe(0)
    const r = run.report!
    expect(r.facts.depositStatus).toBe('executed-failed')
    expect(r.facts.answer).toMatch(/failed: the L1Nullifier recorded the deposit, so it can be reclaimed/)
    expect(r.facts.reclaim).toMatchObject({
      contract: '0xd7f9f54194c633f36ccd5f3da84ad4a1c38cb2cb',
      l2TxHash: d.deposit.l2TxHash,
      recordedDataHash: d.deposit.recordDataHash,
      l2BatchNumber: d.batch.number.toString(),
    })
    for (const id of [...ALWAYS, 'zksync.deposit.reclaim', 'zksync.nullifier.storage.depositHappened'])
      expect(check(r, id)?.status, id).toBe('pass')
  })

  it('pendingDepositTx: incomplete, not yet executed, with the priority tree’s first unprocessed request', async () => {
    const run = await lightproof(['zksync', 'deposit', world.info.pendingDepositTx])
    expect(run.code).toBe(1)
    expect(run.report!.verdict).toBe('incomplete')
    expect(run.report!.facts.depositStatus).toBe('not-executed')
    expect(failingChecks(run.report)).toEqual(['zksync.deposit.executed:skip'])
    expect(check(run.report, 'zksync.deposit.executed')?.detail).toMatch(
      /not executed yet: the first unprocessed/,
    )
  })

  it('names the missing link: an unknown L1 transaction, an L1 transaction that is not a deposit', async () => {
    const unknown = await lightproof(['zksync', 'deposit', `0x${'ab'.repeat(32)}`])
    expect(unknown.code).toBe(1)
    expect(check(unknown.report, 'zksync.deposit.l1Block')?.detail).toMatch(/does not know transaction/)
    // An operator's commit transaction: proven in its block, but no NewPriorityRequest.
    const commit = world.l1.blocks.find(
      (b) =>
        b.receipts[0]?.logs.length && b.number > 0n && !b.receipts[0].logs.some((l) => l.topics.length === 1),
    )!
    const notDeposit = await lightproof(['zksync', 'deposit', bytesToHex(commit.transactions[0]!.hash)])
    expect(notDeposit.code).toBe(1)
    expect(failingChecks(notDeposit.report)).toEqual(['zksync.deposit.event:skip'])
  })

  it('bad usage exits 2', async () => {
    expect((await lightproof(['zksync', 'deposit', '0x1234'])).code).toBe(2)
  })

  for (const lie of DEPOSIT_LIES)
    it(`lie deposit-${lie}: exits non-zero, caught by ${CATCHES[lie].check}`, async () => {
      world.depositAnswers.setLie(lie)
      try {
        const run = await lightproof(['zksync', 'deposit', world.info[CATCHES[lie].tx]])
        expect(run.code).not.toBe(0)
        expect(run.report?.verdict).toBe('failed')
        expect(failingChecks(run.report)).toContain(`${CATCHES[lie].check}:fail`)
      } finally {
        world.depositAnswers.setLie(undefined)
      }
    })
})

describe('a saved deposit evidence, offline', () => {
  const file = (name = 'deposit') => join(dir, `${name}.evidence.json`)
  const saved = (name?: string) => parseEvidence(new Uint8Array(readFileSync(file(name))))
  const json = (item: unknown) => rawJson(item as RawItem) as Record<string, unknown>
  const raw = (v: unknown) => rawFromBytes(new TextEncoder().encode(JSON.stringify(v)), true)
  const withData = (e: Evidence, patch: Record<string, unknown>): Evidence => ({
    ...e,
    data: { ...e.data, ...patch },
  })
  const failsWith = async (e: Evidence, id: string) => {
    const report = await verifyEvidence(e)
    expect(report.verdict, id).toBe('failed')
    expect(failingChecks(report)).toContain(`${id}:fail`)
  }

  it('re-verifies with lightproof verify FILE to the same answers', async () => {
    const run = await lightproof(['verify', file()], { online: false })
    expect(run.code, failingChecks(run.report).join(', ')).toBe(0)
    expect(run.report!.facts.depositStatus).toBe('executed-succeeded')
    const failed = await lightproof(['verify', file('failed')], { online: false })
    expect(failed.code, failingChecks(failed.report).join(', ')).toBe(0)
    expect(failed.report!.facts.depositStatus).toBe('executed-failed')
  })

  it('a changed receipt, transaction or header is caught by the trie or the header chain', async () => {
    const e = saved()
    const receipts = json(e.data.l1Receipts)
    const list = receipts.result as { logs: { data: string }[] }[]
    const log = list.flatMap((r) => r.logs)[0]!
    log.data = `${log.data.slice(0, -2)}${log.data.endsWith('00') ? '01' : '00'}`
    await failsWith(withData(e, { l1Receipts: raw(receipts) }), 'zksync.deposit.l1Receipt')

    const block = json(e.data.l1Block)
    const txs = (block.result as { transactions: { value: string }[] }).transactions
    txs[0]!.value = '0x1'
    await failsWith(withData(e, { l1Block: raw(block) }), 'zksync.deposit.l1Tx')

    const headers = e.data.l1Headers as unknown[]
    expect(headers.length).toBeGreaterThan(1)
    const header = json(headers[0])
    ;(header.result as { parentHash: string }).parentHash = `0x${'11'.repeat(32)}`
    await failsWith(withData(e, { l1Headers: [raw(header), ...headers.slice(1)] }), 'zksync.deposit.l1Block')
    const missing = await verifyEvidence(withData(e, { l1Headers: headers.slice(1) }))
    expect(failingChecks(missing)).toContain('zksync.deposit.l1Block:skip')
  })

  it('another leaf position, a changed priority counter, a flipped nullifier record: each named', async () => {
    const e = saved('failed')
    const proof = json(e.data.logProof)
    ;(proof.result as { id: number }).id += 1
    await failsWith(withData(e, { logProof: raw(proof) }), 'zksync.deposit.status')

    const diamond = json(e.data.diamondProof)
    const slot52 = `0x${'34'.padStart(64, '0')}`
    const entry = (diamond.result as { storageProof: { key: string; value: string }[] }).storageProof.find(
      (s) => `0x${s.key.slice(2).padStart(64, '0')}` === slot52,
    )!
    entry.value = '0x1'
    await failsWith(
      withData(e, { diamondProof: raw(diamond) }),
      'zksync.diamond.storage.priorityTreeUnprocessedIndex',
    )

    const nullifier = json(e.data.nullifierProof)
    ;(nullifier.result as { storageProof: { value: string }[] }).storageProof[0]!.value = '0x0'
    await failsWith(
      withData(e, { nullifierProof: raw(nullifier) }),
      'zksync.nullifier.storage.depositHappened',
    )
  })

  it('another batch than the L2 receipt names fails; a bare state-root trust cannot bind the L1 block', async () => {
    const e = saved()
    const receipt = json(e.data.l2Receipt)
    ;(receipt.result as { l1BatchNumber: string }).l1BatchNumber = '0x2'
    await failsWith(withData(e, { l2Receipt: raw(receipt) }), 'zksync.deposit.batch')
    // The evidence's own batch changed instead: its diamond proof no longer covers the batch's slots.
    expect(failingChecks(await verifyEvidence(withData(e, { batchNumber: '2' }))).join()).toMatch(
      /zksync\.diamond\.storage\.\w+:fail/,
    )
    const head = (await verifyEvidence(e)).facts.l1Head as { stateRoot: string }
    const bare = await verifyEvidence({ ...e, trust: { kind: 'state-root', value: head.stateRoot } })
    expect(bare.verdict).not.toBe('verified')
    expect(failingChecks(bare)).toContain('zksync.deposit.l1Block:skip')
  })

  it('the evidence of another L1 transaction, or a node without the proof: incomplete, named', async () => {
    const e = saved()
    const other = await verifyEvidence(withData(e, { l1TxHash: world.info.failedDepositTx }))
    expect(failingChecks(other)).toContain('zksync.deposit.l1Tx:skip')
    const noProof = await verifyEvidence(
      withData(e, { logProof: null, logProofError: 'Log proof not found!' }),
    )
    expect(noProof.verdict).toBe('incomplete')
    expect(check(noProof, 'zksync.deposit.logProof')?.detail).toMatch(/Log proof not found!/)
  })
})
