import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WITHDRAWAL_LIES, type WithdrawalLie } from '../../devnet/zksync/withdrawalService'
import { startWorld, type RunningWorld } from '../../devnet/world'
import { AbiCoder } from 'ethers'
import { keccak_256 } from '../../src/verifier/crypto/backends'
import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
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
 * Issue 19's acceptance for withdrawals, in the test world: `zksync withdrawal <withdrawalTx> --json` exits 0,
 * verified, final and claimable; `<claimedWithdrawalTx>` says already claimed; a withdrawal in a batch not yet
 * executed is verified as included-not-executed; every `withdrawal-*` lie exits non-zero with the check that
 * catches it named; a saved evidence re-verifies offline, and each tampering of it is caught by a named check.
 */
let world: RunningWorld
let dir: string

const lightproof = worldCli(() => world, 'lp-withdrawals-')

const check = (r: Report | null, id: string) => r?.checks.find((c) => c.id === id)

/** The check each lie must be caught by (a receipt that withholds the message contradicts nothing: incomplete). */
const CATCHES: Record<WithdrawalLie, { check: string; status: 'fail' | 'skip'; verdict: Report['verdict'] }> =
  {
    'forged-proof': { check: 'zksync.withdrawal.included', status: 'fail', verdict: 'failed' },
    'other-message': { check: 'zksync.withdrawal.included', status: 'fail', verdict: 'failed' },
    claimed: { check: 'zksync.nullifier.storage.isWithdrawalFinalized', status: 'fail', verdict: 'failed' },
    'no-event': { check: 'zksync.withdrawal.message', status: 'skip', verdict: 'incomplete' },
  }

beforeAll(async () => {
  world = await startWorld({ seed: 'withdrawals' })
  dir = mkdtempSync(join(tmpdir(), 'lp-withdrawals-files-'))
})

afterAll(async () => {
  await world?.close()
})

describe('lightproof zksync withdrawal TXHASH in the test world', () => {
  it('withdrawalTx: exits 0, verified, final and claimable, with what a claim needs', async () => {
    const w = world.withdrawals.claimable
    const run = await lightproof([
      'zksync',
      'withdrawal',
      world.info.withdrawalTx,
      '--save',
      join(dir, 'withdrawal.evidence.json'),
    ])
    expect(run.code, `${run.stderr}\n${failingChecks(run.report).join(', ')}`).toBe(0)
    const r = run.report!
    expect(r.verdict).toBe('verified')
    expect(r.facts.withdrawalStatus).toBe('final-claimable')
    expect(r.facts.answer).toMatch(/final .* not yet claimed: it can be claimed/)
    expect(r.facts.withdrawal).toMatchObject({
      kind: 'eth',
      receiver: w.receiver,
      amount: w.amount.toString(),
      messageIndex: String(w.id),
      txNumberInBatch: String(w.txNumberInBatch),
    })
    expect(r.facts.claim).toMatchObject({
      contract: '0xd7f9f54194c633f36ccd5f3da84ad4a1c38cb2cb',
      l2MessageIndex: String(w.id),
      message: bytesToHex(w.message),
    })
    for (const id of [
      'zksync.withdrawal.logProof',
      'zksync.withdrawal.included',
      'zksync.withdrawal.final',
      'zksync.withdrawal.claimed',
      'zksync.nullifier.storage.isWithdrawalFinalized',
    ])
      expect(check(r, id)?.status, id).toBe('pass')
  })

  it('claimedWithdrawalTx: verified, final and already claimed', async () => {
    const run = await lightproof(['zksync', 'withdrawal', world.info.claimedWithdrawalTx])
    expect(run.code, failingChecks(run.report).join(', ')).toBe(0)
    expect(run.report!.facts.withdrawalStatus).toBe('final-claimed')
    expect(run.report!.facts.answer).toMatch(/already claimed/)
    expect(run.report!.facts.claim).toBeUndefined()
  })

  it('pendingWithdrawalTx: verified as included in a committed batch, not final (can still be reverted)', async () => {
    const run = await lightproof(['zksync', 'withdrawal', world.info.pendingWithdrawalTx])
    expect(run.code, failingChecks(run.report).join(', ')).toBe(0)
    expect(run.report!.facts.withdrawalStatus).toBe('included-not-executed')
    expect(check(run.report, 'zksync.withdrawal.included')?.detail).toMatch(/StoredBatchInfo, bound to/)
    expect(check(run.report, 'zksync.withdrawal.final')).toMatchObject({ status: 'skip', required: false })
  })

  it('a withdrawal in a batch settled on ZKsync Gateway is incomplete, naming the Gateway hop', async () => {
    const tx = world.zksync.batches[world.info.gatewayBatch]!.l2Logs!.withdrawals[0]!.txHash
    const run = await lightproof(['zksync', 'withdrawal', tx])
    expect(run.code).toBe(1)
    expect(run.report!.verdict).toBe('incomplete')
    expect(check(run.report, 'zksync.withdrawal.included')?.detail).toMatch(/Gateway/)
  })

  it('names the missing link: an unknown transaction, a log index the transaction does not have', async () => {
    const unknown = await lightproof(['zksync', 'withdrawal', `0x${'ab'.repeat(32)}`])
    expect(unknown.code).toBe(1)
    expect(check(unknown.report, 'zksync.withdrawal.receipt')?.detail).toMatch(/does not know/)
    const index = await lightproof(['zksync', 'withdrawal', world.info.withdrawalTx, '--index', '3'])
    expect(index.code).toBe(1)
    expect(check(index.report, 'zksync.withdrawal.message')?.detail).toMatch(/no log 3/)
  })

  it('bad usage exits 2', async () => {
    expect((await lightproof(['zksync', 'withdrawal', '0x1234'])).code).toBe(2)
    expect((await lightproof(['zksync', 'withdrawal', world.info.withdrawalTx, '--index', 'x'])).code).toBe(2)
  })

  for (const lie of WITHDRAWAL_LIES)
    it(`lie withdrawal-${lie}: exits non-zero, caught by ${CATCHES[lie].check}`, async () => {
      world.withdrawalAnswers.setLie(lie)
      try {
        const run = await lightproof(['zksync', 'withdrawal', world.info.withdrawalTx])
        expect(run.code).not.toBe(0)
        expect(run.report?.verdict).toBe(CATCHES[lie].verdict)
        expect(failingChecks(run.report)).toContain(`${CATCHES[lie].check}:${CATCHES[lie].status}`)
      } finally {
        world.withdrawalAnswers.setLie(undefined)
      }
    })
})

