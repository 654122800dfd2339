import { describe, expect, it } from 'vitest'
import {
  fflonkProofReachingPairing,
  FFLONK_PUBLIC_INPUT,
  mainFflonkKey,
} from '../../../../tests/support/fflonkProof'
import { readFixture, readFixtureJson, readRepoText } from '../../../../tests/support/fixtures'
import { encodeAbi } from '../../encoding/abi'
import { bytesToHex, concatBytes, hexToBytes } from '../../encoding/hex'
import { parseJsonLossless } from '../../encoding/json'
import { parseVerificationKey } from '../parseVerificationKey'
import { verificationKeyHash, type PlonkVerificationKey } from '../verificationKey'
import { verifyFflonkProof } from '../verifyFflonkProof'
import { verifyPlonkProof } from '../verifyPlonkProof'
import {
  evmAddressGetter,
  evmDeploy,
  evmVerificationKeyHash,
  evmVerify,
  type ContractCode,
} from './evmVerifier'

/**
 * The EVM lane against the TypeScript lane: era-contracts' verifier contracts (compiled from their sources,
 * tests/fixtures/verifier-bytecode/PROVENANCE.md) run in @ethereumjs/evm, on the real proofs of the fixtures.
 */
interface CompiledVerifier {
  name: string
  verificationKeyHash?: string
  creationBytecode: string
  runtimeBytecode: string
}
const compiled = JSON.parse(readRepoText('tests/fixtures/verifier-bytecode/era-verifiers.json')) as {
  contracts: CompiledVerifier[]
}
const byName = (name: string) => compiled.contracts.find((c) => c.name === name)!
// Away from the precompile addresses (0x01–0x11 under Prague).
const at = (n: number) => '0x' + (0x1000 + n).toString(16).padStart(40, '0')
const runtime = (name: string, address: string): ContractCode => ({
  address,
  code: hexToBytes(byName(name).runtimeBytecode),
})

const tv = readFixtureJson<{ vkWords: Record<string, string>; publicInputs: string[]; proof: string[] }>(
  'zksync/derived/plonk_verifier_test_vector.json',
)
const testKey = parseVerificationKey(tv.vkWords) as PlonkVerificationKey
const testProof = tv.proof.map((w) => BigInt(w))
const testInput = BigInt(tv.publicInputs[0]!)
const ab = readFixtureJson<{ publicInputs: string[]; proof: string[] }>(
  'zksync/derived/airbender_plonk_vector.json',
)
const airbenderKey = parseVerificationKey(
  parseJsonLossless(
    new TextDecoder().decode(readFixture('zksync/era-contracts/airbender_branch/plonk_scheduler_key.json')),
  ),
) as PlonkVerificationKey
const key = (file: string) =>
  parseVerificationKey(parseJsonLossless(readRepoText(`src/verifier/snark/keys/${file}`)))

describe('verificationKeyHash() run on the verifier code equals the hash of the key JSON', () => {
  it('for every compiled verifier with a key', async () => {
    const keys: Record<string, string> = {
      'era-main-fflonk': verificationKeyHash(key('era-fflonk-v29-v31.json')),
      'era-main-plonk': verificationKeyHash(key('era-plonk-v29-v31.json')),
      'era-main-plonk-test-key': verificationKeyHash(testKey),
      'airbender-branch-plonk': verificationKeyHash(airbenderKey),
    }
    for (const [name, tsHash] of Object.entries(keys)) {
      const code = runtime(name, at(1))
      const evmHash = await evmVerificationKeyHash([code], at(1))
      expect(evmHash, name).toBe(tsHash)
      expect(evmHash, name).toBe(byName(name).verificationKeyHash)
    }
  })

  it('the runtime code in the fixture is what its creation code leaves', async () => {
    for (const c of compiled.contracts.filter((c) => c.name !== 'era-main-dual')) {
      expect(bytesToHex(await evmDeploy(hexToBytes(c.creationBytecode))), c.name).toBe(c.runtimeBytecode)
    }
  })
})

