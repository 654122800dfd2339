import { bls12_381 } from '@noble/curves/bls12-381.js'
import type { SyncCommittee } from './types'

/**
 * BLS for sync aggregates, behind an interface so a caller can inject a faster native backend
 * (`@chainsafe/blst` in Node/Electron main) while the pure verifier keeps noble as the default, which runs
 * in a browser. Ethereum signs with "min-pubkey-size" BLS: G1 pubkeys (48 B), G2 signatures (96 B), the
 * proof-of-possession ciphersuite (IETF draft-irtf-cfrg-bls-signature §4.2.3; consensus-specs
 * phase0/beacon-chain.md "BLS signatures").
 */
export const ETH_BLS_DST = 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_'

/** A committee's keys as one backend keeps them between updates (opaque to the store). */
export interface PreparedCommittee {
  readonly backend: string
}

export interface BlsBackend {
  readonly name: string
  /** Cheap: decompression is lazy, so a bootstrap costs no curve work. */
  prepareCommittee(committee: SyncCommittee): PreparedCommittee
  /** FastAggregateVerify(pubkeys whose bit is set, signingRoot, signature); false on any malformed input. */
  verifySyncAggregate(
    committee: PreparedCommittee,
    bits: Uint8Array,
    signingRoot: Uint8Array,
    signature: Uint8Array,
  ): boolean
}

type G1Point = ReturnType<typeof bls12_381.G1.Point.fromBytes>

export function bitAt(bits: Uint8Array, i: number): boolean {
  return ((bits[i >> 3] ?? 0) >> (i & 7)) % 2 === 1
}

export function countBits(bits: Uint8Array): number {
  let n = 0
  for (let b of bits) {
    while (b) {
      n += b & 1
      b >>= 1
    }
  }
  return n
}

/**
 * Committee keys decompressed on demand and kept: the proven `aggregate_pubkey` and any individual key that
 * was needed once (a non-signer, or a signer when few signed).
 */
export class NobleCommittee implements PreparedCommittee {
  readonly backend = 'noble'
  private aggregate: G1Point | undefined
  private readonly keys: (G1Point | undefined)[]

  constructor(private readonly committee: SyncCommittee) {
    this.keys = new Array<G1Point | undefined>(committee.pubkeys.length)
  }

  get size(): number {
    return this.committee.pubkeys.length
  }

  /** fromBytes checks the encoding, the curve equation and the G1 subgroup (noble `assertValidity`). */
  private key(i: number): G1Point {
    let k = this.keys[i]
    if (!k) {
      k = bls12_381.G1.Point.fromBytes(this.committee.pubkeys[i]!)
      k.assertValidity()
      this.keys[i] = k
    }
    return k
  }

  /**
   * The sum of the signers' keys. When most members signed it is `aggregate_pubkey` minus the non-signers
   * (Nimbus, helios PR #751): `aggregate_pubkey` is part of the committee's hash_tree_root, which the state
   * transition computed as the sum of the 512 keys, so a proven committee proves it. That replaces 512
   * decompressions per committee (~0.6 s in pure JS) by one plus a few.
   */
  participantKey(bits: Uint8Array): G1Point | undefined {
    const n = this.size
    const signers = countBits(bits)
    if (signers === 0) return undefined
    if (signers * 2 > n) {
      if (!this.aggregate) {
        const agg = bls12_381.G1.Point.fromBytes(this.committee.aggregatePubkey)
        agg.assertValidity()
        this.aggregate = agg
      }
      let sum = this.aggregate
      for (let i = 0; i < n; i++) if (!bitAt(bits, i)) sum = sum.subtract(this.key(i))
      return sum
    }
    let sum: G1Point | undefined
    for (let i = 0; i < n; i++) if (bitAt(bits, i)) sum = sum ? sum.add(this.key(i)) : this.key(i)
    return sum
  }
}

function asNoble(committee: PreparedCommittee): NobleCommittee {
  if (!(committee instanceof NobleCommittee)) throw new Error('committee was prepared by another BLS backend')
  return committee
}

/** The participants' aggregate key as 48 compressed bytes, or undefined (none, infinity, invalid key). */
export function participantKeyBytes(committee: NobleCommittee, bits: Uint8Array): Uint8Array | undefined {
  try {
    const key = committee.participantKey(bits)
    if (!key || key.is0()) return undefined
    return key.toBytes(true)
  } catch {
    return undefined
  }
}

/** Pure-JS backend (@noble/curves): runs in the renderer, a worker, or Node. */
export const nobleBls: BlsBackend = {
  name: 'noble',
  prepareCommittee: (committee) => new NobleCommittee(committee),
  verifySyncAggregate(prepared, bits, signingRoot, signature) {
    const committee = asNoble(prepared)
    try {
      const key = committee.participantKey(bits)
      // The identity as a key would accept the identity signature for any message.
      if (!key || key.is0()) return false
      const sig = bls12_381.longSignatures.Signature.fromBytes(signature)
      sig.assertValidity()
      if (sig.is0()) return false
      const message = bls12_381.longSignatures.hash(signingRoot, ETH_BLS_DST)
      return bls12_381.longSignatures.verify(sig, message, key)
    } catch {
      return false
    }
  },
}

let chosen: BlsBackend = nobleBls

/**
 * The backend of every BLS check whose caller names none (evidence verification, signed heads): noble until
 * the host installs a faster one at start-up (evidence/initBackends.ts installs @chainsafe/blst where it
 * loads). Both give the same answer on every input the tests know (blstBackend.test.ts, tests/differential).
 */
export function defaultBls(): BlsBackend {
  return chosen
}

/** Installs the default BLS backend; returns a function that puts the previous one back. */
export function useDefaultBls(next: BlsBackend): () => void {
  const previous = chosen
  chosen = next
  return () => {
    chosen = previous
  }
}