describe('a saved withdrawal evidence, offline', () => {
  const file = () => join(dir, 'withdrawal.evidence.json')
  const saved = () => parseEvidence(new Uint8Array(readFileSync(file())))
  const json = (item: unknown) => rawJson(item as RawItem) as Record<string, unknown>
  const raw = (v: unknown) => rawFromBytes(new TextEncoder().encode(JSON.stringify(v)), true)
  const withData = (e: Evidence, patch: Record<string, unknown>): Evidence => ({
    ...e,
    data: { ...e.data, ...patch },
  })

  it('re-verifies with lightproof verify FILE to the same answer', async () => {
    const run = await lightproof(['verify', file()], { online: false })
    expect(run.code, failingChecks(run.report).join(', ')).toBe(0)
    expect(run.report!.facts.withdrawalStatus).toBe('final-claimable')
  })

  it('a receipt that lies about the amount (event, log and hash all consistent) fails the inclusion', async () => {
    const e = saved()
    const receipt = json(e.data.receipt)
    const result = receipt.result as Record<string, unknown>
    const message = hexToBytes(
      AbiCoder.defaultAbiCoder().decode(['bytes'], (result.logs as { data: string }[])[0]!.data)[0] as string,
    )
    message[55]! ^= 0x01 // one more or less wei
    const hash = bytesToHex(keccak_256(message))
    const logs = result.logs as { topics: string[]; data: string }[]
    logs[0]!.topics[2] = hash
    logs[0]!.data = AbiCoder.defaultAbiCoder().encode(['bytes'], [message])
    ;(result.l2ToL1Logs as { value: string }[])[0]!.value = hash
    const report = await verifyEvidence(withData(e, { receipt: raw(receipt) }))
    expect(report.verdict).toBe('failed')
    expect(failingChecks(report)).toContain('zksync.withdrawal.included:fail')
  })

  it('another leaf position, another batch, another L1Nullifier, a flipped claim: each named', async () => {
    const e = saved()
    const proof = json(e.data.logProof)
    ;(proof.result as { id: number }).id += 1
    expect(failingChecks(await verifyEvidence(withData(e, { logProof: raw(proof) })))).toContain(
      'zksync.withdrawal.included:fail',
    )
    const other = await verifyEvidence(withData(e, { batchNumber: '5' }))
    expect(failingChecks(other)).toContain('zksync.withdrawal.batch:fail')
    const nullifier = json(e.data.nullifierProof)
    const n = nullifier.result as { address: string; storageProof: { value: string }[] }
    const moved = { ...nullifier, result: { ...n, address: `0x${'99'.repeat(20)}` } }
    expect(failingChecks(await verifyEvidence(withData(e, { nullifierProof: raw(moved) })))).toContain(
      'zksync.nullifier.address:fail',
    )
    n.storageProof[0]!.value = '0x1'
    expect(failingChecks(await verifyEvidence(withData(e, { nullifierProof: raw(nullifier) })))).toContain(
      'zksync.nullifier.storage.isWithdrawalFinalized:fail',
    )
  })

  it('a node that had no proof: incomplete, in its own words', async () => {
    const e = saved()
    const report = await verifyEvidence(
      withData(e, { logProof: null, logProofError: 'Log proof not found!' }),
    )
    expect(report.verdict).toBe('incomplete')
    expect(check(report, 'zksync.withdrawal.logProof')?.detail).toMatch(/Log proof not found!/)
  })
})
