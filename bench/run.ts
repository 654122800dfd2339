import { cpus } from 'node:os'
import { performance } from 'node:perf_hooks'
import { backendNames, cryptoPreference, initBackends } from '../src/verifier/kinds/initBackends'
import type { Figure } from './figure'

/**
 * `npm run bench [-- --json] [-- ID…]`: every figure is the median of our side against the median of a named
 * baseline (`ratio`) and of the raw fastest primitive on the same data (`floorRatio`), measured in the same
 * run and interleaved so that machine noise hits all three alike.
 */
export interface FigureResult {
  id: string
  what: string
  value: number
  unit: string
  baseline: string
  baselineValue: number
  ratio: number
  floor: string
  floorValue: number
  floorRatio: number
  backends: { ours: string; baseline: string; floor: string }
  goal: string
  /** The goal evaluated on this run's ratios; undefined when the goal is not in the evaluable form. */
  goalMet?: boolean
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

/** `ratio <= 0.2 and floorRatio <= 1.5` → true/false on these ratios; undefined for any other wording. */
export function goalMet(goal: string, r: { ratio: number; floorRatio: number }): boolean | undefined {
  const terms = goal.split(' and ').map((t) => /^(ratio|floorRatio) (<=|>=) ([0-9.]+)$/.exec(t.trim()))
  if (terms.some((m) => !m)) return undefined
  return terms.every((m) => {
    const v = r[m![1] as 'ratio' | 'floorRatio']
    const bound = Number(m![3])
    return m![2] === '<=' ? v <= bound : v >= bound
  })
}

export async function measure(figure: Figure): Promise<FigureResult> {
  const runner = await figure.setup()
  const reps = runner.repetitions ?? 30
  const scale = figure.unit === 'us' ? 1000 : 1
  const floorFn = runner.floor?.bind(runner)
  const ours: number[] = []
  const base: number[] = []
  const floor: number[] = []
  try {
    for (let i = 0; i < Math.min(3, reps); i++) {
      await runner.ours()
      await runner.baseline()
      if (floorFn) await floorFn()
    }
    for (let i = 0; i < reps; i++) {
      ours.push((await timeOnce(runner.ours)) * scale)
      base.push((await timeOnce(runner.baseline)) * scale)
      if (floorFn) floor.push((await timeOnce(floorFn)) * scale)
    }
  } finally {
    await runner.teardown?.()
  }
  const value = median(ours)
  const baselineValue = median(base)
  const floorValue = (floorFn ? median(floor) : baselineValue) * (runner.floorScale ?? 1)
  const ratios = { ratio: round(value / baselineValue), floorRatio: round(value / floorValue) }
  const met = goalMet(figure.goal, ratios)
  return {
    id: figure.id,
    what: figure.what,
    value: round(value),
    unit: figure.unit,
    baseline: figure.baseline,
    baselineValue: round(baselineValue),
    ratio: ratios.ratio,
    floor: figure.floor,
    floorValue: round(floorValue),
    floorRatio: ratios.floorRatio,
    backends: runner.backends,
    goal: figure.goal,
    ...(met === undefined ? {} : { goalMet: met }),
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const json = args.includes('--json')
  const ids = args.filter((a) => !a.startsWith('--'))
  // The bench is a host like the CLI: it chooses the primitives' backends once, before any figure is set up.
  const crypto = await initBackends({ prefer: cryptoPreference(process.env.LIGHTPROOF_CRYPTO) })
  const { FIGURES } = await import('./figures')
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
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    crypto,
  }
  if (json) {
    process.stdout.write(JSON.stringify({ machine, figures: results }) + '\n')
    return
  }
  if (results.length === 0) {
    process.stdout.write('no figures registered yet\n')
    return
  }
  const rows = results.map((r) => [
    r.id,
    `${r.value} ${r.unit}`,
    `${r.ratio}×`,
    `${r.floorRatio}×`,
    r.goal + (r.goalMet === undefined ? '' : r.goalMet ? ' (met)' : ' (NOT met)'),
    `${r.backends.ours} | ${r.backends.baseline} | ${r.backends.floor}`,
  ])
  const header = ['figure', 'ours (median)', 'ratio', 'floorRatio', 'goal', 'ours | baseline | floor']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
  process.stdout.write(
    [
      `machine: ${machine.cpus} × ${machine.cpu}, Node ${machine.node}; backends ${JSON.stringify(backendNames())}`,
      line(header),
      line(widths.map((w) => '-'.repeat(w))),
      ...rows.map(line),
    ].join('\n') + '\n',
  )
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) await main()
