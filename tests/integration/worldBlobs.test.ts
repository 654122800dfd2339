import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BLOB_LIES, type BlobLie } from '../../devnet/beacon/blobService'
import { startWorld, type RunningWorld } from '../../devnet/world'
import type { Report } from '../../src/verifier/report'
import { failingChecks, worldCli } from '../support/worldCli'

/**
 * Issue 20's acceptance in the test world: `zksync batch <batch> --blobs --json` verifies, listing the blob's
 * versioned hash and the pubdata counts; each `blob-*` lie exits non-zero with the check that catches it named;
 * a saved batch evidence plus the pubdata re-verifies offline (`verify pubdata`), and a flipped byte fails there.
 */
let world: RunningWorld
let dir: string

const lightproof = worldCli(() => world, 'lp-blobs-')

/** The check each lie must be caught by, and how (withheld data contradicts nothing: incomplete, not failed). */
const CATCHES: Record<BlobLie, { check: string; status: 'fail' | 'skip'; verdict: Report['verdict'] }> = {
  'other-batch': { check: 'zksync.da.blob[0].linearHash', status: 'fail', verdict: 'failed' },
  corrupted: { check: 'zksync.da.blob[0].encoding', status: 'fail', verdict: 'failed' },
  withheld: { check: 'zksync.da.blob[0].available', status: 'skip', verdict: 'incomplete' },
}

beforeAll(async () => {
  world = await startWorld({ seed: 'blobs' })
  dir = mkdtempSync(join(tmpdir(), 'lp-blobs-files-'))
})
afterAll(async () => {
  await world?.close()
})

describe('zksync batch N --blobs in the test world', () => {
  it('verifies: facts list the blob versioned hashes and the pubdata counts', async () => {
    world.blobs.setLie(undefined)
    const run = await lightproof([
      'zksync',
      'batch',
      String(world.info.batch),
      '--blobs',
      '--save',
      join(dir, 'pubdata.evidence.json'),
    ])
    expect(run.code, `${run.stderr}\n${failingChecks(run.report).join(', ')}`).toBe(0)
    const facts = run.report!.facts
    expect(facts.blobs).toEqual([
      expect.objectContaining({ versionedHash: expect.stringMatching(/^0x01[0-9a-f]{62}$/) }),
    ])
    // Batch 6 has no deposit: four withdrawal logs and their messages (devnet/zksync/batchLogs.ts).
    expect(facts.pubdata).toMatchObject({
      logs: 4,
      messages: 4,
      bytecodes: 0,
      stateDiffs: expect.any(Number),
    })
    for (const id of [
      'zksync.da.blob[0].linearHash',
      'zksync.da.blob[0].versionedHash',
      'zksync.da.blob[0].opening',
      'zksync.da.fullPubdataHash',
    ])
      expect(run.report!.checks.find((c) => c.id === id)?.status, id).toBe('pass')
  })

  for (const lie of BLOB_LIES)
    it(`lie blob-${lie}: exits non-zero, caught by ${CATCHES[lie].check}`, async () => {
      world.blobs.setLie(lie)
      try {
        const run = await lightproof(['zksync', 'batch', String(world.info.batch), '--blobs'])
        expect(run.code).not.toBe(0)
        expect(run.report?.verdict).toBe(CATCHES[lie].verdict)
        expect(failingChecks(run.report)).toContain(`${CATCHES[lie].check}:${CATCHES[lie].status}`)
        if (lie === 'withheld')
          expect(run.report!.checks.find((c) => c.id === CATCHES[lie].check)?.detail).toMatch(
            /no longer retains blobs/,
          )
      } finally {
        world.blobs.setLie(undefined)
      }
    })

  it('a batch whose pubdata is in calldata answers --blobs from the calldata', async () => {
    const run = await lightproof(['zksync', 'batch', '5', '--blobs'])
    expect(run.code, failingChecks(run.report).join(', ')).toBe(0)
    expect(run.report!.facts.daSource).toBe('calldata')
    // Batch 5 carries a deposit: its status log, then the four withdrawals.
    expect(run.report!.facts.pubdata).toMatchObject({ logs: 5, messages: 4 })
  })

  it('--blobs with --proof is a usage error', async () => {
    const run = await lightproof(['zksync', 'batch', '6', '--blobs', '--proof'])
    expect(run.code).toBe(2)
  })
})

describe('lightproof verify pubdata --pubdata FILE --batch-evidence FILE (offline)', () => {
  const batchFile = () => join(dir, 'batch.evidence.json')
  const pubdataFile = () => join(dir, 'pubdata.bin')

  beforeAll(async () => {
    const run = await lightproof(['zksync', 'batch', String(world.info.batch), '--save', batchFile()])
    expect(run.code).toBe(0)
    writeFileSync(pubdataFile(), world.zksync.batches[world.info.batch]!.pubdata!)
  })

  it('the pubdata of the batch verifies against the saved batch evidence', async () => {
    const run = await lightproof(
      ['verify', 'pubdata', '--pubdata', pubdataFile(), '--batch-evidence', batchFile()],
      { online: false },
    )
    expect(run.code, `${run.stderr}\n${failingChecks(run.report).join(', ')}`).toBe(0)
    expect(run.report!.facts.pubdata).toMatchObject({ logs: 4, messages: 4, bytecodes: 0 })
  })

  it('lie: one flipped pubdata byte — caught by zksync.da.blob[0].linearHash', async () => {
    const bytes = new Uint8Array(readFileSync(pubdataFile()))
    bytes[bytes.length - 1]! ^= 0x01
    const flipped = join(dir, 'flipped.bin')
    writeFileSync(flipped, bytes)
    const run = await lightproof(
      ['verify', 'pubdata', '--pubdata', flipped, '--batch-evidence', batchFile()],
      { online: false },
    )
    expect(run.code).toBe(1)
    expect(failingChecks(run.report)).toContain('zksync.da.blob[0].linearHash:fail')
  })

  it('the saved --blobs evidence re-verifies offline with lightproof verify FILE', async () => {
    const run = await lightproof(['verify', join(dir, 'pubdata.evidence.json')], { online: false })
    expect(run.code, failingChecks(run.report).join(', ')).toBe(0)
  })
})
