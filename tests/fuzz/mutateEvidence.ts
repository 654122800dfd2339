import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { LightproofError } from '../../src/shared/errors'
import { parseEvidenceJson, fromBase64, toBase64, type Evidence } from '../../src/verifier/evidence/schema'
import { verifyEvidence } from '../../src/verifier/kinds/verifyEvidence'
import type { Facts } from '../../src/verifier/report'
import { REPO_ROOT } from '../support/fixtures'
import { generatedSeeds } from './generatedSeeds'

/**
 * The seeded mutation fuzzer of issue 15: every sample, mutated one way at a time (a flipped byte in a base64
 * payload or a hex digit in a JSON one, a changed question or trust field, an array entry dropped, duplicated or
 * moved, a number ±1, hex re-cased, an integer re-encoded), must be refused (input error or a verdict other
 * than verified), or verified with the original's facts, or verified with the change listed in
 * `facts.normalisations`. Anything else — verified with other facts, a crash, a hang — is a finding.
 */
export type Outcome = 'refused' | 'same-facts' | 'normalised' | 'changed-facts' | 'crash' | 'hang'

export interface Seed {
  name: string
  evidence: Evidence
  facts: Facts
}

/** mulberry32: small, seeded, reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
type Path = (string | number)[]

function walk(v: Json, path: Path, out: { path: Path; value: Json }[]): void {
  out.push({ path, value: v })
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], out))
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) walk(x, [...path, k], out)
}

function setAt(root: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value
  const [head, ...rest] = path
  const c = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, Json>
  c[head!] = setAt(c[head!] ?? null, rest, value)
  return c as Json
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
const HEX = /^0x[0-9a-fA-F]+$/

/** One mutation of a JSON value tree; `label` says what was done (for the report). */
function mutateTree(r: () => number, root: Json, within: Path): { value: Json; label: string } | undefined {
  const nodes: { path: Path; value: Json }[] = []
  walk(root, [], nodes)
  const scoped = nodes.filter((n) => within.every((p, i) => n.path[i] === p))
  if (scoped.length === 0) return undefined
  const n = pick(r, scoped)
  const at = n.path.join('.')
  const v = n.value
  const ops: (() => { value: Json; label: string } | undefined)[] = []
  if (typeof v === 'string' && HEX.test(v) && v.length > 2) {
    ops.push(() => {
      const i = 2 + Math.floor(r() * (v.length - 2))
      const d = parseInt(v[i]!, 16) ^ (1 + Math.floor(r() * 15))
      return {
        value: setAt(root, n.path, v.slice(0, i) + d.toString(16) + v.slice(i + 1)),
        label: `hex digit ${at}`,
      }
    })
    ops.push(() => ({
      value: setAt(root, n.path, '0x' + v.slice(2).toUpperCase()),
      label: `hex upper-case ${at}`,
    }))
    if (v.length <= 66)
      ops.push(() => ({ value: setAt(root, n.path, BigInt(v).toString()), label: `hex as decimal ${at}` }))
  }
  if (typeof v === 'string' && /^\d{1,40}$/.test(v)) {
    ops.push(() => ({ value: setAt(root, n.path, (BigInt(v) + 1n).toString()), label: `+1 ${at}` }))
    if (v !== '0')
      ops.push(() => ({ value: setAt(root, n.path, (BigInt(v) - 1n).toString()), label: `-1 ${at}` }))
    ops.push(() => ({
      value: setAt(root, n.path, '0x' + BigInt(v).toString(16)),
      label: `decimal as hex ${at}`,
    }))
  }
  if (typeof v === 'number') {
    ops.push(() => ({ value: setAt(root, n.path, v + 1), label: `+1 ${at}` }))
    ops.push(() => ({ value: setAt(root, n.path, v - 1), label: `-1 ${at}` }))
    ops.push(() => ({ value: setAt(root, n.path, String(v)), label: `number as string ${at}` }))
  }
  if (typeof v === 'string' && !HEX.test(v) && v.length > 0)
    ops.push(() => ({ value: setAt(root, n.path, v + 'x'), label: `text changed ${at}` }))
  if (Array.isArray(v) && v.length > 0) {
    ops.push(() => {
      const i = Math.floor(r() * v.length)
      return { value: setAt(root, n.path, [...v.slice(0, i), ...v.slice(i + 1)]), label: `drop [${i}] ${at}` }
    })
    ops.push(() => {
      const i = Math.floor(r() * v.length)
      return {
        value: setAt(root, n.path, [...v.slice(0, i + 1), v[i]!, ...v.slice(i + 1)]),
        label: `duplicate [${i}] ${at}`,
      }
    })
    if (v.length > 1)
      ops.push(() => {
        const i = Math.floor(r() * (v.length - 1))
        const c = [...v]
        ;[c[i], c[i + 1]] = [c[i + 1]!, c[i]!]
        return { value: setAt(root, n.path, c), label: `swap [${i}] ${at}` }
      })
  }
  if (ops.length === 0) return undefined
  return pick(r, ops)()
}

