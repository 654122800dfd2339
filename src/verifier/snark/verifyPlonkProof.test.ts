import { describe, expect, it } from 'vitest'
import { readFixtureJson, readFixtureText } from '../../../tests/support/fixtures'
import { bigintToBytes32, hexToBytes } from '../encoding/hex'
import { airbenderPublicInput, batchPublicInput } from '../zksync/batchProof/batchPublicInput'
import { Q_MOD, R_MOD } from './bn254'
import { shippedVerificationKey } from './knownVerificationKeys'
import { parseVerificationKey } from './parseVerificationKey'
import type { PlonkVerificationKey } from './verificationKey'
import { verifyPlonkProof } from './verifyPlonkProof'
import { verifySnark } from './verifySnark'

interface Vector {
  name: string
  vk: PlonkVerificationKey
  publicInput: bigint
  proof: bigint[]
}

const words = (xs: string[]) => xs.map((x) => BigInt(x))

/** era-contracts PlonkVerifier.t.sol proof with the test key of PlonkVerifierTest.sol. */
function eraContractsVector(): Vector {
  const tv = readFixtureJson<{ vkWords: Record<string, string>; publicInputs: string[]; proof: string[] }>(
    'zksync/derived/plonk_verifier_test_vector.json',
  )
  return {
    name: 'era-contracts test vector',
    vk: parseVerificationKey(tv.vkWords) as PlonkVerificationKey,
    publicInput: BigInt(tv.publicInputs[0]!),
    proof: words(tv.proof),
  }
}

/**
 * era-boojum-validator-cli v5: the proof is read from the real legacy proveBatches calldata (0x7f61885c) by
 * following its ABI offsets; the public input is derived with the ≤ v22 formula from the batch commitments
 * (the previous one is checked against the calldata's StoredBatchInfo) and the recursion VK hashes.
 */
function v5Vector(): Vector & { commitments: { prev: string; curr: string; node: string; leaf: string } } {
  const e2e = readFixtureJson<{
    proveSelector: string
    prevBatch: { commitment: string }
    provedBatch: { commitment: string }
    verifierParams: { recursionNodeLevelVkHash: string; recursionLeafLevelVkHash: string }
    publicInput: string
  }>('zksync/derived/boojum_cli_v5_end_to_end.json')
  const calldata = readFixtureText('zksync/era-boojum-validator-cli/v5/prove.calldata').trim()
  expect(calldata.slice(0, 10)).toBe(e2e.proveSelector)
  const w = (i: number) => BigInt('0x' + calldata.slice(10 + 64 * i, 10 + 64 * (i + 1)))
  // proveBatches(StoredBatchInfo prev (8 static words), StoredBatchInfo[] committed, ProofInput proof)
  expect(w(7)).toBe(BigInt(e2e.prevBatch.commitment)) // prev.commitment, bound by the calldata itself
  const proofTuple = Number(w(9) / 32n)
  const recursive = proofTuple + Number(w(proofTuple) / 32n)
  expect(w(recursive)).toBe(0n) // recursiveAggregationInput is empty
  const serialized = proofTuple + Number(w(proofTuple + 1) / 32n)
  const length = Number(w(serialized))
  expect(length).toBe(44)
  const proof = Array.from({ length }, (_, i) => w(serialized + 1 + i))

  const publicInput = batchPublicInput({
    protocolVersion: 19,
    prevCommitment: hexToBytes(e2e.prevBatch.commitment),
    currCommitment: hexToBytes(e2e.provedBatch.commitment),
    recursionNodeLevelVkHash: hexToBytes(e2e.verifierParams.recursionNodeLevelVkHash),
    recursionLeafLevelVkHash: hexToBytes(e2e.verifierParams.recursionLeafLevelVkHash),
  })
  expect(publicInput).toBe(BigInt(e2e.publicInput))
  return {
    name: 'era-boojum-validator-cli v5 end to end',
    vk: shippedVerificationKey(
      '0x750d8e21be7555a6841472a5cacd24c75a7ceb34261aea61e72bb7423a7d30fc',
    ) as PlonkVerificationKey,
    publicInput,
    proof,
    commitments: {
      prev: e2e.prevBatch.commitment,
      curr: e2e.provedBatch.commitment,
      node: e2e.verifierParams.recursionNodeLevelVkHash,
      leaf: e2e.verifierParams.recursionLeafLevelVkHash,
    },
  }
}

