import { describe, expect, it } from 'vitest'
import { readFixtureJson, readFixtureText, readRepoText } from '../../../tests/support/fixtures'
import { parseJsonLossless } from '../encoding/json'
import { Q_MOD } from './bn254'
import { KNOWN_VERIFICATION_KEYS, shippedVerificationKey } from './knownVerificationKeys'
import { parseVerificationKey } from './parseVerificationKey'
import {
  FFLONK_CONTRACT_DEFAULTS,
  PLONK_CONTRACT_DEFAULTS,
  TRUSTED_SETUP_G2,
  verificationKeyHash,
  verificationKeyWords,
} from './verificationKey'

const MAIN_PLONK = '0xb2f50340e0edbe49dc657d4eb298e07f13860c1be0fe2e438e44ef8fad133d84'
const MAIN_FFLONK = '0xc8cd705a0db89577146137de78eba6bd1f1c9c3f66dc52f7627e7c2df30895b2'

const keyFixture = (rel: string) => parseVerificationKey(parseJsonLossless(readFixtureText(rel)))
const shippedFile = (name: string) => readRepoText(`src/verifier/snark/keys/${name}`)

describe('verificationKeyHash', () => {
  it('reproduces the two hashes of EC main from the prover JSON keys', () => {
    expect(verificationKeyHash(keyFixture('zksync/zksync-era/prover_keys/verification_snark_key.json'))).toBe(
      MAIN_PLONK,
    )
    expect(
      verificationKeyHash(keyFixture('zksync/zksync-era/prover_keys/fflonk_verification_snark_key.json')),
    ).toBe(MAIN_FFLONK)
    expect(verificationKeyHash(keyFixture('zksync/era-contracts/tools_data/plonk_scheduler_key.json'))).toBe(
      MAIN_PLONK,
    )
    expect(verificationKeyHash(keyFixture('zksync/era-contracts/tools_data/fflonk_scheduler_key.json'))).toBe(
      MAIN_FFLONK,
    )
  })

  it('reproduces the test key hash of PlonkVerifierTest.sol from its contract words', () => {
    const tv = readFixtureJson<{ vkWords: Record<string, string>; verificationKeyHash: string }>(
      'zksync/derived/plonk_verifier_test_vector.json',
    )
    expect(verificationKeyHash(parseVerificationKey(tv.vkWords))).toBe(tv.verificationKeyHash)
  })

  it('refuses limbs that went through plain JSON.parse (rounded above 2^53) instead of mis-hashing them', () => {
    const text = readFixtureText('zksync/zksync-era/prover_keys/verification_snark_key.json')
    expect(() => parseVerificationKey(JSON.parse(text))).toThrow(/gate_setup_commitments\.0\.x\.0/)
  })

  it('round-trips flat contract words (41 PLONK, 13 FFLONK)', () => {
    for (const hash of [MAIN_PLONK, MAIN_FFLONK]) {
      const vk = shippedVerificationKey(hash)!
      const words = verificationKeyWords(vk).map((w) => '0x' + w.toString(16).padStart(64, '0'))
      expect(verificationKeyHash(parseVerificationKey(words))).toBe(hash)
    }
  })
})

describe('shipped keys', () => {
  it('every shipped JSON file parses to the table words and hashes to the pinned hash', () => {
    const shipped = KNOWN_VERIFICATION_KEYS.filter((k) => k.file)
    expect(shipped.length).toBe(KNOWN_VERIFICATION_KEYS.length)
    for (const known of shipped) {
      const vk = parseVerificationKey(parseJsonLossless(shippedFile(known.file!)))
      expect(vk.system).toBe(known.system)
      expect(verificationKeyWords(vk).map((w) => '0x' + w.toString(16).padStart(64, '0'))).toEqual(
        known.words,
      )
      expect(verificationKeyHash(vk), known.name).toBe(known.hash)
      expect(verificationKeyHash(shippedVerificationKey(known.hash)!)).toBe(known.hash)
      // The table builds keys with the contracts' defaults: the JSON must agree with them.
      if (vk.system === 'plonk') {
        expect(vk.domainSize).toBe(PLONK_CONTRACT_DEFAULTS.domainSize)
        expect(vk.nonResidues).toEqual([...PLONK_CONTRACT_DEFAULTS.nonResidues])
      } else {
        expect(vk.domainSize).toBe(FFLONK_CONTRACT_DEFAULTS.domainSize)
      }
      expect(vk.g2).toEqual(TRUSTED_SETUP_G2)
    }
  })

  it('lists the historic hashes of the research table, each once', () => {
    const hashes = KNOWN_VERIFICATION_KEYS.map((k) => k.hash)
    expect(new Set(hashes).size).toBe(hashes.length)
    const constants = readFixtureJson<{ verificationKeyHashes: Record<string, string> }>(
      'zksync/derived/constants.json',
    )
    for (const h of Object.values(constants.verificationKeyHashes)) expect(hashes).toContain(h)
  })
})

describe('parseVerificationKey rejects malformed keys', () => {
  const json = () =>
    parseJsonLossless(readFixtureText('zksync/zksync-era/prover_keys/verification_snark_key.json')) as Record<
      string,
      unknown
    >
  const words = () => verificationKeyWords(shippedVerificationKey(MAIN_PLONK)!)

  it('an off-curve point', () => {
    const w = words()
    w[1] = w[1]! ^ 1n
    expect(() => parseVerificationKey(w.map(String))).toThrow(/gate_setup\[0\]: point is not on BN254 G1/)
  })

  it('a coordinate not below q', () => {
    const w = words()
    w[0] = w[0]! + Q_MOD
    expect(() => parseVerificationKey(w.map(String))).toThrow(/not below q/)
  })

  it('a wrong word count, and the unsupported recursive variant', () => {
    expect(() => parseVerificationKey(words().slice(1).map(String))).toThrow(/neither a PLONK key/)
    const w = words()
    w[40] = 1n
    expect(() => parseVerificationKey(w.map(String))).toThrow(/recursive variant/)
  })

  it('bellman JSON with a missing field, a limb above 2^64, other G2 points, or a bad domain', () => {
    const a = json()
    delete a.lookup_selector_commitment
    expect(() => parseVerificationKey(a as never)).toThrow(/lookup_selector_commitment/)
    const b = json() as { gate_setup_commitments: { x: bigint[] }[] }
    b.gate_setup_commitments[0]!.x[0] = 1n << 64n
    expect(() => parseVerificationKey(b as never)).toThrow(/64 bits/)
    const c = json() as { g2_elements: unknown[] }
    c.g2_elements = [c.g2_elements[1], c.g2_elements[0]]
    expect(() => parseVerificationKey(c as never)).toThrow(/trusted setup/)
    const d = json()
    d.n = 1000
    expect(() => parseVerificationKey(d as never)).toThrow(/power of two/)
    expect(() => parseVerificationKey('nope')).toThrow(/expected a JSON object/)
  })
})
