import { keccak_256 } from '../crypto/backends'
import { InputError } from '../../shared/errors'
import { bigintToBytes32, bytesToHex } from '../encoding/hex'
import { g1FromCoordinates, g2FromEip197Words, Q_MOD, R_MOD, rootOfUnity } from './bn254'

/**
 * Verification keys of ZKsync's two L1 SNARK verifiers, as plain words, and `verificationKeyHash()` exactly as
 * each contract computes it (zksync.md §2.3; EC main `L1VerifierPlonk.sol`, `L1VerifierFflonk.sol`).
 */

export type ProofSystem = 'plonk' | 'fflonk'

/** An affine G1 point as two words; (0, 0) is the point at infinity (EIP-196). */
export interface G1Words {
  x: bigint
  y: bigint
}

/** A G2 point in EIP-197 word order: x.c1, x.c0, y.c1, y.c0. */
export type G2Words = readonly [bigint, bigint, bigint, bigint]

export interface PlonkVerificationKey {
  system: 'plonk'
  /** Evaluation domain size, a power of two (the contract's DOMAIN_SIZE; bellman JSON stores it minus one). */
  domainSize: bigint
  /** [q_a], [q_b], [q_c], [q_d], [q_ab], [q_ac], [q_const], [q_d_next]. */
  gateSetup: readonly G1Words[]
  /** [main_gate_selector], [custom_gate_selector]. */
  gateSelectors: readonly G1Words[]
  /** [sigma_0] … [sigma_3]. */
  permutations: readonly G1Words[]
  lookupSelector: G1Words
  /** [col_0] … [col_3]. */
  lookupTables: readonly G1Words[]
  lookupTableType: G1Words
  /** k0, k1, k2: the copy-permutation coset generators (contract NON_RESIDUES_0..2). */
  nonResidues: readonly [bigint, bigint, bigint]
  /** [1]_2 and [x]_2 of the trusted setup (contract G2_ELEMENTS_0/1). */
  g2: readonly [G2Words, G2Words]
}

export interface FflonkVerificationKey {
  system: 'fflonk'
  domainSize: bigint
  numInputs: bigint
  /** [C0]_1: the combined commitment to the 8 setup polynomials. */
  c0: G1Words
  /** k1, k2 (VK_NON_RESIDUES_0/1). */
  nonResidues: readonly [bigint, bigint]
  g2: readonly [G2Words, G2Words]
}

export type VerificationKey = PlonkVerificationKey | FflonkVerificationKey

/**
 * The trusted-setup G2 points every ZKsync verifier on main hard-codes (G2_ELEMENTS_0 = the G2 generator,
 * G2_ELEMENTS_1 = [x]_2 of the universal setup). Flat PLONK contract words do not carry them, because the
 * contract does not hash them; they are taken from here.
 */
export const TRUSTED_SETUP_G2: readonly [G2Words, G2Words] = [
  [
    0x198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2n,
    0x1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6edn,
    0x090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975bn,
    0x12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daan,
  ],
  [
    0x260e01b251f6f1c7e7ff4e580791dee8ea51d87a358e038b4efe30fac09383c1n,
    0x0118c4d5b837bcc2bc89b5b398b5974e9f5944073b32078b7e231fec938883b0n,
    0x04fc6369f7110fe3d25156c1bb9a72859cf2a04641f99ba4ee413c80da6a5fe4n,
    0x22febda3c0c0632a56475b4214e5615e11e6dd3f96e6cea2854a87d4dacc5e55n,
  ],
]

/** Defaults the contracts hard-code and flat words do not carry (L1VerifierPlonk / L1VerifierFflonk on main). */
export const PLONK_CONTRACT_DEFAULTS = { domainSize: 1n << 24n, nonResidues: [5n, 7n, 10n] as const }
export const FFLONK_CONTRACT_DEFAULTS = { domainSize: 1n << 23n }

/** Number of words in the PLONK contract's hashed VK region (VK_GATE_SETUP_0_X_SLOT … VK_RECURSIVE_FLAG_SLOT). */
export const PLONK_VK_WORDS = 41
/** Number of words in the FFLONK hash preimage: num_inputs, C0 (2), k1, k2, two G2 points (8). */
export const FFLONK_VK_WORDS = 13

function g1Pair(p: G1Words): bigint[] {
  return [p.x, p.y]
}

/**
 * The PLONK verifier's VK memory, in slot order (not the order `_loadVerificationKey` writes it: the lookup
 * selector slot 0x580 precedes the lookup table slots 0x5c0…). The last word is VK_RECURSIVE_FLAG_SLOT, 0 for
 * the non-recursive verifier Era uses.
 */
export function plonkVerificationKeyWords(vk: PlonkVerificationKey): bigint[] {
  return [
    ...vk.gateSetup.flatMap(g1Pair),
    ...vk.gateSelectors.flatMap(g1Pair),
    ...vk.permutations.flatMap(g1Pair),
    ...g1Pair(vk.lookupSelector),
    ...vk.lookupTables.flatMap(g1Pair),
    ...g1Pair(vk.lookupTableType),
    0n,
  ]
}

/** `abi.encodePacked(VK_NUM_INPUTS, VK_C0_G1_X, VK_C0_G1_Y, VK_NON_RESIDUES_0, VK_NON_RESIDUES_1, G2 × 2)`. */
export function fflonkVerificationKeyWords(vk: FflonkVerificationKey): bigint[] {
  return [vk.numInputs, vk.c0.x, vk.c0.y, vk.nonResidues[0], vk.nonResidues[1], ...vk.g2[0], ...vk.g2[1]]
}

export function verificationKeyWords(vk: VerificationKey): bigint[] {
  return vk.system === 'plonk' ? plonkVerificationKeyWords(vk) : fflonkVerificationKeyWords(vk)
}

