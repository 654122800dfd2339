import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stringifyJson } from '../../src/verifier/encoding/json'
import { generatedSeeds } from '../fuzz/generatedSeeds'
import {
  launchChromium,
  screenshotPath,
  startBrowserModeApp,
  type BrowserModeApp,
} from '../support/browserMode'

/**
 * Issue 20, "show the pubdata": a zksync-pubdata evidence file (the test world's batch 2, its pubdata in
 * calldata) opened in the Inspector shows the counts, the diff-op chart, the withdrawals and the state diffs,
 * searchable and exportable.
 */
describe('published data in the report view (Chromium, browser mode)', () => {
  let app: BrowserModeApp
  let browser: Browser
  let page: Page
  const pageErrors: string[] = []
  const dir = mkdtempSync(join(tmpdir(), 'lightproof-pubdata-e2e-'))

  beforeAll(async () => {
    app = await startBrowserModeApp()
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1280, height: 1400 }, acceptDownloads: true })
    page.on('pageerror', (err) => pageErrors.push(err.message))
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('shows counts, the op chart, withdrawals and a searchable, exportable state-diff table', async () => {
    const seed = (await generatedSeeds()).find((s) => s.evidence.kind === 'zksync-pubdata')!
    const file = join(dir, 'batch-2.pubdata.evidence.json')
    writeFileSync(file, stringifyJson(seed.evidence, 2))
    await page.goto(`${app.bridge.url}#/inspector`)
    await page.getByTestId('inspector-file').setInputFiles(file)
    const verify = page.getByTestId('inspector-verify')
    if (await verify.isVisible()) await verify.click()
    await expect.poll(() => page.getByTestId('verdict').textContent(), { timeout: 60_000 }).toBe('VERIFIED')

    const view = page.getByTestId('pubdata')
    expect(await view.textContent()).toMatch(/state diffs/)
    expect(await page.getByTestId('pubdata-ops-chart').getAttribute('aria-label')).toMatch(/add \d+/)
    const withdrawals = await page.getByTestId('pubdata-withdrawals').textContent()
    expect(withdrawals).toMatch(/ETH0x[0-9a-f]{40}\d+/)

    const rows = page.getByTestId('pubdata-diffs')
    const all = await rows.locator('.diff-row').count()
    expect(all).toBeGreaterThan(0)
    await page.getByTestId('pubdata-search').fill('add')
    const added = await rows.locator('.diff-row').count()
    expect(added).toBeGreaterThan(0)
    expect(await rows.textContent()).not.toMatch(/\bsub\b/)
    await page.getByTestId('pubdata-search').fill('')

    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export CSV' }).click()
    const saved = join(dir, 'diffs.csv')
    await (await download).saveAs(saved)
    const { readFileSync } = await import('node:fs')
    const csv = readFileSync(saved, 'utf8').trim().split('\n')
    expect(csv[0]).toBe('kind,key,op,value')
    expect(csv.length - 1).toBe(all)

    await view.scrollIntoViewIfNeeded()
    await page.screenshot({ path: screenshotPath('pubdata-view'), fullPage: true })
    expect(pageErrors).toEqual([])
  }, 120_000)
})
