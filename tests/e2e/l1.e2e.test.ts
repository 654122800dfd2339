import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import {
  launchChromium,
  screenshotPath,
  startBrowserModeApp,
  type BrowserModeApp,
} from '../support/browserMode'
import { COLIBRI_BALANCE, COLIBRI_CHECKPOINT, colibriCreatedAt } from '../support/colibriCases'
import { startColibriBeacon, startL1Rpc, type L1Behaviour } from '../integration/l1World'

/**
 * The L1 balances page in browser mode (Chromium) against local servers serving Colibri's recorded mainnet
 * session: the verified balance with its chain of trust; a lying L1 endpoint shows the failed step.
 */
describe('the L1 balances page (Chromium, browser mode)', () => {
  let browser: Browser
  const closers: (() => Promise<void>)[] = []
  const consoleErrors: string[] = []

  beforeAll(async () => {
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await Promise.all(closers.map((c) => c()))
  })

  async function open(behaviours: L1Behaviour[]): Promise<Page> {
    const beacon = await startColibriBeacon()
    closers.push(beacon.close)
    const rpcs = await Promise.all(behaviours.map((b) => startL1Rpc(b)))
    for (const r of rpcs) closers.push(r.close)
    const app: BrowserModeApp = await startBrowserModeApp(undefined, {
      now: colibriCreatedAt(COLIBRI_BALANCE),
    })
    closers.push(app.close)
    await app.services.settings.update({
      endpoints: { beacon: [beacon.url], l1Rpc: rpcs.map((r) => r.url) },
      checkpoint: COLIBRI_CHECKPOINT,
    })
    const page = await browser.newPage({ viewport: { width: 1280, height: 1500 } })
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
        consoleErrors.push(msg.text())
    })
    page.on('pageerror', (err) => consoleErrors.push(err.message))
    await page.goto(`${app.bridge.url}#/l1`)
    await page.getByTestId('l1-address').waitFor()
    return page
  }

  it('validates the address, shows its checksum, proves the balance and its chain of trust', async () => {
    const page = await open(['honest', 'honest'])
    const input = page.getByTestId('l1-address')
    await input.fill('0x95222290DD7278Aa3Ddd389Cc1E1d165CC4BAfE5')
    expect(await page.getByTestId('l1-address-hint').textContent()).toContain('wrong EIP-55 checksum')
    expect(await page.getByTestId('l1-prove').isDisabled()).toBe(true)
    await input.fill(COLIBRI_BALANCE.address)
    expect(await page.getByTestId('l1-address-hint').textContent()).toContain(
      '0x95222290DD7278Aa3Ddd389Cc1E1d165CC4BAfe5',
    )
    await page.getByTestId('l1-head').selectOption('latest')
    await page.getByTestId('l1-prove').click()
    await page.getByTestId('l1-balance-answer').waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('l1-formatted').textContent()).toBe('19.685532618934027846 ETH')
    expect(await page.getByTestId('l1-exact').textContent()).toContain('19685532618934027846')
    for (const step of ['checkpoint', 'head', 'state-root', 'account', 'value'])
      expect(await page.getByTestId(`l1-step-${step}`).getAttribute('data-status')).toBe('pass')
    expect(await page.getByTestId('report').getAttribute('data-verdict')).toBe('verified')
    // Expand the head and state-root steps to show the checks behind them.
    await page.getByTestId('l1-step-head').locator('summary').click()
    await page.getByTestId('l1-step-state-root').locator('summary').click()
    expect(await page.getByTestId('l1-step-head').textContent()).toContain('l1.head.signature')
    await page.locator('main.content').evaluate((el) => el.scrollTo(0, 0))
    await page.screenshot({ path: screenshotPath('l1-verified'), fullPage: true })
    expect(consoleErrors).toEqual([])
  })

  it('a lying second endpoint shows the failed value step and the disagreement', async () => {
    const page = await open(['honest', 'lie-balance'])
    await page.getByTestId('l1-address').fill(COLIBRI_BALANCE.address)
    await page.getByTestId('l1-head').selectOption('latest')
    await page.getByTestId('l1-prove').click()
    await page.getByTestId('l1-balance-answer').waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('report').getAttribute('data-verdict')).toBe('failed')
    expect(await page.getByTestId('l1-step-value').getAttribute('data-status')).toBe('fail')
    expect(await page.getByTestId('failed-checks').textContent()).toContain('l1.endpoints.agree')
    await page.screenshot({ path: screenshotPath('l1-failed'), fullPage: true })
  })
})
