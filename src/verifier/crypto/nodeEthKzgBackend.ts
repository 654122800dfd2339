import type { KzgBackend } from './kzgBackend'

/**
 * Optional native backend: @crate-crypto/node-eth-kzg 0.10.0 (an optionalDependency; a prebuilt N-API binary per
 * platform, so the same file runs in Node, Electron main and worker threads; never the renderer). Loaded with a
 * dynamic import; null when the package or its binary is missing. `usePrecomp: false` keeps its start-up near
 * 0.1 s instead of ~2 s: the precomputation speeds up proof computation, which verification never needs.
 */
type NodeEthKzg = typeof import('@crate-crypto/node-eth-kzg')

let loading: Promise<KzgBackend | null> | undefined

export function loadNodeEthKzgBackend(): Promise<KzgBackend | null> {
  loading ??= (async () => {
    try {
      const mod = (await import('@crate-crypto/node-eth-kzg')) as NodeEthKzg & { default?: NodeEthKzg }
      const lib = typeof mod.default?.DasContextJs === 'function' ? mod.default : mod
      const ctx = lib.DasContextJs.create({ usePrecomp: false })
      const backend: KzgBackend = {
        name: 'node-eth-kzg',
        blobToKzgCommitment: (blob) => new Uint8Array(ctx.blobToKzgCommitment(blob)),
        verifyKzgProof: (commitment, z, y, proof) => ctx.verifyKzgProof(commitment, z, y, proof),
      }
      return backend
    } catch {
      return null
    }
  })()
  return loading
}