/** Raw items (base64 or utf8) anywhere in the evidence data, by path. */
function rawItems(e: Json): Path[] {
  const nodes: { path: Path; value: Json }[] = []
  walk(e, [], nodes)
  return nodes
    .filter(
      (n) =>
        n.path[0] === 'data' && n.value !== null && typeof n.value === 'object' && !Array.isArray(n.value),
    )
    .filter((n) => {
      const o = n.value as Record<string, Json>
      return (
        (o.encoding === 'base64' && typeof o.data === 'string') ||
        (o.encoding === 'utf8' && typeof o.text === 'string')
      )
    })
    .map((n) => n.path)
}

function getAt(root: Json, path: Path): Json {
  let v: Json = root
  for (const p of path) v = (v as Record<string | number, Json>)[p] ?? null
  return v
}

/** One seeded mutation of an evidence document (as JSON); undefined when the chosen site offered none. */
export function mutate(r: () => number, evidence: Json): { value: Json; label: string } | undefined {
  const roll = r()
  const items = rawItems(evidence)
  if (roll < 0.4 && items.length > 0) {
    const path = pick(r, items)
    const item = getAt(evidence, path) as { encoding: string; data?: string; text?: string }
    if (item.encoding === 'base64') {
      const bytes = fromBase64(item.data!)
      if (bytes.length === 0) return undefined
      const i = Math.floor(r() * bytes.length)
      bytes[i]! ^= 1 << Math.floor(r() * 8)
      return {
        value: setAt(evidence, [...path, 'data'], toBase64(bytes)),
        label: `flip byte ${i} of ${path.join('.')}`,
      }
    }
    // A JSON payload: mutate inside it (re-serialised), or flip one hex digit of its text.
    let inner: Json
    try {
      inner = JSON.parse(item.text!) as Json
    } catch {
      return undefined
    }
    if (r() < 0.5) {
      const m = mutateTree(r, inner, [])
      if (!m) return undefined
      return {
        value: setAt(evidence, [...path, 'text'], JSON.stringify(m.value)),
        label: `${m.label} inside ${path.join('.')}`,
      }
    }
    const text = item.text!
    const digits = [...text.matchAll(/0x[0-9a-fA-F]+/g)]
    if (digits.length === 0) return undefined
    const d = pick(r, digits)
    const i = d.index! + 2 + Math.floor(r() * (d[0].length - 2))
    const c = (parseInt(text[i]!, 16) ^ (1 + Math.floor(r() * 15))).toString(16)
    return {
      value: setAt(evidence, [...path, 'text'], text.slice(0, i) + c + text.slice(i + 1)),
      label: `hex digit at ${i} of ${path.join('.')}`,
    }
  }
  const where = roll < 0.6 ? ['question'] : roll < 0.7 ? ['trust'] : ['data']
  return mutateTree(r, evidence, where)
}

/**
 * The facts that state what was proven. Left out: which crypto backends ran, the keys a fact marks `unproven`
 * (a token's symbol and decimals as the question gives them), and the check ids each step of an
 * l1-balance chain lists (a duplicated update adds its own checks to a step without changing what it proves).
 */
/** Drops, at any depth, the keys a fact object itself lists as `unproven` (metadata shown as given). */
function withoutUnproven(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutUnproven)
  if (v === null || typeof v !== 'object') return v
  const o = v as Record<string, unknown>
  const skip = new Set(Array.isArray(o.unproven) ? (o.unproven as unknown[]).map(String) : [])
  return Object.fromEntries(
    Object.entries(o)
      .filter(([k]) => !skip.has(k))
      .map(([k, x]) => [k, withoutUnproven(x)]),
  )
}

const strip = (f: Facts): Facts => {
  const { cryptoBackends: _c, ...rest } = withoutUnproven(f) as Facts
  if (Array.isArray(rest.chain))
    rest.chain = rest.chain.map((step) => {
      if (step === null || typeof step !== 'object' || Array.isArray(step)) return step
      const { checks: _ids, ...kept } = step
      return kept
    })
  return rest
}

