import { beforeAll, describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../../tests/support/fixtures'
import { useKzgBackend } from '../../crypto/kzgBackend'
import { hexToBytes } from '../../encoding/hex'
import { initKzg } from '../../kinds/initBackends'
import { ReportBuilder, type Report } from '../../report'
import type { PublishedData } from '../batches/dataAvailability'
import { keccak_256 } from '../../crypto/backends'
import { blobLinearHashes, pubdataToZkBlobs, zkBlobToBlob } from './blobEncoding'
import { checkPublishedData, type DataOffered } from './checkPublishedData'

const vector = readFixtureJson<{ pubdata: string; expected_outputs: Record<string, string> }>(
  'zksync/zksync-era/kzg/kzg_test_0.json',
)
const pubdata = hexToBytes(`0x${vector.pubdata}`)
const out = (k: string) => hexToBytes(`0x${vector.expected_outputs[k]!}`)

/** What a bound v26+ batch commitment fixes for the vector's one blob (all from the vector, none recomputed). */
function bound(overrides: Partial<PublishedData & { source: 'blobs' }>['blobs'] = undefined): PublishedData {
  return {
    source: 'blobs',
    fullPubdataHash: keccak_256(pubdata),
    blobs: overrides ?? [
      {
        linearHash: blobLinearHashes(pubdata)[0]!,
        versionedHash: out('versioned_hash'),
        openingPoint: out('opening_point').slice(16),
        claimedValue: out('opening_value'),
        kzgCommitment: out('kzg_commitment'),
        kzgProof: out('opening_proof'),
      },
    ],
  }
}

function run(offered: DataOffered, published = bound()): { report: Report; facts: Report['facts'] } {
  const r = new ReportBuilder({ kind: 'test', description: 'published data' })
  checkPublishedData(r, published, offered)
  const report = r.build()
  return { report, facts: report.facts }
}
const statusOf = (report: Report, id: string) => report.checks.find((c) => c.id === id)?.status
const blob = zkBlobToBlob(pubdataToZkBlobs(pubdata)[0]!)

beforeAll(async () => {
  expect(await initKzg()).not.toBeNull()
})

describe('checkPublishedData on the real kzg_test_0.json vector', () => {
  it('pubdata from a file: linear hash, versioned hash, opening and fullPubdataHash all pass', () => {
    const { report, facts } = run({ kind: 'pubdata', pubdata })
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([])
    expect(report.verdict).toBe('verified')
    expect(facts.pubdata).toMatchObject({ logs: 5, messages: 5, bytecodes: 0, stateDiffs: 2456 })
    expect(facts.blobs).toEqual([
      expect.objectContaining({ versionedHash: `0x${vector.expected_outputs.versioned_hash}` }),
    ])
  })

  it('the EIP-4844 blob as a beacon node serves it passes the same checks', () => {
    const { report } = run({ kind: 'blobs', blobs: [blob] })
    expect(report.verdict).toBe('verified')
    expect(statusOf(report, 'zksync.da.blob[0].versionedHash')).toBe('pass')
  })

  it('lie: one flipped pubdata byte — caught by zksync.da.blob[0].linearHash', () => {
    const flipped = pubdata.slice()
    flipped[20_000]! ^= 0x01
    const { report } = run({ kind: 'pubdata', pubdata: flipped })
    expect(report.verdict).toBe('failed')
    expect(statusOf(report, 'zksync.da.blob[0].linearHash')).toBe('fail')
  })

  it('lie: a valid ZKsync blob of other data (another batch) — caught by zksync.da.blob[0].linearHash', () => {
    const other = pubdata.slice()
    other[5]! ^= 0x80
    const { report } = run({ kind: 'blobs', blobs: [zkBlobToBlob(pubdataToZkBlobs(other)[0]!)] })
    expect(statusOf(report, 'zksync.da.blob[0].linearHash')).toBe('fail')
    expect(report.verdict).toBe('failed')
  })

  it('lie: a corrupted blob (one evaluation changed) — caught by zksync.da.blob[0].encoding', () => {
    const corrupted = blob.slice()
    corrupted[4000]! ^= 0x01
    const { report } = run({ kind: 'blobs', blobs: [corrupted] })
    expect(statusOf(report, 'zksync.da.blob[0].encoding')).toBe('fail')
    expect(report.verdict).toBe('failed')
  })

  it('lie: the data is right but the bound versioned hash is another blob’s — caught by zksync.da.blob[0].versionedHash', () => {
    const published = bound()
    if (published.source !== 'blobs') throw new Error('unreachable')
    const vh = published.blobs[0]!.versionedHash!.slice()
    vh[31]! ^= 1
    published.blobs[0]!.versionedHash = vh
    const { report } = run({ kind: 'pubdata', pubdata }, published)
    expect(statusOf(report, 'zksync.da.blob[0].versionedHash')).toBe('fail')
  })

  it('lie: a wrong claimed value — caught by zksync.da.blob[0].opening', () => {
    const published = bound()
    if (published.source !== 'blobs') throw new Error('unreachable')
    published.blobs[0]!.claimedValue = new Uint8Array(32)
    const { report } = run({ kind: 'pubdata', pubdata }, published)
    expect(statusOf(report, 'zksync.da.blob[0].opening')).toBe('fail')
  })

  it('lie: a withheld blob — zksync.da.blob[0].available skipped, the verdict incomplete (not failed)', () => {
    const { report } = run({ kind: 'blobs', blobs: [null], missing: 'the node no longer retains blobs' })
    expect(statusOf(report, 'zksync.da.blob[0].available')).toBe('skip')
    expect(report.verdict).toBe('incomplete')
    expect(report.checks.find((c) => c.id === 'zksync.da.blob[0].available')?.detail).toMatch(
      /no longer retains/,
    )
  })

  it('lie: two blobs for a batch that published one — caught by zksync.da.blobs.count', () => {
    const { report } = run({ kind: 'blobs', blobs: [blob, blob] })
    expect(statusOf(report, 'zksync.da.blobs.count')).toBe('fail')
  })

  it('lie: pubdata with one extra nonzero byte after its end — caught by zksync.da.blob[0].linearHash', () => {
    const longer = new Uint8Array(pubdata.length + 1)
    longer.set(pubdata)
    longer[pubdata.length] = 7
    const { report } = run({ kind: 'pubdata', pubdata: longer })
    expect(statusOf(report, 'zksync.da.blob[0].linearHash')).toBe('fail')
  })

  it('without a KZG backend the versioned hash cannot be checked: incomplete, never verified', () => {
    const restore = useKzgBackend(undefined)
    try {
      const { report } = run({ kind: 'pubdata', pubdata })
      expect(statusOf(report, 'zksync.da.blob[0].versionedHash')).toBe('error')
      expect(report.verdict).toBe('incomplete')
    } finally {
      restore()
    }
  })
})
