import { AbiCoder } from 'ethers'
import { InputError } from '../../shared/errors'
import { bytesToHex, hexToBytes } from './hex'

/**
 * Solidity ABI encoding through one strict decoder, for every calldata codec (commit, prove, execute) and the
 * test world that builds them.
 */
const coder = AbiCoder.defaultAbiCoder()

/** Decoded ABI values as plain nested arrays: ints are bigint, bytes are 0x-hex, addresses checksummed. */
export type AbiValues = unknown[]

/**
 * Decodes `data` as the ABI `types`, refusing anything not decodable as an InputError that names `what`, and
 * says whether re-encoding the values gives back exactly `data` (no dirty padding, trailing bytes or odd
 * offsets: otherwise the values shown may differ from what a contract read).
 */
export function decodeStrict(
  types: readonly string[],
  data: Uint8Array,
  what: string,
): { values: AbiValues; canonical: boolean } {
  let values: AbiValues
  try {
    // ethers defers some decoding errors until an element is read; a deep copy surfaces them here, as input errors.
    values = coder.decode(types, data).toArray(true)
  } catch (err) {
    throw new InputError(`${what}: not ABI-decodable as (${types.join(', ')}): ${shortError(err)}`)
  }
  let canonical: boolean
  try {
    canonical = coder.encode(types, values) === bytesToHex(data)
  } catch {
    canonical = false
  }
  return { values, canonical }
}

/** `abi.encode(values…)` as the ABI `types`. */
export function encodeAbi(types: readonly string[], values: readonly unknown[]): Uint8Array {
  return hexToBytes(coder.encode(types, values), 'abi')
}

function shortError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err)
  return msg.split('(')[0]!.trim().slice(0, 160)
}
