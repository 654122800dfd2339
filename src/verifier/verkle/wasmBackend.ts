import type { VerkleBackend } from './verkleBackend'

/**
 * rust-verkle compiled to WASM (verkle-cryptography-wasm@0.4.8), loaded once per process or worker.
 *
 * The package embeds its WASM as base64 and compiles it with `WebAssembly.compile` — no node:fs, no fetch —
 * so this loader is browser-safe; an Electron renderer's CSP needs `'wasm-unsafe-eval'` (DESIGN.md §5).
 * It is imported dynamically so that callers which never verify a witness do not pay for the ~836 KB module.
 *
 * rust-verkle aborts (`RuntimeError: unreachable`) on input it cannot parse. Our parser and structure checks
 * exist so that this never happens, but if it does, that instance is retired: every backend object made
 * from it refuses further calls and the next load builds a fresh instance. Retiring matters because the
 * package keeps one module-global WASM instance; an old object's context pointer would be meaningless in a
 * new instance, and a trapped instance is not guaranteed sound (research/verkle.md §6).
 */
export const WASM_BACKEND_NAME = 'verkle-cryptography-wasm@0.4.8 (rust-verkle)'

type VerkleCrypto = Awaited<ReturnType<typeof import('verkle-cryptography-wasm').loadVerkleCrypto>>

let loading: Promise<{ backend: VerkleBackend; crypto: VerkleCrypto }> | undefined
let generation = 0

function load(): Promise<{ backend: VerkleBackend; crypto: VerkleCrypto }> {
  loading ??= instantiate().catch((err: unknown) => {
    loading = undefined
    throw err
  })
  return loading
}

export async function loadVerkleWasmBackend(): Promise<VerkleBackend> {
  return (await load()).backend
}

/**
 * The package's own crypto object of the current instance, for conformance tests that run reference code
 * (@ethereumjs/util@10.0.0 helpers) on the same instance. Loading the package a second time would replace
 * the module-global instance under our backend.
 */
export async function loadVerkleWasmCrypto(): Promise<VerkleCrypto> {
  return (await load()).crypto
}

async function instantiate(): Promise<{ backend: VerkleBackend; crypto: VerkleCrypto }> {
  const { loadVerkleCrypto } = await import('verkle-cryptography-wasm')
  const crypto = await loadVerkleCrypto()
  const mine = ++generation
  const guard = <T>(call: () => T): T => {
    if (mine !== generation)
      throw new Error('this verkle WASM instance was retired after an abort; load the backend again')
    try {
      return call()
    } catch (err) {
      generation++
      loading = undefined
      throw err
    }
  }
  const backend: VerkleBackend = {
    name: WASM_BACKEND_NAME,
    verifyExecutionWitnessPreState: (root, json) =>
      guard(() => crypto.verifyExecutionWitnessPreState(root, json)),
    getTreeKeyHash: (address32, treeIndexLE) => guard(() => crypto.getTreeKeyHash(address32, treeIndexLE)),
  }
  return { backend, crypto }
}
