import { bitAt, nobleBls, type BlsBackend } from '../../src/verifier/beacon/blsBackend'
import type { SyncCommittee } from '../../src/verifier/beacon/types'

/**
 * The BLS floor of a figure: every sync-aggregate signature a verification checked, recorded as it met them,
 * then verified raw — blst's FastAggregateVerify with keys and signatures already decoded.
 */
type Blst = typeof import('@chainsafe/blst')

export interface SignedRoot {
  committee: SyncCommittee
  bits: Uint8Array
  signingRoot: Uint8Array
  signature: Uint8Array
}

/** A BLS backend that does the work of `inner` and writes down every sync aggregate it was asked about. */
export function recording(inner: BlsBackend, seen: SignedRoot[]): BlsBackend {
  const committees = new WeakMap<object, SyncCommittee>()
  return {
    name: inner.name,
    prepareCommittee(committee) {
      const prepared = inner.prepareCommittee(committee)
      committees.set(prepared, committee)
      return prepared
    },
    verifySyncAggregate(prepared, bits, signingRoot, signature) {
      seen.push({ committee: committees.get(prepared)!, bits, signingRoot, signature })
      return inner.verifySyncAggregate(prepared, bits, signingRoot, signature)
    },
  }
}

async function loadBlst(): Promise<Blst | null> {
  try {
    const specifier = '@chainsafe/blst'
    const mod = (await import(/* @vite-ignore */ specifier)) as Blst & { default?: Blst }
    return typeof mod.PublicKey === 'function' ? mod : (mod.default ?? null)
  } catch {
    return null
  }
}

/** FastAggregateVerify of each recorded signature, blst if it loads (else noble's verify of the same). */
export async function rawFloor(seen: SignedRoot[]): Promise<{ run: () => boolean; backend: string }> {
  const blst = await loadBlst()
  if (!blst) {
    const prepared = seen.map((s) => ({ s, c: nobleBls.prepareCommittee(s.committee) }))
    return {
      run: () =>
        prepared.every(({ s, c }) => nobleBls.verifySyncAggregate(c, s.bits, s.signingRoot, s.signature)),
      backend: 'noble (blst did not load)',
    }
  }
  const sets = seen.map((s) => ({
    msg: s.signingRoot,
    pks: s.committee.pubkeys
      .filter((_, i) => bitAt(s.bits, i))
      .map((pk) => blst.PublicKey.fromBytes(pk, true)),
    sig: blst.Signature.fromBytes(s.signature, true, true),
  }))
  return {
    run: () => sets.every((x) => blst.fastAggregateVerify(x.msg, x.pks, x.sig)),
    backend: 'blst (native)',
  }
}
