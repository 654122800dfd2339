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
}

let started: Promise<BackendNames> | undefined
let preference: CryptoPreference = 'fast'

export function initBackends(options: { prefer?: CryptoPreference } = {}): Promise<BackendNames> {
  if (!started) preference = options.prefer ?? 'fast'
  started ??= (async () => {
    const [, blst] = await Promise.all([
      initCrypto(options),
      options.prefer === 'noble' ? Promise.resolve(null) : loadBlstBackend(),
    ])
    if (blst) useDefaultBls(blst)
    return backendNames()
  })()
  return started
}

/** Which implementation runs each primitive now, as reports (facts.cryptoBackends) and the bench name it. */
export function backendNames(): BackendNames {
  return { ...cryptoBackendNames(), bls12381: defaultBls().name }
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
