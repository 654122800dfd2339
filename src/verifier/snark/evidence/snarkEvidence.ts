import { z } from 'zod'
import { InputError } from '../../../shared/errors'
import { RawItemSchema, rawJson, type Evidence, type RawItem } from '../../evidence/schema'
import { verdictOf, type Report } from '../../report'
import { parsePublicInput, parseSnarkProof } from '../parseSnarkProof'
import { parseVerificationKey } from '../parseVerificationKey'
import { routeProof, type ProofLayout } from '../routeProof'
import { verificationKeyHash, type VerificationKey } from '../verificationKey'
import { verifySnark } from '../verifySnark'

/**
 * The SNARK evidence kind (kinds/snarkKind.ts): the inputs of `lightproof verify snark` kept byte-exact, so `verify snark … --save F`
 * and `lightproof verify F` give the same report. The evidence rests on a verification key (trust kind
 * `verification-key`, value its `verificationKeyHash()`): the expected hash when the user gave one, otherwise
 * the hash of the key the proof routes to. A file whose key was swapped no longer hashes to its trust root, and
 * the check `snark.vk.trust` says so.
 */
export const SNARK_TRUST_KIND = 'verification-key'

const Hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected 32 bytes of 0x-hex')

export const SnarkDataSchema = z
  .object({
    /** The verification key file as given (prover JSON or flat contract words). */
    vk: RawItemSchema,
    /** Further keys given with repeated --vk (e.g. the FFLONK key beside the PLONK one for a DualVerifier). */
    additionalVks: z.array(RawItemSchema).max(7).optional(),
    /** The proof file as given (JSON array of words, or an object holding one). */
    proof: RawItemSchema,
    /** The public input word, 32 bytes of 0x-hex. */
    publicInput: Hex32,
    expectedVkHash: Hex32.optional(),
    layout: z.enum(['auto', 'bare', 'dual']).optional(),
  })
  .strict()
export type SnarkEvidenceData = z.infer<typeof SnarkDataSchema>

export interface SnarkEvidenceParts {
  vks: readonly RawItem[]
  proof: RawItem
  publicInput: bigint
  expectedVkHash?: string
  layout?: ProofLayout
  createdAt: string
  question?: Record<string, unknown>
  sources?: Evidence['sources']
}

interface ParsedSnarkData {
  verificationKeys: VerificationKey[]
  proof: bigint[]
  publicInput: bigint
  layout: ProofLayout
  expectedVkHash?: string
}

export function parseSnarkData(data: SnarkEvidenceData): ParsedSnarkData {
  const verificationKeys = [data.vk, ...(data.additionalVks ?? [])].map((raw) =>
    parseVerificationKey(rawJson(raw)),
  )
  return {
    verificationKeys,
    proof: parseSnarkProof(rawJson(data.proof)),
    publicInput: parsePublicInput(data.publicInput),
    layout: data.layout ?? 'auto',
    ...(data.expectedVkHash ? { expectedVkHash: data.expectedVkHash.toLowerCase() } : {}),
  }
}

/** The hash of the key the proof will be checked against (the first key when the proof cannot be routed). */
export function routedKeyHash(parsed: ParsedSnarkData): string {
  const first = parsed.verificationKeys[0]!
  const route = routeProof(parsed.proof, parsed.layout, first.system)
  const key = route.ok ? parsed.verificationKeys.find((k) => k.system === route.system) : undefined
  return verificationKeyHash(key ?? first)
}

/** Verifies SNARK evidence: the proof against the key in the data, the key held to the evidence's trust root. */
export function verifySnarkEvidence(evidence: Evidence): Report {
  if (evidence.trust.kind !== SNARK_TRUST_KIND) {
    throw new InputError(
      `snark evidence must rest on a ${SNARK_TRUST_KIND}, not a ${evidence.trust.kind}`,
      'evidence.trust',
    )
  }
  const shape = SnarkDataSchema.safeParse(evidence.data)
  if (!shape.success) {
    throw new InputError(
      `snark evidence data: ${z.prettifyError(shape.error).split('\n')[0]}`,
      'evidence.invalid',
    )
  }
  const parsed = parseSnarkData(shape.data)
  const report = verifySnark({
    verificationKeys: parsed.verificationKeys,
    proof: parsed.proof,
    publicInput: parsed.publicInput,
    layout: parsed.layout,
    ...(parsed.expectedVkHash ? { expectedVerificationKeyHash: parsed.expectedVkHash } : {}),
  })

  const trusted = evidence.trust.value.toLowerCase()
  const used = report.facts.verificationKeyHash
  const trustCheck =
    typeof used !== 'string'
      ? {
          id: 'snark.vk.trust',
          title: 'Verification key is the evidence’s trust root',
          status: 'skip' as const,
          detail: 'no key was used (the proof could not be routed to one)',
          required: false,
        }
      : {
          id: 'snark.vk.trust',
          title: 'Verification key is the evidence’s trust root',
          status: used === trusted ? ('pass' as const) : ('fail' as const),
          detail:
            used === trusted
              ? `the key hashes to ${used}`
              : `the key in the file hashes to ${used}, but the evidence rests on ${trusted}`,
          required: true,
        }
  // Right after the key checks, so the report reads in order: route, key, trust, input, proof.
  const at = report.checks.findIndex((c) => c.id === 'snark.vk.hash')
  report.checks.splice(at >= 0 ? at + 1 : report.checks.length, 0, trustCheck)
  report.verdict = verdictOf(report.checks)
  return report
}
