import { describe, expect, it } from 'vitest'
import { measure, median } from '../../bench/run'
import { FIGURES } from '../../bench/figures'

describe('bench harness', () => {
  it('takes the median of odd and even sample counts', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })

  it('reports both medians, the named baseline and their ratio', async () => {
    let ours = 0
    let base = 0
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
      goal: 'ratio <= 1',
      setup: async () => ({
        ours: () => spin(200_000 + ours++),
        baseline: () => spin(100_000 + base++),
        repetitions: 5,
      }),
    })
    expect(ours).toBe(8)
    expect(base).toBe(8)
    expect(r).toMatchObject({ id: 'x', unit: 'us', baseline: 'the same loop', goal: 'ratio <= 1' })
    expect(r.value).toBeGreaterThan(0)
    expect(r.ratio).toBeCloseTo(r.value / r.baselineValue, 1)
  })

  it('has unique figure ids, each naming its baseline and goal', () => {
    const ids = FIGURES.map((f) => f.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const f of FIGURES) {
      expect(f.baseline.length, f.id).toBeGreaterThan(0)
      expect(f.goal.length, f.id).toBeGreaterThan(0)
    }
  })
})
