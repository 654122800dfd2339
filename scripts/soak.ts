/**
 * `npm run soak -- [--verifications N] [--large-every K]`: the browser bridge as it ships (out/main/bridge.js,
 * build first) verifying the samples N times through its HTTP API, a large-file refusal every K, with its
 * resident memory read as it runs. Exits 1 when RSS goes over 300 MiB or does not come back to within 20% of
 * its start (issue 15). `npm test` runs a short version (tests/soak/bridgeSoak.test.ts).
 */
import { parseArgs } from 'node:util'
import { runBridgeSoak } from '../tests/soak/bridgeSoak'

const { values } = parseArgs({
  options: {
    verifications: { type: 'string', default: '1000' },
    'large-every': { type: 'string', default: '100' },
  },
})
const verifications = Number(values.verifications)
const largeEvery = Number(values['large-every'])
if (
  !Number.isSafeInteger(verifications) ||
  verifications < 1 ||
  !Number.isSafeInteger(largeEvery) ||
  largeEvery < 0
) {
  process.stderr.write('usage: npm run soak -- [--verifications N] [--large-every K]\n')
  process.exit(2)
}
const r = await runBridgeSoak({
  verifications,
  largeEvery,
  onProgress: (done, rss) =>
    process.stderr.write(`soak: ${done}/${verifications}, RSS ${rss.toFixed(0)} MiB\n`),
})
const back = r.endMiB <= r.startMiB * 1.2
process.stdout.write(
  `soak: ${r.verifications} verifications (${r.verified} verified), ${r.refusals} large-file refusals in ${r.seconds.toFixed(0)} s; ` +
    `RSS after warm-up ${r.startMiB.toFixed(0)} MiB, peak ${r.peakMiB.toFixed(0)} MiB, end ${r.endMiB.toFixed(0)} MiB ` +
    `(bound 300 MiB: ${r.peakMiB < 300 ? 'held' : 'exceeded'}; end within 20% of start: ${back ? 'yes' : 'no'})\n`,
)
process.exit(r.peakMiB < 300 && back && r.verified === r.verifications ? 0 : 1)
