import { z } from 'zod'
import { InputError } from '../../shared/errors'
import type { LosslessJson } from '../encoding/json'
import { parseQuantity } from '../encoding/hex'
import {
  FFLONK_VK_WORDS,
  fflonkKeyFromWords,
  PLONK_VK_WORDS,
  plonkKeyFromWords,
  TRUSTED_SETUP_G2,
  type VerificationKey,
} from './verificationKey'

/**
 * The boundary for verification keys. Three forms are accepted:
 *  - the prover's bellman JSON (`verification_snark_key.json`, `fflonk_verification_snark_key.json`, EC
 *    `tools/data/*_scheduler_key.json`), whose field elements are 4 little-endian u64 limbs — values above
 *    2^53, so the text must have gone through parseJsonLossless;
 *  - a JSON array of the flat verifier-contract words: 41 for PLONK (slot order, recursive flag last), 13 for
 *    FFLONK (the `verificationKeyHash()` preimage);
 *  - an object mapping the PLONK contract's constant names (`VK_GATE_SETUP_0_X_SLOT`, …) to words.
 */

const U64 = z.union([z.number().int().nonnegative(), z.bigint()]).refine((v) => BigInt(v) < 1n << 64n, {
  message: 'limb does not fit in 64 bits',
})
const Limbs = z.tuple([U64, U64, U64, U64])
const G1Json = z.object({ x: Limbs, y: Limbs, infinity: z.boolean() })
const Fq2Json = z.object({ c0: Limbs, c1: Limbs })
const G2Json = z.object({ x: Fq2Json, y: Fq2Json, infinity: z.boolean() })
const DomainN = z.union([z.number().int().positive(), z.bigint()])

const BellmanPlonk = z.object({
  n: DomainN,
  num_inputs: z.literal(1),
  state_width: z.literal(4),
  gate_setup_commitments: z.array(G1Json).length(8),
  gate_selectors_commitments: z.array(G1Json).length(2),
  permutation_commitments: z.array(G1Json).length(4),
  lookup_selector_commitment: G1Json,
  lookup_tables_commitments: z.array(G1Json).length(4),
  lookup_table_type_commitment: G1Json,
  non_residues: z.array(Limbs).length(3),
  g2_elements: z.array(G2Json).length(2),
})

const BellmanFflonk = z.object({
  n: DomainN,
  num_inputs: z.literal(1),
  c0: G1Json,
  non_residues: z.array(Limbs).length(2),
  g2_elements: z.array(G2Json).length(2),
})

/** 4 × u64, least significant limb first (bellman's `PrimeField::into_repr` serialisation). */
function fromLimbs(limbs: readonly (number | bigint)[]): bigint {
  let v = 0n
  for (let i = limbs.length - 1; i >= 0; i--) v = (v << 64n) | BigInt(limbs[i]!)
  return v
}

function g1Words(p: z.infer<typeof G1Json>): bigint[] {
  return p.infinity ? [0n, 0n] : [fromLimbs(p.x), fromLimbs(p.y)]
}

function g2Words(p: z.infer<typeof G2Json>): bigint[] {
  if (p.infinity) return [0n, 0n, 0n, 0n]
  return [fromLimbs(p.x.c1), fromLimbs(p.x.c0), fromLimbs(p.y.c1), fromLimbs(p.y.c0)]
}

/** bellman stores n = domain size − 1. */
function domainFromN(n: number | bigint): bigint {
  return BigInt(n) + 1n
}

function issues(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ')
}

export function parseWord(value: unknown, what: string): bigint {
  const v = parseQuantity(value, what)
  if (v >= 1n << 256n) throw new InputError(`${what}: does not fit in 32 bytes`)
  return v
}

