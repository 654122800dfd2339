import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { startBridge, type Bridge } from '../../src/main/bridge/httpBridge'
import { createServices, type Services } from '../../src/main/services/createServices'
import { REPO_ROOT } from './fixtures'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results')

/** The built renderer; built here when a test runs without `npm run build` first. */
export function ensureRendererBuilt(): string {
  const dir = join(REPO_ROOT, 'out/renderer')
  if (!existsSync(join(dir, 'index.html'))) {
    execFileSync(
      process.execPath,
      [join(REPO_ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
      {
        cwd: REPO_ROOT,
        stdio: 'ignore',
      },
    )
  }
  return dir
}

export interface BrowserModeApp {
  services: Services
  history: Services['history']
  bridge: Bridge
  dataDir: string
  close(): Promise<void>
}

/** Browser mode as `npm start` runs it without Electron: the real services and the built UI on 127.0.0.1. */
export async function startBrowserModeApp(
  dataDir = mkdtempSync(join(tmpdir(), 'lightproof-e2e-')),
  options: { now?: string } = {},
): Promise<BrowserModeApp> {
  const staticDir = ensureRendererBuilt()
  // A fixed clock replays a recorded chain at the time it was recorded.
  const now = options.now
  const services = await createServices({
    dataDir,
    host: 'browser',
    now: now ? () => new Date(now) : undefined,
  })
  const bridge = await startBridge(services, { port: 0, staticDir })
  return { services, history: services.history, bridge, dataDir, close: () => bridge.close() }
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  return join(SCREENSHOT_DIR, `${name}.png`)
}
