import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EVIDENCE_KINDS } from '../../src/verifier/kinds/registry'
import { REPO_ROOT } from '../support/fixtures'

/**
 * The shape issue 14 gave the code, held by tests so it stays true: a kind's name lives in its descriptor, one
 * codec per wire type, a renderer bundle without ethers. (Import cycles and layers: `npm run lint:deps`.)
 */
function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path))
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path)
  }
  return out
}

const SRC = sourceFiles(join(REPO_ROOT, 'src')).map((path) => ({
  path: relative(REPO_ROOT, path),
  text: readFileSync(path, 'utf8'),
}))
const quoted = (name: string) => new RegExp(`['"\`]${name.replace(/[-]/g, '\\-')}['"\`]`)

describe('an evidence kind is its descriptor', () => {
  // `lightproof verify l1-proof` and its siblings are command words of the CLI's catalogue, which lists every
  // command without loading any (so it cannot read the names from the descriptors).
  const CLI_CATALOGUE = 'src/cli/commands/index.ts'

  // `beacon` is also the beacon endpoint role, the evidence's beacon section and a field of the beacon API: for
  // it, only the literal used as a kind name counts (`kind: 'beacon'`, `kind === 'beacon'`, `case 'beacon'`).
  const ALSO_A_WORD = new Set(['beacon'])
  const asKind = (name: string) => new RegExp(`(kind:\\s*|kind\\s*[!=]==?\\s*|case\\s+)['"\`]${name}['"\`]`)

  for (const { kind } of EVIDENCE_KINDS) {
    it(`the name ${kind} is written in its descriptor only`, () => {
      const pattern = ALSO_A_WORD.has(kind) ? asKind(kind) : quoted(kind)
      const files = SRC.filter((f) => pattern.test(f.text)).map((f) => f.path)
      const descriptors = files.filter(
        (p) =>
          p.startsWith('src/verifier/kinds/') &&
          SRC.find((f) => f.path === p)!.text.includes(`kind: '${kind}',`),
      )
      expect(descriptors, kind).toHaveLength(1)
      expect(files.filter((p) => p !== descriptors[0] && p !== CLI_CATALOGUE)).toEqual([])
    })
  }
})

describe('one codec per wire type', () => {
  it('the StoredBatchInfo ABI tuple is written once', () => {
    const files = [
      ...SRC,
      ...sourceFiles(join(REPO_ROOT, 'devnet')).map((path) => ({ path, text: readFileSync(path, 'utf8') })),
    ]
    // Its third field, as an ABI entry: `['indexRepeatedStorageChanges', 'uint64']` or a Solidity-like tuple.
    const tuple =
      /indexRepeatedStorageChanges['"]?\s*,\s*['"]uint64|uint64\s*,\s*bytes32\s*,\s*uint64\s*,\s*uint256/
    const holding = files.filter((f) => tuple.test(f.text)).map((f) => relative(REPO_ROOT, f.path))
    // executorStructs.ts names the field in both structs (StoredBatchInfo and CommitBatchInfo), one file.
    expect(holding).toEqual(['src/verifier/zksync/batches/executorStructs.ts'])
  })
})

describe('the renderer bundle', () => {
  const assets = join(REPO_ROOT, 'out/renderer/assets')
  const ethersVersion = (
    JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules/ethers/package.json'), 'utf8')) as {
      version: string
    }
  ).version
  const ETHERS_MARKERS = [
    'invalid BytesLike value',
    'invalid BigNumberish',
    `"${ethersVersion}"`,
    `\`${ethersVersion}\``,
  ]
  it.runIf(existsSync(assets))('holds no ethers code and is at most 450 kB of JavaScript', () => {
    const js = readdirSync(assets).filter((n) => n.endsWith('.js'))
    const bytes = js.reduce((sum, n) => sum + statSync(join(assets, n)).size, 0)
    expect(bytes).toBeLessThanOrEqual(450_000)
    for (const n of js) {
      const text = readFileSync(join(assets, n), 'utf8')
      // Any part of ethers brings its error helpers (data.js, maths.js) and its version constant along.
      for (const marker of ETHERS_MARKERS) expect(text.includes(marker), `${n}: ${marker}`).toBe(false)
    }
  })
})
