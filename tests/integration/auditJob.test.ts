import { spawn } from 'node:child_process'
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readJournal } from '../../src/cli/audit/runJournal'
import { startWorld, type RunningWorld } from '../../devnet/world'
import { DEPLOY_DIR, docOf, jobContainer, podArgs, readManifest } from '../support/kubeManifest'

/**
 * The Kubernetes audit without a cluster: the Indexed Job's pods are run as processes of the built CLI, with
 * the command line each pod would get (deploy/audit-job.yaml's args, $(VAR)s expanded from the env the
 * kubelet would build, the index through JOB_COMPLETION_INDEX), against the test world. Their merged journals
 * must equal one unsharded run batch for batch, and a run stopped with SIGTERM must resume from its journal.
 */
const ROOT = join(DEPLOY_DIR, '..')
const CLI = join(ROOT, 'bin', 'lightproof.mjs')
// The world retells Era's history: batches 1–2 settled on L1, 3–4 on ZKsync Gateway, 5–8 on L1 again (up to 6
// executed, 7 proven, 8 committed: all verified), 9 and later never committed (they fail zksync.batch.committed).
// Batches 2–9 hold every kind: verified, settled on Gateway, failed.
const FROM = 2
const TO = 9

let world: RunningWorld

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out', 'main', 'cli.js')))
    throw new Error('the CLI is not built: run `npm run build` first (npm test does)')
  world = await startWorld({ seed: 'audit-job' })
}, 120_000)
afterAll(async () => {
  await world?.close()
})

interface Pod {
  args: string[]
  env: Record<string, string>
}

/** The command line and env of pod `index` of a Job with `shards` completions, writing under `outRoot`. */
function pod(index: number, shards: number, outRoot: string, jobs = 1): Pod {
  const docs = readManifest('audit-job.yaml')
  const cm = docOf(docs, 'ConfigMap')
  const secret = docOf(readManifest('endpoints-secret.example.yaml'), 'Secret')
  const c = jobContainer(docOf(docs, 'Job'))
  const configMap = {
    ...(cm.data as Record<string, string>),
    FROM_BATCH: String(FROM),
    TO_BATCH: String(TO),
    SHARDS: String(shards),
    JOBS: String(jobs),
    NETWORK: world.info.network,
    CHECKPOINT: world.info.checkpoint,
  }
  const endpoints = {
    BEACON_URL: world.info.beacon,
    L1_RPC_URL: world.info.l1,
    ZKSYNC_RPC_URL: world.info.zksync,
  }
  return podArgs(c, {
    index,
    configMaps: { [cm.metadata.name]: configMap },
    secrets: { [secret.metadata.name]: endpoints },
    // The volume and the scratch directory of the pod, here on this machine.
    override: { AUDIT_OUT: outRoot, LIGHTPROOF_DATA_DIR: mkdtempSync(join(tmpdir(), 'lp-pod-data-')) },
  })
}

interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

