#!/usr/bin/env node
// The published entry: the CLI is built by `npm install` (the prepare script) into out/main/cli.js.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const built = fileURLToPath(new URL('../out/main/cli.js', import.meta.url))
if (!existsSync(built)) {
  process.stderr.write('lightproof: the CLI is not built yet; run `npm run build` in the project folder.\n')
  process.exit(2)
}
await import(pathToFileURL(built).href)
