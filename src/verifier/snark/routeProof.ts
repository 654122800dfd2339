import type { ProofSystem } from './verificationKey'
import { PLONK_PROOF_WORDS } from './verifyPlonkProof'
import { FFLONK_PROOF_WORDS } from './verifyFflonkProof'

/**
 * DualVerifier routing (EC main `state-transition/verifiers/DualVerifier.sol`, zksync.md §2.2): from v27 the
 * proof array is `[verifierType, ...proofWords]`, type 0 = FFLONK (24 words), 1 = PLONK (44 words); anything
 * else reverts with UnknownVerifierType. A table, so a new type (e.g. Airbender's 2 on the experimental branch)
 * is one row once its verifier is known.
 */
export const VERIFIER_TYPES: readonly { type: bigint; system: ProofSystem; words: number }[] = [
  { type: 0n, system: 'fflonk', words: FFLONK_PROOF_WORDS },
  { type: 1n, system: 'plonk', words: PLONK_PROOF_WORDS },
]

/**
 * How the proof words are laid out:
 *  - `dual`: proof[0] is the DualVerifier type;
 *  - `bare`: the words go straight to one verifier (≤ v26 `Verifier.verify`, or after DualVerifier stripped the
 *    type), and the system is the key's;
 *  - `auto`: `bare` when the length is the key's own proof length (so a bare proof whose first point was
 *    zeroed is still judged as a proof, not as a type tag); otherwise `dual` when proof[0] < 2^32, else `bare`.
 *    A real proof's first word is a curve x-coordinate, below 2^32 with probability ≈ 2^-222, so a small first
 *    word on a proof of another length can only be a type tag.
 */
export type ProofLayout = 'auto' | 'bare' | 'dual'

export type RoutedProof =
  | { ok: true; system: ProofSystem; verifierType?: bigint; words: readonly bigint[] }
  | { ok: false; unsupportedType?: bigint; reason: string }

export function routeProof(
  words: readonly bigint[],
  layout: ProofLayout,
  keySystem: ProofSystem,
): RoutedProof {
  if (words.length === 0) return { ok: false, reason: 'empty proof (DualVerifier: EmptyProofLength)' }
  const bareLength = VERIFIER_TYPES.find((t) => t.system === keySystem)!.words
  const dual =
    layout === 'dual' || (layout === 'auto' && words.length !== bareLength && words[0]! < 1n << 32n)
  if (!dual) return { ok: true, system: keySystem, words }
  const type = words[0]!
  const row = VERIFIER_TYPES.find((t) => t.type === type)
  if (!row) return { ok: false, unsupportedType: type, reason: `unsupported verifier type ${type}` }
  return { ok: true, system: row.system, verifierType: type, words: words.slice(1) }
}
