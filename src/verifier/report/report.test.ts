import { describe, expect, it } from 'vitest'
import { ReportBuilder, verdictOf, type Check } from './index'

const check = (status: Check['status'], required = true): Check => ({
  id: 'x',
  title: 'x',
  status,
  detail: '',
  required,
})

describe('verdict rules (DESIGN.md §2)', () => {
  it('is verified only when every required check passed', () => {
    expect(verdictOf([check('pass'), check('pass')])).toBe('verified')
    expect(verdictOf([check('pass'), check('skip', false)])).toBe('verified')
    expect(verdictOf([check('pass'), check('fail', false)])).toBe('verified')
  })

  it('is failed when any required check failed, whatever else happened', () => {
    expect(verdictOf([check('pass'), check('fail')])).toBe('failed')
    expect(verdictOf([check('error'), check('fail')])).toBe('failed')
    expect(verdictOf([check('skip'), check('fail')])).toBe('failed')
  })

  it('is incomplete when a required check was skipped or errored, or nothing was checked', () => {
    expect(verdictOf([check('pass'), check('skip')])).toBe('incomplete')
    expect(verdictOf([check('pass'), check('error')])).toBe('incomplete')
    expect(verdictOf([])).toBe('incomplete')
    expect(verdictOf([check('pass', false)])).toBe('incomplete')
  })
})

describe('ReportBuilder', () => {
  it('keeps checks in order, records facts, and returns a copy the builder cannot change afterwards', () => {
    const b = new ReportBuilder({
      kind: 'test',
      description: 'a test',
      trustRoot: { kind: 'state-root', value: '0x00' },
    })
    expect(b.expect('a.one', 'first', true, 'fine')).toBe(true)
    expect(b.expect('a.two', 'second', false, 'fine', 'broken')).toBe(false)
    b.fact('n', '12345678901234567890')
    const report = b.build()
    b.pass('a.three', 'later')
    expect(report.verdict).toBe('failed')
    expect(report.checks.map((c) => [c.id, c.status, c.detail])).toEqual([
      ['a.one', 'pass', 'fine'],
      ['a.two', 'fail', 'broken'],
    ])
    expect(report.facts).toEqual({ n: '12345678901234567890' })
    expect(report.subject.trustRoot).toEqual({ kind: 'state-root', value: '0x00' })
  })
})