/** keccak256 over the words above: what `verificationKeyHash()` of the matching L1 verifier returns. */
export function verificationKeyHash(vk: VerificationKey): string {
  const words = verificationKeyWords(vk)
  const buf = new Uint8Array(words.length * 32)
  words.forEach((w, i) => buf.set(bigintToBytes32(w), i * 32))
  return bytesToHex(keccak_256(buf))
}

// ---------- building keys from words, with every value range-checked ----------

function g1Checked(x: bigint, y: bigint, what: string): G1Words {
  if (x >= Q_MOD || y >= Q_MOD) throw new InputError(`verification key ${what}: coordinate is not below q`)
  if (!g1FromCoordinates(x, y)) throw new InputError(`verification key ${what}: point is not on BN254 G1`)
  return { x, y }
}

function g2Checked(words: readonly bigint[], what: string): G2Words {
  const [a, b, c, d] = words
  if (a === undefined || b === undefined || c === undefined || d === undefined) {
    throw new InputError(`verification key ${what}: expected 4 words`)
  }
  try {
    g2FromEip197Words(a, b, c, d)
  } catch (err) {
    throw new InputError(`verification key ${what}: ${(err as Error).message}`)
  }
  return [a, b, c, d]
}

function domainChecked(size: bigint, what: string): bigint {
  const log2 = size.toString(2).length - 1
  if (size < 2n || size !== 1n << BigInt(log2) || log2 > 28) {
    throw new InputError(`verification key ${what}: domain size ${size} is not a power of two ≤ 2^28`)
  }
  return size
}

function scalarChecked(v: bigint, what: string): bigint {
  if (v < 0n || v >= R_MOD) throw new InputError(`verification key ${what}: not below r`)
  return v
}

export interface PlonkKeyParts {
  domainSize?: bigint
  nonResidues?: readonly bigint[]
  g2?: readonly (readonly bigint[])[]
}

/** A PLONK key from the 41 contract words (slot order), plus what the contract hard-codes. */
export function plonkKeyFromWords(words: readonly bigint[], parts: PlonkKeyParts = {}): PlonkVerificationKey {
  if (words.length !== PLONK_VK_WORDS) {
    throw new InputError(`PLONK verification key: expected ${PLONK_VK_WORDS} words, got ${words.length}`)
  }
  const flag = words[40]!
  if (flag !== 0n) {
    // The 48-word recursive variant aggregates two more points; Era's L1 verifier never enables it.
    throw new InputError(
      'PLONK verification key: the recursive variant (flag ≠ 0, 48-word proofs) is not supported',
    )
  }
  const point = (i: number, what: string) => g1Checked(words[2 * i]!, words[2 * i + 1]!, what)
  const range = (from: number, n: number, what: string) =>
    Array.from({ length: n }, (_, k) => point(from + k, `${what}[${k}]`))
  const nonResidues = parts.nonResidues ?? PLONK_CONTRACT_DEFAULTS.nonResidues
  if (nonResidues.length !== 3) throw new InputError('PLONK verification key: expected 3 non-residues')
  const g2 = parts.g2 ?? TRUSTED_SETUP_G2
  if (g2.length !== 2) throw new InputError('PLONK verification key: expected 2 G2 elements')
  return {
    system: 'plonk',
    domainSize: domainChecked(parts.domainSize ?? PLONK_CONTRACT_DEFAULTS.domainSize, 'domain'),
    gateSetup: range(0, 8, 'gate_setup'),
    gateSelectors: range(8, 2, 'gate_selectors'),
    permutations: range(10, 4, 'permutation'),
    lookupSelector: point(14, 'lookup_selector'),
    lookupTables: range(15, 4, 'lookup_tables'),
    lookupTableType: point(19, 'lookup_table_type'),
    nonResidues: [
      scalarChecked(nonResidues[0]!, 'non_residues[0]'),
      scalarChecked(nonResidues[1]!, 'non_residues[1]'),
      scalarChecked(nonResidues[2]!, 'non_residues[2]'),
    ],
    g2: [g2Checked(g2[0]!, 'g2_elements[0]'), g2Checked(g2[1]!, 'g2_elements[1]')],
  }
}

/** An FFLONK key from its 13 hash-preimage words, plus the domain size the contract hard-codes. */
export function fflonkKeyFromWords(words: readonly bigint[], domainSize?: bigint): FflonkVerificationKey {
  if (words.length !== FFLONK_VK_WORDS) {
    throw new InputError(`FFLONK verification key: expected ${FFLONK_VK_WORDS} words, got ${words.length}`)
  }
  const numInputs = words[0]!
  // L1VerifierFflonk reads exactly one public input (PROOF_PUBLIC_INPUTS_LENGTH = 1).
  if (numInputs !== 1n)
    throw new InputError(`FFLONK verification key: num_inputs is ${numInputs}, expected 1`)
  const c0 = g1Checked(words[1]!, words[2]!, 'c0')
  if (c0.x === 0n && c0.y === 0n) throw new InputError('FFLONK verification key: c0 is the point at infinity')
  return {
    system: 'fflonk',
    domainSize: domainChecked(domainSize ?? FFLONK_CONTRACT_DEFAULTS.domainSize, 'domain'),
    numInputs,
    c0,
    nonResidues: [scalarChecked(words[3]!, 'non_residues[0]'), scalarChecked(words[4]!, 'non_residues[1]')],
    g2: [g2Checked(words.slice(5, 9), 'g2_elements[0]'), g2Checked(words.slice(9, 13), 'g2_elements[1]')],
  }
}

/** The generator ω of the key's evaluation domain (the contract's OMEGA constant). */
export function domainGenerator(vk: VerificationKey): bigint {
  return rootOfUnity(vk.domainSize.toString(2).length - 1)
}
