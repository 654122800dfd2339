import { pippenger } from '@noble/curves/abstract/curve.js'
import { bn254 } from '@noble/curves/bn254.js'

/**
 * BN254 (alt_bn128) group arithmetic behind one interface: the two operations that cost milliseconds in a
 * SNARK verification — the multi-scalar multiplication that folds ~30 commitments, and the final pairing
 * check. Points cross the interface as affine bigints, so no backend's point type leaks into the verifier.
 *
 * Validation is NOT the backend's job and stays in one place for every lane (snark/bn254.ts with noble and
 * plain bigint arithmetic): canonical coordinates (< q), the curve equation, the G2 order-r subgroup, and
 * EIP-196/197's infinity rules. A backend receives only points that passed those checks, none at infinity,
 * and scalars in [1, r). A fast backend also refuses (throws on) anything else rather than computing on it.
 */
export interface G1Affine {
  x: bigint
  y: bigint
}

/** A G2 point on the twist, coordinates in Fp2 as c0 + c1·u. */
export interface G2Affine {
  x: { c0: bigint; c1: bigint }
  y: { c0: bigint; c1: bigint }
}

export interface Bn254Backend {
  readonly name: string
  /** Σ scalars[i]·points[i]; (0, 0) when the sum is the point at infinity. */
  g1Msm(points: readonly G1Affine[], scalars: readonly bigint[]): G1Affine
  /** True iff ∏ e(g1_i, g2_i) = 1 in GT. */
  pairingProductIsOne(pairs: readonly { g1: G1Affine; g2: G2Affine }[]): boolean
}

const { Fp2, Fp12 } = bn254.fields
type Precompute = ReturnType<typeof bn254.utils.calcPairingPrecomputes>

export function g2Key(q: G2Affine): string {
  return `${q.x.c0},${q.x.c1},${q.y.c0},${q.y.c1}`
}

/**
 * A small cache for per-G2 precomputation: every verifier pairs against the same two points of the trusted
 * setup, so their Miller-loop line coefficients are computed once and reused.
 */
export class G2Cache<T> {
  private readonly entries = new Map<string, T>()

  constructor(
    private readonly make: (q: G2Affine) => T,
    private readonly drop: (value: T) => void = () => {},
  ) {}

  get(q: G2Affine): T {
    const key = g2Key(q)
    let v = this.entries.get(key)
    if (v === undefined) {
      v = this.make(q)
      if (this.entries.size >= 64) {
        for (const old of this.entries.values()) this.drop(old)
        this.entries.clear()
      }
      this.entries.set(key, v)
    }
    return v
  }
}

const noblePrecomputes = new G2Cache<Precompute>((q) =>
  bn254.utils.calcPairingPrecomputes(bn254.G2.Point.fromAffine({ x: Fp2.create(q.x), y: Fp2.create(q.y) })),
)

/** The audited reference (@noble/curves 2.4.0): Pippenger MSM, batched Miller loop, one final exponentiation. */
export const nobleBn254Backend: Bn254Backend = {
  name: 'noble',
  g1Msm(points, scalars) {
    if (points.length === 0) return { x: 0n, y: 0n }
    const sum = pippenger(
      bn254.G1.Point,
      points.map((p) => bn254.G1.Point.fromAffine(p)),
      [...scalars],
    )
    return sum.is0() ? { x: 0n, y: 0n } : sum.toAffine()
  },
  pairingProductIsOne(pairs) {
    if (pairs.length === 0) return true
    const loops: [Precompute, bigint, bigint][] = pairs.map(({ g1, g2 }) => [
      noblePrecomputes.get(g2),
      g1.x,
      g1.y,
    ])
    return Fp12.eql(Fp12.finalExponentiate(bn254.millerLoopBatch(loops)), Fp12.ONE)
  },
}
