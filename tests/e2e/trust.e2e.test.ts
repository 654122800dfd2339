import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  launchChromium,
  screenshotPath,
  startBrowserModeApp,
  type BrowserModeApp,
} from '../support/browserMode'
import {
  SET_A_CHECKPOINT,
  SET_A_FINALIZED,
  SET_A_NOW,
  startSetABeacon,
  type BeaconWorld,
} from '../integration/trustBeaconWorld'

/**
 * The Trust page in browser mode (Chromium) against a local beacon API serving real set-A data: Sync shows
 * the verified head; a lying server (one flipped signature bit) shows the red state naming the check.
 */
describe('the Trust page (Chromium, browser mode)', () => {
  let browser: Browser
  const apps: BrowserModeApp[] = []
  const worlds: BeaconWorld[] = []
  const consoleErrors: string[] = []

  beforeAll(async () => {
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await Promise.all(apps.map((a) => a.close()))
    await Promise.all(worlds.map((w) => w.close()))
  })

  async function open(lie?: 'flip-signature'): Promise<Page> {
    const world = await startSetABeacon({ lie })
    worlds.push(world)
    const app = await startBrowserModeApp()
    apps.push(app)
    // The recorded chain is replayed at the time it was recorded (a head hours old is a stopped chain).
    app.services.context.now = () => new Date(SET_A_NOW)
    await app.services.settings.update({ endpoints: { beacon: [world.url] }, checkpoint: SET_A_CHECKPOINT })
    const page = await browser.newPage({ viewport: { width: 1280, height: 1300 } })
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
        consoleErrors.push(msg.text())
    })
    page.on('pageerror', (err) => consoleErrors.push(err.message))
    await page.goto(`${app.bridge.url}#/trust`)
    await page.getByTestId('trust-sync').waitFor()
    return page
  }

  it('shows the verified finalized and optimistic heads after Sync', async () => {
    const page = await open()
    await page.getByTestId('trust-sync').click()
    await page
      .getByTestId('report')
      .and(page.locator('[data-verdict="verified"]'))
      .waitFor({ timeout: 60_000 })
    const finalized = page.getByTestId('trust-finalized')
    await expect.poll(() => finalized.textContent()).toContain(SET_A_FINALIZED.executionBlockNumber)
    expect(await finalized.textContent()).toContain(SET_A_FINALIZED.executionStateRoot)
    expect(await page.getByTestId('trust-optimistic').textContent()).toContain('17923113')
    expect(await page.getByTestId('trust-committee').textContent()).toContain('867')
    expect(await page.getByTestId('trust-committee').textContent()).toContain('finality 512/512')
    expect(await page.getByTestId('trust-checkpoint').textContent()).toContain(SET_A_CHECKPOINT)
    await expect.poll(() => page.getByTestId('statusbar-head').textContent()).toContain('17923026')
    expect(await page.getByTestId('trust-failure').count()).toBe(0)
    expect(await page.getByTestId('ws-warning').count()).toBe(0)
    // The chain of trust is the verifier's links; a link opens to its checks, each check to its detail.
    await page.getByTestId('trust-step').first().locator('summary').click()
    const row = page.locator('.checks li').first()
    await row.click()
    await page.locator('main.content').evaluate((el) => el.scrollTo(0, 0))
    await page.screenshot({ path: screenshotPath('trust-verified') })
    expect(consoleErrors).toEqual([])
  })

  it('shows a red state naming the failed check when the server lies', async () => {
    const page = await open('flip-signature')
    await page.getByTestId('trust-sync').click()
    await page.getByTestId('trust-failure').waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('trust-failed-check').textContent()).toMatch(/^beacon\.update\[864\]/)
    await page.locator('[data-verdict="failed"]').waitFor()
    expect(await page.getByTestId('failed-checks').textContent()).toContain('beacon.update[864]')
    await expect
      .poll(() => page.getByTestId('statusbar-failure').textContent())
      .toContain('beacon.update[864]')
    expect(await page.getByText('No trusted head yet').count()).toBeGreaterThan(0)
    await page.locator('main.content').evaluate((el) => el.scrollTo(0, 0))
    await page.screenshot({ path: screenshotPath('trust-failed') })
    expect(consoleErrors).toEqual([])
  })

  it('warns when the checkpoint the next sync would use is older than the weak-subjectivity horizon', async () => {
    // Today's clock, nothing pinned, nothing verified yet: the shipped mainnet checkpoint (2026-04-01).
    const app = await startBrowserModeApp()
    apps.push(app)
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${app.bridge.url}#/trust`)
    const warning = page.getByTestId('ws-warning')
    await warning.waitFor()
    expect(await warning.textContent()).toContain('weak-subjectivity horizon')
    expect(await page.getByTestId('trust-checkpoint').textContent()).toContain('shipped with Lightproof')
    expect(await page.getByTestId('trust-checkpoint').textContent()).toContain('slot 14017856')
  })
})
