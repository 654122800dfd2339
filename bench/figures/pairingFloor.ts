import { bn254 } from '@noble/curves/bn254.js'
import type { G1Affine, G2Affine } from '../../src/verifier/crypto/bn254Backend'
import { loadMcl } from '../../src/verifier/crypto/mclBn254Backend'

/**
 * The floor of a SNARK figure: one BN254 pairing check of two pairs with mcl-wasm, the points already in mcl's
 * form and no G2 precomputation (what a caller without a cache pays): two Miller loops, their product, one
 * final exponentiation, the comparison with 1. Falls back to noble's pairingBatch where mcl cannot load.
 * The baseline (today's) is noble's pairingBatch on the same points.
 */
export interface PairingSides {
  baseline(): boolean
  floor(): boolean
  floorBackend: string
}

export async function pairingSides(pairs: { g1: G1Affine; g2: G2Affine }[]): Promise<PairingSides> {
  const { Fp2, Fp12 } = bn254.fields
  const noblePairs = pairs.map(({ g1, g2 }) => ({
    g1: bn254.G1.Point.fromAffine(g1),
    g2: bn254.G2.Point.fromAffine({ x: Fp2.create(g2.x), y: Fp2.create(g2.y) }),
  }))
  const baseline = () => Fp12.eql(bn254.pairingBatch(noblePairs), Fp12.ONE)
  const mcl = await loadMcl()
  if (!mcl) return { baseline, floor: baseline, floorBackend: 'noble (mcl-wasm did not load)' }
  const h = (v: bigint) => v.toString(16)
  const mclPairs = pairs.map(({ g1, g2 }) => {
    const p = new mcl.G1()
    p.setStr(`1 ${h(g1.x)} ${h(g1.y)}`, 16)
    const q = new mcl.G2()
    q.setStr(`1 ${h(g2.x.c0)} ${h(g2.x.c1)} ${h(g2.y.c0)} ${h(g2.y.c1)}`, 16)
    return [p, q] as const
  })
  const floor = () => {
    let acc = mcl.millerLoop(mclPairs[0]![0], mclPairs[0]![1])
    for (const [p, q] of mclPairs.slice(1)) acc = mcl.mul(acc, mcl.millerLoop(p, q))
    return mcl.finalExp(acc).isOne()
  }
  if (floor() !== baseline()) throw new Error('pairing floor: mcl-wasm and noble disagree')
  return { baseline, floor, floorBackend: 'mcl-wasm' }
}
