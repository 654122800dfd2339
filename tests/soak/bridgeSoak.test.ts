import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../support/fixtures'
import { runBridgeSoak } from './bridgeSoak'

/**
 * The short soak `npm test` keeps: the built bridge verifying the samples 60 times through its API, three
 * large-file refusals among them. The 1,000-verification run is `npm run soak` (README: its figures).
 */
describe.skipIf(!existsSync(join(REPO_ROOT, 'out', 'main', 'bridge.js')))('bridge soak (short)', () => {
  it('every verification verifies, every large file is refused, memory stays bounded', async () => {
    const r = await runBridgeSoak({ verifications: 60, largeEvery: 20 })
    expect(r.verified).toBe(60)
    expect(r.refusals).toBe(3)
    expect(r.peakMiB, JSON.stringify(r)).toBeLessThan(300)
    expect(r.endMiB, JSON.stringify(r)).toBeLessThanOrEqual(r.startMiB * 1.2)
  }, 300_000)
})
