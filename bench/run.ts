import { performance } from 'node:perf_hooks'
import type { Figure } from './figure'
import { FIGURES } from './figures'

/**
 * `npm run bench [-- --json] [-- ID…]`: every figure is the median of our side over the median of a named
 * baseline measured in the same run, alternating the two so that machine noise hits both alike.
 */
export interface FigureResult {
  id: string
  what: string
  value: number
  unit: string
  baseline: string
  baselineValue: number
  ratio: number
  goal: string
}

export function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

async function timeOnce(fn: () => unknown): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

export async function measure(figure: Figure): Promise<FigureResult> {
  const runner = await figure.setup()
  const reps = runner.repetitions ?? 30
  const scale = figure.unit === 'us' ? 1000 : 1
  for (let i = 0; i < 3; i++) {
    await runner.ours()
    await runner.baseline()
  }
  const ours: number[] = []
  const base: number[] = []
  for (let i = 0; i < reps; i++) {
    ours.push((await timeOnce(runner.ours)) * scale)
    base.push((await timeOnce(runner.baseline)) * scale)
  }
  const value = median(ours)
  const baselineValue = median(base)
  return {
    id: figure.id,
    what: figure.what,
    value: round(value),
    unit: figure.unit,
    baseline: figure.baseline,
    baselineValue: round(baselineValue),
    ratio: round(value / baselineValue),
    goal: figure.goal,
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const json = args.includes('--json')
  const ids = args.filter((a) => !a.startsWith('--'))
  const unknown = ids.filter((id) => !FIGURES.some((f) => f.id === id))
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown figure(s): ${unknown.join(', ')}; known: ${FIGURES.map((f) => f.id).join(', ') || 'none'}\n`,
    )
    process.exit(2)
  }
  const chosen = ids.length > 0 ? FIGURES.filter((f) => ids.includes(f.id)) : FIGURES
  const results: FigureResult[] = []
  for (const figure of chosen) {
    if (!json) process.stderr.write(`measuring ${figure.id}…\n`)
    results.push(await measure(figure))
  }
  if (json) {
    process.stdout.write(JSON.stringify({ figures: results }) + '\n')
    return
  }
  if (results.length === 0) {
    process.stdout.write('no figures registered yet\n')
    return
  }
  const rows = results.map((r) => [
    r.id,
    `${r.value} ${r.unit}`,
    `${r.baselineValue} ${r.unit}`,
    `${r.ratio}×`,
    r.goal,
    r.baseline,
  ])
  const header = ['figure', 'ours (median)', 'baseline (median)', 'ratio', 'goal', 'baseline is']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
  process.stdout.write(
    [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n',
  )
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) await main()
