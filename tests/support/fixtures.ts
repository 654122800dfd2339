import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * The team's real-data fixtures live in ../shared/fixtures beside the checkout (CI clones main with shared/
 * beside it). LIGHTPROOF_FIXTURES overrides the location, e.g. for a clone made elsewhere.
 */
function fixturesRoot(): string {
  const candidates = [process.env.LIGHTPROOF_FIXTURES, join(REPO_ROOT, '../shared/fixtures')]
  for (const c of candidates) if (c && existsSync(c)) return c
  throw new Error('shared fixtures not found: set LIGHTPROOF_FIXTURES to the shared/fixtures folder')
}

export function fixturePath(rel: string): string {
  return join(fixturesRoot(), rel)
}

export function readFixture(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(rel)))
}

export function readFixtureText(rel: string): string {
  return readFileSync(fixturePath(rel), 'utf8')
}

export function readFixtureJson<T = unknown>(rel: string): T {
  return JSON.parse(readFixtureText(rel)) as T
}

/** The entries of a fixtures folder (relative to shared/fixtures). */
export function listFixtureDir(rel: string): string[] {
  return readdirSync(fixturePath(rel))
}

/** A file of this repository (relative to its root), for tests beside pure modules that must not touch node:fs. */
export function readRepoText(rel: string): string {
  return readFileSync(join(REPO_ROOT, rel), 'utf8')
}

export function readRepoBytes(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(join(REPO_ROOT, rel)))
}

export function listRepoDir(rel: string): string[] {
  return readdirSync(join(REPO_ROOT, rel))
}
