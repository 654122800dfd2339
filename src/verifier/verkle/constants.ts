/**
 * EIP-6800 constants as data (ethereum/EIPs@f767a1e8:EIPS/eip-6800.md, research/verkle.md §3–§4).
 * The algorithms that read them are written once; a new layout is a new table row.
 */

/** A stem is the first 31 bytes of a tree key; the 32nd byte (the suffix) selects one of 256 values. */
export const STEM_LENGTH = 31
export const VALUE_LENGTH = 32
export const COMMITMENT_LENGTH = 32
export const NODE_WIDTH = 256

/** Account header positions (tree_index 0). */
export const BASIC_DATA_LEAF_KEY = 0
export const CODE_HASH_LEAF_KEY = 1
/** Storage slots 0..63 live in the account header at suffix 64 + slot. */
export const HEADER_STORAGE_OFFSET = 64
/** Code chunk i lives at position 128 + i (tree_index = pos / 256, suffix = pos % 256). */
export const CODE_OFFSET = 128
/** Every other slot lives at position 256^31 + slot. */
export const MAIN_STORAGE_OFFSET = 256n ** 31n

/**
 * `depthExtensionPresent` byte = (depth << 3) | ext. rust-verkle `byte_to_depth_extension_present`
 * (crate-crypto/rust-verkle@e27b8b4e:verkle-trie/src/proof/golang_proof_format.rs) panics on ext 3.
 */
export const EXT_STATUS = { 0: 'none', 1: 'different-stem', 2: 'present' } as const
export type ExtStatus = (typeof EXT_STATUS)[keyof typeof EXT_STATUS]
/** The deepest a stem can sit: one internal level per stem byte. */
export const MAX_DEPTH = 31

/** The IPA runs over a 256-wide domain, so it has log2(256) = 8 rounds: 8 L and 8 R points. */
export const IPA_ROUNDS = 8

/**
 * Order of the banderwagon scalar field. rust-verkle deserialises `finalEvaluation` with
 * `deserialize_compressed(..).unwrap()`, which aborts the wasm on a non-canonical scalar, so we check it
 * first.
 */
export const BANDERWAGON_SCALAR_ORDER = 0x1cfb69d4ca675f520cce760202687600ff8f87007419047174fd06b52876e7e1n

/**
 * The two account leaf layouts seen in real data.
 *
 * - `basic-data`: EIP-6800 since commits 9590d7937 (2024-06-27) and d46092bfd (2024-07-24). Suffix 0 holds one
 *   32-byte big-endian packed value; suffix 1 the code hash. Used by EEST verkle@v0.0.4.
 * - `legacy-per-field`: Kaustinen ≤ 6. Five leaves, each a 32-byte little-endian number (the code hash is
 *   raw bytes). Reproduces the Kaustinen-6 genesis root in rust-verkle@e27b8b4e:verkle-spec/tests/devnet6.rs.
 */
export type LeafLayout = 'basic-data' | 'legacy-per-field'

/** Byte ranges inside the basic-data value: version | reserved | code size | nonce | balance. */
export const BASIC_DATA_FIELDS = {
  version: { offset: 0, length: 1 },
  codeSize: { offset: 5, length: 3 },
  nonce: { offset: 8, length: 8 },
  balance: { offset: 16, length: 16 },
} as const

/** Suffix of each account field in the legacy per-field layout. */
export const LEGACY_ACCOUNT_SUFFIXES = {
  version: 0,
  balance: 1,
  nonce: 2,
  codeHash: 3,
  codeSize: 4,
} as const

/** Upper bounds on witness shapes: far above real blocks (Kaustinen-6 block 73: 91 stems), far below abuse. */
export const WITNESS_LIMITS = {
  stems: 1 << 16,
  otherStems: 1 << 16,
  commitments: 1 << 20,
} as const
