import { NobleCommittee, participantKeyBytes, type BlsBackend } from './blsBackend'

/**
 * Optional native backend: `@chainsafe/blst` (an optionalDependency, N-API, Node and Electron main only).
 * Loaded with a dynamic import so nothing in the pure verifier depends on it; returns null when the package
 * or its prebuilt binary is missing. The renderer must not import this module.
 *
 * The participants' key is still formed with noble (aggregate_pubkey minus the few non-signers, a handful of
 * G1 decompressions); blst then does the expensive part — signature decompression and group check,
 * hash-to-curve and the pairing — about 20× faster than pure JS.
 */
export async function loadBlstBackend(): Promise<BlsBackend | null> {
  let blst: typeof import('@chainsafe/blst')
  try {
    blst = await import('@chainsafe/blst')
  } catch {
    return null
  }
  return {
    name: 'blst',
    prepareCommittee: (committee) => new NobleCommittee(committee),
    verifySyncAggregate(prepared, bits, signingRoot, signature) {
      if (!(prepared instanceof NobleCommittee)) return false
      const keyBytes = participantKeyBytes(prepared, bits)
      if (!keyBytes) return false
      try {
        const pk = blst.PublicKey.fromBytes(keyBytes, true)
        const sig = blst.Signature.fromBytes(signature, true, true)
        // @chainsafe/blst uses the POP DST (Ethereum's ciphersuite) for verify.
        return blst.verify(signingRoot, pk, sig, false, false)
      } catch {
        return false
      }
    },
  }
}
