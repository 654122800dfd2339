import { bytesToHex } from '../encoding/hex'
import { COMMITMENT_LENGTH, STEM_LENGTH, type ExtStatus, type LeafLayout } from './constants'
import { decodeHeaderValue, headerSuffixRole, type DecodedValue, type SuffixRole } from './decodeLeaf'
import type { ParsedWitness } from './parseWitness'
import { checkWitnessStructure, type StructureCheck } from './witnessStructure'

/**
 * The structure of a witness as an inspector shows it (issue 8): stems with their suffixes and decoded
 * current/new values, absent keys, commitments by path, proof sizes. JSON-safe (hex strings, decimal
 * strings), no cryptography: it says what the witness claims, and `verifyVerkleWitness` says whether the
 * pre-state part is proven. New values are always claims.
 */

export interface DescribedSuffix {
  suffix: number
  key: string
  /** Meaning if this stem is an account's header stem (tree index 0), e.g. `balance`, `storage slot 3`. */
  role: string
  /** Pre-state value; null = absent. Proven when the witness verifies. */
  current: string | null
  currentDecoded?: DecodedValue
  /** Post-state value as claimed; null = unchanged or only read. Never proven by this witness. */
  new: string | null
  newDecoded?: DecodedValue
}

export interface DescribedStem {
  stem: string
  depth?: number
  ext?: ExtStatus
  /** For a different-stem absence proof: the stem found where this one would be. */
  otherStem?: string
  suffixes: DescribedSuffix[]
}

export interface DescribedCommitment {
  /** Tree path as 0x-hex of the path bytes; `0x` is the root. null when the structure is inconsistent. */
  path: string | null
  kind: 'root' | 'internal' | 'leaf' | 'c1' | 'c2' | 'unknown'
  /** Compressed commitment; the root's is the pre-state root the verifier supplies, not the witness. */
  commitment: string | null
}

export interface WitnessDescription {
  foundAt: string
  normalisations: string[]
  claimedParentStateRoot?: string
  layout: { layout: LeafLayout; reason: string }
  counts: {
    stems: number
    keys: number
    present: number
    absent: number
    claimedNewValues: number
    otherStems: number
    commitments: number
    openings: number
  }
  stems: DescribedStem[]
  /** Keys (stem ‖ suffix) whose pre-state value is absent. */
  absentKeys: string[]
  commitmentsByPath: DescribedCommitment[]
  proof: {
    d: string
    cl: string[]
    cr: string[]
    finalEvaluation: string
    sizes: {
      ipaProofBytes: number
      commitmentBytes: number
      otherStemBytes: number
      hintBytes: number
      totalBytes: number
    }
  }
  structure: StructureCheck[]
}

/**
 * Suffixes 2..63 of a header stem are reserved in the current layout but hold nonce, code hash and code size
 * in the Kaustinen ≤ 6 layout; a witness touching them is therefore in the legacy layout.
 */
export function detectLayout(parsed: ParsedWitness): { layout: LeafLayout; reason: string } {
  for (const s of parsed.witness.stateDiff)
    for (const d of s.suffixDiffs)
      if (d.suffix >= 2 && d.suffix < 64)
        return {
          layout: 'legacy-per-field',
          reason: `suffix ${d.suffix} is listed, which only the Kaustinen ≤ 6 per-field layout uses`,
        }
  return {
    layout: 'basic-data',
    reason: 'no suffix in 2..63 is listed; assuming the current EIP-6800 layout',
  }
}

function roleText(role: SuffixRole): string {
  switch (role.kind) {
    case 'account-field':
      return role.field === 'basicData' ? 'basic data' : role.field
    case 'storage':
      return `storage slot ${role.slot} (header) or main storage`
    case 'code-chunk':
      return `code chunk ${role.chunk} (header) or main storage`
    case 'reserved':
      return 'reserved in the header, or main storage'
  }
}

