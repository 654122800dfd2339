import { bn254 } from '@noble/curves/bn254.js'
import { bn254Backend } from '../crypto/backends'
import { G1_ZERO, type G1Point, isOnCurveG1, Q_MOD, R_MOD } from './bn254'

/**
 * What one run of an L1 verifier gives, reproduced: whether `verify()` would return true, and if not, the step
 * and the contract's own revert reason. Non-canonical words are listed separately, because the contracts
 * reduce them (`mod(calldataload(..), Q_MOD)`, `mod(.., R_MOD)`) and accept; Lightproof reports them and
 * refuses them at the report level.
 */
export type SnarkStage = 'length' | 'points' | 'evaluation' | 'pairing'

export interface SnarkOutcome {
  /** True iff the L1 verifier would return true for these exact words. */
  accepted: boolean
  failure?: { stage: SnarkStage; reason: string }
  /** Words the contract reduces modulo q or r before use, e.g. `word 22 (a(z)) is not below r`. */
  nonCanonical: string[]
  /** The public input as the contract uses it (PLONK: masked to 253 bits; FFLONK: reduced mod r). */
  publicInput: bigint
  /** The Fiat–Shamir challenges, by the contract's names, when the transcript was reached. */
  challenges: Record<string, bigint>
}

export function failed(
  stage: SnarkStage,
  reason: string,
  base: Pick<SnarkOutcome, 'nonCanonical' | 'publicInput' | 'challenges'>,
): SnarkOutcome {
  return { accepted: false, failure: { stage, reason }, ...base }
}

/** Reads proof words the way the contracts' load functions do, noting every word they would silently reduce. */
export class ProofReader {
  readonly nonCanonical: string[] = []
  readonly offCurve: string[] = []

  constructor(private readonly words: readonly bigint[]) {}

  /** A G1 point reduced mod q and checked y² = x³ + 3 (so (0, 0), the point at infinity, is refused too). */
  point(index: number, name: string): { x: bigint; y: bigint } {
    const rawX = this.words[index]!
    const rawY = this.words[index + 1]!
    if (rawX >= Q_MOD) this.nonCanonical.push(`word ${index} (${name}.x) is not below q`)
    if (rawY >= Q_MOD) this.nonCanonical.push(`word ${index + 1} (${name}.y) is not below q`)
    const x = rawX % Q_MOD
    const y = rawY % Q_MOD
    if (!isOnCurveG1(x, y)) {
      this.offCurve.push(
        x === 0n && y === 0n ? `${name} is the point at infinity` : `${name} is not on the curve`,
      )
    }
    return { x, y }
  }

  scalar(index: number, name: string): bigint {
    const raw = this.words[index]!
    if (raw >= R_MOD) this.nonCanonical.push(`word ${index} (${name}) is not below r`)
    return raw % R_MOD
  }
}

export function toPoint(p: { x: bigint; y: bigint }): G1Point {
  return p.x === 0n && p.y === 0n ? G1_ZERO : bn254.G1.Point.fromAffine(p)
}

/**
 * A sum Σ s_i·P_i collected term by term and evaluated in one multi-scalar multiplication. The contracts do the
 * same sum with one ecMul/ecAdd per term; in a prime-order group the result is identical, and one Pippenger
 * MSM is several times faster than ~30 separate scalar multiplications.
 */
export class LinearCombination {
  private readonly points: G1Point[] = []
  private readonly scalars: bigint[] = []

  add(point: G1Point, scalar: bigint): this {
    const s = scalar % R_MOD
    if (s !== 0n && !point.is0()) {
      this.points.push(point)
      this.scalars.push(s)
    }
    return this
  }

  evaluate(): G1Point {
    if (this.points.length === 0) return G1_ZERO
    // Points and scalars are the backend's contract: on the curve, not infinity, scalars in [1, r).
    return toPoint(
      bn254Backend().g1Msm(
        this.points.map((p) => p.toAffine()),
        this.scalars,
      ),
    )
  }
}
