import { bigintToBytes32, bytesToHex } from '../encoding/hex'
import { ReportBuilder, type Report } from '../report'
import { FR_MASK, R_MOD } from './bn254'
import { knownVerificationKey, UNLISTED_KEY_NAME } from './knownVerificationKeys'
import { routeProof, type ProofLayout } from './routeProof'
import type { SnarkOutcome, SnarkStage } from './snarkOutcome'
import { verificationKeyHash, type ProofSystem, type VerificationKey } from './verificationKey'
import { FFLONK_PROOF_WORDS, verifyFflonkProof } from './verifyFflonkProof'
import { PLONK_PROOF_WORDS, verifyPlonkProof } from './verifyPlonkProof'

export interface SnarkVerificationInput {
  /** Candidate keys; the proof is checked against the one of the system it routes to. */
  verificationKeys: readonly VerificationKey[]
  /** Proof words as given (with or without the DualVerifier type word, see `layout`). */
  proof: readonly bigint[]
  /** The raw public-input word. */
  publicInput: bigint
  layout?: ProofLayout
  /** When known (e.g. L1's `verificationKeyHash(type)`), the key must hash to it: a required check. */
  expectedVerificationKeyHash?: string
  /**
   * The Airbender lane of a type-4 envelope (v33: `[4, Boojum FFLONK, Airbender PLONK]`): its own PLONK key and
   * its own public input. Without it such a proof is at most incomplete; with it both lanes must pass.
   */
  airbender?: { verificationKey: VerificationKey; publicInput: bigint }
}

const SYSTEM_NAME: Record<ProofSystem, string> = { plonk: 'PLONK', fflonk: 'FFLONK' }
const PROOF_WORDS: Record<ProofSystem, number> = { plonk: PLONK_PROOF_WORDS, fflonk: FFLONK_PROOF_WORDS }

const hex32 = (v: bigint) => bytesToHex(bigintToBytes32(v))

/**
 * Verifies a ZKsync Era batch SNARK (PLONK or FFLONK wrapper over BN254) and reports it as DESIGN.md §2 asks:
 * subject `snark-proof`, checks `snark.proof.route`, `snark.vk.*`, `snark.input.range`, `snark.proof.*`, facts
 * `proofSystem`, `verificationKeyHash`, `publicInput`. Pure and synchronous, so a worker can run it; the caller
 * adds timings.
 *
 * Lightproof is stricter than L1 in two places, and says so in the check details: a public input with bits the
 * verifier masks or reduces away, and proof words at or above q / r (the contracts reduce them and accept), fail
 * their checks. The fact `l1VerifierResult` still records what the contract itself would return.
 */
