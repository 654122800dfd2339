import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { ROUTES } from '../../src/renderer/src/routes'
import {
  launchChromium,
  screenshotPath,
  startBrowserModeApp,
  type BrowserModeApp,
} from '../support/browserMode'

describe('the app shell in browser mode (Chromium)', () => {
  let app: BrowserModeApp
  let browser: Browser
  let page: Page
  const consoleErrors: string[] = []

  beforeAll(async () => {
    app = await startBrowserModeApp()
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
        consoleErrors.push(msg.text())
    })
    page.on('pageerror', (err) => consoleErrors.push(err.message))
  })

  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('navigates every page and shows the status bar without a trusted head', async () => {
    await page.goto(app.bridge.url)
    await page.getByTestId('statusbar').getByText('No trusted head yet').waitFor()
    for (const route of ROUTES) {
      await page.getByTestId(`nav-${route.id}`).click()
      await page.getByRole('heading', { level: 1, name: route.label }).waitFor()
      expect(page.url()).toContain(`#/${route.id}`)
    }
    await page.getByTestId('nav-trust').click()
    await page.screenshot({ path: screenshotPath('shell-trust') })
    expect(consoleErrors).toEqual([])
  })

  it('keeps a changed setting across a reload, and refuses an invalid endpoint with the reason', async () => {
    await page.goto(`${app.bridge.url}#/settings`)
    const l1 = page.getByTestId('setting-l1Rpc')
    await l1.fill('https://rpc.example.org\nhttp://127.0.0.1:8545')
    await page.getByTestId('setting-theme').selectOption('dark')
    await page.getByTestId('settings-save').click()
    await expect.poll(() => page.getByTestId('settings-message').textContent()).toBe('Settings saved.')

    await page.reload()
    await page.getByTestId('settings-form').waitFor()
    await expect
      .poll(() => page.getByTestId('setting-l1Rpc').inputValue())
      .toBe('https://rpc.example.org\nhttp://127.0.0.1:8545')
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark')
    expect((await app.services.settings.get()).endpoints.l1Rpc).toEqual([
      'https://rpc.example.org',
      'http://127.0.0.1:8545',
    ])
    await page.screenshot({ path: screenshotPath('shell-settings-dark') })

    await l1.fill('http://rpc.example.org')
    await page.getByTestId('settings-save').click()
    await expect.poll(() => page.getByTestId('settings-message').textContent()).toContain('https URL')
    expect((await app.services.settings.get()).endpoints.l1Rpc[0]).toBe('https://rpc.example.org')
  })
})
