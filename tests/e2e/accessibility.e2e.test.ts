import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  launchChromium,
  screenshotPath,
  startBrowserModeApp,
  type BrowserModeApp,
} from '../support/browserMode'

/**
 * Issue 23, item 5: axe-core (the accessibility engine of browsers' devtools) over every page, in the light and
 * the dark theme, with a verified sample's report open on the Inspector. A serious or critical violation fails
 * the test, listed with the rule and the elements it found.
 */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const PAGES = ['trust', 'l1', 'zksync', 'batches', 'bridge', 'inspector', 'history', 'settings'] as const

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE })
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> }
      }
    ).axe
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      resultTypes: ['violations'],
    })
    return result.violations
  })
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 4)
          .join(', ')}`,
    )
}

describe('accessibility of every page, light and dark (axe-core, Chromium)', () => {
  let app: BrowserModeApp
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    app = await startBrowserModeApp()
    browser = await launchChromium()
    // The app's CSP forbids inline scripts (rightly); the test injects axe-core past it.
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true })
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  for (const theme of ['light', 'dark'] as const) {
    it(`no serious or critical violation on any page (${theme})`, async () => {
      await app.services.settings.update({ theme })
      // A fresh load reads the theme; later hash changes are same-document navigations.
      await page.goto(`${app.bridge.url}#/trust`)
      await page.reload()
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(theme)
      const found: string[] = []
      for (const name of PAGES) {
        await page.goto(`${app.bridge.url}#/${name}`)
        await page.locator('main').waitFor()
        if (name === 'inspector') {
          await page.getByTestId('sample-zks-proof-mainnet-nonceholder.evidence.json').click()
          await page.getByTestId('verdict').waitFor({ timeout: 20_000 })
        } else await page.waitForTimeout(300)
        for (const v of await seriousViolations(page)) found.push(`${name}: ${v}`)
        await page.screenshot({ path: screenshotPath(`a11y-${theme}-${name}`) })
      }
      expect(found).toEqual([])
    })
  }
})
