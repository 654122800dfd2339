import { describe, expect, it } from 'vitest'
import { ReportBuilder, type Facts } from '../../report'
import { diffWatchReports } from './diffWatch'

const report = (facts: Facts) => {
  const r = new ReportBuilder({ kind: 'zksync-watch', description: 'test' })
  for (const [k, v] of Object.entries(facts)) r.fact(k, v)
  return r.build()
}

describe('diffWatchReports', () => {
  const base: Facts = {
    asOf: 'L1 block 10',
    verifier: '0xaa',
    admin: '0x01',
    executionDelay: '10800',
    facets: [
      { address: '0xf1', codeHash: '0xc1', selectors: ['0x11111111'], freezable: false },
      { address: '0xf2', codeHash: '0xc2', selectors: ['0x22222222'], freezable: true },
    ],
    chainTypeManager: { address: '0xc7', protocolVersion: '0.29.4', upgradeCutHash: '0x00' },
    pendingUpgrade: null,
  }

  it('no change: nothing listed, key order does not matter', () => {
    const same = report({
      ...base,
      chainTypeManager: { upgradeCutHash: '0x00', protocolVersion: '0.29.4', address: '0xc7' },
    })
    expect(diffWatchReports(report(base), same).changes).toEqual([])
  })

  it('lists each changed field with both values, alerts marked, facets added/removed/recoded', () => {
    const after = report({
      ...base,
      asOf: 'L1 block 11',
      verifier: '0xbb',
      executionDelay: '0',
      facets: [
        { address: '0xf1', codeHash: '0xc9', selectors: ['0x11111111'], freezable: false },
        { address: '0xf3', codeHash: '0xc3', selectors: ['0x33333333'], freezable: true },
      ],
      chainTypeManager: { address: '0xc7', protocolVersion: '0.30.0', upgradeCutHash: '0xcc' },
      pendingUpgrade: { fromVersion: '0.29.4', latestVersion: '0.30.0', cutHash: '0xcc' },
    })
    const d = diffWatchReports(report(base), after)
    expect(d.before.asOf).toBe('L1 block 10')
    expect(d.after.asOf).toBe('L1 block 11')
    expect(d.changes.map((c) => c.field)).toEqual([
      'verifier',
      'facets',
      'pendingUpgrade',
      'chainTypeManager.protocolVersion',
      'chainTypeManager.upgradeCutHash',
      'executionDelay',
    ])
    expect(d.changes[0]).toEqual({
      field: 'verifier',
      what: 'verifier contract',
      alert: true,
      before: '0xaa',
      after: '0xbb',
    })
    expect(d.changes.find((c) => c.field === 'chainTypeManager.protocolVersion')!.alert).toBe(false)
    expect(d.facets).toEqual({
      added: [{ address: '0xf3', codeHash: '0xc3', selectors: ['0x33333333'], freezable: true }],
      removed: [{ address: '0xf2', codeHash: '0xc2', selectors: ['0x22222222'], freezable: true }],
      codeChanged: ['0xf1'],
    })
  })

  it('a field one snapshot did not establish shows as null on that side', () => {
    const { admin: _a, ...rest } = base
    const d = diffWatchReports(report(base), report(rest))
    expect(d.changes).toEqual([
      { field: 'admin', what: 'chain admin', alert: true, before: '0x01', after: null },
    ])
  })
})
