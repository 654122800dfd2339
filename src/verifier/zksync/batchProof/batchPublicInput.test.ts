import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../../tests/support/fixtures'
import { hexToBytes } from '../../encoding/hex'
import {
  airbenderPublicInput,
  batchPublicInput,
  PUBLIC_INPUT_RULES,
  publicInputRule,
} from './batchPublicInput'

const e2e = readFixtureJson<{
  prevBatch: { commitment: string }
  provedBatch: { commitment: string }
  verifierParams: { recursionNodeLevelVkHash: string; recursionLeafLevelVkHash: string }
  publicInput: string
}>('zksync/derived/boojum_cli_v5_end_to_end.json')
const parts = {
  prevCommitment: hexToBytes(e2e.prevBatch.commitment),
  currCommitment: hexToBytes(e2e.provedBatch.commitment),
  recursionNodeLevelVkHash: hexToBytes(e2e.verifierParams.recursionNodeLevelVkHash),
  recursionLeafLevelVkHash: hexToBytes(e2e.verifierParams.recursionLeafLevelVkHash),
}

describe('batchPublicInput', () => {
  it('≤ v22 hashes both commitments and both recursion VK hashes (the CLI v5 batch)', () => {
    expect(batchPublicInput({ protocolVersion: 19, ...parts })).toBe(BigInt(e2e.publicInput))
    expect(batchPublicInput({ protocolVersion: 22, ...parts })).toBe(BigInt(e2e.publicInput))
  })

  it('v23+ hashes the two commitments only, and ignores VK hashes', () => {
    const v23 = batchPublicInput({ protocolVersion: 23, ...parts })
    expect(v23).not.toBe(BigInt(e2e.publicInput))
    expect(
      batchPublicInput({
        protocolVersion: 29,
        prevCommitment: parts.prevCommitment,
        currCommitment: parts.currCommitment,
      }),
    ).toBe(v23)
    expect(v23 >> 224n).toBe(0n)
  })

  it('needs the recursion VK hashes for ≤ v22, and 32-byte words', () => {
    expect(() =>
      batchPublicInput({
        protocolVersion: 20,
        prevCommitment: parts.prevCommitment,
        currCommitment: parts.currCommitment,
      }),
    ).toThrow(/recursionNodeLevelVkHash/)
    expect(() =>
      batchPublicInput({ ...parts, protocolVersion: 24, prevCommitment: new Uint8Array(31) }),
    ).toThrow(/32 bytes/)
    expect(() => publicInputRule(-1)).toThrow(/no public-input rule/)
  })

  it('covers every version with exactly one rule', () => {
    for (const v of [0, 1, 22, 23, 24, 31, 1000]) {
      expect(PUBLIC_INPUT_RULES.filter((r) => v >= r.fromVersion && v <= r.toVersion)).toHaveLength(1)
    }
  })

  it('Airbender: keccak(LE32(programOutput) ‖ LE32(binaryCommitment)) >> 32', () => {
    const av = readFixtureJson<{
      programOutputU32: number[]
      binaryCommitmentU32: number[]
      publicInputs: string[]
    }>('zksync/derived/airbender_plonk_vector.json')
    expect(airbenderPublicInput(av.programOutputU32, av.binaryCommitmentU32)).toBe(
      BigInt(av.publicInputs[0]!),
    )
    const flipped = [...av.binaryCommitmentU32]
    flipped[0] = flipped[0]! ^ 1
    expect(airbenderPublicInput(av.programOutputU32, flipped)).not.toBe(BigInt(av.publicInputs[0]!))
    expect(() => airbenderPublicInput(av.programOutputU32.slice(1), av.binaryCommitmentU32)).toThrow(/8 u32/)
  })
})