export function verifySnark(input: SnarkVerificationInput): Report {
  const firstKey = input.verificationKeys[0]
  const route = routeProof(input.proof, input.layout ?? 'auto', firstKey?.system ?? 'plonk')
  const system = route.ok ? route.system : undefined
  const vk = system ? input.verificationKeys.find((k) => k.system === system) : undefined
  const vkHash = vk ? verificationKeyHash(vk) : firstKey ? verificationKeyHash(firstKey) : undefined

  const r = new ReportBuilder({
    kind: 'snark-proof',
    description: system
      ? `ZKsync ${SYSTEM_NAME[system]} batch proof (${PROOF_WORDS[system]} words) against a verification key`
      : 'ZKsync batch proof',
    ...(vkHash ? { trustRoot: { kind: 'verification-key', value: vkHash } } : {}),
  })
  r.fact('proofWords', input.proof.length)

  // ---- routing (DualVerifier) ----
  if (!route.ok) {
    if (route.unsupportedType !== undefined) {
      // Not a false "failed": the proof may be valid for a verifier Lightproof does not implement yet.
      r.error('snark.proof.route', 'Proof routed to a verifier', route.reason)
      r.fact('verifierType', route.unsupportedType.toString())
    } else {
      r.fail('snark.proof.route', 'Proof routed to a verifier', route.reason)
    }
    return r.build()
  }
  r.pass(
    'snark.proof.route',
    'Proof routed to a verifier',
    route.verifierType !== undefined
      ? route.airbender
        ? `type ${route.verifierType} envelope → Boojum ${SYSTEM_NAME[route.system]} (${route.words.length} words) and Airbender PLONK (${route.airbender.length} words), both required`
        : `DualVerifier type ${route.verifierType} → ${SYSTEM_NAME[route.system]}`
      : `bare proof → ${SYSTEM_NAME[route.system]} (the key's system)`,
  )
  r.fact('proofSystem', route.system)
  if (route.verifierType !== undefined) r.fact('verifierType', route.verifierType.toString())

  // ---- verification key ----
  if (!vk) {
    const have = input.verificationKeys.map((k) => SYSTEM_NAME[k.system]).join(', ') || 'none'
    r.fail(
      'snark.vk.system',
      'Verification key for the proof system',
      `the proof is ${SYSTEM_NAME[route.system]}, but no ${SYSTEM_NAME[route.system]} key was given (keys: ${have})`,
    )
    return r.build()
  }
  const hash = verificationKeyHash(vk)
  r.pass('snark.vk.system', 'Verification key for the proof system', `${SYSTEM_NAME[vk.system]} key ${hash}`)
  r.fact('verificationKeyHash', hash)
  const known = knownVerificationKey(hash)
  // A key outside the name book is named so, and nothing below passes because of a name.
  r.fact('verificationKeyName', known ? known.name : UNLISTED_KEY_NAME)
  if (input.expectedVerificationKeyHash !== undefined) {
    const expected = input.expectedVerificationKeyHash.toLowerCase()
    r.expect(
      'snark.vk.hash',
      'Verification key hash matches the expected one',
      hash === expected,
      `verificationKeyHash() = ${hash}`,
      `the key hashes to ${hash}, expected ${expected}`,
    )
  } else if (known && known.system === vk.system) {
    r.pass(
      'snark.vk.hash',
      'Verification key hash is pinned',
      `${hash} is ${known.name} (protocol ${known.protocolVersions}; ${known.source})`,
      { required: false },
    )
  } else {
    r.skip(
      'snark.vk.hash',
      'Verification key hash is pinned',
      `${hash} is ${UNLISTED_KEY_NAME}: not in Lightproof's name book of ZKsync keys; the proof is checked against the key as given, which only the evidence's own trust root vouches for`,
      { required: false },
    )
  }

  // ---- public input ----
  const outcome: SnarkOutcome =
    vk.system === 'plonk'
      ? verifyPlonkProof(vk, input.publicInput, route.words)
      : verifyFflonkProof(vk, input.publicInput, route.words)
  r.fact('publicInput', hex32(outcome.publicInput))
  if (vk.system === 'plonk') {
    r.expect(
      'snark.input.range',
      'Public input fits the verifier field',
      input.publicInput === (input.publicInput & FR_MASK),
      `${hex32(input.publicInput)} < 2^253`,
      `${hex32(input.publicInput)} has bits above 2^253 set; L1VerifierPlonk masks them (FR_MASK) and would ` +
        `check ${hex32(outcome.publicInput)} instead. A batch public input is always < 2^224 (keccak >> 32).`,
    )
  } else {
    r.expect(
      'snark.input.range',
      'Public input fits the verifier field',
      input.publicInput < R_MOD,
      `${hex32(input.publicInput)} < r`,
      `${hex32(input.publicInput)} is not below r; L1VerifierFflonk reduces it and would check ` +
        `${hex32(outcome.publicInput)} instead. A batch public input is always < 2^224 (keccak >> 32).`,
    )
  }

  // ---- proof ----
  const stages: { stage: SnarkStage; id: string; title: string; passDetail: string }[] = [
    {
      stage: 'length',
      id: 'snark.proof.length',
      title: 'Proof length',
      passDetail: `${PROOF_WORDS[vk.system]} words`,
    },
    {
      stage: 'points',
      id: 'snark.proof.points',
      title: 'Proof commitments are points of BN254 G1',
      passDetail: 'every commitment is on the curve and not the point at infinity',
    },
    {
      stage: 'evaluation',
      id: 'snark.proof.evaluation',
      title:
        vk.system === 'plonk'
          ? 'Quotient evaluation t(z)·Z_H(z) = r(z) + r_0'
          : 'Lagrange basis inverse sent with the proof',
      passDetail:
        vk.system === 'plonk'
          ? 'the gate, copy-permutation and lookup identities hold at the challenge z'
          : 'the batched inverse of the 18 Lagrange denominators is correct',
    },
    {
      stage: 'pairing',
      id: 'snark.proof.pairing',
      title: 'KZG opening pairing check',
      passDetail: 'e(P1, [1]_2) · e(P2, [x]_2) = 1',
    },
  ]
  const failedAt = outcome.failure
    ? stages.findIndex((s) => s.stage === outcome.failure!.stage)
    : stages.length
  stages.forEach((s, i) => {
    if (i < failedAt) r.pass(s.id, s.title, s.passDetail)
    else if (i === failedAt) r.fail(s.id, s.title, outcome.failure!.reason)
    else r.skip(s.id, s.title, `not reached: ${stages[failedAt]!.id} failed`)
    // Encoding is judged once the words have been read (after the length check).
    if (s.stage === 'length' && i < failedAt) {
      r.expect(
        'snark.proof.encoding',
        'Proof words are canonical field elements',
        outcome.nonCanonical.length === 0,
        'every coordinate < q and every evaluation < r',
        `${outcome.nonCanonical.join('; ')}. L1's verifier reduces such words and may accept; Lightproof refuses ` +
          'them, because a prover never emits them.',
      )
    }
  })
  r.fact('l1VerifierResult', outcome.accepted ? 'accept' : 'reject')
  if (route.airbender) addAirbenderLane(r, route.airbender, input.airbender)
  return r.build()
}

