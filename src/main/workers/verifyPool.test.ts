import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { readFixture, REPO_ROOT } from '../../../tests/support/fixtures'
import { plonkEvidenceVectors } from '../../../tests/support/snarkVectors'
import { InputError } from '../../shared/errors'
import { createEvidence } from '../../verifier/evidence/createEvidence'
import { rawFromBytes, type Evidence } from '../../verifier/evidence/schema'
import { verifyEvidence } from '../../verifier/kinds/verifyEvidence'
import type { Report } from '../../verifier/report'
import { VerificationWorkerError } from './verificationWorkerError'
import { VerifyPool } from './verifyPool'
import { verifyWorkerSource, type WorkerSource } from './workerSource'

const RESOURCES = 'verkle/rust-verkle/bindings/java/java_code/src/test/resources'
const verkle: Evidence = createEvidence({
  kind: 'verkle',
  createdAt: '2025-01-01T00:00:00.000Z',
  question: {},
  trust: {
    kind: 'pre-state-root',
    value: '0x64e1a647f42e5c2e3c434531ccf529e1b3e93363a40db9fc8eec81f492123510',
  },
  data: { witness: rawFromBytes(readFixture(`${RESOURCES}/valid_block_72.json`), true) },
})
const snark = plonkEvidenceVectors()

/** A worker written inline (CommonJS eval), for the ways a real one can go wrong. */
const inline =
  (body: string): (() => WorkerSource) =>
  () => ({
    filename: `const { parentPort } = require('node:worker_threads');\n${body}`,
    options: { eval: true },
    describe: 'inline test worker',
  })

const pool = new VerifyPool({ size: 2 })
afterAll(() => pool.close())

describe('VerifyPool with the verify worker', () => {
  it('gives the in-process report for the three PLONK vectors and a Verkle witness', async () => {
    const cases = [...snark, { name: 'verkle block 72', evidence: verkle }]
    const inWorker = await Promise.all(cases.map((c) => pool.verify(c.evidence)))
    for (const [i, c] of cases.entries()) {
      const local: Report = await verifyEvidence(c.evidence)
      const remote = inWorker[i]!
      expect(remote.report, c.name).toEqual(local)
      expect(remote.report.verdict, c.name).toBe('verified')
      expect(remote.verifyMs).toBeGreaterThan(0)
      expect(remote.totalMs).toBeGreaterThanOrEqual(remote.verifyMs)
    }
    expect(pool.workerCount).toBeLessThanOrEqual(2)
    // Four heavy verifications twice (worker and in-process), plus two worker start-ups: ~15 s alone, past the
    // default 30 s on shared cores. The bound is a hang guard, not a speed limit.
  }, 120_000)

  it('a tampered evidence fails in the worker exactly as in-process', async () => {
    const e = snark[0]!.evidence
    const input = e.data.publicInput as string
    const tampered = {
      ...e,
      data: { ...e.data, publicInput: input.slice(0, -1) + (input.endsWith('0') ? '1' : '0') },
    }
    const remote = await pool.verify(tampered)
    expect(remote.report).toEqual(await verifyEvidence(tampered))
    expect(remote.report.verdict).toBe('failed')
  })

  it('an error verifyEvidence throws comes back as the same class and code', async () => {
    const unknown = { ...verkle, kind: 'no-such-kind' }
    const err = await pool.verify(unknown).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InputError)
    expect(err).toMatchObject({ code: 'evidence.unsupported-kind' })
  })
})

const BUILT_WORKER = join(REPO_ROOT, 'out/main/worker.js')

describe('VerifyPool with the built worker (out/main/worker.js, present after `npm run build`)', () => {
  it.skipIf(!existsSync(BUILT_WORKER))(
    'is found from a bundled chunk and gives the same report',
    async () => {
      // The pool is bundled into out/main/chunks/*.js; the worker is one folder up.
      const fromChunk = pathToFileURL(join(REPO_ROOT, 'out/main/chunks/pool.js')).href
      const source = verifyWorkerSource(fromChunk)
      expect(source.describe).toBe(BUILT_WORKER)
      const p = new VerifyPool({ size: 1, source: () => source })
      try {
        const e = snark[1]!.evidence
        expect((await p.verify(e)).report).toEqual(await verifyEvidence(e))
      } finally {
        await p.close()
      }
    },
  )
})

describe('VerifyPool failure modes', () => {
  it('a worker that exits mid-job rejects with worker.crashed, and the next job gets a fresh worker', async () => {
    let starts = 0
    const crashing = inline("parentPort.on('message', () => process.exit(7))")
    const p = new VerifyPool({ size: 1, source: () => (starts++ === 0 ? crashing() : verifyWorkerSource()) })
    try {
      const err = await p.verify(snark[0]!.evidence).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(VerificationWorkerError)
      expect(err).toMatchObject({ code: 'worker.crashed' })
      expect((err as Error).message).toMatch(
        /stopped unexpectedly while verifying snark evidence \(exit code 7/,
      )
      const ok = await p.verify(snark[0]!.evidence)
      expect(ok.report.verdict).toBe('verified')
      expect(starts).toBe(2)
    } finally {
      await p.close()
    }
  })

  it('an uncaught exception in the worker names the error', async () => {
    const p = new VerifyPool({
      size: 1,
      source: inline("parentPort.on('message', () => { throw new Error('boom') })"),
    })
    try {
      const err = await p.verify(verkle).catch((e: unknown) => e)
      expect(err).toMatchObject({ code: 'worker.crashed' })
      expect((err as Error).message).toMatch(/boom/)
    } finally {
      await p.close()
    }
  })

  it('a job that never answers times out with worker.timeout (the worker is terminated, not awaited)', async () => {
    const p = new VerifyPool({
      size: 1,
      timeoutMs: 300,
      source: inline("parentPort.on('message', () => { for (;;) {} })"),
    })
    try {
      const err = await p.verify(verkle).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(VerificationWorkerError)
      expect(err).toMatchObject({ code: 'worker.timeout' })
      expect((err as Error).message).toMatch(/verkle evidence did not finish within 300 ms/)
      expect(p.workerCount).toBe(0)
    } finally {
      await p.close()
    }
  })

  it('cancellation stops a running job and drops a queued one', async () => {
    const p = new VerifyPool({ size: 1, source: inline("parentPort.on('message', () => { for (;;) {} })") })
    try {
      const running = new AbortController()
      const queued = new AbortController()
      const a = p.verify(verkle, { signal: running.signal }).catch((e: unknown) => e)
      const b = p.verify(verkle, { signal: queued.signal }).catch((e: unknown) => e)
      queued.abort()
      expect(await b).toMatchObject({ code: 'worker.cancelled' })
      running.abort()
      expect(await a).toMatchObject({ code: 'worker.cancelled' })
      const pre = new AbortController()
      pre.abort()
      expect(await p.verify(verkle, { signal: pre.signal }).catch((e: unknown) => e)).toMatchObject({
        code: 'worker.cancelled',
      })
    } finally {
      await p.close()
    }
  })

  it('a missing worker bundle is a clear error, not a hang', async () => {
    const p = new VerifyPool({
      size: 1,
      source: () => verifyWorkerSource('file:///nowhere/out/main/chunks/x.js'),
    })
    const err = await p.verify(verkle).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'worker.missing' })
    expect((err as Error).message).toMatch(/npm run build/)
    await p.close()
  })
})
