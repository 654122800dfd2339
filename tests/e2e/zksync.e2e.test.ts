import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { RunningWorld } from '../../devnet/world'
import { screenshotPath, type BrowserModeApp } from '../support/browserMode'
import { startWorldApp, type WorldApp } from '../support/worldApp'

/**
 * The Batches and ZKsync pages in browser mode against the composed test world: the settings point at the local
 * beacon API, L1 and ZKsync endpoints and the world's checkpoint, and every answer is proven in the services.
 */
describe('ZKsync pages (Chromium, test world)', () => {
  let world: RunningWorld
  let app: BrowserModeApp
  let page: Page
  let consoleErrors: string[] = []
  let env: WorldApp | undefined

  beforeAll(async () => {
    env = await startWorldApp('zksync-e2e')
    ;({ world, app, page, consoleErrors } = env)
  }, 120_000)

  afterAll(async () => {
    await env?.close()
  })

  it('Batches page: counters as proven now, recent batches, and a verified batch with its bound facts', async () => {
    await page.goto(`${app.bridge.url}#/batches`)
    // Opening the page reaches no endpoint; the user asks.
    expect(await page.getByTestId('batches-idle').count()).toBe(1)
    await page.getByTestId('batches-refresh').click()
    const c = world.zksync.counters
    await expect
      .poll(() => page.getByTestId('counter-executed').textContent(), { timeout: 60_000 })
      .toBe(c.totalBatchesExecuted.toString())
    expect(await page.getByTestId('counter-committed').textContent()).toBe(c.totalBatchesCommitted.toString())
    await page.getByTestId(`recent-${c.totalBatchesCommitted}`).getByText('committed').waitFor()
    await page.getByTestId('batch-search').fill(String(world.info.batch))
    await page.getByTestId('batch-verify').click()
    const detail = page.getByTestId('batch-detail')
    await detail.waitFor({ timeout: 60_000 })
    expect(await detail.textContent()).toContain('executed')
    expect(await detail.textContent()).toContain('Batch state root')
    expect(await page.getByTestId('verdict').first().textContent()).toBe('VERIFIED')
    expect(await page.getByTestId('check-zksync.batch.sbiBinding').getAttribute('data-status')).toBe('pass')
    await page.screenshot({ path: screenshotPath('zksync-batch'), fullPage: true })
    expect(consoleErrors).toEqual([])
  }, 120_000)

  it('Batches page: with “prove whenever this page opens” on, opening it proves the counters', async () => {
    await page.goto(`${app.bridge.url}#/batches`)
    await page.getByTestId('batches-auto-refresh').check()
    await expect.poll(async () => (await app.services.settings.get()).autoRefresh).toBe(true)
    await page.reload()
    await expect
      .poll(() => page.getByTestId('counter-executed').textContent(), { timeout: 60_000 })
      .toBe(world.zksync.counters.totalBatchesExecuted.toString())
    await page.getByTestId('batches-auto-refresh').uncheck()
    await expect.poll(async () => (await app.services.settings.get()).autoRefresh).toBe(false)
  })

  it('ZKsync page: a verified balance as of an executed batch, the chain of trust and the tree path', async () => {
    await page.goto(`${app.bridge.url}#/zksync`)
    await page.getByTestId('zksync-address').fill(world.info.zksyncAccount)
    await page.getByTestId('zksync-token').fill(`${world.zksync.token.address}:51:6`)
    await page.getByTestId('zksync-verify').click()
    const result = page.getByTestId('zksync-balance-answer')
    await result.waitFor({ timeout: 60_000 })
    expect(await result.getAttribute('class')).toContain('verdict-verified')
    expect(await page.getByTestId('zksync-asof').textContent()).toMatch(
      new RegExp(`^as of batch ${world.info.batch}, executed on L1 at block \\d+$`),
    )
    // The verifier's links: checkpoint, L1 head, diamond, commit, batch, finality, L2 tree, the file's claims.
    const steps = page.getByTestId('trust-step')
    expect(await steps.count()).toBe(8)
    for (let i = 0; i < 8; i++) expect(await steps.nth(i).getAttribute('data-state')).toBe('pass')
    expect(
      await page.getByTestId('tree-path-eth').locator('.tree-cell:not(.tree-legend .tree-cell)').count(),
    ).toBeGreaterThanOrEqual(256)
    await page.screenshot({ path: screenshotPath('zksync-balance'), fullPage: true })
    expect(consoleErrors).toEqual([])
  }, 120_000)
})
