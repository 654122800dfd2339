import { SnarkDataSchema, verifySnarkEvidence } from '../snark/evidence/snarkEvidence'
import type { EvidenceKind } from './evidenceKind'

export const snarkKind = {
  kind: 'snark',
  title: 'ZKsync Era batch SNARK (PLONK / FFLONK)',
  trustKind: 'verification-key',
  schema: SnarkDataSchema,
  verify: (e) => verifySnarkEvidence(e),
  // Two BN254 pairings and a few hundred scalar multiplications: off the main thread.
  worker: 'worker',
  checkIds: ['snark.*', 'evidence.*'],
  view: 'report',
} as const satisfies EvidenceKind
