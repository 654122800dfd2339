import { bytesToHex } from '../encoding/hex'
import {
  BANDERWAGON_SCALAR_ORDER,
  EXT_STATUS,
  IPA_ROUNDS,
  MAX_DEPTH,
  NODE_WIDTH,
  type ExtStatus,
} from './constants'
import type { ExecutionWitness } from './parseWitness'

/**
 * The bookkeeping half of the EIP-6800 witness verifier, without the cryptography: which tree paths the
 * proof opens, how many commitments that needs, and whether the verification hints are consistent. It follows
 * crate-crypto/rust-verkle@e27b8b4e:verkle-trie/src/proof/verifier.rs `create_verifier_queries` step by
 * step, because every inconsistency that function meets with `assert!`, `expect` or an index out of range
 * aborts the WASM build. Running it first turns those aborts into named failed checks, and adds the stricter
 * checks go-verkle gained in ethereum/go-verkle#444 (ordering, unused other stems), which matter for
 * soundness of what we display: a key listed twice would otherwise let the verifier prove the last value
 * while a reader sees the first.
 */

export interface StructureCheck {
  id: string
  title: string
  ok: boolean
  detail: string
}

export interface StemHint {
  stem: Uint8Array
  depth: number
  ext: ExtStatus
  /** For an absence proof (ext `different-stem`): the stem actually found at stem[:depth]. */
  otherStem?: Uint8Array
}

export interface WitnessStructure {
  checks: StructureCheck[]
  /** True when every structural check passed and the witness may be handed to the cryptographic verifier. */
  ok: boolean
  /** Per stem, in stateDiff order (only when the hint bytes could be paired with stems). */
  stems: StemHint[]
  /** Opened tree paths (hex of the path bytes, no 0x), sorted; index 0 is the root (empty path). */
  paths: string[]
  /** Number of (path, evaluation point) openings in the multiproof. */
  openings: number
}

export const STRUCTURE_CHECKS = {
  order: { id: 'verkle.witness.order', title: 'Stems and suffixes strictly ascending, none empty' },
  hints: { id: 'verkle.witness.hints', title: 'Depth/extension hints consistent with the stems' },
  otherStems: { id: 'verkle.witness.other-stems', title: 'Absence-proof stems all used, each once' },
  commitments: { id: 'verkle.witness.commitments', title: 'One commitment per opened path' },
  proofShape: { id: 'verkle.witness.proof-shape', title: 'IPA proof has 8 rounds and a canonical scalar' },
} as const

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

function prefixHex(stem: Uint8Array, length: number): string {
  return bytesToHex(stem.subarray(0, length)).slice(2)
}

function samePrefix(a: Uint8Array, b: Uint8Array, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false
  return true
}