/**
 * The second lane of a multi-proof envelope: the Airbender PLONK proof against the Airbender key and its own
 * public input. Both lanes are required, so the envelope verifies only when both do; without the lane's key and
 * input the report says so and stays incomplete.
 */
function addAirbenderLane(
  r: ReportBuilder,
  words: readonly bigint[],
  lane: SnarkVerificationInput['airbender'],
): void {
  const keyTitle = 'Airbender lane: PLONK key and public input'
  if (!lane) {
    r.error(
      'snark.airbender.key',
      keyTitle,
      'the type-4 envelope also carries an Airbender PLONK proof, and no Airbender key and public input were given: that lane is not checked',
    )
    return
  }
  const vk = lane.verificationKey
  const hash = verificationKeyHash(vk)
  r.fact('airbenderVerificationKeyHash', hash)
  r.fact('airbenderVerificationKeyName', knownVerificationKey(hash)?.name ?? UNLISTED_KEY_NAME)
  r.fact('airbenderPublicInput', hex32(lane.publicInput))
  if (vk.system !== 'plonk') {
    r.fail(
      'snark.airbender.key',
      keyTitle,
      `the Airbender proof is PLONK, but the key given is ${SYSTEM_NAME[vk.system]}`,
    )
    return
  }
  r.pass('snark.airbender.key', keyTitle, `PLONK key ${hash}, public input ${hex32(lane.publicInput)}`)
  const inRange = lane.publicInput === (lane.publicInput & FR_MASK)
  const outcome = verifyPlonkProof(vk, lane.publicInput, words)
  const ok = inRange && outcome.accepted && outcome.nonCanonical.length === 0
  r.expect(
    'snark.airbender.proof',
    'Airbender PLONK proof verifies (the second lane of the envelope)',
    ok,
    `${PLONK_PROOF_WORDS} words; gate, permutation and lookup identities and the KZG pairing hold`,
    !inRange
      ? `public input ${hex32(lane.publicInput)} has bits above 2^253`
      : outcome.failure
        ? `${outcome.failure.stage}: ${outcome.failure.reason}`
        : `non-canonical words: ${outcome.nonCanonical.join('; ')}`,
  )
  r.fact('airbenderL1VerifierResult', outcome.accepted ? 'accept' : 'reject')
}
