/**
 * `npm run fuzz -- [--per-kind N] [--seed S]`: the long run of the evidence mutation fuzzer
 * (tests/fuzz/mutateEvidence.ts) over every sample, with a summary table per kind. Exits 1 when any mutation was
 * verified with changed, unlisted facts, crashed or hung. `npm test` runs a short seeded run of the same code.
 */
import { parseArgs } from 'node:util'
import { cryptoPreference, initBackends } from '../src/verifier/kinds/initBackends'
import { loadSeeds, runFuzz, summaryTable } from '../tests/fuzz/mutateEvidence'

const { values } = parseArgs({
  options: { 'per-kind': { type: 'string', default: '1000' }, seed: { type: 'string', default: '15' } },
})
const perKind = Number(values['per-kind'])
const seed = Number(values.seed)
if (!Number.isSafeInteger(perKind) || perKind < 1 || !Number.isSafeInteger(seed)) {
  process.stderr.write('usage: npm run fuzz -- [--per-kind N] [--seed S]\n')
  process.exit(2)
}
await initBackends({ prefer: cryptoPreference(process.env.LIGHTPROOF_CRYPTO) })
const started = Date.now()
const rows = await runFuzz(await loadSeeds(), perKind, seed, 60_000, (kind, done) => {
  if (done % 1000 === 0) process.stderr.write(`fuzz: ${kind} ${done}/${perKind}\n`)
})
process.stdout.write(`${summaryTable(rows)}\n`)
const findings = rows.flatMap((r) => r.findings.map((f) => ({ kind: r.kind, ...f })))
for (const f of findings.slice(0, 50))
  process.stdout.write(`FINDING ${f.kind} ${f.outcome}: ${f.seed}: ${f.label}\n`)
process.stdout.write(
  `fuzz: seed ${seed}, ${perKind} per kind, ${rows.reduce((n, r) => n + r.cases, 0)} cases in ${((Date.now() - started) / 1000).toFixed(0)} s: ` +
    `${findings.length} verified with changed, unlisted facts, crashed or hung\n`,
)
process.exit(findings.length === 0 ? 0 : 1)
