import { describe, expect, it } from 'vitest'
import { parseEvidenceJson } from '../../src/verifier/evidence/schema'
import { verifyEvidence } from '../../src/verifier/kinds/verifyEvidence'
import type { FactValue } from '../../src/verifier/report'
import { FACT_GLOSSARY } from '../../src/verifier/report/factGlossary'
import { loadSeeds } from '../fuzz/mutateEvidence'

/**
 * Issue 23 (plain words): every fact name any kind reports — at every depth, in every sample and generated
 * seed — has words in the glossary, so the app never shows a raw field name as a label. Keys that are data
 * (hex, numbers) rather than names are not looked up.
 */
function names(value: FactValue, out: Set<string>): void {
  if (value === null || typeof value !== 'object') return
  if (Array.isArray(value)) {
    for (const v of value) names(v, out)
    return
  }
  for (const [k, v] of Object.entries(value)) {
    if (!/^(0x[0-9a-fA-F]*|\d+)$/.test(k)) out.add(k)
    names(v, out)
  }
}

describe('the fact glossary', () => {
  it('has words for every fact every kind reports', async () => {
    const missing = new Set<string>()
    for (const seed of await loadSeeds()) {
      const report = await verifyEvidence(parseEvidenceJson(seed.evidence as never))
      const seen = new Set<string>()
      names(report.facts, seen)
      for (const n of seen) if (!Object.hasOwn(FACT_GLOSSARY, n)) missing.add(`${n} (${seed.evidence.kind})`)
    }
    expect([...missing].sort()).toEqual([])
  }, 300_000)
})
