import { hexToBytes } from '../../src/verifier/encoding/hex'
import { rawFromBytes, type Evidence } from '../../src/verifier/evidence/schema'
import { batchPublicInput } from '../../src/verifier/zksync/batchProof/batchPublicInput'
import { decodeProveCalldata } from '../../src/verifier/zksync/batchProof/decodeProveCalldata'
import { createSnarkEvidence } from '../../src/verifier/kinds/snarkKind'
import { readFixture, readFixtureJson, readFixtureText } from './fixtures'

const text = (s: string) => rawFromBytes(new TextEncoder().encode(s), true)
const CREATED = '2025-01-01T00:00:00.000Z'

export interface V5EndToEnd {
  proveSelector: string
  prevBatch: { batchNumber: number; commitment: string; storedBatchHash: string }
  provedBatch: { batchNumber: number; commitment: string; storedBatchHash: string }
  verifierParams: { recursionNodeLevelVkHash: string; recursionLeafLevelVkHash: string }
  publicInput: string
  verificationKeyHash: string
}

export const V5_E2E = 'zksync/derived/boojum_cli_v5_end_to_end.json'
export const V5_PROVE_CALLDATA = 'zksync/era-boojum-validator-cli/v5/prove.calldata'

/**
 * The three real PLONK vectors of the fixtures as `snark` evidence: the era-contracts test vector with its test
 * key (flat slot words), the era-boojum-validator-cli v5 proof from its real proveBatches calldata (public input
 * by the ≤ v22 formula) with the v5 scheduler key JSON, and the Airbender vector with the branch's key JSON.
 */
export function plonkEvidenceVectors(): { name: string; evidence: Evidence }[] {
  const tv = readFixtureJson<{ vkWords: Record<string, string>; publicInputs: string[]; proof: string[] }>(
    'zksync/derived/plonk_verifier_test_vector.json',
  )
  const e2e = readFixtureJson<V5EndToEnd>(V5_E2E)
  const decoded = decodeProveCalldata(readFixtureText(V5_PROVE_CALLDATA))
  const v5Input = batchPublicInput({
    protocolVersion: 19,
    prevCommitment: hexToBytes(e2e.prevBatch.commitment),
    currCommitment: hexToBytes(e2e.provedBatch.commitment),
    recursionNodeLevelVkHash: hexToBytes(e2e.verifierParams.recursionNodeLevelVkHash),
    recursionLeafLevelVkHash: hexToBytes(e2e.verifierParams.recursionLeafLevelVkHash),
  })
  const airbender = readFixtureJson<{ publicInputs: string[]; proof: string[] }>(
    'zksync/derived/airbender_plonk_vector.json',
  )
  return [
    {
      name: 'era-contracts test vector',
      evidence: createSnarkEvidence({
        vks: [text(JSON.stringify(tv.vkWords))],
        proof: text(JSON.stringify(tv.proof)),
        publicInput: BigInt(tv.publicInputs[0]!),
        createdAt: CREATED,
      }),
    },
    {
      name: 'era-boojum-validator-cli v5 end to end',
      evidence: createSnarkEvidence({
        vks: [
          rawFromBytes(
            readFixture('zksync/era-boojum-validator-cli/v5/snark_verification_scheduler_key.json'),
            true,
          ),
        ],
        proof: text(JSON.stringify(decoded.proof.map((w) => '0x' + w.toString(16)))),
        publicInput: v5Input,
        expectedVkHash: e2e.verificationKeyHash,
        createdAt: CREATED,
      }),
    },
    {
      name: 'Airbender',
      evidence: createSnarkEvidence({
        vks: [
          rawFromBytes(readFixture('zksync/era-contracts/airbender_branch/plonk_scheduler_key.json'), true),
        ],
        proof: text(JSON.stringify(airbender.proof)),
        publicInput: BigInt(airbender.publicInputs[0]!),
        layout: 'bare',
        createdAt: CREATED,
      }),
    },
  ]
}
