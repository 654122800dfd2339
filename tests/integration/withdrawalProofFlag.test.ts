import { describe, expect, it } from 'vitest'
import { parseEvidenceJson } from '../../src/verifier/evidence/schema'
import { verifyEvidence } from '../../src/verifier/kinds/verifyEvidence'
import { canonicalLogProof } from '../../src/verifier/zksync/bridge/logProofPath'
import type { Facts } from '../../src/verifier/report'
import { loadSeeds } from '../fuzz/mutateEvidence'

/**
 * Found by `npm run fuzz -- --per-kind 10000` (seed 15, "hex digit at 52 of data.logProof"): a log proof whose
 * metadata final-node byte is 0x11 instead of 0x01. L1 reads any non-zero byte as final, so the proof proves the
 * same withdrawal; the report must say so (facts.normalisations) and hand back the canonical proof to claim with,
 * not echo the file's spelling as if it were what was verified.
 */
describe('a log proof with a non-canonical final-node flag', () => {
  it('canonicalLogProof writes the flag as 0x01 and says so; a canonical proof is left alone', () => {
    const word = new Uint8Array(32)
    word.set([1, 15, 0, 0x11])
    const sibling = new Uint8Array(32).fill(7)
    const read = canonicalLogProof([word, sibling])
    expect(read.words[0]![3]).toBe(1)
    expect(read.words[1]).toEqual(sibling)
    expect(read.normalisations).toEqual([
      'proof metadata final-node flag 0x11 read as 0x01 (L1 reads any non-zero flag as final)',
    ])
    word[3] = 1
    expect(canonicalLogProof([word, sibling]).normalisations).toEqual([])
  })

  it('the withdrawal verifies with the same claim and the normalisation listed', async () => {
    const seed = (await loadSeeds()).find((s) => s.evidence.kind === 'zksync-withdrawal')!
    const e = structuredClone(seed.evidence) as unknown as { data: { logProof: { text: string } } }
    const text = e.data.logProof.text
    const at = text.indexOf('"0x') + 3 + 6 // the high nibble of the metadata word's fourth byte
    expect(text.slice(at - 6, at + 2)).toBe('010f0001')
    e.data.logProof.text = `${text.slice(0, at)}1${text.slice(at + 1)}`
    const report = await verifyEvidence(parseEvidenceJson(e as never))
    expect(report.verdict).toBe('verified')
    expect(report.facts.normalisations).toEqual([
      'proof metadata final-node flag 0x11 read as 0x01 (L1 reads any non-zero flag as final)',
    ])
    expect((report.facts.claim as Facts).merkleProof).toEqual((seed.facts.claim as Facts).merkleProof)
  })
})
