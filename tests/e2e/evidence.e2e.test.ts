import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  launchChromium,
  screenshotPath,
  startBrowserModeApp,
  type BrowserModeApp,
} from '../support/browserMode'
import { fixturePath } from '../support/fixtures'

describe('samples, inspection, history and export in the UI (Chromium, browser mode)', () => {
  let app: BrowserModeApp
  let browser: Browser
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    app = await startBrowserModeApp()
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    page.on('pageerror', (err) => pageErrors.push(err.message))
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('offers the samples to a new user and verifies one offline in one click, the report scrolled into view', async () => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(app.bridge.url)
    await page.getByTestId('samples-offer').getByRole('link').click()
    await page.getByTestId('sample-zks-proof-mainnet-nonceholder.evidence.json').click()
    await expect.poll(() => page.getByTestId('verdict').textContent(), { timeout: 20_000 }).toBe('VERIFIED')
    // The answer is where the user looks after the click, not below the seven-item list.
    const verdictOnScreen = () =>
      page.getByTestId('verdict').evaluate((el) => {
        const r = el.getBoundingClientRect()
        return r.top >= 0 && r.bottom <= el.ownerDocument.documentElement.clientHeight
      })
    await expect.poll(verdictOnScreen, { timeout: 5_000 }).toBe(true)
    await page.screenshot({ path: screenshotPath('sample-verified-viewport') })
    await page.setViewportSize({ width: 1280, height: 900 })
    // A verified link is closed; opened, it lists its checks.
    await page.locator('[data-section="l2-state"] summary').click()
    await page.getByTestId('check-zks.storage[0].proof').waitFor()
    await page.screenshot({ path: screenshotPath('sample-verified'), fullPage: true })
  })

  it('inspects a dropped eth_getProof file against a typed root, and shows a failure for the wrong root', async () => {
    await page.goto(`${app.bridge.url}#/inspector`)
    await page
      .getByTestId('inspector-file')
      .setInputFiles(fixturePath('l1/nimbus/nimbus_verified_proxy/tests/data/storage_proof.json'))
    await page.getByTestId('inspector-root').waitFor()
    const block = JSON.parse(
      readFileSync(fixturePath('l1/nimbus/nimbus_verified_proxy/tests/data/proof_block.json'), 'utf8'),
    ) as {
      stateRoot: string
    }
    await page.getByTestId('inspector-root').fill(block.stateRoot)
    await page.getByTestId('inspector-verify').click()
    await expect.poll(() => page.getByTestId('verdict').textContent(), { timeout: 20_000 }).toBe('VERIFIED')

    await page
      .getByTestId('inspector-root')
      .fill(block.stateRoot.replace(/.$/, (c) => (c === '0' ? '1' : '0')))
    await page.getByTestId('inspector-verify').click()
    await expect.poll(() => page.getByTestId('verdict').textContent(), { timeout: 20_000 }).toBe('FAILED')
    expect(await page.getByTestId('failed-checks').textContent()).toContain('mpt.account.proof')
  })

  it('lists every verification in History and exports a self-contained HTML report with every check', async () => {
    await page.goto(`${app.bridge.url}#/history`)
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(3)
    await page.screenshot({ path: screenshotPath('history'), fullPage: true })
    await page.getByTestId('history-search').fill('zks')
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(1)

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('history-export-html').first().click(),
    ])
    const html = readFileSync((await download.path())!, 'utf8')
    const [entry] = await app.history.list('zks')
    const report = (await app.history.get(entry!.id))!.report
    expect(html).toContain('VERIFIED')
    for (const c of report.checks) expect(html).toContain(c.id.replace(/\[/g, '['))
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3)/)
    expect(pageErrors).toEqual([])
  })
})
