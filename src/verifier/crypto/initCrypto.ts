import { activeCryptoBackends, useCryptoBackends } from './backends'
import { loadHashWasmBackends } from './hashWasmBackends'
import { loadMclBn254Backend } from './mclBn254Backend'

/**
 * The host's one start-up call (CLI, Electron main, the verify worker; not the renderer, which verifies nothing): picks the fastest
 * backend of each primitive that loads here, keeping noble for any that does not. Idempotent — later calls
 * return the first call's answer. `prefer: 'noble'` keeps the reference lane everywhere (LIGHTPROOF_CRYPTO=noble
 * in the CLI and the app), for comparing or for an auditor who wants only the audited code.
 */
export type CryptoPreference = 'fast' | 'noble'

/** Which implementation runs each primitive, as reports and the bench name it. */
export interface CryptoBackendNames {
  keccak256: string
  blake2s256: string
  bn254: string
}

let started: Promise<CryptoBackendNames> | undefined

export function initCrypto(options: { prefer?: CryptoPreference } = {}): Promise<CryptoBackendNames> {
  started ??= (async () => {
    if (options.prefer !== 'noble') {
      const [hashes, bn254] = await Promise.all([loadHashWasmBackends(), loadMclBn254Backend()])
      if (hashes) useCryptoBackends(hashes)
      if (bn254) useCryptoBackends({ bn254 })
    }
    return cryptoBackendNames()
  })()
  return started
}

export function cryptoBackendNames(): CryptoBackendNames {
  const a = activeCryptoBackends()
  return { keccak256: a.keccak256.name, blake2s256: a.blake2s256.name, bn254: a.bn254.name }
}

/** The host's reading of LIGHTPROOF_CRYPTO (`noble` or `fast`, default fast). */
export function cryptoPreference(value: string | undefined): CryptoPreference {
  return value === 'noble' ? 'noble' : 'fast'
}
