import { UsageError } from '../shared/errors'
import { parseJsonBytes, type LosslessJson } from '../verifier/encoding/json'
import { hexToBytes } from '../verifier/encoding/hex'
import type { CommandContext, OptionValues } from './command'
import { stringOption } from './command'

/** A required option, or a usage error naming it. */
export function requireOption(values: OptionValues, name: string, command: string): string {
  const v = stringOption(values, name)
  if (v === undefined || v === '') throw new UsageError(`${command}: --${name} is required`)
  return v
}

/** A 32-byte root given on the command line (state root, checkpoint, tree root). */
export function rootOption(values: OptionValues, name: string, command: string): Uint8Array {
  const raw = requireOption(values, name, command)
  try {
    return hexToBytes(raw, `--${name}`, 32)
  } catch (err) {
    throw new UsageError(`${command}: ${(err as Error).message}`)
  }
}

export async function readJsonFile(ctx: CommandContext, path: string): Promise<LosslessJson> {
  const bytes = await ctx.readInput(path)
  return parseJsonBytes(bytes)
}
