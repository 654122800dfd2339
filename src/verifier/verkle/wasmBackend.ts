import type { VerkleBackend } from './verkleBackend'

/**
 * rust-verkle compiled to WASM (verkle-cryptography-wasm@0.4.8), loaded once per process or worker.
 *
 * The package embeds its WASM as base64 and compiles it with `WebAssembly.compile` — no node:fs, no fetch —
 * so this loader is browser-safe; an Electron renderer's CSP needs `'wasm-unsafe-eval'` (DESIGN.md §5).
 * It is imported dynamically so that callers which never verify a witness do not pay for the ~836 KB module.
 *
 * rust-verkle aborts (`RuntimeError: unreachable`) on input it cannot parse. Our parser and structure checks
 * exist so that this never happens, but if it does the instance is dropped and the next load builds a fresh
 * one: a trapped WASM instance is not guaranteed to be sound afterwards (research/verkle.md §6).
 */
export const WASM_BACKEND_NAME = 'verkle-cryptography-wasm@0.4.8 (rust-verkle)'

let loading: Promise<VerkleBackend> | undefined

export function loadVerkleWasmBackend(): Promise<VerkleBackend> {
  loading ??= instantiate().catch((err: unknown) => {
    loading = undefined
    throw err
  })
  return loading
}

async function instantiate(): Promise<VerkleBackend> {
  const { loadVerkleCrypto } = await import('verkle-cryptography-wasm')
  const crypto = await loadVerkleCrypto()
  const guard = <T>(call: () => T): T => {
    try {
      return call()
    } catch (err) {
      loading = undefined
      throw err
    }
  }
  return {
    name: WASM_BACKEND_NAME,
    verifyExecutionWitnessPreState: (root, json) =>
      guard(() => crypto.verifyExecutionWitnessPreState(root, json)),
    getTreeKeyHash: (address32, treeIndexLE) => guard(() => crypto.getTreeKeyHash(address32, treeIndexLE)),
  }
}
