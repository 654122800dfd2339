import { bitAt, countBits, type BlsBackend, type PreparedCommittee } from './blsBackend'
import type { SyncCommittee } from './types'

/**
 * Optional native backend: `@chainsafe/blst` (an optionalDependency, N-API, Node and Electron main only).
 * Loaded with a dynamic import so nothing in the pure verifier depends on it; returns null when the package
 * or its prebuilt binary is missing. The renderer must not import this module.
 *
 * Same method as the noble backend — `aggregate_pubkey` minus the non-signers — done natively: blst has no
 * point subtraction, so a non-signer's key is negated in its uncompressed form (y → p − y) and added.
 */
type Blst = typeof import('@chainsafe/blst')
type PublicKey = InstanceType<Blst['PublicKey']>

/** The BLS12-381 base field modulus. */
const P = 0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaabn

function toBigint(bytes: Uint8Array): bigint {
  let v = 0n
  for (const b of bytes) v = (v << 8n) | BigInt(b)
  return v
}

function fromBigint(v: bigint, out: Uint8Array): void {
  for (let i = out.length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
}

class BlstCommittee implements PreparedCommittee {
  readonly backend = 'blst'
  private aggregate: PublicKey | undefined
  private readonly keys: (PublicKey | undefined)[]
  private readonly negated: (PublicKey | undefined)[]

  constructor(
    private readonly blst: Blst,
    private readonly committee: SyncCommittee,
  ) {
    this.keys = new Array<PublicKey | undefined>(committee.pubkeys.length)
    this.negated = new Array<PublicKey | undefined>(committee.pubkeys.length)
  }

  /** fromBytes(…, true) checks the curve, the subgroup and rejects infinity. */
  private key(i: number): PublicKey {
    let k = this.keys[i]
    if (!k) {
      k = this.blst.PublicKey.fromBytes(this.committee.pubkeys[i]!, true)
      this.keys[i] = k
    }
    return k
  }

  private negatedKey(i: number): PublicKey {
    let k = this.negated[i]
    if (!k) {
      const raw = this.key(i).toBytes(false) // 96 bytes: x ‖ y, big-endian, flags in the top bits of x
      const y = raw.subarray(48)
      fromBigint((P - toBigint(y)) % P, y)
      // −Q of a validated Q is on the curve and in the subgroup; the final key is validated in verify().
      k = this.blst.PublicKey.fromBytes(raw, false)
      this.negated[i] = k
    }
    return k
  }

  participantKey(bits: Uint8Array): PublicKey | undefined {
    const n = this.committee.pubkeys.length
    const signers = countBits(bits)
    if (signers === 0) return undefined
    if (signers * 2 > n) {
      this.aggregate ??= this.blst.PublicKey.fromBytes(this.committee.aggregatePubkey, true)
      const parts = [this.aggregate]
      for (let i = 0; i < n; i++) if (!bitAt(bits, i)) parts.push(this.negatedKey(i))
      return parts.length === 1 ? this.aggregate : this.blst.aggregatePublicKeys(parts, false)
    }
    const parts: PublicKey[] = []
    for (let i = 0; i < n; i++) if (bitAt(bits, i)) parts.push(this.key(i))
    return this.blst.aggregatePublicKeys(parts, false)
  }
}

export async function loadBlstBackend(): Promise<BlsBackend | null> {
  let blst: Blst
  try {
    // A variable specifier keeps bundlers from inlining the native package (rolldown's interop loses the
    // napi binding's exports); Node resolves it from node_modules at run time.
    const specifier = '@chainsafe/blst'
    const mod = (await import(/* @vite-ignore */ specifier)) as Blst & { default?: Blst }
    // A CommonJS package: bundlers may hand back only a default export (electron-vite does).
    blst = typeof mod.PublicKey === 'function' ? mod : (mod.default as Blst)
    if (typeof blst?.PublicKey?.fromBytes !== 'function') return null
  } catch {
    return null
  }
  return {
    name: 'blst',
    prepareCommittee: (committee) => new BlstCommittee(blst, committee),
    verifySyncAggregate(prepared, bits, signingRoot, signature) {
      if (!(prepared instanceof BlstCommittee)) return false
      try {
        const pk = prepared.participantKey(bits)
        if (!pk) return false
        // The sum can be the identity only if signers cancel out; pkValidate rejects it.
        const sig = blst.Signature.fromBytes(signature, true, true)
        // @chainsafe/blst verifies with Ethereum's POP ciphersuite DST.
        return blst.verify(signingRoot, pk, sig, true, false)
      } catch {
        return false
      }
    },
  }
}
