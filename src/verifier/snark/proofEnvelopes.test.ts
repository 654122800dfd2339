import { describe, expect, it } from 'vitest'
import {
  fflonkProofReachingPairing,
  FFLONK_PUBLIC_INPUT,
  mainFflonkKey,
} from '../../../tests/support/fflonkProof'
import { readFixture, readFixtureJson } from '../../../tests/support/fixtures'
import { parseJsonLossless } from '../encoding/json'
import type { Report } from '../report'
import { parseVerificationKey } from './parseVerificationKey'
import { PROOF_ENVELOPES, routeProof, VERIFIER_TYPES } from './routeProof'
import { verifySnark } from './verifySnark'

/**
 * Every proof envelope Era has used (routeProof.ts PROOF_ENVELOPES), on real proofs where they exist:
 * the era-contracts PlonkVerifier test vector (EC main `test/foundry/l1/unit/concrete/Verifier/PlonkVerifier.t.sol`
 * with `dev-contracts/test/PlonkVerifierTest.sol`'s key; fixtures zksync/derived/plonk_verifier_test_vector.json)
 * and the real Airbender SNARK of batch 506093 (fixtures zksync/derived/airbender_plonk_vector.json, key from EC
 * branch vv/eravm-airbender-settlement @ ad025c71 `tools/data/plonk_scheduler_key.json`). No valid FFLONK proof
 * is public (README "Limits"), so the FFLONK lanes use a proof that runs every step up to the pairing, which
 * refuses it: the envelope is decoded and each lane reaches its own verifier, and a FFLONK lane that verifies
 * is still to be shown on a recorded mainnet proof.
 */
const tv = readFixtureJson<{ vkWords: Record<string, string>; publicInputs: string[]; proof: string[] }>(
  'zksync/derived/plonk_verifier_test_vector.json',
)
const testPlonkKey = parseVerificationKey(tv.vkWords)
const plonkProof = tv.proof.map((w) => BigInt(w))
const plonkInput = BigInt(tv.publicInputs[0]!)

const ab = readFixtureJson<{ publicInputs: string[]; proof: string[] }>(
  'zksync/derived/airbender_plonk_vector.json',
)
const airbenderKey = parseVerificationKey(
  parseJsonLossless(
    new TextDecoder().decode(readFixture('zksync/era-contracts/airbender_branch/plonk_scheduler_key.json')),
  ),
)
const airbenderProof = ab.proof.map((w) => BigInt(w))
const airbenderInput = BigInt(ab.publicInputs[0]!)

const fflonkKey = mainFflonkKey()
const fflonkProof = fflonkProofReachingPairing(fflonkKey)

const check = (r: Report, id: string) => r.checks.find((c) => c.id === id)
const failed = (r: Report) => r.checks.filter((c) => c.required && c.status === 'fail').map((c) => c.id)

describe('the envelope table', () => {
  it('types 0, 1 and 4, with the lanes and word counts of the contracts', () => {
    expect(
      PROOF_ENVELOPES.map((e) => [e.type, e.lanes.map((l) => `${l.prover} ${l.system} ${l.words}`)]),
    ).toEqual([
      [0n, ['Boojum fflonk 24']],
      [1n, ['Boojum plonk 44']],
      [4n, ['Boojum fflonk 24', 'Airbender plonk 44']],
    ])
    expect(VERIFIER_TYPES.map((t) => t.type)).toEqual([0n, 1n])
    for (const e of PROOF_ENVELOPES) expect(e.source).toMatch(/^EC /)
  })
})

describe('bare proofs (≤ v26, or behind the DualVerifier)', () => {
  it('44-word PLONK: the era-contracts vector verifies', () => {
    const r = verifySnark({ verificationKeys: [testPlonkKey], proof: plonkProof, publicInput: plonkInput })
    expect(r.verdict).toBe('verified')
    expect(check(r, 'snark.proof.route')!.detail).toMatch(/bare proof → PLONK/)
  })

  it('24-word FFLONK: routed to FFLONK and judged by it (the pairing refuses this proof)', () => {
    const r = verifySnark({
      verificationKeys: [fflonkKey],
      proof: fflonkProof,
      publicInput: FFLONK_PUBLIC_INPUT,
    })
    expect(check(r, 'snark.proof.route')!.detail).toMatch(/bare proof → FFLONK/)
    expect(check(r, 'snark.proof.evaluation')!.status).toBe('pass')
    expect(failed(r)).toEqual(['snark.proof.pairing'])
  })
})

