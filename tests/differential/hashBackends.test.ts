import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { blake2s256, keccak_256 } from '../../src/verifier/crypto/backends'
import { cryptoBackendNames } from '../../src/verifier/crypto/initCrypto'
import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
import type { LosslessJson } from '../../src/verifier/encoding/json'
import { parseEvidence, type Evidence } from '../../src/verifier/evidence/schema'
import { verifyEvidence } from '../../src/verifier/kinds/verifyEvidence'
import { parseEthGetProof } from '../../src/verifier/mpt/parseEthGetProof'
import { REAL_PROOF_CASES } from '../support/realProofCases'
import { verifyMptProof } from '../../src/verifier/mpt/verifyMptProof'
import { parseZksProof } from '../../src/verifier/zksync/stateTree/parseZksProof'
import { verifyZksProof } from '../../src/verifier/zksync/stateTree/verifyZksProof'
import { loadBlstBackend } from '../../src/verifier/beacon/blstBackend'
import {
  comparable,
  fastBn254,
  fastHashes,
  flippedHashes,
  inLane,
  NOBLE_HASHES,
  NOBLE_LANE,
  WASM_SSZ_HASHER,
  type Lane,
} from '../support/cryptoLanes'
import { readFixtureJson, REPO_ROOT } from '../support/fixtures'
import { generatedSeeds } from '../fuzz/generatedSeeds'
import { plonkEvidenceVectors } from '../support/snarkVectors'

/**
 * Differential tests of the hash backends (issue 18): the fast lane (hash-wasm) and the reference lane (noble)
 * must give the same bytes on any input and the same report, check by check, on every sample and fixture
 * vector; and a wrong fast backend — a test double returning the right hash with one bit flipped — must be
 * caught by exactly these comparisons.
 */
const FAST = await fastHashes()
/** Every primitive on its fastest backend here (blst only where the optional native package loads). */
const blst = await loadBlstBackend()
const FAST_LANE: Lane = {
  ...FAST,
  bn254: await fastBn254(),
  ...(blst ? { bls: blst } : {}),
  ssz: WASM_SSZ_HASHER,
}

const SAMPLES = readdirSync(join(REPO_ROOT, 'samples'))
  .filter((f) => f.endsWith('.evidence.json'))
  .map((f) => ({
    name: f,
    evidence: parseEvidence(new Uint8Array(readFileSync(join(REPO_ROOT, 'samples', f)))),
  }))

/** The samples, the PLONK vectors, and the fuzzer's generated seeds of the kinds no sample covers. */
const EVIDENCE: { name: string; evidence: Evidence }[] = [
  ...SAMPLES,
  ...plonkEvidenceVectors(),
  ...(await generatedSeeds()),
]

interface Walk {
  name: string
  root: Uint8Array
  key: Uint8Array
  proof: Uint8Array[]
}

/** Every real eth_getProof walk in the fixtures (account and storage, inclusion and exclusion). */
function realWalks(): Walk[] {
  const walks: Walk[] = []
  for (const c of REAL_PROOF_CASES) {
    const json = readFixtureJson(c.file)
    for (const raw of c.pick ? c.pick(json) : [json]) {
      const p = parseEthGetProof(raw as LosslessJson)
      const name = `${c.file} ${bytesToHex(p.address)}`
      walks.push({ name, root: hexToBytes(c.stateRoot), key: keccak_256(p.address), proof: p.accountProof })
      for (const s of p.storageProof)
        walks.push({ name: `${name} slot`, root: p.storageHash, key: keccak_256(s.key), proof: s.proof })
    }
  }
  return walks
}

function zksVector() {
  const m = readFixtureJson<{ address: string; storageProof: unknown; expectedRoot: string }>(
    'zksync/derived/zks_getproof_mainnet_vector.json',
  )
  return {
    proof: parseZksProof({ address: m.address, storageProof: [m.storageProof] } as never),
    root: hexToBytes(m.expectedRoot),
  }
}

describe('hash backends: the fast lane equals noble on any input', () => {
  it('tests run on the fast backends (npm test exercises them)', () => {
    if (process.env.LIGHTPROOF_CRYPTO === 'noble') return
    expect(cryptoBackendNames()).toMatchObject({ keccak256: 'hash-wasm', blake2s256: 'hash-wasm' })
  })

  it('keccak-256 and Blake2s-256 of random inputs, across the block and rate boundaries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), (data) => {
        expect(FAST.keccak256.hash(data)).toEqual(NOBLE_HASHES.keccak256.hash(data))
        expect(FAST.blake2s256.hash(data)).toEqual(NOBLE_HASHES.blake2s256.hash(data))
      }),
      { numRuns: 1500 },
    )
  })

  it('inputs that are views into a larger buffer, and returned digests that later calls do not overwrite', () => {
    const big = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7) & 0xff)
    const view = big.subarray(100, 100 + 532)
    const a = FAST.keccak256.hash(view)
    const b = FAST.blake2s256.hash(view)
    FAST.keccak256.hash(big)
    FAST.blake2s256.hash(big)
    expect(a).toEqual(NOBLE_HASHES.keccak256.hash(view.slice()))
    expect(b).toEqual(NOBLE_HASHES.blake2s256.hash(view.slice()))
    expect(FAST.keccak256.hash(big)).toEqual(NOBLE_HASHES.keccak256.hash(big))
  })
})

