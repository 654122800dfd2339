import { createBinaryTree } from '@ethereumjs/binarytree'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bytesToHex } from '../../src/verifier/encoding/hex'
import {
  launchChromium,
  screenshotPath,
  startBrowserModeApp,
  type BrowserModeApp,
} from '../support/browserMode'
import { fixturePath, REPO_ROOT } from '../support/fixtures'

const BLOCK_72 = fixturePath('verkle/verkle-cryptography-wasm/src.ts/tests/data/kaustinen6Block72.json')
const PRE_STATE_72 = '0x64e1a647f42e5c2e3c434531ccf529e1b3e93363a40db9fc8eec81f492123510'
const SYNTHETIC_1000 = fixturePath('verkle/synthetic/synthetic-witness-1000.json')
const stemsOf = (path: string) =>
  (
    JSON.parse(readFileSync(path, 'utf8')) as { executionWitness: { stateDiff: { stem: string }[] } }
  ).executionWitness.stateDiff.map((s) => s.stem.toLowerCase())
const WETH_PROOF = fixturePath('l1/nimbus/nimbus_verified_proxy/tests/data/storage_proof.json')

describe('the Inspector (Chromium, browser mode)', () => {
  let app: BrowserModeApp
  let browser: Browser
  let page: Page
  const pageErrors: string[] = []
  const dir = mkdtempSync(join(tmpdir(), 'lightproof-inspector-e2e-'))

  beforeAll(async () => {
    app = await startBrowserModeApp()
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    page.on('pageerror', (err) => pageErrors.push(err.message))
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function open(path: string) {
    await page.goto(`${app.bridge.url}#/inspector`)
    await page.getByTestId('inspector-file').setInputFiles(path)
  }

  // Issue 23: a file gets the same view as a live page — the answer card, the verifier's chain of trust as
  // links ("n/n checks passed"), facts under plain-words labels, never a raw field name.
  const SAMPLES = join(REPO_ROOT, 'samples')
  for (const name of readdirSync(SAMPLES).filter((n) => n.endsWith('.evidence.json'))) {
    it(`${name}: answer card, chain of trust as links, plain-words facts`, async () => {
      await open(join(SAMPLES, name))
      await expect.poll(() => page.getByTestId('verdict').textContent(), { timeout: 30_000 }).toBe('VERIFIED')
      expect(await page.getByTestId('answer-card').textContent()).toMatch(/\S/)
      const steps = page.getByTestId('trust-step')
      expect(await steps.count()).toBeGreaterThanOrEqual(2)
      for (const text of await steps.allTextContents()) expect(text).toMatch(/(\d+)\/\1 checks passed/)
      const labels = await page.locator('[data-testid="facts"] dt').allTextContents()
      expect(labels.length).toBeGreaterThan(0)
      // Fact names are lowerCamelCase; a label is words from the glossary, starting with a capital.
      for (const label of labels) expect(label, name).toMatch(/^[A-Z0-9]/)
    })
  }

  it('a tampered sample opens with the failing link expanded and the failing check first', async () => {
    const sample = JSON.parse(readFileSync(join(SAMPLES, 'l1-proof-nimbus-weth.evidence.json'), 'utf8')) as {
      question: Record<string, unknown>
    }
    sample.question.address = '0x0000000000000000000000000000000000000001'
    const file = join(dir, 'tampered.evidence.json')
    writeFileSync(file, JSON.stringify(sample))
    await open(file)
    await expect.poll(() => page.getByTestId('verdict').textContent(), { timeout: 30_000 }).toBe('FAILED')
    const failing = page.getByTestId('trust-step').and(page.locator('[data-state="fail"]'))
    expect(await failing.count()).toBe(1)
    expect(await failing.locator('details').getAttribute('open')).not.toBeNull()
    const first = failing.locator('.checks li').first()
    expect(await first.getAttribute('data-status')).toBe('fail')
    expect(await first.getAttribute('data-testid')).toBe('check-evidence.question.address')
    await page.screenshot({ path: screenshotPath('inspector-tampered-sample'), fullPage: true })
  })

  it('verifies Kaustinen 6 block 72 against the typed pre-state root and shows its stems with decoded leaves', async () => {
    await open(BLOCK_72)
    await page.getByTestId('witness-structure').waitFor()
    expect(await page.getByTestId('witness-counts').textContent()).toContain('5 stems')
    await page.getByTestId('inspector-root').fill(PRE_STATE_72)
    await page.getByTestId('inspector-verify').click()
    await expect.poll(() => page.getByTestId('verdict').textContent(), { timeout: 30_000 }).toBe('VERIFIED')

    const rows = page.getByTestId('witness-rows')
    expect(await rows.getAttribute('data-rows')).toBe(String(5 + 21)) // 5 stem rows, 21 keys
    const text = await rows.textContent()
    expect(text).toContain('0x242271cf1aaa13ede9bb0a1550d6f181c6135afb92be8270221f03cc8a721e')
    // The legacy little-endian balance leaf of the first account, decoded (pre-state, proven) and the new
    // balance (claimed only).
    expect(text).toContain('balance 0.289747927169160287 ETH')
    expect(text).toContain('balance 0.340747927169160287 ETH')
    expect(text).toContain('nonce 300')
    expect(await page.getByTestId('claims-note').textContent()).toContain('never')
    const stems = stemsOf(BLOCK_72)
    await rows.evaluate((el) => (el.scrollTop = el.scrollHeight))
    await expect.poll(() => rows.textContent()).toContain(stems[stems.length - 1]!)
    await rows.evaluate((el) => (el.scrollTop = 0))
    await page.getByTestId('commitments-by-path').locator('summary').click()
    expect(await page.getByTestId('commitments-by-path').textContent()).toContain('root you enter')
    // The content pane scrolls inside the shell, so a tall window shows the verdict and the stems together.
    await page.setViewportSize({ width: 1280, height: 2400 })
    await page.getByTestId('verdict').scrollIntoViewIfNeeded()
    await page.screenshot({ path: screenshotPath('inspector-verkle') })
    await page.setViewportSize({ width: 1280, height: 900 })
  })

  it('keeps a 1000-key witness windowed: thousands of rows, only a screenful in the DOM', async () => {
    await open(SYNTHETIC_1000)
    const rows = page.getByTestId('witness-rows')
    await rows.waitFor()
    const total = Number(await rows.getAttribute('data-rows'))
    expect(total).toBeGreaterThan(1000)
    expect(await rows.locator('.vrow-slot').count()).toBeLessThan(60)
    await rows.evaluate((el) => (el.scrollTop = el.scrollHeight))
    await expect.poll(() => rows.locator('.vrow-slot').last().textContent()).toMatch(/#\d+/)
    expect(await rows.locator('.vrow-slot').count()).toBeLessThan(60)
    const stems = stemsOf(SYNTHETIC_1000)
    await page.getByTestId('witness-filter').fill(stems[stems.length - 1]!)
    await expect.poll(async () => Number(await rows.getAttribute('data-rows'))).toBeLessThan(10)
    expect(await rows.getByTestId('stem-row').textContent()).toContain(stems[stems.length - 1]!)
  })

  it('shows an eth_getProof file’s account, proof sizes and storage keys', async () => {
    await open(WETH_PROOF)
    const s = page.getByTestId('l1-proof-structure')
    await s.waitFor()
    expect(await s.textContent()).toContain('Account proof')
    expect(await page.getByTestId('l1-proof-balance').textContent()).toContain('ETH')
    expect(await page.getByTestId('l1-proof-storage').locator('tbody tr').count()).toBeGreaterThan(0)
    await page.screenshot({ path: screenshotPath('inspector-l1-proof'), fullPage: true })
  })

  it('shows an EIP-7864 binary-tree proof marked draft, and verifies it against the typed root', async () => {
    const tree = await createBinaryTree()
    for (let i = 1; i <= 8; i++)
      await tree.put(new Uint8Array(31).fill(i * 29), [7], [new Uint8Array(32).fill(i)])
    const key = new Uint8Array(32).fill(3 * 29)
    key[31] = 7
    const file = join(dir, 'binary-proof.json')
    writeFileSync(
      file,
      JSON.stringify({ key: bytesToHex(key), proof: (await tree.createBinaryProof(key)).map(bytesToHex) }),
    )
    await open(file)
    const s = page.getByTestId('binary-proof-structure')
    await s.waitFor()
    expect(await s.textContent()).toContain('Draft specification')
    await page.getByTestId('inspector-root').fill(bytesToHex(tree.root()))
    await page.getByTestId('inspector-verify').click()
    await expect.poll(() => page.getByTestId('verdict').textContent(), { timeout: 20_000 }).toBe('VERIFIED')
  })

  it('reports a malformed file clearly and keeps working afterwards', async () => {
    const junk = join(dir, 'junk.json')
    writeFileSync(junk, '{"stateDiff": [oops')
    await open(junk)
    await expect.poll(() => page.getByTestId('inspector-error').textContent()).toMatch(/JSON/)

    const badWitness = join(dir, 'bad-witness.json')
    writeFileSync(
      badWitness,
      JSON.stringify({
        stateDiff: [{ stem: '0x123', suffixDiffs: [] }],
        verkleProof: {
          otherStems: [],
          depthExtensionPresent: '0x',
          commitmentsByPath: [],
          d: '0x',
          ipaProof: {},
        },
      }),
    )
    await page.getByTestId('inspector-file').setInputFiles(badWitness)
    await expect.poll(() => page.getByTestId('structure-error').textContent()).toContain('could not be read')

    await page.getByTestId('inspector-file').setInputFiles(WETH_PROOF)
    await page.getByTestId('l1-proof-structure').waitFor()
    expect(pageErrors).toEqual([])
  })
})
