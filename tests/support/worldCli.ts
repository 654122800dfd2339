import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunningWorld } from '../../devnet/world'
import { runCli } from '../../src/cli/main'
import type { Report } from '../../src/verifier/report'

export interface WorldCliRun {
  code: number
  /** The report on stdout; null when the command made none (under --json it then prints an error object). */
  report: Report | null
  stderr: string
}

/**
 * `lightproof … --json` in-process against a running test world: online commands get the world's beacon, L1 and
 * ZKsync endpoints, checkpoint and network; each run a fresh data directory unless one is given.
 */
export function worldCli(world: () => RunningWorld, dataDirPrefix: string) {
  return async (
    args: string[],
    options: { online?: boolean; dataDir?: string } = {},
  ): Promise<WorldCliRun> => {
    const online = options.online ?? true
    let stdout = ''
    let stderr = ''
    const i = world().info
    const endpoints = online
      ? [
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
        ]
      : []
    const code = await runCli([...args, ...endpoints, '--json'], {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      env: { LIGHTPROOF_DATA_DIR: options.dataDir ?? mkdtempSync(join(tmpdir(), dataDirPrefix)) },
    })
    const json = stdout ? (JSON.parse(stdout) as Report | { error: unknown }) : null
    return { code, report: json && 'verdict' in json ? json : null, stderr }
  }
}

/** The required checks of a report that did not pass, as `id:status`. */
export const failingChecks = (r: Report | null): string[] =>
  (r?.checks ?? []).filter((c) => c.required && c.status !== 'pass').map((c) => `${c.id}:${c.status}`)
