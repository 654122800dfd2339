import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { WorkerOptions } from 'node:worker_threads'
import { VerificationWorkerError } from './verificationWorkerError'

/** How to start one worker thread: what `new Worker(filename, options)` gets, and a name for errors. */
export interface WorkerSource {
  filename: string | URL
  options: WorkerOptions
  describe: string
}

/**
 * Where the verify worker is, for the code that is running now.
 *
 * - Built (electron-vite): the worker is its own bundle input, out/main/worker.js. This module is bundled
 *   into out/main/<entry>.js or out/main/chunks/<chunk>.js, so the worker is `./worker.js` or `../worker.js`
 *   next to it; whichever exists is used.
 * - From source (vitest, tsx): `import.meta.url` ends in `.ts`. Node cannot run TypeScript, and a worker does
 *   not inherit the test runner's transform, so a tiny evaluated bootstrap loads verifyWorker.ts through tsx's
 *   `tsImport` (tsx is a dev dependency). This costs a second or so per worker start, only in development.
 */
export function verifyWorkerSource(moduleUrl: string = import.meta.url): WorkerSource {
  if (moduleUrl.endsWith('.ts')) {
    const entry = new URL('./verifyWorker.ts', moduleUrl).href
    const tsxApi = tsxEsmApiUrl(moduleUrl)
    const bootstrap =
      `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => ` +
      `tsImport(${JSON.stringify(entry)}, ${JSON.stringify(moduleUrl)}))`
    return { filename: bootstrap, options: { eval: true }, describe: `${fileURLToPath(entry)} (through tsx)` }
  }
  const candidates = ['./worker.js', '../worker.js'].map((p) => new URL(p, moduleUrl))
  const found = candidates.find((u) => existsSync(fileURLToPath(u)))
  if (!found) {
    throw new VerificationWorkerError(
      'worker.missing',
      `the verification worker bundle is missing (looked for ${candidates.map((u) => fileURLToPath(u)).join(', ')}); rebuild with \`npm run build\``,
    )
  }
  return { filename: found, options: {}, describe: fileURLToPath(found) }
}

/**
 * The ESM build of tsx's API (`tsx/esm/api`, import condition), found through tsx's own package.json exports:
 * require.resolve would give the CommonJS build, whose import of the ESM loader fails inside a worker.
 */
function tsxEsmApiUrl(moduleUrl: string): string {
  const pkgPath = createRequire(moduleUrl).resolve('tsx/package.json')
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as {
    exports?: Record<string, { import?: { default?: string } }>
  }
  const rel = pkg.exports?.['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs'
  return pathToFileURL(join(dirname(pkgPath), rel)).href
}
