import { describe, expect, it } from 'vitest'
import { goalMet, measure, median } from '../../bench/run'
import { FIGURES } from '../../bench/figures'

describe('bench harness', () => {
  it('takes the median of odd and even sample counts', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })

  it('reports the three medians, the named baseline and floor, both ratios and the backends', async () => {
    let ours = 0
    let base = 0
    let floor = 0
    const spin = (n: number) => {
      let x = 0
      for (let i = 0; i < n; i++) x += i
      return x
    }
    const r = await measure({
      id: 'x',
      what: 'counting',
      unit: 'us',
      baseline: 'the same loop',
      floor: 'a shorter loop',
      goal: 'ratio <= 100 and floorRatio >= 0.01',
      setup: async () => ({
        ours: () => spin(200_000 + ours++),
        baseline: () => spin(100_000 + base++),
        floor: () => spin(50_000 + floor++),
        backends: { ours: 'a', baseline: 'b', floor: 'c' },
        repetitions: 5,
      }),
    })
    expect(ours).toBe(8)
    expect(base).toBe(8)
    expect(floor).toBe(8)
    expect(r).toMatchObject({ id: 'x', unit: 'us', baseline: 'the same loop', floor: 'a shorter loop' })
    expect(r.backends).toEqual({ ours: 'a', baseline: 'b', floor: 'c' })
    expect(r.value).toBeGreaterThan(0)
    expect(r.ratio).toBeCloseTo(r.value / r.baselineValue, 1)
    expect(r.floorRatio).toBeCloseTo(r.value / r.floorValue, 1)
    expect(r.goalMet).toBe(true)
  })

  it('a figure without a floor function derives it from the baseline; teardown runs', async () => {
    let closed = false
    const r = await measure({
      id: 'y',
      what: 'waiting',
      unit: 'ms',
      baseline: 'b',
      floor: 'half of b',
      goal: 'free text',
      setup: async () => ({
        ours: () => undefined,
        baseline: () => undefined,
        floorScale: 0.5,
        backends: { ours: 'a', baseline: 'b', floor: '-' },
        repetitions: 3,
        teardown: () => {
          closed = true
        },
      }),
    })
    expect(closed).toBe(true)
    expect(r.floorValue).toBeCloseTo(r.baselineValue * 0.5, 2)
    expect(r.goalMet).toBeUndefined()
  })

  it('evaluates goals of the form `ratio <= x and floorRatio <= y`', () => {
    expect(goalMet('ratio <= 0.2 and floorRatio <= 1.5', { ratio: 0.19, floorRatio: 1.4 })).toBe(true)
    expect(goalMet('ratio <= 0.2 and floorRatio <= 1.5', { ratio: 0.19, floorRatio: 1.6 })).toBe(false)
    expect(goalMet('ratio >= 1.8', { ratio: 1.7, floorRatio: 0 })).toBe(false)
    expect(goalMet('about as fast', { ratio: 1, floorRatio: 1 })).toBeUndefined()
  })

  it('has unique figure ids, each naming its baseline, floor and goal; the issue-18 ids are all there', () => {
    const ids = FIGURES.map((f) => f.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const f of FIGURES) {
      expect(f.baseline.length, f.id).toBeGreaterThan(0)
      expect(f.floor.length, f.id).toBeGreaterThan(0)
      expect(f.goal.length, f.id).toBeGreaterThan(0)
    }
    for (const id of ['mpt-proofs', 'zks-proof', 'plonk', 'fflonk', 'beacon-updates', 'batches-jobs2'])
      expect(ids, id).toContain(id)
    expect(ids.some((id) => id.startsWith('verkle-'))).toBe(true)
  })
})
