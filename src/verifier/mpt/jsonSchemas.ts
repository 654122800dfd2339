import { z } from 'zod'
import { InputError } from '../../shared/errors'
import { hexToBytes, parseQuantity } from '../encoding/hex'

/**
 * zod building blocks shared by the L1 JSON-RPC parse modules (eth_getProof, eth_getBlockByNumber,
 * eth_getBlockReceipts). They validate shape and bound sizes; the conversion to bytes and bigints follows in
 * each parse module so that every field is checked before any is used.
 */
const HEX = /^0x(?:[0-9a-fA-F]{2})*$/

/** 0x-hex with an even number of digits, at most `maxBytes` (or exactly `length`) bytes. */
export function hexData(opts: { length?: number; maxBytes?: number } = {}) {
  return z.string().check((ctx) => {
    const v = ctx.value
    let problem: string | undefined
    if (!HEX.test(v)) problem = 'expected 0x-hex with an even number of digits'
    else if (opts.length !== undefined && v.length !== 2 + 2 * opts.length) {
      problem = `expected ${opts.length} bytes, got ${(v.length - 2) / 2}`
    } else if (opts.maxBytes !== undefined && v.length > 2 + 2 * opts.maxBytes) {
      problem = `more than ${opts.maxBytes} bytes`
    }
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: v })
  })
}

/** A JSON-RPC QUANTITY of at most 256 bits (0x-hex without padding rules, or a decimal integer). */
export const quantity = z.union([z.string(), z.number(), z.bigint()]).check((ctx) => {
  try {
    parseQuantity(ctx.value)
  } catch (err) {
    ctx.issues.push({ code: 'custom', message: (err as Error).message, input: ctx.value })
  }
})

export function toBytes(value: string): Uint8Array {
  return hexToBytes(value)
}

export function toQuantity(value: string | number | bigint): bigint {
  return parseQuantity(value)
}

/** Runs a zod schema and turns its issues into one InputError naming the failing path. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string, code: string): T {
  const result = schema.safeParse(value)
  if (!result.success) {
    const issue = result.error.issues[0]
    const at = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
    throw new InputError(`${what}${at}: ${issue?.message ?? 'invalid'}`, code)
  }
  return result.data
}