export function describeWitness(parsed: ParsedWitness, layoutOverride?: LeafLayout): WitnessDescription {
  const { witness } = parsed
  const layout = layoutOverride
    ? { layout: layoutOverride, reason: 'chosen by the caller' }
    : detectLayout(parsed)
  const structure = checkWitnessStructure(witness)
  const hints = structure.stems.length === witness.stateDiff.length ? structure.stems : undefined

  let keys = 0
  let present = 0
  let claimedNewValues = 0
  const absentKeys: string[] = []
  const stems: DescribedStem[] = witness.stateDiff.map((s, i) => {
    const stemHex = bytesToHex(s.stem)
    const hint = hints?.[i]
    const suffixes = s.suffixDiffs.map((d): DescribedSuffix => {
      keys++
      const key = stemHex + d.suffix.toString(16).padStart(2, '0')
      const role = headerSuffixRole(d.suffix, layout.layout)
      if (d.currentValue === null) absentKeys.push(key)
      else present++
      if (d.newValue !== null) claimedNewValues++
      return {
        suffix: d.suffix,
        key,
        role: roleText(role),
        current: d.currentValue && bytesToHex(d.currentValue),
        ...(d.currentValue ? { currentDecoded: decodeHeaderValue(role, d.currentValue) } : {}),
        new: d.newValue && bytesToHex(d.newValue),
        ...(d.newValue ? { newDecoded: decodeHeaderValue(role, d.newValue) } : {}),
      }
    })
    return {
      stem: stemHex,
      ...(hint ? { depth: hint.depth, ext: hint.ext } : {}),
      ...(hint?.otherStem ? { otherStem: bytesToHex(hint.otherStem) } : {}),
      suffixes,
    }
  })

  const vp = witness.verkleProof
  const commitmentsByPath = describeCommitments(structure.paths, vp.commitmentsByPath, hints)
  const ipaProofBytes = 32 * (2 + vp.ipaProof.cl.length + vp.ipaProof.cr.length)
  const commitmentBytes = COMMITMENT_LENGTH * vp.commitmentsByPath.length
  const otherStemBytes = STEM_LENGTH * vp.otherStems.length
  const hintBytes = vp.depthExtensionPresent.length

  return {
    foundAt: parsed.foundAt,
    normalisations: parsed.normalisations,
    ...(parsed.claimedParentStateRoot ? { claimedParentStateRoot: parsed.claimedParentStateRoot } : {}),
    layout,
    counts: {
      stems: witness.stateDiff.length,
      keys,
      present,
      absent: absentKeys.length,
      claimedNewValues,
      otherStems: vp.otherStems.length,
      commitments: vp.commitmentsByPath.length,
      openings: structure.openings,
    },
    stems,
    absentKeys,
    commitmentsByPath,
    proof: {
      d: bytesToHex(vp.d),
      cl: vp.ipaProof.cl.map(bytesToHex),
      cr: vp.ipaProof.cr.map(bytesToHex),
      finalEvaluation: bytesToHex(vp.ipaProof.finalEvaluation),
      sizes: {
        ipaProofBytes,
        commitmentBytes,
        otherStemBytes,
        hintBytes,
        totalBytes: ipaProofBytes + commitmentBytes + otherStemBytes + hintBytes,
      },
    },
    structure: structure.checks,
  }
}

function describeCommitments(
  paths: string[],
  commitments: Uint8Array[],
  hints: ReturnType<typeof checkWitnessStructure>['stems'] | undefined,
): DescribedCommitment[] {
  if (!hints || paths.length !== commitments.length + 1)
    return commitments.map((c) => ({ path: null, kind: 'unknown', commitment: bytesToHex(c) }))
  const leafPaths = new Set<string>()
  for (const h of hints) if (h.ext !== 'none') leafPaths.add(bytesToHex(h.stem.subarray(0, h.depth)).slice(2))
  const kindOf = (path: string): DescribedCommitment['kind'] => {
    if (path === '') return 'root'
    if (leafPaths.has(path)) return 'leaf'
    const parent = path.slice(0, -2)
    if (leafPaths.has(parent)) return path.endsWith('02') ? 'c1' : 'c2'
    return 'internal'
  }
  return paths.map((p, i) => ({
    path: '0x' + p,
    kind: kindOf(p),
    commitment: i === 0 ? null : bytesToHex(commitments[i - 1]!),
  }))
}
