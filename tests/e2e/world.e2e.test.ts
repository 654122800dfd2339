import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { ssz } from '@lodestar/types'
import { devnetTimestampAt } from '../../devnet/beacon/devnetNetwork'
import { bytesToHex } from '../../src/verifier/encoding/hex'
import { startWorld, type RunningWorld } from '../../devnet/world'
import {
  launchChromium,
  screenshotPath,
  startBrowserModeApp,
  type BrowserModeApp,
} from '../support/browserMode'

/**
 * Issue 10 end to end in the UI: one composed test world (beacon API, L1 and ZKsync JSON-RPC on 127.0.0.1), the
 * app configured through its Settings page like a person would, then the four flows — sync, L1 balance, ZKsync
 * batch, ZKsync balance — each verified and checked against the world's ground truth; then lies switched on at
 * runtime and caught in the UI; then the History page listing what was verified.
 */
describe('the app against the test world (Chromium, browser mode)', () => {
  let world: RunningWorld
  let app: BrowserModeApp
  let browser: Browser
  let page: Page
  const consoleErrors: string[] = []

  beforeAll(async () => {
    world = await startWorld({ seed: 'world-e2e' })
    app = await startBrowserModeApp()
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1280, height: 1500 } })
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
        consoleErrors.push(msg.text())
    })
    page.on('pageerror', (err) => consoleErrors.push(err.message))
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await world?.close()
  })

  /** The ground truth: the world's ETH balance of its ZKsync account as of the executed batch. */
  const ZK_TRUTH = () => world.zksync.ethBalance(world.info.zksyncAccount, BigInt(world.info.batch))

  async function top(): Promise<void> {
    await page.locator('main.content').evaluate((el) => el.scrollTo(0, 0))
  }

  it('is configured through the Settings page: the world’s endpoints, network and checkpoint', async () => {
    await page.goto(`${app.bridge.url}#/settings`)
    await page.getByTestId('settings-form').waitFor()
    await page.getByTestId('setting-beacon').fill(world.info.beacon)
    await page.getByTestId('setting-l1Rpc').fill(world.info.l1)
    await page.getByTestId('setting-zksyncRpc').fill(world.info.zksync)
    await page.getByTestId('setting-gatewayRpc').fill(world.info.gateway)
    await page.getByTestId('setting-checkpointProviders').fill(world.info.checkpointProviders.join('\n'))
    await page.getByTestId('setting-network').fill(world.info.network)
    await page.getByTestId('setting-checkpoint').fill(world.info.checkpoint)
    // Test endpoints, before saving: every world endpoint OK; then a dead port, classified with a next step.
    await page.getByTestId('endpoint-test-run').click()
    const results = page.getByTestId('endpoint-result')
    await expect.poll(() => results.count(), { timeout: 30_000 }).toBe(6)
    expect(await page.locator('[data-testid="endpoint-result"][data-ok="true"]').count()).toBe(6)
    await page.getByTestId('endpoint-test').screenshot({ path: screenshotPath('world-0-endpoints') })
    await page.getByTestId('setting-l1Rpc').fill(`${world.info.l1}\nhttp://127.0.0.1:1`)
    await page.getByTestId('endpoint-test-run').click()
    await expect.poll(() => results.count(), { timeout: 30_000 }).toBe(7)
    const dead = page.locator('[data-testid="endpoint-result"][data-ok="false"]')
    expect(await dead.getByTestId('endpoint-failure-class').textContent()).toMatch(
      /FAILED · connection refused/,
    )
    expect(await dead.textContent()).toMatch(/Next step: Nothing listens there/)
    await page.getByTestId('setting-l1Rpc').fill(world.info.l1)
    await page.getByTestId('settings-save').click()
    await expect.poll(() => page.getByTestId('settings-message').textContent()).toBe('Settings saved.')
    const saved = await app.services.settings.get()
    expect(saved.network).toBe('lightproof-devnet')
    expect(saved.endpoints).toEqual({
      beacon: [world.info.beacon],
      l1Rpc: [world.info.l1],
      zksyncRpc: [world.info.zksync],
      gatewayRpc: [world.info.gateway],
      checkpointProviders: world.info.checkpointProviders,
    })
    expect(saved.checkpoint).toBe(world.info.checkpoint)
  })

  it('Trust: Sync verifies the world’s head from the pinned checkpoint', async () => {
    await page.getByTestId('nav-trust').click()
    await page.getByTestId('trust-sync').click()
    await page
      .getByTestId('report')
      .and(page.locator('[data-verdict="verified"]'))
      .waitFor({ timeout: 60_000 })
    const head = world.l1.head
    const finalized = page.getByTestId('trust-finalized')
    await expect.poll(() => finalized.textContent()).toContain(head.number.toString())
    expect(await page.getByTestId('trust-head-state').textContent()).toBe('verified')
    // The head's age (from its EL timestamp) is its slot's: finality trails the world's clock by ~20 minutes.
    expect(head.header.timestamp).toBe(devnetTimestampAt(BigInt(world.beacon.finalized.slot)))
    expect(await finalized.textContent()).toMatch(/· \d+ min old/)
    expect(await page.getByTestId('trust-checkpoint').textContent()).toContain(world.info.checkpoint)
    expect(await page.getByTestId('trust-checkpoint').textContent()).toContain('pinned by you')
    expect(await page.getByTestId('trust-failure').count()).toBe(0)
    await top()
    await page.screenshot({ path: screenshotPath('world-1-trust') })
  })

  it('L1 balances: the world account’s exact balance, verified', async () => {
    await page.getByTestId('nav-l1').click()
    await page.getByTestId('l1-address').fill(world.info.l1Account)
    await page.getByTestId('l1-prove').click()
    await page.getByTestId('l1-balance-answer').waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('report').getAttribute('data-verdict')).toBe('verified')
    const truth = world.l1.head.state.balance(world.info.l1Account)
    expect(await page.getByTestId('l1-exact').textContent()).toBe(`exact: ${truth} wei`)
    expect(await page.getByTestId('l1-formatted').textContent()).toBe('12.3456789 ETH')
    for (const step of ['checkpoint', 'head', 'state-root', 'account', 'value'])
      expect(await page.getByTestId(`l1-step-${step}`).getAttribute('data-status')).toBe('pass')
    await top()
    await page.screenshot({ path: screenshotPath('world-2-l1'), fullPage: true })
  })

  it('Batches: the world’s last executed batch, verified, status executed', async () => {
    await page.getByTestId('nav-batches').click()
    await page.getByTestId('batches-refresh').click()
    const c = world.zksync.counters
    await expect
      .poll(() => page.getByTestId('counter-executed').textContent(), { timeout: 60_000 })
      .toBe(c.totalBatchesExecuted.toString())
    await page.getByTestId('batch-search').fill(String(world.info.batch))
    await page.getByTestId('batch-verify').click()
    const detail = page.getByTestId('batch-detail')
    await detail.waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('verdict').first().textContent()).toBe('VERIFIED')
    expect(await detail.textContent()).toContain('executed')
    expect(await page.getByTestId('check-zksync.batch.sbiBinding').getAttribute('data-status')).toBe('pass')
    await top()
    await page.screenshot({ path: screenshotPath('world-3-batch'), fullPage: true })
  })

  it('ZKsync: the world account’s ETH balance, verified as of the executed batch', async () => {
    await page.getByTestId('nav-zksync').click()
    await page.getByTestId('zksync-address').fill(world.info.zksyncAccount)
    await page.getByTestId('zksync-verify').click()
    const result = page.getByTestId('zksync-balance-answer')
    await result.waitFor({ timeout: 60_000 })
    expect(await result.getAttribute('class')).toContain('verdict-verified')
    expect(await page.getByTestId('zksync-asof').textContent()).toMatch(
      new RegExp(`^as of batch ${world.info.batch}, executed on L1 at block \\d+$`),
    )
    expect(await page.getByTestId('zksync-eth').textContent()).toBe(`${formatEther(ZK_TRUTH())} ETH`)
    await top()
    await page.screenshot({ path: screenshotPath('world-4-zksync') })
  })

  it('a ZKsync node forging a proof sibling is caught: FAILED naming zks.eth.proof, no balance shown', async () => {
    world.servers.zksync.setLie('forged-proof')
    try {
      await page.getByTestId('zksync-verify').click()
      const result = page.getByTestId('zksync-balance-answer')
      await result.and(page.locator('.verdict-failed')).waitFor({ timeout: 60_000 })
      expect(await page.getByTestId('failed-checks').textContent()).toContain('zks.eth.proof')
      expect(await page.getByTestId('zksync-eth').count()).toBe(0)
      expect(await page.getByTestId('zksync-unproven').textContent()).toContain('zks.eth.proof')
      expect(await result.textContent()).not.toContain(formatEther(ZK_TRUTH()))
      // The step that failed is open and says so.
      const failedStep = page.getByTestId('trust-step').and(page.locator('[data-state="fail"]'))
      expect(await failedStep.count()).toBe(1)
      expect(await failedStep.textContent()).toContain('zks_getProof')
      await top()
      await page.screenshot({ path: screenshotPath('world-5-attack-caught') })
    } finally {
      world.servers.zksync.setLie(undefined)
    }
  })

  it('an L1 node changing a value after proving is caught on the L1 page: FAILED, no balance shown', async () => {
    world.servers.l1.setLie('changed-value')
    try {
      await page.getByTestId('nav-l1').click()
      await page.getByTestId('l1-address').fill(world.info.l1Account)
      await page.getByTestId('l1-prove').click()
      await page
        .getByTestId('l1-balance-answer')
        .and(page.locator('.verdict-failed'))
        .waitFor({ timeout: 60_000 })
      expect(await page.getByTestId('report').getAttribute('data-verdict')).toBe('failed')
      expect(await page.getByTestId('failed-checks').textContent()).toContain(
        'l1.proof[0].mpt.account.fields',
      )
      expect(await page.getByTestId('l1-formatted').count()).toBe(0)
      expect(await page.getByTestId('l1-step-account').getAttribute('data-status')).toBe('fail')
    } finally {
      world.servers.l1.setLie(undefined)
    }
  })

  it('an L1 node that never answers: Cancel stops the L1 proof', async () => {
    // A short endpoint timeout bounds the test even if Cancel did nothing; the message tells which ended it.
    const limits = app.services.context.limits
    app.services.context.limits = { ...limits, timeoutMs: 20_000, retries: 0 }
    world.servers.l1.setFault('hang')
    const asked = world.servers.l1.requests()
    try {
      await page.getByTestId('l1-prove').click()
      const cancel = page.getByTestId('l1-cancel')
      await cancel.waitFor({ timeout: 10_000 })
      // Cancel while the request to the hanging L1 node is open (the beacon part before it answers).
      await expect.poll(() => world.servers.l1.requests()).toBeGreaterThan(asked)
      await cancel.click()
      const error = page.getByTestId('l1-error')
      await error.waitFor({ timeout: 10_000 })
      expect(await error.textContent()).toContain('cancelled')
      expect(await error.textContent()).not.toContain('timed out')
      expect(await page.getByTestId('l1-prove').isEnabled()).toBe(true)
      expect(await page.getByTestId('l1-progress').count()).toBe(0)
      expect(await page.getByTestId('l1-balance-answer').count()).toBe(0)
    } finally {
      world.servers.l1.setFault(undefined)
      app.services.context.limits = limits
    }
  })

  it('a ZKsync node that never answers: Cancel stops the ZKsync proof', async () => {
    const limits = app.services.context.limits
    app.services.context.limits = { ...limits, timeoutMs: 20_000, retries: 0 }
    world.servers.zksync.setFault('hang')
    const asked = world.servers.zksync.requests()
    try {
      await page.getByTestId('nav-zksync').click()
      await page.getByTestId('zksync-address').fill(world.info.zksyncAccount)
      await page.getByTestId('zksync-verify').click()
      const cancel = page.getByTestId('zksync-cancel')
      await cancel.waitFor({ timeout: 10_000 })
      await expect.poll(() => world.servers.zksync.requests()).toBeGreaterThan(asked)
      expect(await page.getByTestId('zksync-progress').textContent()).not.toBe('')
      await cancel.click()
      const error = page.getByTestId('zksync-error')
      await error.waitFor({ timeout: 10_000 })
      expect(await error.textContent()).toContain('cancelled')
      expect(await error.textContent()).not.toContain('timed out')
      expect(await page.getByTestId('zksync-verify').isEnabled()).toBe(true)
      expect(await page.getByTestId('zksync-balance-answer').count()).toBe(0)
      expect(await page.getByTestId('zksync-cancel').count()).toBe(0)
    } finally {
      world.servers.zksync.setFault(undefined)
      app.services.context.limits = limits
    }
  })

  it('History lists the verifications made, the caught attacks among them', async () => {
    await page.getByTestId('nav-history').click()
    const rows = page.getByTestId('history-row')
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(5)
    const text = await page.getByTestId('history-table').textContent()
    expect(text).toContain('VERIFIED')
    expect(text).toContain('FAILED')
    const stored = await app.history.list('')
    expect(await rows.count()).toBe(stored.length)
    expect(stored.filter((e) => e.verdict === 'failed').length).toBeGreaterThanOrEqual(2)
    await page.screenshot({ path: screenshotPath('world-6-history') })
    expect(consoleErrors).toEqual([])
  })

  it('Bridge: withdrawals final and claimable or claimed, deposits succeeded or failed, each verified with its answer', async () => {
    await page.getByTestId('nav-bridge').click()
    for (const [direction, tx, headline] of [
      ['withdrawal', world.info.withdrawalTx, 'Final — ready to claim on L1'],
      ['withdrawal', world.info.claimedWithdrawalTx, 'Final — already claimed on L1'],
      ['deposit', world.info.depositTx, 'Arrived — executed on L2 and succeeded'],
      ['deposit', world.info.failedDepositTx, 'Executed on L2 and failed — the funds can be reclaimed on L1'],
    ] as const) {
      await page.getByTestId(`bridge-direction-${direction}`).check()
      await page.getByTestId('bridge-tx').fill(tx)
      await page.getByTestId('bridge-check').click()
      const answer = page.getByTestId('bridge-answer')
      await expect.poll(() => answer.getAttribute('data-verdict'), { timeout: 60_000 }).toBe('verified')
      expect(await answer.textContent()).toContain(headline)
    }
    await page.screenshot({ path: screenshotPath('world-8-bridge') })
    expect(consoleErrors).toEqual([])
  })

  it('Trust: the world’s two checkpoint providers agree on a fresh root, which the user pins', async () => {
    await page.getByTestId('nav-trust').click()
    await page.getByTestId('fresh-checkpoint-ask').click()
    const agreed = page.getByTestId('fresh-checkpoint-agreed')
    await agreed.waitFor({ timeout: 30_000 })
    const finalized = world.beacon.finalityUpdate.finalizedHeader.beacon
    const root = bytesToHex(ssz.phase0.BeaconBlockHeader.hashTreeRoot(finalized))
    expect(await agreed.textContent()).toContain(root)
    expect(await page.getByTestId('fresh-checkpoint-answers').locator('tbody tr').count()).toBe(2)
    await page
      .getByTestId('fresh-checkpoint')
      .screenshot({ path: screenshotPath('world-7-fresh-checkpoint') })
    await page.getByTestId('fresh-checkpoint-pin').click()
    await expect.poll(async () => (await app.services.settings.get()).checkpoint).toBe(root)
    await expect.poll(() => page.getByTestId('trust-checkpoint').textContent()).toContain(root)
    expect(consoleErrors).toEqual([])
  })
})

/** Whole ETH with the fraction's trailing zeros dropped, as the pages print it. */
function formatEther(wei: bigint): string {
  const whole = wei / 10n ** 18n
  const frac = (wei % 10n ** 18n).toString().padStart(18, '0').replace(/0+$/, '')
  return frac ? `${whole}.${frac}` : whole.toString()
}
