import { G2Cache, type Bn254Backend, type G1Affine, type G2Affine } from './bn254Backend'

/**
 * mcl-wasm 2.4.1 (herumi/mcl compiled to WebAssembly, the module embedded in the package as base64, so it
 * loads in Node, Electron main, a worker thread and the renderer) for BN254 — mcl's `BN_SNARK1`, the
 * Ethereum curve. Measured on the project's 2-core machine, a 2-pair pairing check is ~5× faster than noble's
 * and a 34-term G1 MSM ~6× (issue 18; the bench's `plonk` and `fflonk` figures).
 *
 * Points enter through mcl's string setter, which checks the curve equation (G1, G2) and, with
 * verifyOrderG2(true), the order-r subgroup of G2 — so this backend refuses (throws on) any point the caller
 * should not have passed, instead of computing on it. mcl values are plain JS typed arrays; only the G2
 * precomputations hold wasm memory, and those are freed when their cache is cleared.
 */
type Mcl = typeof import('mcl-wasm')

const hex = (v: bigint) => v.toString(16)

function parseG1(mcl: Mcl, p: InstanceType<Mcl['G1']>): G1Affine {
  const n = mcl.normalize(p)
  if (n.isZero()) return { x: 0n, y: 0n }
  // "1 <x> <y>" in base 16 for a normalized affine point.
  const [, x, y] = n.getStr(16).split(' ')
  return { x: BigInt(`0x${x}`), y: BigInt(`0x${y}`) }
}

let loadingMcl: Promise<Mcl | null> | undefined
let loadingBackend: Promise<Bn254Backend | null> | undefined

/**
 * mcl-wasm, initialised for BN254 once per JavaScript realm. Initialising again would replace its wasm memory
 * under every live precomputation, so everything here (and the bench's floor) shares this one promise.
 */
export function loadMcl(): Promise<Mcl | null> {
  loadingMcl ??= (async () => {
    try {
      const mod = (await import('mcl-wasm')) as Mcl & { default?: Mcl }
      // A CommonJS package: prefer the module object itself (live exports) when a bundler offers it.
      const mcl = typeof mod.default?.init === 'function' ? mod.default : mod
      await mcl.init(mcl.BN_SNARK1)
      mcl.verifyOrderG2(true)
      return mcl
    } catch {
      return null
    }
  })()
  return loadingMcl
}

export function loadMclBn254Backend(): Promise<Bn254Backend | null> {
  loadingBackend ??= loadMcl().then((mcl) => (mcl ? mclBackend(mcl) : null))
  return loadingBackend
}

function mclBackend(mcl: Mcl): Bn254Backend {
  const g1 = (p: G1Affine) => {
    if (p.x === 0n && p.y === 0n) throw new RangeError('mcl backend: the point at infinity is not an input')
    const out = new mcl.G1()
    out.setStr(`1 ${hex(p.x)} ${hex(p.y)}`, 16)
    return out
  }
  const g2 = (q: G2Affine) => {
    const out = new mcl.G2()
    out.setStr(`1 ${hex(q.x.c0)} ${hex(q.x.c1)} ${hex(q.y.c0)} ${hex(q.y.c1)}`, 16)
    if (out.isZero()) throw new RangeError('mcl backend: the point at infinity is not an input')
    return out
  }
  const fr = (s: bigint) => {
    const out = new mcl.Fr()
    out.setStr(hex(s), 16) // refuses s ≥ r
    return out
  }
  const precomputes = new G2Cache(
    (q) => new mcl.PrecomputedG2(g2(q)),
    (pre) => pre.destroy(),
  )

  return {
    name: 'mcl-wasm',
    g1Msm(points, scalars) {
      if (points.length !== scalars.length)
        throw new RangeError('mcl backend: points and scalars differ in number')
      if (points.length === 0) return { x: 0n, y: 0n }
      return parseG1(mcl, mcl.mulVec(points.map(g1), scalars.map(fr)))
    },
    pairingProductIsOne(pairs) {
      if (pairs.length === 0) return true
      let acc: InstanceType<Mcl['GT']> | undefined
      let i = 0
      for (; i + 1 < pairs.length; i += 2) {
        const a = pairs[i]!
        const b = pairs[i + 1]!
        const ml = mcl.precomputedMillerLoop2(
          g1(a.g1),
          precomputes.get(a.g2),
          g1(b.g1),
          precomputes.get(b.g2),
        )
        acc = acc ? mcl.mul(acc, ml) : ml
      }
      if (i < pairs.length) {
        const a = pairs[i]!
        const ml = mcl.precomputedMillerLoop(g1(a.g1), precomputes.get(a.g2))
        acc = acc ? mcl.mul(acc, ml) : ml
      }
      return mcl.finalExp(acc!).isOne()
    },
  }
}
