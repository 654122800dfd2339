import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startWorld, type RunningWorld } from '../../devnet/world'
import {
  launchChromium,
  screenshotPath,
  startBrowserModeApp,
  type BrowserModeApp,
} from '../support/browserMode'

/**
 * Issue 21 in the UI: the Upgrade watch page against the test world — a snapshot verified with its facts and
 * facets, then the world's upgrade step and a second snapshot that raises the alert and marks the timeline.
 */
describe('the Upgrade watch page (Chromium, browser mode)', () => {
  let world: RunningWorld
  let app: BrowserModeApp
  let browser: Browser
  let page: Page
  const consoleErrors: string[] = []

  beforeAll(async () => {
    world = await startWorld({ seed: 'watch-e2e' })
    app = await startBrowserModeApp()
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1280, height: 1600 } })
    page.on('pageerror', (err) => consoleErrors.push(err.message))
    const i = world.info
    await app.services.handlers.updateSettings({
      network: i.network as never,
      endpoints: { beacon: [i.beacon], l1Rpc: [i.l1], zksyncRpc: [i.zksync] },
      checkpoint: i.checkpoint,
    })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await world?.close()
  })

  it('takes a verified snapshot, then shows the upgrade as an alert and in the timeline', async () => {
    await page.goto(`${app.bridge.url}#/watch`)
    await page.getByTestId('watch-run').click()
    const facts = page.getByTestId('watch-facts')
    await facts.waitFor({ timeout: 60_000 })
    expect(await facts.textContent()).toContain('VERIFIED')
    expect(await facts.textContent()).toContain(world.zksync.verifier)
    expect(await page.getByTestId('watch-facets').locator('tbody tr').count()).toBe(4)
    expect(await page.getByTestId('watch-alert').count()).toBe(0)
    await page.screenshot({ path: screenshotPath('watch-1-snapshot'), fullPage: true })

    world = await world.upgrade()
    await page.getByTestId('watch-run').click()
    const alert = page.getByTestId('watch-alert')
    await alert.waitFor({ timeout: 60_000 })
    expect(await alert.textContent()).toContain('verifier contract')
    expect(await alert.textContent()).toContain(world.governance.upgrade.verifier.verifier)
    expect(await alert.textContent()).toContain('Airbender EraVM PLONK')
    expect(await page.getByTestId('watch-facets-changed').textContent()).toContain(
      world.governance.upgrade.facet.address,
    )
    expect(await page.getByTestId('watch-facets').locator('tbody tr').count()).toBe(5)
    const rows = page.getByTestId('watch-timeline').locator('tbody tr')
    expect(await rows.count()).toBe(2)
    expect(await rows.nth(1).getAttribute('class')).toBe('alert-row')
    await page.screenshot({ path: screenshotPath('watch-2-after-upgrade'), fullPage: true })
    expect(consoleErrors).toEqual([])
  }, 180_000)
})
