import { InputError } from '../../shared/errors'
import { bigintToBytes32, bytesToHex } from '../encoding/hex'
import { createEvidence } from '../evidence/createEvidence'
import type { Evidence } from '../evidence/schema'
import {
  parseSnarkData,
  routedKeyHash,
  SNARK_TRUST_KIND,
  SnarkDataSchema,
  verifySnarkEvidence,
  type SnarkEvidenceData,
  type SnarkEvidenceParts,
} from '../snark/evidence/snarkEvidence'
import type { EvidenceKind } from './evidenceKind'
import { FREE, fact, publicInputOf } from './binding/derive'
import { SNARK_SECTIONS } from './chainSections'
import { snarkAnswer } from './answers'

export const snarkKind = {
  kind: 'snark',
  title: 'ZKsync Era batch SNARK (PLONK / FFLONK)',
  trustKind: 'verification-key',
  schema: SnarkDataSchema,
  verify: (e) => verifySnarkEvidence(e),
  // Two BN254 pairings and a few hundred scalar multiplications: off the main thread.
  worker: 'worker',
  checkIds: ['snark.*', 'evidence.*'],
  answer: snarkAnswer,
  sections: SNARK_SECTIONS,
  view: 'report',
  binding: {
    question: {
      ...FREE,
      publicInput: { derive: (ctx) => fact(ctx, 'publicInput'), normalise: publicInputOf },
      vk: { unverified: 'the verification key file(s) given' },
      proof: { unverified: 'the proof file given' },
    },
    // The key's hash is computed from the key in the data (snark.vk.trust holds the file to it).
    chainsTo: (ctx) => {
      const r = ctx.report.subject.trustRoot
      return r ? { root: r } : { unknown: 'no verification key in the data could be hashed' }
    },
  },
} as const satisfies EvidenceKind

/**
 * Assembles `snark` evidence. The raw items are parsed here too, so a malformed key or proof is refused before
 * anything is saved (InputError), exactly as the command refuses it.
 */
export function createSnarkEvidence(parts: SnarkEvidenceParts): Evidence {
  const [vk, ...more] = parts.vks
  if (!vk) throw new InputError('snark evidence needs at least one verification key')
  const data: SnarkEvidenceData = {
    vk,
    ...(more.length > 0 ? { additionalVks: more } : {}),
    proof: parts.proof,
    publicInput: bytesToHex(bigintToBytes32(parts.publicInput)),
    ...(parts.expectedVkHash ? { expectedVkHash: parts.expectedVkHash.toLowerCase() } : {}),
    ...(parts.layout && parts.layout !== 'auto' ? { layout: parts.layout } : {}),
  }
  const parsed = parseSnarkData(SnarkDataSchema.parse(data))
  return createEvidence({
    kind: snarkKind.kind,
    createdAt: parts.createdAt,
    question: parts.question ?? { publicInput: data.publicInput },
    trust: { kind: SNARK_TRUST_KIND, value: parsed.expectedVkHash ?? routedKeyHash(parsed) },
    data,
    ...(parts.sources ? { sources: parts.sources } : {}),
  })
}
