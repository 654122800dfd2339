import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

/**
 * The product as it ships: `npm test` builds before vitest, so out/main is what `bin/lightproof` and the app
 * run. Source-level tests cannot see bundling faults — a devDependency pulled into the bundle whose own
 * imports then resolve to another version (@lodestar/types importing `@noble/hashes/sha3` from the project's
 * @noble/hashes 2, which no longer exports that path, made every l1-balance check an internal error).
 */
const ROOT = join(__dirname, '..', '..')
const OUT = join(ROOT, 'out', 'main')
const SAMPLES = join(ROOT, 'samples')
const run = promisify(execFile)

const built = existsSync(join(OUT, 'cli.js'))

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
  )
}

const PACKAGE_NAME = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*(?:\/[\w.~/-]+)?$/

/** Bare specifiers the bundle leaves to node_modules: static and dynamic imports alike. */
function bareImports(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const found = new Set<string>()
  for (const m of text.matchAll(
    /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\(\s*)["']([^"'./][^"']*)["']/g,
  )) {
    const spec = m[1]!
    // Text that only looks like an import (a `from '` inside a template string) is not a package name.
    if (spec === undefined || !PACKAGE_NAME.test(spec)) continue
    if (spec.startsWith('node:') || builtinModules.includes(spec)) continue
    found.add(spec)
  }
  return [...found]
}

/** Native builds for other platforms: optional dependencies that npm installs only where they match. */
function optionalPlatformPackages(): Set<string> {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { optionalDependencies?: Record<string, string> }>
  }
  const names = new Set<string>()
  for (const entry of Object.values(lock.packages))
    for (const n of Object.keys(entry.optionalDependencies ?? {})) names.add(n)
  return names
}

describe.skipIf(!built)('the built CLI (out/main, as bin/lightproof runs it)', () => {
  it('every bare import of the main-process bundle resolves from where the bundle sits', async () => {
    const optional = optionalPlatformPackages()
    const byDir = new Map<string, Set<string>>()
    for (const file of jsFiles(OUT)) {
      const dir = join(file, '..')
      const set = byDir.get(dir) ?? new Set<string>()
      for (const spec of bareImports(file)) set.add(spec)
      byDir.set(dir, set)
    }
    const unresolved: string[] = []
    for (const [dir, specs] of byDir) {
      // A probe module beside the bundle resolves each name exactly as the bundle's own imports would.
      const probe = join(dir, `.resolve-probe-${process.pid}.mjs`)
      writeFileSync(
        probe,
        `const out = []\nfor (const s of ${JSON.stringify([...specs])}) { try { import.meta.resolve(s) } catch (e) { out.push(s + ': ' + e.message.split('\\n')[0]) } }\nprocess.stdout.write(JSON.stringify(out))\n`,
      )
      try {
        const { stdout } = await run(process.execPath, [probe])
        const failed = JSON.parse(stdout) as string[]
        unresolved.push(...failed.filter((f) => !optional.has(f.slice(0, f.indexOf(':')))))
      } finally {
        rmSync(probe, { force: true })
      }
    }
    expect(unresolved).toEqual([])
  })

  const samples = existsSync(SAMPLES) ? readdirSync(SAMPLES).filter((f) => f.endsWith('.evidence.json')) : []
  it.each(samples)('bin/lightproof verify %s exits 0, verified', async (name) => {
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, 'bin', 'lightproof.mjs'), 'verify', join(SAMPLES, name), '--json'],
      {
        maxBuffer: 64 << 20,
      },
    )
    const report = JSON.parse(stdout) as { verdict: string; checks: { id: string; status: string }[] }
    expect(report.verdict).toBe('verified')
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([])
  })
})
