import { describe, expect, it } from 'vitest'
import { loadSeeds, runFuzz, summaryTable } from './mutateEvidence'

/**
 * The short seeded run of the evidence mutation fuzzer (issue 15) that `npm test` keeps: every sample kind, a
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
    expect(rows.map((r) => r.kind).length).toBeGreaterThanOrEqual(6)
  }, 600_000)
})
