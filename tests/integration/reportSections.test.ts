import { describe, expect, it } from 'vitest'
import { parseEvidenceJson } from '../../src/verifier/evidence/schema'
import { findEvidenceKind } from '../../src/verifier/kinds/registry'
import { verifyEvidence } from '../../src/verifier/kinds/verifyEvidence'
import { loadSeeds } from '../fuzz/mutateEvidence'

/**
 * Issue 14 item 5: every evidence report carries its chain of trust as sections, laid out by its kind's plan —
 * every check in exactly one link, none left over — so the renderer draws links and never groups check ids.
 */
const seeds = await loadSeeds()

describe('report sections and answer cards on every sample and generated seed', () => {
  it('covers every kind the registry knows but none', () => {
    expect(new Set(seeds.map((s) => s.evidence.kind)).size).toBeGreaterThanOrEqual(12)
  })

  for (const seed of seeds) {
    it(`${seed.name}: every check in one link of the ${seed.evidence.kind} plan, every link verified`, async () => {
      const report = await verifyEvidence(parseEvidenceJson(seed.evidence as never))
      const plan = findEvidenceKind(seed.evidence.kind)!.sections
      const sections = report.sections!
      expect(sections.map((s) => s.id)).not.toContain('other')
      const indices = sections.flatMap((s) => s.checks).sort((a, b) => a - b)
      expect(indices).toEqual(report.checks.map((_, i) => i))
      // In the plan's order; a link the plan does not mark optional is always shown.
      const order = sections.map((s) => plan.findIndex((p) => p.id === s.id && p.title === s.title))
      expect(order).toEqual([...order].sort((a, b) => a - b))
      for (const p of plan.filter((p) => !p.optional)) expect(sections.map((s) => s.title)).toContain(p.title)
      for (const s of sections) expect([s.id, s.verdict]).toEqual([s.id, 'verified'])
      // The kind's answer card, in words.
      expect(report.answer?.headline, seed.name).toMatch(/\S/)
    })
  }

  it('a tampered file fails the link whose check caught it, and only that link', async () => {
    const seed = seeds.find((s) => s.evidence.kind === 'l1-proof')!
    const evidence = structuredClone(seed.evidence)
    // The file claims another account than the proof is for: evidence.question.address must fail.
    ;(evidence.question as Record<string, unknown>).address = '0x0000000000000000000000000000000000000001'
    const report = await verifyEvidence(parseEvidenceJson(evidence as never))
    const failed = report.sections!.filter((s) => s.verdict === 'failed').map((s) => s.id)
    expect(failed).toEqual(['evidence'])
    expect(report.sections!.find((s) => s.id === 'l1-state')!.verdict).toBe('verified')
  })
})
