import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { RunningWorld } from '../../devnet/world'
import { screenshotPath, type BrowserModeApp } from '../support/browserMode'
import { startWorldApp, type WorldApp } from '../support/worldApp'

/**
 * The batch detail view with "Check the SNARK too" in browser mode against the composed test world. The world has
 * no prover: its prove calls carry two placeholder proof words. So the honest outcome, and the one asserted, is
 * that everything up to the SNARK holds (batch bound, prove call bound to L1 storage, public input derived, key
 * pinned) and the SNARK check itself fails, with the reason shown.
 */
describe('Batch proof check (Chromium, test world)', () => {
  let world: RunningWorld
  let app: BrowserModeApp
  let page: Page
  let consoleErrors: string[] = []
  let env: WorldApp | undefined

  beforeAll(async () => {
    env = await startWorldApp('zksync-proof-e2e')
    ;({ world, app, page, consoleErrors } = env)
  }, 120_000)

  afterAll(async () => {
    await env?.close()
  })

  it('shows the proof check: verifier, the key L1’s code reports, public input, time, and the failing snark check', async () => {
    await page.goto(`${app.bridge.url}#/batches`)
    await page.getByTestId('batch-search').fill(String(world.info.batch))
    // Without the toggle there is no proof section.
    await page.getByTestId('batch-verify').click()
    await page.getByTestId('batch-detail').waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('batch-proof').count()).toBe(0)

    await page.getByTestId('batch-check-snark').check()
    await page.getByTestId('batch-verify').click()
    const proof = page.getByTestId('batch-proof')
    await proof.waitFor({ timeout: 90_000 })
    expect(await proof.getAttribute('data-state')).toBe('failed')
    expect(await page.getByTestId('batch-proof-state').textContent()).toBe('PROOF FAILED')
    expect(await page.getByTestId('batch-proof-reason').textContent()).toMatch(
      /^snark\.proof\.length: loadProof: expected 44 proof words, got 1/,
    )
    expect(await page.getByTestId('batch-proof-verifier').textContent()).toContain('PLONK')
    expect(await page.getByTestId('batch-proof-verifier').textContent()).toContain('DualVerifier type 1')
    const vk = await page.getByTestId('batch-proof-vk').textContent()
    expect(vk).toContain('0xb2f50340e0edbe49dc657d4eb298e07f13860c1be0fe2e438e44ef8fad133d84')
    // The key follows from L1: the world's verifier is deployed code, proven and run locally.
    expect(vk).toContain('the key L1’s verifier reports')
    expect(await page.getByTestId('batch-proof-vk-onchain').textContent()).toContain(
      'returned by the proven verifier code, run locally',
    )
    expect(await page.getByTestId('batch-proof-input').textContent()).toMatch(/0x[0-9a-f]{64}/)
    expect(await page.getByTestId('batch-proof-time').textContent()).toMatch(
      /^\d+(\.\d+)? (ms|s) \(SNARK check\)$/,
    )
    // The batch part holds; the binding of the prove call to L1 storage holds; only the SNARK fails.
    expect(await page.getByTestId('proof-check-zksync.proof.batchBound').getAttribute('data-status')).toBe(
      'pass',
    )
    expect(await page.getByTestId('proof-check-snark.proof.length').getAttribute('data-status')).toBe('fail')
    expect(await page.getByTestId('proof-check-zksync.verifier.codeHash').getAttribute('data-status')).toBe(
      'pass',
    )
    expect(await page.getByTestId('proof-check-zksync.verifier.evm.verify').getAttribute('data-status')).toBe(
      'fail',
    )
    expect(await page.getByTestId('check-zksync.batch.sbiBinding').getAttribute('data-status')).toBe('pass')
    expect(await page.getByTestId('verdict').first().textContent()).toBe('FAILED')
    // The bound StoredBatchInfo rests on the batch part, which holds: a failed SNARK does not unprove it.
    expect(await page.getByTestId('batch-detail').textContent()).not.toContain('(not verified)')
    await proof.scrollIntoViewIfNeeded()
    await page.screenshot({ path: screenshotPath('batch-proof-check'), fullPage: true })
    expect(consoleErrors).toEqual([])
  }, 180_000)
})
