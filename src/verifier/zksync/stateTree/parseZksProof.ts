import { z } from 'zod'
import { InputError } from '../../../shared/errors'
import { hexToBytes, parseQuantity } from '../../encoding/hex'
import type { LosslessJson } from '../../encoding/json'
import { unwrapJsonRpc } from '../../encoding/rpc'
import type { ZksProof } from './types'

/**
 * The boundary for `zks_getProof` answers (zksync-era `core/lib/types/src/api/mod.rs`, camelCase:
 * `{ address, storageProof: [{ key, proof: [H256], value: H256, index: u64 }] }`). Everything here is untrusted:
 * shapes and lengths are enforced, sizes are bounded, and semantic checks (proof length ≤ 256, index 0 ⇒ value 0)
 * are left to the verifier so that they appear as failed checks rather than as input errors.
 */

/** More storage keys than any endpoint serves in one call; bounds the work an input file can demand. */
export const MAX_STORAGE_ENTRIES = 1024
/** Twice the tree depth: long enough that an overlong proof reaches the verifier's length check. */
export const MAX_PROOF_SIBLINGS = 512

const hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected 32 bytes of 0x-hex')
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 20-byte 0x-hex address')
// ZE serializes the u64 index as a JSON number; a lossless parse turns numbers above 2^53 into bigints.
// A 0x-quantity string is accepted as well, as some proxies re-encode integers.
const index = z.union([
  z.number().int().nonnegative(),
  z.bigint().nonnegative(),
  z.string().regex(/^0x[0-9a-fA-F]{1,16}$/, 'expected a u64 quantity'),
])

const storageProofSchema = z.object({
  key: hex32,
  value: hex32,
  index,
  proof: z.array(hex32).max(MAX_PROOF_SIBLINGS),
})

const zksProofSchema = z.object({
  address,
  storageProof: z.array(storageProofSchema).max(MAX_STORAGE_ENTRIES),
})

/** Parses a bare `zks_getProof` result into domain bytes; throws InputError naming the bad field. */
export function parseZksProof(value: LosslessJson): ZksProof {
  if (value === null) {
    throw new InputError(
      'zks_getProof returned null: the batch is not in the tree yet (ask for an older batch)',
      'input.zks-proof.null',
    )
  }
  const parsed = zksProofSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'result'
    throw new InputError(
      `zks_getProof result: ${where}: ${issue?.message ?? 'invalid'}`,
      'input.zks-proof.shape',
    )
  }
  const r = parsed.data
  return {
    address: hexToBytes(r.address, 'address', 20),
    storageProof: r.storageProof.map((e, i) => {
      const idx = parseQuantity(e.index, `storageProof.${i}.index`)
      if (idx >= 1n << 64n) throw new InputError(`storageProof.${i}.index: does not fit in a u64`)
      return {
        key: hexToBytes(e.key, `storageProof.${i}.key`, 32),
        value: hexToBytes(e.value, `storageProof.${i}.value`, 32),
        index: idx,
        proof: e.proof.map((s, j) => hexToBytes(s, `storageProof.${i}.proof.${j}`, 32)),
      }
    }),
  }
}

/** A proof file as the CLI accepts it: the bare result or a whole JSON-RPC response. */
export function parseZksProofFile(value: LosslessJson): ZksProof {
  return parseZksProof(unwrapJsonRpc(value))
}
