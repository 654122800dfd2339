import { parseArgs } from 'node:util'
import { errorMessage, LightproofError, UsageError } from '../shared/errors'
import { cryptoPreference, initBackends } from '../verifier/kinds/initBackends'
import { stringifyJson } from '../verifier/encoding/json'
import type { Report } from '../verifier/report'
import type { CommandContext, CommandSpec } from './command'
import { COMMANDS } from './commands'
import { readBoundedFile } from './io'
import { renderReport } from './render'

/** Exit statuses of DESIGN.md §4. `incomplete` is not verified, so it shares status 1 with `failed`. */
export const EXIT = { verified: 0, failed: 1, usage: 2, endpoint: 3 } as const

export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  env: NodeJS.ProcessEnv
  /** stderr is a terminal (progress lines may be redrawn in place). */
  stderrIsTTY?: boolean
}

export function exitCodeFor(report: Report): number {
  return report.verdict === 'verified' ? EXIT.verified : EXIT.failed
}

export function findCommand(argv: string[]): { spec: CommandSpec; rest: string[] } | undefined {
  let best: { spec: CommandSpec; rest: string[] } | undefined
  for (const spec of COMMANDS) {
    const n = spec.path.length
    if (argv.length >= n && spec.path.every((w, i) => argv[i] === w)) {
      if (!best || n > best.spec.path.length) best = { spec, rest: argv.slice(n) }
    }
  }
  return best
}

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(' ').length), 10)
  const lines = [
    'lightproof — verify Ethereum L1 and ZKsync Era state without running a node',
    '',
    'usage: lightproof <command> [options] [--json]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'global options:',
    '  --json    print exactly one JSON report on stdout',
    '  --help    show help (also: lightproof <command> --help)',
    '',
    'exit status: 0 verified, 1 failed or incomplete, 2 bad input or usage, 3 endpoint unreachable or timed out',
  ]
  return lines.join('\n')
}

export function commandHelp(spec: CommandSpec): string {
  const lines = [`usage: lightproof ${spec.path.join(' ')} ${spec.usage} [--json]`, '', spec.summary, '']
  const entries = Object.entries(spec.options)
  if (entries.length > 0) {
    lines.push('options:')
    const width = Math.max(...entries.map(([name]) => name.length)) + 2
    for (const [name, opt] of entries) lines.push(`  --${name.padEnd(width)} ${opt.help}`)
  }
  return lines.join('\n')
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json')
  const args = argv.filter((a) => a !== '--json')
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.stdout(helpText() + '\n')
    return args.length === 0 ? EXIT.usage : EXIT.verified
  }
  if (args[0] === '--version') {
    io.stdout('lightproof 0.1.0\n')
    return EXIT.verified
  }
  const found = findCommand(args)
  if (!found) {
    io.stderr(`lightproof: unknown command '${args.join(' ')}'. Run 'lightproof --help' for the list.\n`)
    return EXIT.usage
  }
  const { spec, rest } = found
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(spec) + '\n')
    return EXIT.verified
  }
  // The primitives' backends, chosen once (hash-wasm/mcl-wasm, or noble where they cannot load or are refused).
  await initBackends({ prefer: cryptoPreference(io.env.LIGHTPROOF_CRYPTO) })
  const ctx: CommandContext = {
    readInput: (path, maxBytes) => readBoundedFile(path, maxBytes),
    progress: (line) => io.stderr(line + '\n'),
    env: io.env,
    json,
    ...(io.stderrIsTTY && !json ? { terminal: (text: string) => io.stderr(text) } : {}),
  }
  try {
    let parsed
    try {
      parsed = parseArgs({
        args: rest,
        options: Object.fromEntries(
          Object.entries(spec.options).map(([name, o]) => [
            name,
            { type: o.type, multiple: o.multiple ?? false, ...(o.short ? { short: o.short } : {}) },
          ]),
        ),
        allowPositionals: true,
        strict: true,
      })
    } catch (err) {
      throw new UsageError(`${spec.path.join(' ')}: ${errorMessage(err)}`)
    }
    const range = spec.positionals ?? { min: 0, max: 0 }
    if (parsed.positionals.length < range.min || parsed.positionals.length > range.max) {
      throw new UsageError(
        `${spec.path.join(' ')}: expected ${range.min === range.max ? range.min : `${range.min}–${range.max}`} argument(s)` +
          `${range.names ? ` (${range.names})` : ''}, got ${parsed.positionals.length}. Usage: lightproof ${spec.path.join(' ')} ${spec.usage}`,
      )
    }
    const report = await spec.run({ values: parsed.values, positionals: parsed.positionals }, ctx)
    io.stdout((json ? stringifyJson(report) : renderReport(report)) + '\n')
    return spec.exitCode?.(report) ?? exitCodeFor(report)
  } catch (err) {
    if (err instanceof LightproofError) {
      io.stderr(`lightproof: ${err.message}\n`)
      if (err.kind === 'endpoint') return EXIT.endpoint
      if (err.kind === 'usage' || err.kind === 'input') return EXIT.usage
    } else {
      io.stderr(`lightproof: internal error: ${errorMessage(err)}\n`)
    }
    return EXIT.failed
  }
}
