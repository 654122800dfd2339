import { mkdirSync } from 'node:fs'
import { createServices, type Services } from '../main/services/createServices'
import type { EndpointOverrides } from '../main/services/endpoints'
import type { HttpLimits } from '../main/net/httpFetch'
import type { Operation } from '../main/services/operations'
import { defaultDataDir } from '../main/store/dataDir'
import { UsageError } from '../shared/errors'
import type { CommandContext, OptionSpec, OptionValues } from './command'
import { stringList, stringOption } from './command'

/** Options every online command takes (DESIGN.md §4): endpoints and trust root for this call only. */
export const ONLINE_OPTIONS: Record<string, OptionSpec> = {
  beacon: {
    type: 'string',
    multiple: true,
    help: 'URL  beacon API endpoint (repeatable; default: settings)',
  },
  'l1-rpc': { type: 'string', multiple: true, help: 'URL  L1 JSON-RPC endpoint (repeatable: cross-checked)' },
  'zksync-rpc': { type: 'string', multiple: true, help: 'URL  ZKsync Era JSON-RPC endpoint' },
  checkpoint: { type: 'string', help: 'R  trusted beacon block root to start from (default: settings)' },
  network: { type: 'string', help: 'NAME  network (default: settings, mainnet)' },
  save: { type: 'string', help: 'FILE  also write the evidence to FILE for offline re-verification' },
}

/**
 * The online options a command does not use, still accepted (and ignored) so one set of endpoint flags serves
 * every online command; --help lists them apart.
 */
export function ignoredOnlineOptions(...names: (keyof typeof ONLINE_OPTIONS)[]): Record<string, OptionSpec> {
  return Object.fromEntries(names.map((name) => [name, { ...ONLINE_OPTIONS[name]!, ignored: true as const }]))
}

/** The ZKsync commands' extra endpoint: where batches that settled on ZKsync Gateway are proven. */
export const GATEWAY_OPTION: Record<string, OptionSpec> = {
  'gateway-rpc': {
    type: 'string',
    multiple: true,
    help: 'URL  ZKsync Gateway JSON-RPC: proves batches that settled on Gateway (default: settings)',
  },
}

export function overridesFrom(values: OptionValues): EndpointOverrides {
  const list = (name: string) => {
    const v = stringList(values, name)
    return v.length > 0 ? v : undefined
  }
  return {
    beacon: list('beacon'),
    l1Rpc: list('l1-rpc'),
    zksyncRpc: list('zksync-rpc'),
    gatewayRpc: list('gateway-rpc'),
    checkpoint: stringOption(values, 'checkpoint'),
    network: stringOption(values, 'network'),
  }
}

/**
 * The clock a run trusts. LIGHTPROOF_NOW replays recorded chains at the time they were recorded (a head hours
 * behind "now" is refused as a stopped chain); like a system clock, it moves only what this run believes.
 */
export function cliClock(ctx: CommandContext): (() => Date) | undefined {
  const pinned = ctx.env.LIGHTPROOF_NOW
  if (pinned === undefined) return undefined
  const at = new Date(pinned)
  if (Number.isNaN(at.getTime())) throw new UsageError(`LIGHTPROOF_NOW must be an ISO time, not '${pinned}'`)
  ctx.progress(`the clock is set to ${at.toISOString()} by LIGHTPROOF_NOW`)
  return () => new Date(at)
}

/** LIGHTPROOF_TIMEOUT_MS shortens (or lengthens) the deadline of every endpoint request of this run. */
export function cliLimits(ctx: CommandContext): Partial<HttpLimits> {
  const raw = ctx.env.LIGHTPROOF_TIMEOUT_MS
  if (raw === undefined) return {}
  const ms = Number(raw)
  if (!Number.isInteger(ms) || ms < 100 || ms > 600_000) {
    throw new UsageError(
      `LIGHTPROOF_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000, not '${raw}'`,
    )
  }
  return { timeoutMs: ms, backoffMs: Math.min(250, ms / 4) }
}

/** The services a CLI run uses: the same ones as the app, over the same data directory. */
export async function cliServices(ctx: CommandContext): Promise<Services> {
  const dataDir = defaultDataDir(ctx.env)
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  return createServices({ dataDir, host: 'browser', now: cliClock(ctx), limits: cliLimits(ctx) })
}

/** A long operation whose progress goes to stderr, so stdout stays one JSON document under --json. */
export function cliOperation(services: Services, ctx: CommandContext, label: string): Operation {
  let lastLine = ''
  return services.context.operations.start('cli', label, (p) => {
    // A failure ends the operation and is then thrown: runCli prints it once, as the error.
    if (p.failed) return
    const line = p.total ? `${label}: ${p.message} (${p.done}/${p.total})` : `${label}: ${p.message}`
    if (line !== lastLine) ctx.progress(line)
    lastLine = line
  })
}
