import { parseArgs } from 'node:util'
import { classifyFailure } from '../main/services/diagnostics/classifyFailure'
import { EndpointError, errorMessage, LightproofError, UsageError } from '../shared/errors'
import type { Report } from '../verifier/report'
import type { CommandContext, CommandEntry, CommandSpec } from './command'
import { COMMANDS } from './commands'
import { readBoundedFile } from './io'
import { suggestCommand } from './suggestCommand'

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

/** The words begin with `prefix` (`verify l1-proof …` begins with `verify`). */
const beginsWith = (words: readonly string[], prefix: readonly string[]) =>
  words.length >= prefix.length && prefix.every((w, i) => words[i] === w)

export function findCommand(argv: string[]): { entry: CommandEntry; rest: string[] } | undefined {
  let best: { entry: CommandEntry; rest: string[] } | undefined
  for (const entry of COMMANDS) {
    if (beginsWith(argv, entry.path) && (!best || entry.path.length > best.entry.path.length))
      best = { entry, rest: argv.slice(entry.path.length) }
  }
  return best
}

/** One line per command, its words padded to a column, then its summary. */
function commandRows(entries: readonly CommandEntry[], minWidth = 0): string[] {
  const width = Math.max(...entries.map((c) => c.path.join(' ').length), minWidth)
  return entries.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`)
}

export function helpText(): string {
  const lines = [
    'lightproof — verify Ethereum L1 and ZKsync Era state without running a node',
    '',
    'usage: lightproof <command> [options] [--json]',
    '',
    'commands:',
    ...commandRows(COMMANDS, 10),
    '',
    'global options:',
    '  --json    print exactly one JSON report on stdout',
    '  --help    show help (also: lightproof <command> --help)',
    '',
    'exit status: 0 verified, 1 failed or incomplete, 2 bad input or usage, 3 endpoint unreachable or timed out',
  ]
  return lines.join('\n')
}

export function commandHelp(entry: CommandEntry, spec: CommandSpec): string {
  const words = entry.path.join(' ')
  const lines = [`usage: lightproof ${words} ${spec.usage} [--json]`, '', entry.summary, '']
  const entries = Object.entries(spec.options).filter(([, opt]) => !opt.ignored)
  if (entries.length > 0) {
    lines.push('options:')
    const width = Math.max(...entries.map(([name]) => name.length)) + 2
    for (const [name, opt] of entries) lines.push(`  --${name.padEnd(width)} ${opt.help}`)
  }
  const ignored = Object.entries(spec.options).filter(([, opt]) => opt.ignored)
  if (ignored.length > 0)
    lines.push(
      '',
      `also accepted and ignored, so one set of endpoint flags serves every command: ${ignored.map(([n]) => `--${n}`).join(', ')}`,
    )
  // A command whose words begin others (`verify`): name them, so its help leads to theirs.
  const sub = COMMANDS.filter((c) => c.path.length > entry.path.length && beginsWith(c.path, entry.path))
  if (sub.length > 0) lines.push('', 'related commands:', ...commandRows(sub))
  return lines.join('\n')
}

/** The exit status of an error: usage and input 2, endpoint 3, anything else 1. */
function exitForError(err: unknown): number {
  if (err instanceof LightproofError) {
    if (err.kind === 'endpoint') return EXIT.endpoint
    if (err.kind === 'usage' || err.kind === 'input') return EXIT.usage
  }
  return EXIT.failed
}

/**
 * Reports an error: a line on stderr, and under --json also one JSON object on stdout, so a script that reads
 * stdout always gets one document.
 */
function reportError(io: CliIo, json: boolean, err: unknown): number {
  const exit = exitForError(err)
  const known = err instanceof LightproofError
  const message = known ? err.message : `internal error: ${errorMessage(err)}`
  // An endpoint failure says what to do about it (offline, refused, rate limited, pruned, wrong chain…).
  const classified = err instanceof EndpointError ? classifyFailure(err) : undefined
  io.stderr(`lightproof: ${message}\n${classified ? `  next step: ${classified.nextStep}\n` : ''}`)
  if (json) {
    const error = {
      kind: known ? err.kind : 'internal',
      code: known ? err.code : 'internal',
      message,
      ...(classified ? { class: classified.class, nextStep: classified.nextStep } : {}),
    }
    io.stdout(JSON.stringify({ error, exit }) + '\n')
  }
  return exit
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
    const guess = suggestCommand(args, COMMANDS)
    return reportError(
      io,
      json,
      new UsageError(
        `unknown command '${args.join(' ')}'.${guess ? ` Did you mean 'lightproof ${guess}'?` : ''} Run 'lightproof --help' for the list.`,
        'usage.unknown-command',
      ),
    )
  }
  const { entry, rest } = found
  const words = entry.path.join(' ')
  try {
    const spec = await entry.load()
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(commandHelp(entry, spec) + '\n')
      return EXIT.verified
    }
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
      throw new UsageError(`${words}: ${errorMessage(err)}`)
    }
    const range = spec.positionals ?? { min: 0, max: 0 }
    if (parsed.positionals.length < range.min || parsed.positionals.length > range.max) {
      throw new UsageError(
        `${words}: expected ${range.min === range.max ? range.min : `${range.min}–${range.max}`} argument(s)` +
          `${range.names ? ` (${range.names})` : ''}, got ${parsed.positionals.length}. Usage: lightproof ${words} ${spec.usage}`,
      )
    }
    // Loaded only now: a usage error never waits for the verifier. The primitives' backends are chosen once
    // (hash-wasm/mcl-wasm, or noble where they cannot load or are refused).
    const [{ cryptoPreference, initBackends }, { stringifyJson }, { renderReport }] = await Promise.all([
      import('../verifier/kinds/initBackends'),
      import('../verifier/encoding/json'),
      import('./render'),
    ])
    await initBackends({ prefer: cryptoPreference(io.env.LIGHTPROOF_CRYPTO) })
    const ctx: CommandContext = {
      readInput: (path, maxBytes) => readBoundedFile(path, maxBytes),
      progress: (line) => io.stderr(line + '\n'),
      env: io.env,
      json,
      ...(io.stderrIsTTY && !json ? { terminal: (text: string) => io.stderr(text) } : {}),
    }
    const report = await spec.run({ values: parsed.values, positionals: parsed.positionals }, ctx)
    io.stdout((json ? stringifyJson(report) : renderReport(report)) + '\n')
    return spec.exitCode?.(report) ?? exitCodeFor(report)
  } catch (err) {
    return reportError(io, json, err)
  }
}
