import { InputError } from '../../shared/errors'
import type { LosslessJson } from '../encoding/json'
import { parseWord } from './parseVerificationKey'

/**
 * Longest proof any supported layout uses: the v33 envelope, 1 type word + 24 FFLONK + 44 PLONK words
 * (routeProof.ts); 128 leaves room and still bounds hostile input.
 */
export const MAX_PROOF_WORDS = 128

/**
 * A proof as 32-byte words: a JSON array of 0x-hex (or decimal) words, or an object holding such an array under
 * `proof` or `serializedProof` (the names in era-contracts tests and in `ProofInput`). Words are not reduced or
 * range-checked against q or r here: the verifier does that and reports every non-canonical word.
 */
export function parseSnarkProof(json: LosslessJson): bigint[] {
  let words: LosslessJson = json
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    words = json.proof ?? json.serializedProof ?? null
  }
  if (!Array.isArray(words)) {
    throw new InputError('proof: expected a JSON array of 32-byte words (or an object with a "proof" array)')
  }
  if (words.length > MAX_PROOF_WORDS) {
    throw new InputError(
      `proof: ${words.length} words is more than any ZKsync verifier takes (${MAX_PROOF_WORDS})`,
    )
  }
  return words.map((w, i) => parseWord(w, `proof word ${i}`))
}

/** The public input: one 32-byte word as 0x-hex (up to 64 digits) or decimal. */
export function parsePublicInput(value: unknown): bigint {
  return parseWord(value, 'public input')
}