function start(p: Pod, extra: string[] = []) {
  const child = spawn(process.execPath, [CLI, ...p.args, ...extra], {
    env: { PATH: process.env.PATH ?? '', ...p.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const done = new Promise<Exit>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  )
  return { child, done }
}

const run = (p: Pod, extra: string[] = []) => start(p, extra).done

function outDir(p: Pod): string {
  return p.args[p.args.indexOf('--out') + 1]!
}

type Json = Record<string, unknown>

/** Each batch's line in a journal, without what differs from run to run (timings, CPU). */
function batchLines(dirs: string[]): Map<string, Json> {
  const out = new Map<string, Json>()
  for (const d of dirs) {
    const j = readJournal(d)!
    for (const [n, r] of j.batches) {
      expect(out.has(n), `batch ${n} in one journal only`).toBe(false)
      const { timings: _t, cpuMs: _c, ...rest } = r
      out.set(n, rest)
    }
  }
  return out
}

describe('the Indexed Job, run here as processes', () => {
  it('N shard pods merged equal one unsharded run, batch for batch', async () => {
    const shards = 2
    const root = mkdtempSync(join(tmpdir(), 'lp-audit-shards-'))
    const pods = Array.from({ length: shards }, (_, i) => pod(i, shards, root))
    expect(pods.map((p) => p.args[p.args.indexOf('--shard') + 1])).toEqual(['0/2', '1/2'])
    const single = pod(0, 1, mkdtempSync(join(tmpdir(), 'lp-audit-single-')))
    // One after another (a cluster runs them side by side): on two shared cores, parallel pods with worker
    // threads would slow the other test files into their timeouts.
    for (const p of pods) {
      const r = await run(p, ['--json'])
      expect([0, 1], r.stderr).toContain(r.code)
    }
    const one = await run(single, ['--json'])
    expect(one.code, one.stderr).toBe(1)
    const oneReport = JSON.parse(one.stdout) as { facts: Json; verdict: string }
    expect(oneReport.facts.counts).toEqual({
      verified: 5,
      failed: 1,
      incomplete: 0,
      settledOnGateway: 2,
      unreachable: 0,
      total: 8,
      pending: 0,
    })

    const merged = await run({ args: ['report', 'merge', ...pods.map(outDir)], env: {} }, ['--json'])
    expect(merged.code, merged.stderr).toBe(1)
    const m = JSON.parse(merged.stdout) as { facts: Json; verdict: string; checks: { id: string }[] }
    expect(m.verdict).toBe(oneReport.verdict)
    expect(m.facts.counts).toEqual(oneReport.facts.counts)
    expect(m.facts.nonVerified).toEqual(oneReport.facts.nonVerified)
    expect(
      (m.facts.nonVerified as Json[]).map((x) => [x.batchNumber, x.verdict, x.firstFailingCheck]),
    ).toEqual([
      ['3', 'settledOnGateway', 'zksync.batch.settledElsewhere'],
      ['4', 'settledOnGateway', 'zksync.batch.settledElsewhere'],
      ['9', 'failed', 'zksync.batch.committed'],
    ])
    expect(m.facts.cpuMs).toBeGreaterThan(0)
    expect(batchLines(pods.map(outDir))).toEqual(batchLines([outDir(single)]))

    // A shard missing, or one given twice, is refused with exit 2 and says what is wrong.
    const gap = await run({ args: ['report', 'merge', outDir(pods[0]!)], env: {} })
    expect(gap.code).toBe(2)
    expect(gap.stderr).toMatch(/missing range: 4 batch\(es\) of 2–9 .*first: 3, 5, 7, 9/)
    const overlap = await run({ args: ['report', 'merge', ...pods.map(outDir), outDir(single)], env: {} })
    expect(overlap.code).toBe(2)
    expect(overlap.stderr).toMatch(/overlapping ranges: batch \d belongs to both/)
  }, 240_000)

  it('a pod stopped by SIGTERM resumes from its journal without verifying a decided batch again', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lp-audit-kill-'))
    const p = pod(0, 1, root)
    const dir = outDir(p)
    const first = start(p)
    // Stop it as soon as its first batch is journaled (one batch in flight at a time: --jobs 1).
    await new Promise<void>((resolve, reject) => {
      const started = Date.now()
      const poll = setInterval(() => {
        const j = existsSync(join(dir, 'batches.jsonl')) ? readJournal(dir) : null
        if (j && j.batches.size >= 1) {
          clearInterval(poll)
          first.child.kill('SIGTERM')
          resolve()
        } else if (Date.now() - started > 150_000) {
          clearInterval(poll)
          reject(new Error('no batch was journaled'))
        }
      }, 25)
    })
    const stopped = await first.done
    expect(stopped.code, stopped.stderr).toBe(143)
    expect(stopped.stderr).toMatch(/SIGTERM: stopping after the batches in flight/)
    const afterStop = readJournal(dir)!
    const decided = afterStop.batches.size
    expect(decided).toBeGreaterThanOrEqual(1)
    expect(decided).toBeLessThan(TO - FROM + 1)
    expect(afterStop.summaries.at(-1)).toMatchObject({ interrupted: true, skipped: 0 })

    // A crash (SIGKILL, power loss) mid-write leaves a torn last line: it is dropped and that batch redone.
    appendFileSync(join(dir, 'batches.jsonl'), '{"type":"batch","batchNumber":"6","verd')

    const again = await run(p, ['--json'])
    expect(again.code, again.stderr).toBe(1)
    expect(again.stderr).toMatch(/dropped a torn last line \(\d+ bytes/)
    expect(again.stderr).toContain(`${decided} batch(es) already decided are skipped`)
    const report = JSON.parse(again.stdout) as { facts: Json }
    expect(report.facts.resume).toMatchObject({ skipped: decided, tornLineDropped: true })
    expect(report.facts.counts).toMatchObject({
      verified: 5,
      failed: 1,
      settledOnGateway: 2,
      total: 8,
      pending: 0,
    })
    // Every batch has exactly one line: none that was decided before the stop was verified again.
    const lines = readFileSync(join(dir, 'batches.jsonl'), 'utf8').trim().split('\n')
    const batchNumbers = lines
      .map((l) => JSON.parse(l) as { type: string; batchNumber?: string })
      .filter((l) => l.type === 'batch')
      .map((l) => l.batchNumber)
    expect([...batchNumbers].sort()).toEqual(['2', '3', '4', '5', '6', '7', '8', '9'])

    // A third run has nothing left to do: everything skipped, no endpoint needed, same answer.
    const third = await run(p, ['--json'])
    expect(third.code).toBe(1)
    expect((JSON.parse(third.stdout) as { facts: Json }).facts.resume).toMatchObject({ skipped: 8 })
  }, 240_000)
})