describe('verify(…) in the EVM agrees with the TypeScript verifier on real proofs', () => {
  it('the era-contracts PLONK test vector: both accept; one input bit flipped: both refuse', async () => {
    const code = [runtime('era-main-plonk-test-key', at(2))]
    const evm = await evmVerify(code, at(2), [testInput], testProof)
    expect(evm.accepted).toBe(true)
    expect(evm.gasUsed).toBeGreaterThan(100_000n)
    expect(verifyPlonkProof(testKey, testInput, testProof).accepted).toBe(true)
    const bad = await evmVerify(code, at(2), [testInput ^ 1n], testProof)
    expect(bad).toMatchObject({ accepted: false, revert: 'revert: invalid quotient evaluation' })
    expect(verifyPlonkProof(testKey, testInput ^ 1n, testProof).accepted).toBe(false)
  })

  it('the real Airbender proof: both accept with the Airbender branch verifier', async () => {
    const code = [runtime('airbender-branch-plonk', at(3))]
    const words = ab.proof.map((w) => BigInt(w))
    const input = BigInt(ab.publicInputs[0]!)
    expect((await evmVerify(code, at(3), [input], words)).accepted).toBe(true)
    expect(verifyPlonkProof(airbenderKey, input, words).accepted).toBe(true)
  })

  it('a FFLONK proof that reaches the pairing: both refuse it', async () => {
    const code = [runtime('era-main-fflonk', at(4))]
    const proof = fflonkProofReachingPairing()
    const evm = await evmVerify(code, at(4), [FFLONK_PUBLIC_INPUT], proof)
    expect(evm.accepted).toBe(false)
    expect(verifyFflonkProof(mainFflonkKey(), FFLONK_PUBLIC_INPUT, proof).accepted).toBe(false)
  })
})

describe('the DualVerifier deployed over two verifiers', () => {
  const FFLONK = at(0x10)
  const PLONK = at(0x11)
  const DUAL = at(0x12)
  async function dualWorld(): Promise<ContractCode[]> {
    const creation = concatBytes(
      hexToBytes(byName('era-main-dual').creationBytecode),
      encodeAbi(['address', 'address'], [FFLONK, PLONK]),
    )
    return [
      runtime('era-main-fflonk', FFLONK),
      runtime('era-main-plonk-test-key', PLONK),
      { address: DUAL, code: await evmDeploy(creation) },
    ]
  }

  it('names its verifiers and their keys; routes type 1 to PLONK, where the real vector verifies', async () => {
    const codes = await dualWorld()
    expect(await evmAddressGetter(codes, DUAL, 'FFLONK_VERIFIER()')).toBe(FFLONK)
    expect(await evmAddressGetter(codes, DUAL, 'PLONK_VERIFIER()')).toBe(PLONK)
    expect(await evmVerificationKeyHash(codes, DUAL)).toBe(verificationKeyHash(testKey))
    expect(await evmVerificationKeyHash(codes, DUAL, 0n)).toBe(byName('era-main-fflonk').verificationKeyHash)
    expect(await evmVerificationKeyHash(codes, DUAL, 1n)).toBe(verificationKeyHash(testKey))
    expect((await evmVerify(codes, DUAL, [testInput], [1n, ...testProof])).accepted).toBe(true)
    expect((await evmVerify(codes, DUAL, [testInput], [0n, ...fflonkProofReachingPairing()])).accepted).toBe(
      false,
    )
  })

  it('an unknown type reverts (UnknownVerifierType); verificationKeyHash(2) does not answer', async () => {
    const codes = await dualWorld()
    const r = await evmVerify(codes, DUAL, [testInput], [2n, ...testProof])
    expect(r.accepted).toBe(false)
    expect(r.revert).toMatch(/^revert with error selector 0x/)
    await expect(evmVerificationKeyHash(codes, DUAL, 2n)).rejects.toThrow(/did not return/)
  })
})

describe('refusals', () => {
  it('code at a precompile address, or a target without code, is an input error', async () => {
    const code = hexToBytes(byName('era-main-plonk').runtimeBytecode)
    await expect(
      evmVerificationKeyHash([{ address: at(-0x1000 + 8), code }], at(-0x1000 + 8)),
    ).rejects.toThrow(/precompile range/)
    await expect(evmVerificationKeyHash([{ address: at(5), code }], at(6))).rejects.toThrow(/no code for/)
  })
})
