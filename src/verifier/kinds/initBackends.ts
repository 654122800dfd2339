import { hasher as sszHasher, setHasher } from '@chainsafe/persistent-merkle-tree'
import { defaultBls, useDefaultBls } from '../beacon/blsBackend'
import { loadBlstBackend } from '../beacon/blstBackend'
import {
  cryptoBackendNames,
  initCrypto,
  type CryptoBackendNames,
  type CryptoPreference,
} from '../crypto/initCrypto'
import { kzgBackend, useKzgBackend } from '../crypto/kzgBackend'
import { loadMicroKzgBackend } from '../crypto/microKzgBackend'
import { loadNodeEthKzgBackend } from '../crypto/nodeEthKzgBackend'

export { cryptoPreference, type CryptoPreference } from '../crypto/initCrypto'

/**
 * The hosts' one start-up call (CLI, Electron main and the services, the verify worker, the renderer, the
 * bench, the test setup): the fastest backend of every primitive that loads here — hash-wasm for keccak-256
 * and Blake2s-256, mcl-wasm for BN254 (crypto/initCrypto.ts), native @chainsafe/blst for BLS12-381 where
 * the optional package loads (Node and Electron main, worker threads; never the renderer) — and noble for
 * any that does not, or for all with `prefer: 'noble'` (LIGHTPROOF_CRYPTO=noble). Idempotent.
 */
export interface BackendNames extends CryptoBackendNames {
  bls12381: string
  /** SHA-256 of SSZ merkleization (hash_tree_root of headers, committees, updates). */
  sszSha256: string
}

/**
 * as-sha256 (AssemblyScript compiled to wasm; Node, workers and the renderer alike) in place of the SSZ
 * library's default noble hasher: SHA-256 of 64-byte blocks is most of an l1-balance verification's time.
 * Null where the wasm does not load; the noble hasher then stays.
 */
async function loadWasmSszHasher(): Promise<typeof sszHasher | null> {
  try {
    const { hasher } = await import('@chainsafe/persistent-merkle-tree/hasher/as-sha256')
    // One known answer before trusting it: SHA-256 of 64 zero bytes.
    const zero = hasher.digest64(new Uint8Array(32), new Uint8Array(32))
    const hex = Array.from(zero, (b) => b.toString(16).padStart(2, '0')).join('')
    return hex === 'f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b' ? hasher : null
  } catch {
    return null
  }
}

let started: Promise<BackendNames> | undefined
let preference: CryptoPreference = 'fast'

export function initBackends(options: { prefer?: CryptoPreference } = {}): Promise<BackendNames> {
  if (!started) preference = options.prefer ?? 'fast'
  started ??= (async () => {
    const fast = options.prefer !== 'noble'
    const [, blst, ssz] = await Promise.all([
      initCrypto(options),
      fast ? loadBlstBackend() : Promise.resolve(null),
      fast ? loadWasmSszHasher() : Promise.resolve(null),
    ])
    if (blst) useDefaultBls(blst)
    if (ssz) setHasher(ssz)
    return backendNames()
  })()
  return started
}

/** Which implementation runs each primitive now, as reports (facts.cryptoBackends) and the bench name it. */
export function backendNames(): BackendNames {
  return { ...cryptoBackendNames(), bls12381: defaultBls().name, sszSha256: sszHasher.name }
}

let kzgStarted: Promise<string | null> | undefined

/**
 * EIP-4844 KZG, loaded on first use (the setup is ~0.8 MB of points, the native one takes seconds to start), by
 * the evidence kinds that check blobs: native @crate-crypto/node-eth-kzg where its binary loads, micro-eth-signer
 * (pure JS) otherwise or with `prefer: 'noble'` (the preference initBackends was given). Returns the backend's name,
 * or null when neither loads (the blob checks then say so and the verdict stays incomplete). Idempotent.
 */
export function initKzg(options: { prefer?: CryptoPreference } = {}): Promise<string | null> {
  kzgStarted ??= (async () => {
    const prefer = options.prefer ?? preference
    const backend =
      (prefer === 'noble' ? null : await loadNodeEthKzgBackend()) ?? (await loadMicroKzgBackend())
    if (backend && !kzgBackend()) useKzgBackend(backend)
    return kzgBackend()?.name ?? null
  })()
  return kzgStarted
}
