import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../tests/support/fixtures'
import { shippedVerificationKey } from './knownVerificationKeys'
import { parseVerificationKey } from './parseVerificationKey'
import { verifySnark } from './verifySnark'

const tv = readFixtureJson<{
  vkWords: Record<string, string>
  verificationKeyHash: string
  publicInputs: string[]
  proof: string[]
}>('zksync/derived/plonk_verifier_test_vector.json')
const testKey = parseVerificationKey(tv.vkWords)
const proof = tv.proof.map((w) => BigInt(w))
const publicInput = BigInt(tv.publicInputs[0]!)
const mainFflonk = shippedVerificationKey(
  '0xc8cd705a0db89577146137de78eba6bd1f1c9c3f66dc52f7627e7c2df30895b2',
)!

const check = (report: ReturnType<typeof verifySnark>, id: string) => report.checks.find((c) => c.id === id)

describe('verifySnark report', () => {
  it('describes a verified PLONK proof: subject, trust root, checks and facts', () => {
    const report = verifySnark({ verificationKeys: [testKey], publicInput, proof })
    expect(report.verdict).toBe('verified')
    expect(report.subject.kind).toBe('snark-proof')
    expect(report.subject.trustRoot).toEqual({ kind: 'verification-key', value: tv.verificationKeyHash })
    expect(report.facts).toMatchObject({
      proofSystem: 'plonk',
      verificationKeyHash: tv.verificationKeyHash,
      publicInput: tv.publicInputs[0],
      l1VerifierResult: 'accept',
    })
    expect(report.checks.map((c) => c.id)).toEqual([
      'snark.proof.route',
      'snark.vk.system',
      'snark.vk.hash',
      'snark.input.range',
      'snark.proof.length',
      'snark.proof.encoding',
      'snark.proof.points',
      'snark.proof.evaluation',
      'snark.proof.pairing',
    ])
    // The test key is not a ZKsync key: named "unlisted", without failing the proof, and never passing
    // snark.vk.hash — its verdict rests on the key the caller gave (the trust root), not on a name.
    expect(check(report, 'snark.vk.hash')).toMatchObject({ status: 'skip', required: false })
    expect(check(report, 'snark.vk.hash')!.detail).toMatch(/is unlisted: not in Lightproof's name book/)
    expect(report.facts.verificationKeyName).toBe('unlisted')
  })

  it('routes a DualVerifier type-1 proof to PLONK, picking the PLONK key of several', () => {
    const report = verifySnark({
      verificationKeys: [mainFflonk, testKey],
      publicInput,
      proof: [1n, ...proof],
    })
    expect(report.verdict).toBe('verified')
    expect(report.facts.verifierType).toBe('1')
    expect(check(report, 'snark.proof.route')!.detail).toMatch(/type 1 → PLONK/)
  })

  it('an unknown verifier type is incomplete, not failed: "unsupported verifier type N"', () => {
    const report = verifySnark({ verificationKeys: [testKey], publicInput, proof: [2n, ...proof] })
    expect(report.verdict).toBe('incomplete')
    expect(check(report, 'snark.proof.route')).toMatchObject({
      status: 'error',
      detail: 'unsupported verifier type 2',
    })
    const forced = verifySnark({
      verificationKeys: [testKey],
      publicInput,
      proof: [7n, ...proof],
      layout: 'dual',
    })
    expect(check(forced, 'snark.proof.route')!.detail).toBe('unsupported verifier type 7')
  })

  it('an empty proof fails (EmptyProofLength)', () => {
    const report = verifySnark({ verificationKeys: [testKey], publicInput, proof: [] })
    expect(report.verdict).toBe('failed')
    expect(check(report, 'snark.proof.route')!.status).toBe('fail')
  })

  it('an expected key hash (from L1) is a required check', () => {
    const ok = verifySnark({
      verificationKeys: [testKey],
      publicInput,
      proof,
      expectedVerificationKeyHash: tv.verificationKeyHash.toUpperCase().replace('0X', '0x'),
    })
    expect(ok.verdict).toBe('verified')
    expect(check(ok, 'snark.vk.hash')).toMatchObject({ status: 'pass', required: true })
    const bad = verifySnark({
      verificationKeys: [testKey],
      publicInput,
      proof,
      expectedVerificationKeyHash: '0xb2f50340e0edbe49dc657d4eb298e07f13860c1be0fe2e438e44ef8fad133d84',
    })
    expect(bad.verdict).toBe('failed')
    expect(check(bad, 'snark.vk.hash')!.status).toBe('fail')
  })

  it('names a pinned key', () => {
    const main = shippedVerificationKey('0xb2f50340e0edbe49dc657d4eb298e07f13860c1be0fe2e438e44ef8fad133d84')!
    const report = verifySnark({ verificationKeys: [main], publicInput, proof })
    expect(report.facts.verificationKeyName).toBe('Era PLONK v29–v31')
    expect(check(report, 'snark.vk.hash')!.status).toBe('pass')
    expect(report.verdict).toBe('failed') // the test proof is not a proof for the main key
  })
})
