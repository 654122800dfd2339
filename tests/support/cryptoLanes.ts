import {
  nobleBlake2s256Backend,
  nobleBn254Backend,
  nobleKeccak256Backend,
  useCryptoBackends,
  type Bn254Backend,
  type CryptoBackends,
  type HashBackends,
} from '../../src/verifier/crypto/backends'
import { loadHashWasmBackends } from '../../src/verifier/crypto/hashWasmBackends'
import { loadMclBn254Backend } from '../../src/verifier/crypto/mclBn254Backend'
import { hasher as currentSszHasher, setHasher, type Hasher } from '@chainsafe/persistent-merkle-tree'
import { hasher as nobleSszHasher } from '@chainsafe/persistent-merkle-tree/hasher/noble'
import { hasher as wasmSszHasher } from '@chainsafe/persistent-merkle-tree/hasher/as-sha256'
import { nobleBls, useDefaultBls, type BlsBackend } from '../../src/verifier/beacon/blsBackend'
import type { Report } from '../../src/verifier/report'

/**
 * The two lanes of the differential tests: the audited reference (noble) and the fast backends a host picks.
 * A lane is installed for the duration of one call and the previous backends are put back afterwards.
 */
export const NOBLE_HASHES: HashBackends = {
  keccak256: nobleKeccak256Backend,
  blake2s256: nobleBlake2s256Backend,
}

export async function fastHashes(): Promise<HashBackends> {
  const fast = await loadHashWasmBackends()
  if (!fast) throw new Error('hash-wasm did not load: the fast lane cannot be tested')
  return fast
}

export async function fastBn254(): Promise<Bn254Backend> {
  const fast = await loadMclBn254Backend()
  if (!fast) throw new Error('mcl-wasm did not load: the fast BN254 lane cannot be tested')
  return fast
}

/** Every primitive on noble: today's code, the audited reference. */
export const NOBLE_LANE: Lane = {
  ...NOBLE_HASHES,
  bn254: nobleBn254Backend,
  bls: nobleBls,
  ssz: nobleSszHasher,
}

/** The SSZ merkleization hasher a host installs (as-sha256, wasm). */
export const WASM_SSZ_HASHER: Hasher = wasmSszHasher

/** A BN254 backend that is right about everything except the pairing check, whose answer it inverts. */
export const INVERTED_PAIRING: Bn254Backend = {
  name: 'inverted-pairing',
  g1Msm: (points, scalars) => nobleBn254Backend.g1Msm(points, scalars),
  pairingProductIsOne: (pairs) => !nobleBn254Backend.pairingProductIsOne(pairs),
}

/**
 * A lane: a backend for some primitives, and optionally the default BLS backend of evidence checks and the
 * SHA-256 hasher of SSZ merkleization.
 */
export type Lane = Partial<CryptoBackends> & { bls?: BlsBackend; ssz?: Hasher }

export async function inLane<T>(lane: Lane, run: () => T | Promise<T>): Promise<T> {
  const { bls, ssz, ...crypto } = lane
  const restore = useCryptoBackends(crypto)
  const restoreBls = bls ? useDefaultBls(bls) : () => {}
  const previousSsz = currentSszHasher
  if (ssz) setHasher(ssz)
  try {
    return await run()
  } finally {
    setHasher(previousSsz)
    restoreBls()
    restore()
  }
}

/** A deliberately wrong backend, for showing the differential tests catch one: the right hash, one bit flipped. */
export function flippedHashes(): HashBackends {
  const flip = (h: Uint8Array) => {
    const out = h.slice()
    out[0]! ^= 1
    return out
  }
  return {
    keccak256: { name: 'flipped-keccak', hash: (d) => flip(nobleKeccak256Backend.hash(d)) },
    blake2s256: { name: 'flipped-blake2s', hash: (d) => flip(nobleBlake2s256Backend.hash(d)) },
  }
}

/**
 * A report as the lanes must agree on it, check by check: everything but timings and the backend names —
 * the facts' `cryptoBackends`, and the BLS backend a signature check names at the end of its detail.
 */
export function comparable(report: Report): unknown {
  const { cryptoBackends: _names, ...facts } = report.facts
  return {
    subject: report.subject,
    verdict: report.verdict,
    checks: report.checks.map((c) => [
      c.id,
      c.status,
      c.required,
      c.detail.replace(/, (noble|blst)\)$/, ', BLS)'),
    ]),
    facts,
  }
}