describe('DualVerifier [type, …] (v27+)', () => {
  it('type 1: PLONK, the real vector verifies; type 0: FFLONK, routed to it', () => {
    const plonk = verifySnark({
      verificationKeys: [fflonkKey, testPlonkKey],
      proof: [1n, ...plonkProof],
      publicInput: plonkInput,
    })
    expect(plonk.verdict).toBe('verified')
    expect(plonk.facts.verifierType).toBe('1')
    const fflonk = verifySnark({
      verificationKeys: [testPlonkKey, fflonkKey],
      proof: [0n, ...fflonkProof],
      publicInput: FFLONK_PUBLIC_INPUT,
    })
    expect(fflonk.facts).toMatchObject({ verifierType: '0', proofSystem: 'fflonk' })
    expect(failed(fflonk)).toEqual(['snark.proof.pairing'])
  })
})

describe('the v33 envelope [4, Boojum FFLONK (24), Airbender PLONK (44)]', () => {
  const envelope = [4n, ...fflonkProof, ...airbenderProof]
  const lane = { verificationKey: airbenderKey, publicInput: airbenderInput }

  it('is split into its two lanes; the real Airbender proof verifies with its own key and input', () => {
    const route = routeProof(envelope, 'dual', 'fflonk')
    expect(route).toMatchObject({ ok: true, system: 'fflonk', verifierType: 4n })
    if (!route.ok) throw new Error('unreachable')
    expect(route.words).toHaveLength(24)
    expect(route.airbender).toEqual(airbenderProof)

    const r = verifySnark({
      verificationKeys: [fflonkKey],
      proof: envelope,
      publicInput: FFLONK_PUBLIC_INPUT,
      airbender: lane,
    })
    expect(check(r, 'snark.proof.route')!.detail).toMatch(
      /type 4 envelope → Boojum FFLONK \(24 words\) and Airbender PLONK \(44 words\)/,
    )
    expect(check(r, 'snark.airbender.key')!.status).toBe('pass')
    expect(check(r, 'snark.airbender.proof')).toMatchObject({ status: 'pass', required: true })
    expect(r.facts.airbenderVerificationKeyHash).toBe(
      '0xac82c63fb5cbb3cfa3fa0d8c9a98926477687080bea1a10917a5f9ac83c012f7',
    )
    expect(r.facts.airbenderVerificationKeyName).toBe('Airbender EraVM PLONK (experimental)')
    // Both lanes are required: the Boojum lane's refusal fails the envelope although the Airbender lane passed.
    expect(r.verdict).toBe('failed')
    expect(failed(r)).toEqual(['snark.proof.pairing'])
  })

  it('a changed Airbender word fails snark.airbender.proof', () => {
    const tampered = [...envelope]
    tampered[1 + 24 + 30] = tampered[1 + 24 + 30]! ^ 1n
    const r = verifySnark({
      verificationKeys: [fflonkKey],
      proof: tampered,
      publicInput: FFLONK_PUBLIC_INPUT,
      airbender: lane,
    })
    expect(check(r, 'snark.airbender.proof')!.status).toBe('fail')
    const other = verifySnark({
      verificationKeys: [fflonkKey],
      proof: envelope,
      publicInput: FFLONK_PUBLIC_INPUT,
      airbender: { ...lane, publicInput: airbenderInput ^ 1n },
    })
    expect(check(other, 'snark.airbender.proof')!.status).toBe('fail')
  })

  it('the Airbender lane needs a PLONK key, and without key and input it is not checked: never verified', () => {
    const wrongKey = verifySnark({
      verificationKeys: [fflonkKey],
      proof: envelope,
      publicInput: FFLONK_PUBLIC_INPUT,
      airbender: { verificationKey: fflonkKey, publicInput: airbenderInput },
    })
    expect(check(wrongKey, 'snark.airbender.key')!.status).toBe('fail')
    const none = verifySnark({
      verificationKeys: [fflonkKey],
      proof: envelope,
      publicInput: FFLONK_PUBLIC_INPUT,
    })
    expect(check(none, 'snark.airbender.key')).toMatchObject({ status: 'error', required: true })
    expect(check(none, 'snark.airbender.key')!.detail).toMatch(/that lane is not checked/)
  })

  it('has a fixed length: one word more or less fails the route', () => {
    for (const words of [envelope.slice(0, -1), [...envelope, 0n]]) {
      const r = verifySnark({
        verificationKeys: [fflonkKey],
        proof: words,
        publicInput: FFLONK_PUBLIC_INPUT,
        airbender: lane,
      })
      expect(check(r, 'snark.proof.route')!.status).toBe('fail')
      expect(check(r, 'snark.proof.route')!.detail).toMatch(
        /expected 69 \(1 type word \+ 24 Boojum FFLONK \+ 44 Airbender PLONK\)/,
      )
    }
  })
})
