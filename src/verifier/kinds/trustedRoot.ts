import { InputError } from '../../shared/errors'
import { hexToBytes } from '../encoding/hex'
import type { Evidence } from '../evidence/schema'

/** The evidence's trusted 32-byte root, which must be of the kind the evidence's kind rests on. */
export function trustedRoot(evidence: Evidence, kind: string): Uint8Array {
  if (evidence.trust.kind !== kind) {
    throw new InputError(
      `evidence of kind ${evidence.kind} must rest on a ${kind}, not a ${evidence.trust.kind}`,
      'evidence.trust',
    )
  }
  return hexToBytes(evidence.trust.value, `trust.${kind}`, 32)
}
