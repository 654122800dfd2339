#!/usr/bin/env node
// `npm start`: the desktop app where the Electron binary exists, else browser mode with the same services.
// `npm run web` (--web): always browser mode. Builds first when out/ is missing.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const webOnly = args.includes('--web')
const passThrough = args.filter((a) => a !== '--web')

if (!existsSync(join(root, 'out/main/index.js')) || !existsSync(join(root, 'out/renderer/index.html'))) {
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  )
  if (build.status !== 0) process.exit(build.status ?? 1)
}

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when the binary was never downloaded.
    const path = createRequire(import.meta.url)('electron')
    return typeof path === 'string' && existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

const electron = webOnly ? undefined : electronBinary()
const run = (cmd, argv) => {
  const child = spawn(cmd, argv, { cwd: root, stdio: 'inherit' })
  const forward = (signal) => child.kill(signal)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

if (electron) {
  run(electron, [root, ...passThrough])
} else {
  if (!webOnly)
    console.log('The Electron binary is not installed here; serving the same UI in browser mode instead.')
  const port = process.env.PORT ?? '5199'
  run(process.execPath, [join(root, 'out/main/bridge.js'), '--port', port, ...passThrough])
}