/** The PLONK contract's VK constant names, in slot order (EC main L1VerifierPlonk.sol). */
export const PLONK_VK_SLOT_NAMES: readonly string[] = [
  ...Array.from({ length: 8 }, (_, i) => [`VK_GATE_SETUP_${i}_X_SLOT`, `VK_GATE_SETUP_${i}_Y_SLOT`]).flat(),
  ...Array.from({ length: 2 }, (_, i) => [
    `VK_GATE_SELECTORS_${i}_X_SLOT`,
    `VK_GATE_SELECTORS_${i}_Y_SLOT`,
  ]).flat(),
  ...Array.from({ length: 4 }, (_, i) => [`VK_PERMUTATION_${i}_X_SLOT`, `VK_PERMUTATION_${i}_Y_SLOT`]).flat(),
  'VK_LOOKUP_SELECTOR_X_SLOT',
  'VK_LOOKUP_SELECTOR_Y_SLOT',
  ...Array.from({ length: 4 }, (_, i) => [
    `VK_LOOKUP_TABLE_${i}_X_SLOT`,
    `VK_LOOKUP_TABLE_${i}_Y_SLOT`,
  ]).flat(),
  'VK_LOOKUP_TABLE_TYPE_X_SLOT',
  'VK_LOOKUP_TABLE_TYPE_Y_SLOT',
]

export function parseVerificationKey(json: LosslessJson): VerificationKey {
  if (Array.isArray(json)) {
    const words = json.map((w, i) => parseWord(w, `verification key word ${i}`))
    if (words.length === PLONK_VK_WORDS) return plonkKeyFromWords(words)
    if (words.length === FFLONK_VK_WORDS) return fflonkKeyFromWords(words)
    throw new InputError(
      `verification key: ${words.length} words is neither a PLONK key (${PLONK_VK_WORDS}) nor an FFLONK key (${FFLONK_VK_WORDS})`,
    )
  }
  if (json === null || typeof json !== 'object')
    throw new InputError('verification key: expected a JSON object or array')

  if ('VK_GATE_SETUP_0_X_SLOT' in json) {
    const words = PLONK_VK_SLOT_NAMES.map((name) => {
      if (!(name in json)) throw new InputError(`verification key: ${name} is missing`)
      return parseWord(json[name], name)
    })
    const flag =
      'VK_RECURSIVE_FLAG_SLOT' in json ? parseWord(json.VK_RECURSIVE_FLAG_SLOT, 'VK_RECURSIVE_FLAG_SLOT') : 0n
    return plonkKeyFromWords([...words, flag])
  }

  if ('gate_setup_commitments' in json) {
    const r = BellmanPlonk.safeParse(json)
    if (!r.success) throw new InputError(`PLONK verification key JSON: ${issues(r.error)}`)
    const k = r.data
    const words = [
      ...k.gate_setup_commitments.flatMap(g1Words),
      ...k.gate_selectors_commitments.flatMap(g1Words),
      ...k.permutation_commitments.flatMap(g1Words),
      ...g1Words(k.lookup_selector_commitment),
      ...k.lookup_tables_commitments.flatMap(g1Words),
      ...g1Words(k.lookup_table_type_commitment),
      0n,
    ]
    // L1VerifierPlonk hard-codes its G2 points and does not hash them: a key with other G2 points is not a
    // key that contract could have been generated from.
    const g2 = k.g2_elements.map(g2Words).flat()
    if (g2.some((w, i) => w !== TRUSTED_SETUP_G2.flat()[i])) {
      throw new InputError(
        "PLONK verification key JSON: g2_elements differ from the L1 verifier's trusted setup",
      )
    }
    return plonkKeyFromWords(words, {
      domainSize: domainFromN(k.n),
      nonResidues: k.non_residues.map(fromLimbs),
    })
  }

  if ('c0' in json) {
    const r = BellmanFflonk.safeParse(json)
    if (!r.success) throw new InputError(`FFLONK verification key JSON: ${issues(r.error)}`)
    const k = r.data
    const words = [
      1n,
      ...g1Words(k.c0),
      ...k.non_residues.map(fromLimbs),
      ...g2Words(k.g2_elements[0]!),
      ...g2Words(k.g2_elements[1]!),
    ]
    return fflonkKeyFromWords(words, domainFromN(k.n))
  }

  throw new InputError(
    'verification key: not a bellman PLONK/FFLONK key, a word array, or an object of VK_*_SLOT words',
  )
}
