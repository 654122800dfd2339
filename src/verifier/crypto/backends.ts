import { blake2s } from '@noble/hashes/blake2.js'
import { keccak_256 as nobleKeccak256 } from '@noble/hashes/sha3.js'
import { nobleBn254Backend, type Bn254Backend } from './bn254Backend'

export { nobleBn254Backend, type Bn254Backend } from './bn254Backend'

/**
 * The primitives layer: one interface per primitive, one active implementation of each, chosen once at
 * start-up by the host (`initCrypto`, see initCrypto.ts). Until a host chooses, and whenever a fast backend
 * cannot load, the audited @noble/* implementations run — they are also the reference lane every fast
 * backend is differentially tested against (crypto/*.test.ts, tests/differential).
 *
 * Nothing here does I/O: a backend is a set of pure functions; loading one is the host's async call.
 */

/** Keccak-256 as Ethereum uses it (original Keccak padding 0x01, not SHA3-256). */
export interface Keccak256Backend {
  readonly name: string
  hash(data: Uint8Array): Uint8Array
}

/** Blake2s-256: unkeyed, 32-byte digest, no salt or personalisation (the ZKsync Era state tree's hasher). */
export interface Blake2s256Backend {
  readonly name: string
  hash(data: Uint8Array): Uint8Array
}

export const nobleKeccak256Backend: Keccak256Backend = { name: 'noble', hash: (d) => nobleKeccak256(d) }
export const nobleBlake2s256Backend: Blake2s256Backend = { name: 'noble', hash: (d) => blake2s(d) }

export interface HashBackends {
  keccak256: Keccak256Backend
  blake2s256: Blake2s256Backend
}

/** One implementation per primitive. (BLS12-381 is chosen per call, see beacon/blsBackend.ts.) */
export interface CryptoBackends extends HashBackends {
  bn254: Bn254Backend
}

const active: CryptoBackends = {
  keccak256: nobleKeccak256Backend,
  blake2s256: nobleBlake2s256Backend,
  bn254: nobleBn254Backend,
}

/** Bumped on every switch, so caches of hash results (e.g. the empty-subtree table) know to recompute. */
let generation = 0

export function activeCryptoBackends(): Readonly<CryptoBackends> {
  return active
}

export function hashBackendGeneration(): number {
  return generation
}

/**
 * Installs backends and returns a function that puts the previous ones back. Hosts call it once through
 * initCrypto; differential tests call it to run the same fixture through two lanes.
 */
export function useCryptoBackends(next: Partial<CryptoBackends>): () => void {
  const previous = { ...active }
  Object.assign(active, next)
  generation++
  return () => {
    Object.assign(active, previous)
    generation++
  }
}

/** Keccak-256 of `data` with the active backend. */
export function keccak_256(data: Uint8Array): Uint8Array {
  return active.keccak256.hash(data)
}

/** The active BN254 backend (MSM and pairing check; snark/bn254.ts validates before calling it). */
export function bn254Backend(): Bn254Backend {
  return active.bn254
}

/** Blake2s-256 of `data` with the active backend. */
export function blake2s256(data: Uint8Array): Uint8Array {
  return active.blake2s256.hash(data)
}