/** Verifies a mutated document and classifies what happened. */
export async function classify(seed: Seed, mutated: Json, hangMs: number): Promise<Outcome> {
  const started = performance.now()
  try {
    const e = parseEvidenceJson(mutated as never)
    const report = await verifyEvidence(e)
    if (performance.now() - started > hangMs) return 'hang'
    if (report.verdict !== 'verified') return 'refused'
    const a = JSON.stringify(strip(seed.facts))
    const b = JSON.stringify(strip(report.facts))
    if (a === b) return 'same-facts'
    const before = JSON.stringify(seed.facts.normalisations ?? [])
    const after = report.facts.normalisations
    if (Array.isArray(after) && after.length > 0 && JSON.stringify(after) !== before) return 'normalised'
    return 'changed-facts'
  } catch (err) {
    if (performance.now() - started > hangMs) return 'hang'
    if (err instanceof LightproofError && err.kind === 'input') return 'refused'
    return 'crash'
  }
}

/** Every sample file, then the generated seeds of the kinds no sample covers; each must verify as it is. */
export async function loadSeeds(): Promise<Seed[]> {
  const dir = join(REPO_ROOT, 'samples')
  const samples = readdirSync(dir)
    .filter((n) => n.endsWith('.evidence.json'))
    .sort()
    .map((name) => ({ name, evidence: JSON.parse(readFileSync(join(dir, name), 'utf8')) as Evidence }))
  const all = [...samples, ...(await generatedSeeds())]
  return Promise.all(
    all.map(async ({ name, evidence }) => {
      const report = await verifyEvidence(parseEvidenceJson(evidence as never))
      if (report.verdict !== 'verified') {
        const failing = report.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.status}`)
        throw new Error(`seed ${name} does not verify (${report.verdict}): ${failing.join('; ')}`)
      }
      return { name, evidence, facts: report.facts }
    }),
  )
}

export interface KindSummary {
  kind: string
  cases: number
  counts: Record<Outcome, number>
  findings: { seed: string; label: string; outcome: Outcome }[]
  /** Wall-clock milliseconds spent on this kind's cases. */
  ms: number
}

/** Runs `perKind` seeded mutations for each evidence kind the seeds cover (split over that kind's seeds). */
export async function runFuzz(
  seeds: Seed[],
  perKind: number,
  seed: number,
  hangMs = 60_000,
  onProgress?: (kind: string, done: number) => void,
): Promise<KindSummary[]> {
  const r = rng(seed)
  const kinds = [...new Set(seeds.map((s) => s.evidence.kind))].sort()
  const out: KindSummary[] = []
  for (const kind of kinds) {
    const mine = seeds.filter((s) => s.evidence.kind === kind)
    const counts: Record<Outcome, number> = {
      refused: 0,
      'same-facts': 0,
      normalised: 0,
      'changed-facts': 0,
      crash: 0,
      hang: 0,
    }
    const findings: KindSummary['findings'] = []
    let cases = 0
    let tries = 0
    const started = performance.now()
    while (cases < perKind && tries < perKind * 20) {
      tries++
      const s = mine[cases % mine.length]!
      const m = mutate(r, s.evidence as unknown as Json)
      if (!m || JSON.stringify(m.value) === JSON.stringify(s.evidence)) continue
      const outcome = await classify(s, m.value, hangMs)
      counts[outcome]++
      cases++
      if (outcome === 'changed-facts' || outcome === 'crash' || outcome === 'hang')
        findings.push({ seed: s.name, label: m.label, outcome })
      if (onProgress && cases % 100 === 0) onProgress(kind, cases)
    }
    out.push({ kind, cases, counts, findings, ms: performance.now() - started })
  }
  return out
}

export function summaryTable(rows: KindSummary[]): string {
  const head = [
    'kind',
    'cases',
    'refused',
    'same facts',
    'normalised',
    'changed facts',
    'crash',
    'hang',
    'ms/case',
  ]
  const lines = rows.map((r) =>
    [
      r.kind,
      r.cases,
      r.counts.refused,
      r.counts['same-facts'],
      r.counts.normalised,
      r.counts['changed-facts'],
      r.counts.crash,
      r.counts.hang,
      r.cases === 0 ? '-' : (r.ms / r.cases).toFixed(1),
    ].map(String),
  )
  const all = [head, ...lines]
  const w = head.map((_, i) => Math.max(...all.map((l) => l[i]!.length)))
  return all.map((l) => l.map((c, i) => c.padEnd(w[i]!)).join('  ')).join('\n')
}