describe('every sample and fixture vector gives the same report on noble and on the fast backends', () => {
  it.each(EVIDENCE.map((e) => [e.name, e.evidence] as const))('%s', async (_name, evidence) => {
    const reference = await inLane(NOBLE_LANE, () => verifyEvidence(evidence))
    const fast = await inLane(FAST_LANE, () => verifyEvidence(evidence))
    expect(comparable(fast)).toEqual(comparable(reference))
    expect(reference.facts.cryptoBackends).toMatchObject({ keccak256: 'noble', blake2s256: 'noble' })
    expect(fast.facts.cryptoBackends).toMatchObject({ keccak256: 'hash-wasm', blake2s256: 'hash-wasm' })
    expect(reference.facts.cryptoBackends).toMatchObject({ sszSha256: 'noble' })
    expect(fast.facts.cryptoBackends).toMatchObject({ sszSha256: 'as-sha256' })
  })

  it('every real eth_getProof walk of the fixtures', async () => {
    const walks = realWalks()
    expect(walks.length).toBeGreaterThanOrEqual(17)
    for (const w of walks) {
      const reference = await inLane(NOBLE_HASHES, () => verifyMptProof(w.root, w.key, w.proof))
      const fast = await inLane(FAST, () => verifyMptProof(w.root, w.key, w.proof))
      expect(fast, w.name).toEqual(reference)
      expect(reference.status, w.name).not.toBe('invalid')
    }
  })

  it('the zks_getProof mainnet vector', async () => {
    const { proof, root } = zksVector()
    const reference = await inLane(NOBLE_HASHES, () => verifyZksProof(proof, root))
    const fast = await inLane(FAST, () => verifyZksProof(proof, root))
    expect(reference.verdict).toBe('verified')
    expect(comparable(fast)).toEqual(comparable(reference))
  })
})

describe('a wrong fast backend (the right hash with one bit flipped) is caught', () => {
  const wrong = flippedHashes()

  it.each(EVIDENCE.map((e) => [e.name, e.evidence] as const))('%s', async (name, evidence) => {
    const reference = await inLane(NOBLE_HASHES, () => verifyEvidence(evidence))
    // Each lane is wrong in one primitive, so a sample that uses only one of them is caught by that one.
    const withKeccak = await inLane({ keccak256: wrong.keccak256 }, () => verifyEvidence(evidence))
    const withBlake = await inLane({ blake2s256: wrong.blake2s256 }, () => verifyEvidence(evidence))
    const caught = [withKeccak, withBlake].filter(
      (r) => JSON.stringify(comparable(r)) !== JSON.stringify(comparable(reference)),
    )
    // Three hash with neither: the Verkle sample (Pedersen commitments in wasm), and the beacon and binary-tree
    // seeds (SHA-256 only); every other one is caught.
    const neither = ['verkle', 'generated:beacon', 'generated:binary-tree'].some((p) => name.startsWith(p))
    expect(caught.length > 0, name).toBe(!neither)
    for (const r of caught) expect(r.verdict, name).not.toBe('verified')
  })

  it('in the trie walks and the zks proof', async () => {
    for (const w of realWalks()) {
      const reference = await inLane(NOBLE_HASHES, () => verifyMptProof(w.root, w.key, w.proof))
      const bad = await inLane(wrong, () => verifyMptProof(w.root, w.key, w.proof))
      expect(bad, w.name).not.toEqual(reference)
    }
    const { proof, root } = zksVector()
    const bad = await inLane(wrong, () => verifyZksProof(proof, root))
    expect(bad.verdict).toBe('failed')
  })

  it('the active-lane helpers put the previous backends back', async () => {
    const before = keccak_256(new Uint8Array(3))
    await inLane(wrong, () => undefined)
    expect(keccak_256(new Uint8Array(3))).toEqual(before)
    expect(blake2s256(new Uint8Array(3))).toEqual(NOBLE_HASHES.blake2s256.hash(new Uint8Array(3)))
  })
})
