import { bn254 } from '@noble/curves/bn254.js'
import { bn254Backend } from '../crypto/backends'

/**
 * BN254 (alt_bn128) as the EVM precompiles see it (EIP-196 ecAdd/ecMul, EIP-197 pairing), over @noble/curves.
 *
 * Points travel as 32-byte big-endian words: G1 as (x, y) with (0, 0) meaning the point at infinity, G2 as
 * (x.c1, x.c0, y.c1, y.c0) — imaginary part first, the EIP-197 order the ZKsync verifiers store their G2
 * constants in. Everything here is synchronous and pure, so a worker can call it.
 */

/** Base field modulus q (the contracts' `Q_MOD`). */
export const Q_MOD = 21888242871839275222246405745257275088696311157297823662689037894645226208583n
/** Scalar field modulus r (the contracts' `R_MOD`). */
export const R_MOD = 21888242871839275222246405745257275088548364400416034343698204186575808495617n
/** The verifiers' `FR_MASK`: the low 253 bits, so a masked word is always < r. */
export const FR_MASK = (1n << 253n) - 1n

const G1 = bn254.G1.Point
const G2 = bn254.G2.Point
const { Fp2, Fr } = bn254.fields

export type G1Point = InstanceType<typeof G1>
export type G2Point = InstanceType<typeof G2>

export const G1_ZERO: G1Point = G1.ZERO
export const G1_GENERATOR: G1Point = G1.BASE

// ---------- scalar field, with the EVM's modexp semantics ----------

export function frAdd(a: bigint, b: bigint): bigint {
  const s = a + b
  return s >= R_MOD ? s - R_MOD : s
}

export function frSub(a: bigint, b: bigint): bigint {
  const s = a - b
  return s < 0n ? s + R_MOD : s
}

export function frMul(a: bigint, b: bigint): bigint {
  return (a * b) % R_MOD
}

export function frNeg(a: bigint): bigint {
  return a === 0n ? 0n : R_MOD - a
}

/** `modexp(value, power)` with modulus r, as the verifiers call precompile 0x05. */
export function frPow(value: bigint, power: bigint): bigint {
  return Fr.pow(value % R_MOD, power)
}

/**
 * The verifiers invert with `modexp(x, r - 2)`, which maps 0 to 0 instead of failing. Kept, so a degenerate
 * proof fails where the contract fails (at the equation that uses it), not with an exception here.
 */
export function frInverse(value: bigint): bigint {
  const v = value % R_MOD
  return v === 0n ? 0n : Fr.inv(v)
}

/** 2^28 divides r − 1; 7 generates Fr* (bellman's `GENERATOR`), so 7^((r−1)/2^28) has order 2^28. */
const ROOT_OF_UNITY_2_28 = frPow(7n, (R_MOD - 1n) >> 28n)

/** The generator of the multiplicative subgroup of size 2^k that bellman (and so the verifiers) use. */
export function rootOfUnity(log2Size: number): bigint {
  if (!Number.isInteger(log2Size) || log2Size < 0 || log2Size > 28) {
    throw new RangeError(`no 2^${log2Size}-th root of unity in Fr`)
  }
  return frPow(ROOT_OF_UNITY_2_28, 1n << BigInt(28 - log2Size))
}

// ---------- G1 ----------

/** y² = x³ + 3 over Fq, the check the verifiers do inline in `loadProof` / `load_inputs`. */
export function isOnCurveG1(x: bigint, y: bigint): boolean {
  return (y * y) % Q_MOD === (((x * x) % Q_MOD) * x + 3n) % Q_MOD
}

/**
 * A G1 point from two coordinates already reduced mod q. (0, 0) is the point at infinity (EIP-196); anything
 * else must lie on the curve (BN254 G1 has cofactor 1, so on-curve means in the group). Returns undefined for
 * a point the precompiles would reject.
 */
export function g1FromCoordinates(x: bigint, y: bigint): G1Point | undefined {
  if (x < 0n || y < 0n || x >= Q_MOD || y >= Q_MOD) return undefined
  if (x === 0n && y === 0n) return G1_ZERO
  if (!isOnCurveG1(x, y)) return undefined
  return G1.fromAffine({ x, y })
}

/** ecMul (precompile 0x07) with a scalar already < r. Variable-time is fine: every input here is public. */
export function g1Mul(p: G1Point, scalar: bigint): G1Point {
  return p.multiplyUnsafe(scalar % R_MOD)
}

export function g1Affine(p: G1Point): { x: bigint; y: bigint } {
  return p.is0() ? { x: 0n, y: 0n } : p.toAffine()
}

// ---------- G2 ----------

const g2Cache = new Map<string, G2Point>()

/**
 * A G2 point from EIP-197 words (x.c1, x.c0, y.c1, y.c0). Checked on the twist and in the order-r subgroup,
 * as precompile 0x08 requires. Throws RangeError otherwise (callers turn that into an input error). The
 * subgroup check costs a G2 scalar multiplication and verifiers meet the same two setup points every time, so
 * checked points are remembered.
 */
export function g2FromEip197Words(xC1: bigint, xC0: bigint, yC1: bigint, yC0: bigint): G2Point {
  const key = `${xC1},${xC0},${yC1},${yC0}`
  const cached = g2Cache.get(key)
  if (cached) return cached
  for (const w of [xC1, xC0, yC1, yC0]) {
    if (w < 0n || w >= Q_MOD) throw new RangeError('G2 coordinate is not below q')
  }
  let p: G2Point = G2.ZERO
  if (xC1 !== 0n || xC0 !== 0n || yC1 !== 0n || yC0 !== 0n) {
    p = G2.fromAffine({ x: Fp2.create({ c0: xC0, c1: xC1 }), y: Fp2.create({ c0: yC0, c1: yC1 }) })
    try {
      p.assertValidity()
    } catch {
      throw new RangeError('G2 point is not on the twist or not in the order-r subgroup')
    }
  }
  if (g2Cache.size > 64) g2Cache.clear()
  g2Cache.set(key, p)
  return p
}

/** The EIP-197 words of a G2 point: (x.c1, x.c0, y.c1, y.c0). */
export function g2ToEip197Words(p: G2Point): [bigint, bigint, bigint, bigint] {
  if (p.is0()) return [0n, 0n, 0n, 0n]
  const { x, y } = p.toAffine()
  return [x.c1, x.c0, y.c1, y.c0]
}

// ---------- pairing ----------

/**
 * EIP-197: true iff ∏ e(P_i, Q_i) = 1. A pair with either point at infinity contributes 1, as the precompile
 * defines it, so such pairs are left out before the backend (which takes no infinity) sees the product. The
 * points were validated where they were made (g1FromCoordinates, g2FromEip197Words, the proof readers).
 */
export function pairingProductIsOne(pairs: readonly { g1: G1Point; g2: G2Point }[]): boolean {
  const live = pairs.filter(({ g1, g2 }) => !g1.is0() && !g2.is0())
  if (live.length === 0) return true
  return bn254Backend().pairingProductIsOne(
    live.map(({ g1, g2 }) => ({ g1: g1.toAffine(), g2: g2.toAffine() })),
  )
}