/** The Airbender proof of the experimental branch, public input rebuilt from program output + binary commitment. */
function airbenderVector(): Vector {
  const av = readFixtureJson<{
    programOutputU32: number[]
    binaryCommitmentU32: number[]
    publicInputs: string[]
    proof: string[]
  }>('zksync/derived/airbender_plonk_vector.json')
  const publicInput = airbenderPublicInput(av.programOutputU32, av.binaryCommitmentU32)
  expect(publicInput).toBe(BigInt(av.publicInputs[0]!))
  return {
    name: 'Airbender PLONK',
    vk: shippedVerificationKey(
      '0xac82c63fb5cbb3cfa3fa0d8c9a98926477687080bea1a10917a5f9ac83c012f7',
    ) as PlonkVerificationKey,
    publicInput,
    proof: words(av.proof),
  }
}

const vectors = [eraContractsVector(), v5Vector(), airbenderVector()]

const failingCheck = (vector: Vector, publicInput: bigint, proof: bigint[], vk = vector.vk) => {
  const report = verifySnark({ verificationKeys: [vk], publicInput, proof })
  return { report, failed: report.checks.filter((c) => c.required && c.status === 'fail').map((c) => c.id) }
}

describe.each(vectors)('$name', (vector) => {
  it('verifies', () => {
    const outcome = verifyPlonkProof(vector.vk, vector.publicInput, vector.proof)
    expect(outcome.failure).toBeUndefined()
    expect(outcome.accepted).toBe(true)
    expect(outcome.nonCanonical).toEqual([])
    const report = verifySnark({
      verificationKeys: [vector.vk],
      publicInput: vector.publicInput,
      proof: vector.proof,
    })
    expect(report.verdict).toBe('verified')
    expect(report.facts.proofSystem).toBe('plonk')
  })

  it('fails with any one bit of the public input flipped', () => {
    for (let bit = 0n; bit < 256n; bit++) {
      const { report, failed } = failingCheck(vector, vector.publicInput ^ (1n << bit), vector.proof)
      expect(report.verdict, `bit ${bit}`).toBe('failed')
      if (bit < 253n) {
        // The masked input feeds the transcript and the quotient identity.
        expect(failed, `bit ${bit}`).toEqual(['snark.proof.evaluation'])
      } else {
        // FR_MASK drops bits 253..255 on L1, which still accepts (testShouldVerifyWithDirtyBits);
        // Lightproof refuses the dirty input itself.
        expect(failed, `bit ${bit}`).toEqual(['snark.input.range'])
        expect(report.facts.l1VerifierResult).toBe('accept')
      }
    }
  })

  it('fails with a bit flipped in any proof word', () => {
    for (let i = 0; i < vector.proof.length; i++) {
      for (const bit of [0n, 101n]) {
        const proof = [...vector.proof]
        proof[i] = proof[i]! ^ (1n << bit)
        const { report, failed } = failingCheck(vector, vector.publicInput, proof)
        expect(report.verdict, `word ${i} bit ${bit}`).toBe('failed')
        const isPoint = i < 22 || i >= 40
        // A changed coordinate leaves the curve; a changed evaluation breaks the quotient identity, or, for the
        // five openings it does not use (d(zω), t(z), t(zω), lookup_selector(z), table_type(z)), the pairing.
        const expected = isPoint
          ? ['snark.proof.points']
          : [26, 34, 35, 36, 37].includes(i)
            ? ['snark.proof.pairing']
            : ['snark.proof.evaluation']
        expect(failed, `word ${i} bit ${bit}`).toEqual(expected)
      }
    }
  })
})

