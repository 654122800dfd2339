import { z } from 'zod'
import { InputError } from '../../shared/errors'
import { hexToBytes } from '../encoding/hex'
import type { LosslessJson } from '../encoding/json'
import { unwrapJsonRpc } from '../encoding/rpc'

/**
 * The boundary for an EIP-7864 (draft) single-key binary-tree proof file. No standard format exists
 * (research/verkle.md §5.2), so Lightproof reads the plainest carrier of what `@ethereumjs/binarytree`'s
 * `createBinaryProof(key)` returns:
 *
 *   { "format"?: "eip7864-binary-proof", "key": "0x<32 bytes>", "proof": ["0x<serialised node>", …],
 *     "root"?: "0x<32 bytes>", "value"?: "0x<32 bytes>" | null }
 *
 * `root` and `value` are what the file claims: the root is never used as a trust root, and a claimed value
 * is compared with the proven one.
 */
export const BINARY_PROOF_FORMAT = 'eip7864-binary-proof'

/** A path has at most 248 internal nodes above a stem node; a stem node is at most 256 × 33 + 40 bytes. */
export const BINARY_PROOF_LIMITS = { maxNodes: 249, maxNodeBytes: 9000 } as const

export interface BinaryProofFile {
  key: Uint8Array
  proof: Uint8Array[]
  claimedRoot?: Uint8Array
  /** undefined: no claim; null: claimed absent. */
  claimedValue?: Uint8Array | null
}

const hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected 32 bytes of 0x-hex')
const node = z
  .string()
  .regex(/^0x(?:[0-9a-fA-F]{2})+$/, 'expected non-empty 0x-hex with an even number of digits')
  .max(2 + 2 * BINARY_PROOF_LIMITS.maxNodeBytes, `node longer than ${BINARY_PROOF_LIMITS.maxNodeBytes} bytes`)

const schema = z.object({
  format: z.literal(BINARY_PROOF_FORMAT).optional(),
  key: hex32,
  proof: z.array(node).max(BINARY_PROOF_LIMITS.maxNodes),
  root: hex32.optional(),
  value: hex32.nullable().optional(),
})

export function parseBinaryProofFile(json: LosslessJson): BinaryProofFile {
  const parsed = schema.safeParse(unwrapJsonRpc(json))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(top level)'
    throw new InputError(
      `binary-tree proof: ${where}: ${issue?.message ?? 'invalid'}`,
      'input.binary-tree-proof',
    )
  }
  const p = parsed.data
  return {
    key: hexToBytes(p.key, 'key', 32),
    proof: p.proof.map((n, i) => hexToBytes(n, `proof.${i}`)),
    ...(p.root !== undefined ? { claimedRoot: hexToBytes(p.root, 'root', 32) } : {}),
    ...(p.value !== undefined
      ? { claimedValue: p.value === null ? null : hexToBytes(p.value, 'value', 32) }
      : {}),
  }
}
