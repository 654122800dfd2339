import type { ProofSystem } from './verificationKey'
import { PLONK_PROOF_WORDS } from './verifyPlonkProof'
import { FFLONK_PROOF_WORDS } from './verifyFflonkProof'

/**
 * The proof envelopes Era's L1 verifiers take, as one table keyed by the type word (zksync.md §2.2): from v27
 * the DualVerifier takes `[verifierType, ...proofWords]`, type 0 = Boojum FFLONK (24 words), 1 = Boojum PLONK
 * (44 words), anything else reverts with UnknownVerifierType; from v33 Era submits the fixed-length envelope
 * `[type = 4, Boojum FFLONK (24 words), Airbender PLONK (44 words)]` and both proofs must verify, each with its
 * own key and public input (EC PR #2451, #2505; research next-wave.md §0.1). A new type is a row.
 */
export interface ProofLane {
  prover: 'Boojum' | 'Airbender'
  system: ProofSystem
  words: number
}
export interface ProofEnvelope {
  type: bigint
  lanes: readonly [ProofLane, ...ProofLane[]]
  firstProtocolVersion: number
  source: string
}

const BOOJUM_FFLONK: ProofLane = { prover: 'Boojum', system: 'fflonk', words: FFLONK_PROOF_WORDS }
const BOOJUM_PLONK: ProofLane = { prover: 'Boojum', system: 'plonk', words: PLONK_PROOF_WORDS }
const AIRBENDER_PLONK: ProofLane = { prover: 'Airbender', system: 'plonk', words: PLONK_PROOF_WORDS }

export const PROOF_ENVELOPES: readonly ProofEnvelope[] = [
  {
    type: 0n,
    lanes: [BOOJUM_FFLONK],
    firstProtocolVersion: 27,
    source: 'EC release-v27 DualVerifier.sol (FFLONK_VERIFICATION_TYPE = 0)',
  },
  {
    type: 1n,
    lanes: [BOOJUM_PLONK],
    firstProtocolVersion: 27,
    source: 'EC release-v27 DualVerifier.sol (PLONK_VERIFICATION_TYPE = 1)',
  },
  {
    type: 4n,
    lanes: [BOOJUM_FFLONK, AIRBENDER_PLONK],
    firstProtocolVersion: 33,
    source: 'EC PR #2505 / #2451 (v33): fixed-length [type = 4, Boojum FFLONK (24), Airbender PLONK (44)]',
  },
]

/** The single-lane rows, for callers that only need type → system (0 FFLONK, 1 PLONK). */
export const VERIFIER_TYPES: readonly { type: bigint; system: ProofSystem; words: number }[] =
  PROOF_ENVELOPES.filter((e) => e.lanes.length === 1).map((e) => ({
    type: e.type,
    system: e.lanes[0].system,
    words: e.lanes[0].words,
  }))

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
  | {
      ok: true
      /** The first (Boojum) lane: its system and words, checked against the caller's key of that system. */
      system: ProofSystem
      verifierType?: bigint
      words: readonly bigint[]
      /** A multi-proof envelope's Airbender lane (type 4): PLONK words checked with the Airbender key. */
      airbender?: readonly bigint[]
    }
  | { ok: false; unsupportedType?: bigint; reason: string }

export function routeProof(
  words: readonly bigint[],
  layout: ProofLayout,
  keySystem: ProofSystem,
): RoutedProof {
  if (words.length === 0) return { ok: false, reason: 'empty proof (DualVerifier: EmptyProofLength)' }
  const bareLength = keySystem === 'plonk' ? PLONK_PROOF_WORDS : FFLONK_PROOF_WORDS
  const dual =
    layout === 'dual' || (layout === 'auto' && words.length !== bareLength && words[0]! < 1n << 32n)
  if (!dual) return { ok: true, system: keySystem, words }
  const type = words[0]!
  const envelope = PROOF_ENVELOPES.find((t) => t.type === type)
  if (!envelope) return { ok: false, unsupportedType: type, reason: `unsupported verifier type ${type}` }
  const [first, ...rest] = envelope.lanes
  if (rest.length === 0) return { ok: true, system: first.system, verifierType: type, words: words.slice(1) }
  // A multi-proof envelope has a fixed length: every lane's words, nothing more, nothing less.
  const expected = 1 + envelope.lanes.reduce((n, l) => n + l.words, 0)
  if (words.length !== expected)
    return {
      ok: false,
      reason:
        `type ${type} envelope has ${words.length} words, expected ${expected} (1 type word + ` +
        envelope.lanes.map((l) => `${l.words} ${l.prover} ${l.system.toUpperCase()}`).join(' + ') +
        ')',
    }
  const second = rest[0]!
  return {
    ok: true,
    system: first.system,
    verifierType: type,
    words: words.slice(1, 1 + first.words),
    airbender: words.slice(1 + first.words, 1 + first.words + second.words),
  }
}
