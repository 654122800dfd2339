/**
 * Domain form of a `zks_getProof` answer (zksync-era `core/lib/types/src/api/mod.rs`: `Proof` and
 * `StorageProof`), produced by parseZksProof from the untrusted JSON. Bytes are fixed-length: address 20,
 * key / value / siblings 32.
 */
export interface ZksStorageProofEntry {
  /** The storage slot the entry claims to prove (not yet the hashed tree key). */
  key: Uint8Array
  value: Uint8Array
  /** The leaf's enumeration index (u64); 0 for a slot that is not in the tree. */
  index: bigint
  /** Siblings root-to-leaf, leaf-side empty subtrees trimmed (zksync.md §3.2 step 5). */
  proof: Uint8Array[]
}

export interface ZksProof {
  address: Uint8Array
  storageProof: ZksStorageProofEntry[]
}
