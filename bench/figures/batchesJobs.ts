import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../../src/cli/main'
import { startWorld } from '../../devnet/world'
import type { Figure } from '../figure'

/**
 * `lightproof zksync batches --from 1 --to 4 --jobs 2` against the local test world (four batches on
 * 127.0.0.1, fetched in this thread, verified in worker threads), against the same command at --jobs 1. The
 * goal is a rate ≥ 1.8× the one-worker rate, i.e. `ratio` (time at 2 ÷ time at 1) ≤ 0.556; the floor is the
 * ideal, half the one-worker time. Each run starts its own workers, as the CLI does, so their start-up is in
 * both sides (from source a worker starts through tsx, which costs more than the built out/main/worker.js).
 */
export const batchesJobsFigure: Figure = {
  id: 'batches-jobs2',
  what: '`zksync batches --from 1 --to 4 --jobs 2` against the local test world, whole command',
  unit: 'ms',
  baseline: 'the same command at --jobs 1',
  floor: 'half the --jobs 1 time (perfect scaling on two workers)',
  goal: 'ratio <= 0.556',
  async setup() {
    const world = await startWorld({ seed: 'bench-batches' })
    const endpoints = [
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
    const dir = mkdtempSync(join(tmpdir(), 'lp-bench-batches-'))
    const run = async (jobs: number) => {
      const code = await runCli(
        ['zksync', 'batches', '--from', '1', '--to', '4', '--jobs', String(jobs), ...endpoints],
        { stdout: () => {}, stderr: () => {}, env: { LIGHTPROOF_DATA_DIR: dir } },
      )
      if (code !== 0) throw new Error(`batches-jobs2 bench: the range did not verify at --jobs ${jobs}`)
    }
    await run(1)
    return {
      teardown: () => world.close(),
      repetitions: 5,
      floorScale: 0.5,
      backends: { ours: '2 verify worker threads', baseline: '1 verify worker thread', floor: '(derived)' },
      ours: () => run(2),
      baseline: () => run(1),
    }
  },
}
