import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findEvidenceKind } from '../../verifier/kinds/registry'
import { parseEvidence, type Evidence } from '../../verifier/evidence/schema'

export interface SampleInfo {
  file: string
  kind: string
  title: string
  trustRoot: { kind: string; value: string }
}

const SAMPLE_FILE = /^[a-z0-9][a-z0-9.-]{0,120}\.evidence\.json$/

/**
 * The shipped samples folder: `samples/` at the project root, found by walking up from this module (it runs
 * from src/ in tests and from out/main/ when built).
 */
export function findSamplesDir(start = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = start
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'samples')
    if (existsSync(join(candidate, 'PROVENANCE.md'))) return candidate
    dir = resolve(dir, '..')
  }
  return undefined
}

export async function listSamples(dir: string | undefined): Promise<SampleInfo[]> {
  if (!dir) return []
  const names = (await readdir(dir)).filter((n) => SAMPLE_FILE.test(n)).sort()
  const out: SampleInfo[] = []
  for (const file of names) {
    try {
      const evidence = await readSample(dir, file)
      out.push({
        file,
        kind: evidence.kind,
        title: findEvidenceKind(evidence.kind)?.title ?? evidence.kind,
        trustRoot: evidence.trust,
      })
    } catch {
      // A sample this version cannot read is not offered.
    }
  }
  return out
}

export async function readSample(dir: string, file: string): Promise<Evidence> {
  if (!SAMPLE_FILE.test(file)) throw new Error(`not a sample name: ${file}`)
  return parseEvidence(new Uint8Array(await readFile(join(dir, file))))
}