describe('PLONK tampering beyond bit flips', () => {
  const [tv, v5, airbender] = vectors as [Vector, Vector, Vector]

  it('fails against another verification key', () => {
    for (const [vector, other] of [
      [tv, v5],
      [v5, airbender],
      [airbender, tv],
    ] as const) {
      const { failed } = failingCheck(vector, vector.publicInput, vector.proof, other.vk)
      // The PLONK transcript does not absorb the key, so the quotient identity still holds: the pairing catches it.
      expect(failed).toEqual(['snark.proof.pairing'])
    }
  })

  it('fails with the public input of the post-v22 formula (v5 was proved with the four-input one)', () => {
    const c = (v5 as ReturnType<typeof v5Vector>).commitments
    const post22 = batchPublicInput({
      protocolVersion: 23,
      prevCommitment: hexToBytes(c.prev),
      currCommitment: hexToBytes(c.curr),
    })
    expect(post22).not.toBe(v5.publicInput)
    expect(failingCheck(v5, post22, v5.proof).failed).toEqual(['snark.proof.evaluation'])
  })

  it('refuses an off-curve point and the point at infinity, as loadProof does', () => {
    const offCurve = [...tv.proof]
    offCurve[41] = offCurve[41]! + 1n
    const r1 = failingCheck(tv, tv.publicInput, offCurve)
    expect(r1.failed).toEqual(['snark.proof.points'])
    expect(r1.report.checks.find((c) => c.id === 'snark.proof.points')!.detail).toMatch(
      /\[W\] is not on the curve/,
    )
    const infinity = [...tv.proof]
    infinity[0] = 0n
    infinity[1] = 0n
    const r2 = failingCheck(tv, tv.publicInput, infinity)
    expect(r2.failed).toEqual(['snark.proof.points'])
    expect(r2.report.checks.find((c) => c.id === 'snark.proof.points')!.detail).toMatch(
      /\[a\] is the point at infinity/,
    )
  })

  it('refuses a scalar ≥ r and a coordinate ≥ q, which L1 reduces and accepts', () => {
    const scalar = [...tv.proof]
    scalar[22] = scalar[22]! + R_MOD // testFrOverModulo
    const r1 = failingCheck(tv, tv.publicInput, scalar)
    expect(r1.failed).toEqual(['snark.proof.encoding'])
    expect(r1.report.checks.find((c) => c.id === 'snark.proof.encoding')!.detail).toMatch(
      /word 22 \(a\(z\)\) is not below r/,
    )
    expect(r1.report.facts.l1VerifierResult).toBe('accept')
    const coordinate = [...tv.proof]
    coordinate[0] = coordinate[0]! + Q_MOD // testEllipticCurvePointsOverModulo
    coordinate[1] = coordinate[1]! + 2n * Q_MOD
    const r2 = failingCheck(tv, tv.publicInput, coordinate)
    expect(r2.failed).toEqual(['snark.proof.encoding'])
    expect(r2.report.facts.l1VerifierResult).toBe('accept')
  })

  it('refuses a truncated or an overlong proof', () => {
    const r1 = failingCheck(tv, tv.publicInput, tv.proof.slice(0, 43))
    expect(r1.failed).toEqual(['snark.proof.length'])
    expect(r1.report.checks.find((c) => c.id === 'snark.proof.length')!.detail).toMatch(
      /expected 44 proof words, got 43/,
    )
    expect(failingCheck(tv, tv.publicInput, [...tv.proof, tv.publicInput]).failed).toEqual([
      'snark.proof.length',
    ])
  })

  it('rejects a public input of zero like testInvalidPublicInput_shouldRevert', () => {
    expect(verifyPlonkProof(tv.vk, 0n, tv.proof).failure).toEqual({
      stage: 'evaluation',
      reason: 'invalid quotient evaluation',
    })
  })

  it('keeps the 32-byte encoding of the public input in the report', () => {
    const report = verifySnark({ verificationKeys: [tv.vk], publicInput: tv.publicInput, proof: tv.proof })
    expect(report.facts.publicInput).toBe('0x' + Buffer.from(bigintToBytes32(tv.publicInput)).toString('hex'))
  })
})
