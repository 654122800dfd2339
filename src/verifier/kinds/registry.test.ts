import { describe, expect, it } from 'vitest'
import { listRepoDir, readRepoBytes } from '../../../tests/support/fixtures'
import { parseEvidence } from '../evidence/schema'
import { EVIDENCE_KINDS, findEvidenceKind, matchesCheckId, runsInWorker } from './registry'
import { verifyEvidence } from './verifyEvidence'

describe('the evidence kind registry', () => {
  it('names each kind once and finds it by name', () => {
    const names = EVIDENCE_KINDS.map((k) => k.kind)
    expect(new Set(names).size).toBe(names.length)
    for (const k of EVIDENCE_KINDS) expect(findEvidenceKind(k.kind)).toBe(k)
    expect(findEvidenceKind('no-such-kind')).toBeUndefined()
  })

  it('routes heavy kinds to a worker, and a batch only when it carries its proof', () => {
    const route = (kind: string, data: Record<string, unknown> = {}) => runsInWorker({ kind, data })
    expect(EVIDENCE_KINDS.filter((k) => k.worker === 'worker').map((k) => k.kind)).toEqual(
      expect.arrayContaining([findEvidenceKind('snark')!.kind, findEvidenceKind('verkle')!.kind]),
    )
    const batch = EVIDENCE_KINDS.find((k) => typeof k.worker === 'function')!
    expect(route(batch.kind)).toBe(false)
    expect(route(batch.kind, { proof: {} })).toBe(true)
    expect(route('no-such-kind')).toBe(false)
  })

  it('check-id patterns match whole ids, * standing for any non-empty run', () => {
    expect(matchesCheckId('l1.proof[*].chain-id', 'l1.proof[0].chain-id')).toBe(true)
    expect(matchesCheckId('mpt.*', 'mpt.account.proof')).toBe(true)
    expect(matchesCheckId('mpt.*', 'mpt.')).toBe(false)
    expect(matchesCheckId('evidence.data', 'evidence.data.x')).toBe(false)
  })

  // Every shipped sample, verified: each check id its report carries is in its kind's catalogue.
  const samples = listRepoDir('samples').filter((f) => f.endsWith('.evidence.json'))
  it.each(samples)('%s: every check id is in its kind’s catalogue', async (file) => {
    const evidence = parseEvidence(readRepoBytes(`samples/${file}`))
    const kind = findEvidenceKind(evidence.kind)!
    const report = await verifyEvidence(evidence)
    expect(report.checks.length).toBeGreaterThan(0)
    for (const c of report.checks)
      expect(
        kind.checkIds.some((p) => matchesCheckId(p, c.id)),
        `${c.id} in ${kind.kind}`,
      ).toBe(true)
  })
})
