import type { Report } from '../verifier/report'

/** One `lightproof` subcommand. Options follow node:util parseArgs; `run` returns the report it printed. */
export interface OptionSpec {
  type: 'string' | 'boolean'
  multiple?: boolean
  short?: string
  /** One line for --help, e.g. `F  eth_getProof result or JSON-RPC response`. */
  help: string
  /**
   * Accepted and ignored: an endpoint flag this command does not use, taken so that one set of endpoint flags
   * serves every online command. --help names it apart, never as one of the command's options.
   */
  ignored?: true
}

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>

export interface CommandInput {
  values: OptionValues
  positionals: string[]
}

export interface CommandContext {
  /** Reads a file (or `-` for stdin) with a size bound; throws InputError when missing or too large. */
  readInput(path: string, maxBytes?: number): Promise<Uint8Array>
  /** Progress and warnings go to stderr so stdout stays one JSON document under --json. */
  progress(line: string): void
  /** Environment for settings and data directory lookups (injected for tests). */
  env: NodeJS.ProcessEnv
  /** Under --json long commands print no progress: stdout holds the report, stderr only warnings. */
  json?: boolean
  /** Set when stderr is a terminal: writes as is (no newline), for a progress line redrawn in place. */
  terminal?: (text: string) => void
}

/** A command as the catalogue (commands/index.ts) lists it: known without loading its code. */
export interface CommandEntry {
  /** Words after `lightproof`, e.g. `['zksync', 'batch']`. */
  path: string[]
  summary: string
  load(): Promise<CommandSpec>
}

/** A command's code: its options and what it runs (its words and summary are its CommandEntry's). */
export interface CommandSpec {
  /** Arguments as shown in help after the command words, e.g. `--proof F --state-root R`. */
  usage: string
  options: Record<string, OptionSpec>
  /** How many positional arguments the command takes. */
  positionals?: { min: number; max: number; names?: string }
  run(input: CommandInput, ctx: CommandContext): Promise<Report>
  /**
   * The exit status for the report, when it is not the verdict's (0 verified, 1 otherwise): a range audit
   * whose batches are still unreachable exits 3, so a scheduler runs it again.
   */
  exitCode?(report: Report): number | undefined
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name]
  const last = Array.isArray(v) ? v[v.length - 1] : v
  return typeof last === 'string' ? last : undefined
}

export function stringList(values: OptionValues, name: string): string[] {
  const v = values[name]
  const all = Array.isArray(v) ? v : [v]
  return all.filter((x): x is string => typeof x === 'string')
}
