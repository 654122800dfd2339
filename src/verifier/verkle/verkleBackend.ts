/**
 * The cryptography the Verkle verifier needs, as an injected dependency: the pure verifier modules never
 * load WASM themselves, so they run unchanged in Node, a worker or the renderer, and tests can count calls.
 * `loadVerkleWasmBackend` (wasmBackend.ts) provides the rust-verkle implementation.
 */
export interface VerkleBackend {
  /** Name and version for reports, e.g. `verkle-cryptography-wasm@0.4.8 (rust-verkle)`. */
  readonly name: string
  /**
   * EIP-6800 witness check against a pre-state root: true when every currentValue (and absence) is proven.
   * Input must already be validated (parseWitness + witnessStructure): the WASM aborts on anything else.
   * May throw; a throw is never a pass.
   */
  verifyExecutionWitnessPreState(preStateRootHex: string, witnessJson: string): boolean
  /**
   * EIP-6800 `pedersen_hash(address32 ‖ tree_index as 32 bytes little-endian)`, 32 bytes; its first 31 bytes
   * are the stem.
   */
  getTreeKeyHash(address32: Uint8Array, treeIndexLE: Uint8Array): Uint8Array
}
