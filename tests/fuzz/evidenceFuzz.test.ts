import { describe, expect, it } from 'vitest'
import { EVIDENCE_KINDS } from '../../src/verifier/kinds/registry'
import { loadSeeds, runFuzz, summaryTable } from './mutateEvidence'

/**
 * The short seeded run of the evidence mutation fuzzer (issue 15) that `npm test` keeps: every evidence kind, a
 * few dozen mutations each. The long run is `npm run fuzz -- --per-kind N` (scripts/fuzz.ts).
 */
describe('evidence mutation fuzzer (short seeded run)', () => {
  it('every mutation of every sample is refused, or verified with the same or listed facts', async () => {
    const rows = await runFuzz(await loadSeeds(), 40, 1515)
    const findings = rows.flatMap((r) =>
      r.findings.map((f) => `${r.kind} ${f.outcome}: ${f.seed}: ${f.label}`),
    )
    expect(findings, summaryTable(rows)).toEqual([])
    for (const r of rows) expect(r.cases, r.kind).toBe(40)
    // Every registered kind has a seed (a sample or a generated one): a new kind cannot go unfuzzed.
    expect(rows.map((r) => r.kind).sort()).toEqual(EVIDENCE_KINDS.map((k) => k.kind).sort())
  }, 600_000)
})