export function checkWitnessStructure(witness: ExecutionWitness): WitnessStructure {
  const checks: StructureCheck[] = []
  const result = (ok: boolean): WitnessStructure => ({ checks, ok, stems, paths, openings })
  const stems: StemHint[] = []
  let paths: string[] = []
  let openings = 0
  const { stateDiff, verkleProof } = witness

  // 1. Ordering. rust-verkle collects stems into a BTreeSet and pairs them with the hint bytes in sorted
  //    order, so an unsorted or repeated stem silently shifts hints or lets a later value shadow an earlier.
  let orderProblem = ''
  for (let i = 0; i < stateDiff.length && !orderProblem; i++) {
    const s = stateDiff[i]!
    if (s.suffixDiffs.length === 0) orderProblem = `stateDiff[${i}] has no suffixDiffs`
    else if (i > 0 && compareBytes(stateDiff[i - 1]!.stem, s.stem) >= 0)
      orderProblem = `stateDiff[${i}] stem ${bytesToHex(s.stem)} is not above the previous stem`
    for (let j = 1; j < s.suffixDiffs.length && !orderProblem; j++)
      if (s.suffixDiffs[j]!.suffix <= s.suffixDiffs[j - 1]!.suffix)
        orderProblem = `stateDiff[${i}].suffixDiffs[${j}] suffix ${s.suffixDiffs[j]!.suffix} is not above the previous one`
  }
  if (stateDiff.length === 0) orderProblem = 'stateDiff is empty: the witness proves nothing'
  checks.push({
    ...STRUCTURE_CHECKS.order,
    ok: !orderProblem,
    detail: orderProblem || `${stateDiff.length} stems in ascending order`,
  })
  if (orderProblem) return result(false)

  // 2. Hints: one byte per stem, ext status 0..2, depth 1..31 (a stem below depth 1 would be the root).
  const hintBytes = verkleProof.depthExtensionPresent
  let hintProblem = ''
  if (hintBytes.length !== stateDiff.length)
    hintProblem = `depthExtensionPresent has ${hintBytes.length} bytes for ${stateDiff.length} stems`
  for (let i = 0; i < stateDiff.length && !hintProblem; i++) {
    const byte = hintBytes[i]!
    const ext = EXT_STATUS[(byte & 3) as 0 | 1 | 2] as ExtStatus | undefined
    const depth = byte >> 3
    if (ext === undefined) hintProblem = `stem ${i}: extension status 3 does not exist`
    else if (depth < 1 || depth > MAX_DEPTH)
      hintProblem = `stem ${i}: depth ${depth} is outside 1..${MAX_DEPTH}`
    else if (ext === 'different-stem' && depth === MAX_DEPTH)
      hintProblem = `stem ${i}: a different stem cannot sit at depth ${MAX_DEPTH}`
    else stems.push({ stem: stateDiff[i]!.stem, depth, ext })
  }
  // An absence proof (no leaf, or another stem's leaf) cannot carry a pre-state value.
  for (let i = 0; i < stems.length && !hintProblem; i++) {
    const h = stems[i]!
    if (h.ext !== 'present' && stateDiff[i]!.suffixDiffs.some((d) => d.currentValue !== null))
      hintProblem = `stem ${bytesToHex(h.stem)} is proven absent (${h.ext}) but lists a currentValue`
  }
  checks.push({
    ...STRUCTURE_CHECKS.hints,
    ok: !hintProblem,
    detail: hintProblem || `${stems.length} depth/extension bytes`,
  })
  if (hintProblem) {
    stems.length = 0
    return result(false)
  }

  // 3. Other stems. For a different-stem absence proof the leaf found at stem[:depth] belongs either to a
  //    present stem of this witness or to one listed in otherStems; every listed one must be used.
  const present = stems.filter((h) => h.ext === 'present')
  const other = verkleProof.otherStems
  const used = new Set<number>()
  let otherProblem = ''
  for (let i = 1; i < other.length && !otherProblem; i++)
    if (compareBytes(other[i - 1]!, other[i]!) === 0) otherProblem = `otherStems[${i}] repeats a stem`
  for (const h of stems) {
    if (h.ext !== 'different-stem' || otherProblem) continue
    const matches = present.filter((p) => samePrefix(p.stem, h.stem, h.depth))
    if (matches.length > 1) {
      otherProblem = `${matches.length} present stems share the prefix of absent stem ${bytesToHex(h.stem)}`
      break
    }
    if (matches.length === 1) {
      h.otherStem = matches[0]!.stem
      continue
    }
    // rust-verkle takes the last otherStems entry with the prefix (`found.pop()`).
    let index = -1
    for (let k = 0; k < other.length; k++) if (samePrefix(other[k]!, h.stem, h.depth)) index = k
    if (index < 0) {
      otherProblem = `absent stem ${bytesToHex(h.stem)} points to another stem, but none is given`
      break
    }
    used.add(index)
    h.otherStem = other[index]!
  }
  if (!otherProblem && used.size !== other.length)
    otherProblem = `${other.length - used.size} of ${other.length} otherStems are not used by any absence proof`
  checks.push({
    ...STRUCTURE_CHECKS.otherStems,
    ok: !otherProblem,
    detail: otherProblem || `${other.length} other stems, all used`,
  })
  if (otherProblem) return result(false)

  // 4. Paths and openings, exactly as create_verifier_queries inserts them.
  const pathSet = new Set<string>()
  const openingSet = new Set<string>()
  const open = (path: string, z: number) => openingSet.add(`${path}:${z}`)
  stems.forEach((h, i) => {
    const { stem, depth, ext } = h
    for (let d = 0; d < depth; d++) {
      const p = prefixHex(stem, d)
      pathSet.add(p)
      open(p, stem[d]!)
    }
    if (ext === 'none') return
    const leaf = prefixHex(stem, depth)
    pathSet.add(leaf)
    open(leaf, 0)
    open(leaf, 1)
    if (ext !== 'present') return
    for (const { suffix } of stateDiff[i]!.suffixDiffs) {
      const half = suffix < NODE_WIDTH / 2 ? 2 : 3
      open(leaf, half)
      const sub = leaf + half.toString(16).padStart(2, '0')
      pathSet.add(sub)
      const low = 2 * (suffix % (NODE_WIDTH / 2))
      open(sub, low)
      open(sub, low + 1)
    }
  })
  paths = [...pathSet].sort()
  openings = openingSet.size
  const needed = paths.length - 1
  const given = verkleProof.commitmentsByPath.length
  checks.push({
    ...STRUCTURE_CHECKS.commitments,
    ok: given === needed,
    detail:
      given === needed
        ? `${given} commitments for ${paths.length} paths (root given separately), ${openings} openings`
        : `the proof opens ${paths.length} paths, so it needs ${needed} commitments besides the root; it has ${given}`,
  })
  if (given !== needed) return result(false)

  // 5. IPA shape. A different number of L and R points indexes out of range in the verifier; a scalar at or
  //    above the field order aborts its deserialisation.
  const { cl, cr, finalEvaluation } = verkleProof.ipaProof
  let shapeProblem = ''
  if (cl.length !== IPA_ROUNDS || cr.length !== IPA_ROUNDS)
    shapeProblem = `expected ${IPA_ROUNDS} cl and ${IPA_ROUNDS} cr points, got ${cl.length} and ${cr.length}`
  else if (BigInt(bytesToHex(finalEvaluation)) >= BANDERWAGON_SCALAR_ORDER)
    shapeProblem = 'finalEvaluation is not a canonical scalar (not below the banderwagon scalar field order)'
  checks.push({
    ...STRUCTURE_CHECKS.proofShape,
    ok: !shapeProblem,
    detail: shapeProblem || `${IPA_ROUNDS} rounds, 576-byte proof`,
  })
  return result(!shapeProblem)
}
