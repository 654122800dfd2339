import { describe, expect, it } from 'vitest'
import type { Check } from './index'
import { sectionsOf, type SectionPlan } from './sections'

const check = (id: string, status: Check['status'] = 'pass', required = true): Check => ({
  id,
  title: id,
  status,
  detail: '',
  required,
})

const PLAN: SectionPlan = [
  { id: 'checkpoint', title: 'Checkpoint', checks: ['beacon.bootstrap.*'] },
  { id: 'l1-head', title: 'Head', checks: ['beacon.*'] },
  { id: 'gateway', title: 'Gateway', checks: ['zksync.gateway.*'], optional: true },
  { id: 'batch', title: 'Batch', checks: ['zksync.batch.*'] },
  { id: 'evidence', title: 'Claims', checks: ['evidence.*'] },
]

describe('sectionsOf', () => {
  it('puts each check in the first link that claims it, in the plan order', () => {
    const s = sectionsOf(
      [check('beacon.update[0].signature'), check('beacon.bootstrap.root'), check('zksync.batch.status')],
      PLAN,
    )
    expect(s.map((x) => [x.id, x.checks])).toEqual([
      ['checkpoint', [1]],
      ['l1-head', [0]],
      ['batch', [2]],
      ['evidence', []],
    ])
  })

  it('a link verdict is the verdict of its own checks; an empty link is not reached', () => {
    const s = sectionsOf(
      [check('beacon.bootstrap.root'), check('beacon.head.x', 'fail'), check('zksync.batch.status', 'skip')],
      PLAN,
    )
    expect(s.map((x) => x.verdict)).toEqual(['verified', 'failed', 'incomplete', 'not-reached'])
  })

  it('shows an optional link only when it has checks, and only-optional checks are informational', () => {
    const s = sectionsOf([check('zksync.gateway.l1.x'), check('evidence.question.note', 'pass', false)], PLAN)
    expect(s.find((x) => x.id === 'gateway')?.verdict).toBe('verified')
    expect(s.find((x) => x.id === 'evidence')?.verdict).toBe('informational')
    expect(sectionsOf([], PLAN).map((x) => x.id)).not.toContain('gateway')
  })

  it('never drops a check: one no link claims is shown under Other checks', () => {
    const s = sectionsOf([check('something.new', 'fail')], PLAN)
    expect(s.at(-1)).toMatchObject({ id: 'other', verdict: 'failed', checks: [0] })
  })
})
