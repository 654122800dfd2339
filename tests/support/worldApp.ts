import type { Browser, Page } from 'playwright-core'
import { startWorld, type RunningWorld } from '../../devnet/world'
import { launchChromium, startBrowserModeApp, type BrowserModeApp } from './browserMode'

export interface WorldApp {
  world: RunningWorld
  app: BrowserModeApp
  browser: Browser
  page: Page
  /** Console errors and page errors seen so far (resource 404s aside). */
  consoleErrors: string[]
  close(): Promise<void>
}

/**
 * The test world, browser mode pointed at it (endpoints, network and checkpoint set through the services),
 * and a Chromium page: the common start of the end-to-end tests of online pages.
 */
export async function startWorldApp(seed: string): Promise<WorldApp> {
  const world = await startWorld({ seed })
  const app = await startBrowserModeApp()
  await app.services.handlers.updateSettings({
    network: world.info.network,
    checkpoint: world.info.checkpoint,
    endpoints: { beacon: [world.info.beacon], l1Rpc: [world.info.l1], zksyncRpc: [world.info.zksync] },
  })
  const browser = await launchChromium()
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
  const consoleErrors: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
      consoleErrors.push(msg.text())
  })
  page.on('pageerror', (err) => consoleErrors.push(err.message))
  return {
    world,
    app,
    browser,
    page,
    consoleErrors,
    close: async () => {
      await browser.close()
      await app.close()
      await world.close()
    },
  }
}
