import { describe, expect, it } from 'vitest'
import { readFixtureText } from '../../../tests/support/fixtures'
import { NETWORKS } from '../beacon/networks'
import type { Report } from '../report'
import {
  checkpointAgeCheck,
  WEAK_SUBJECTIVITY_HORIZON_SECONDS,
  withCheckpointChecks,
} from './beaconCheckpoint'
import { createEvidence } from './createEvidence'
import { verifyEvidence } from '../kinds/verifyEvidence'

// Set A (helios, mainnet Capella): checkpoint = the bootstrap header at slot 7069376 (2023-08-10T08:35:35Z);
// only the bootstrap and the period-862 update, to keep the BLS work to one signature. Its newest head is the
// bootstrap header itself, so evidence "made" shortly after that slot is a fresh chain.
const SOON_AFTER = '2023-08-10T09:00:00Z'
const DIR = 'l1/helios/ethereum/testdata/'
const CHECKPOINT = '0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275'
const updates = JSON.parse(readFixtureText(DIR + 'updates.json')) as unknown[]

function evidence(createdAt: string, question: Record<string, unknown> = {}) {
  return createEvidence({
    kind: 'beacon',
    createdAt,
    question,
    trust: { kind: 'beacon-checkpoint', value: CHECKPOINT },
    data: {
      beacon: {
        network: 'mainnet',
        bootstrap: { encoding: 'utf8', text: readFixtureText(DIR + 'bootstrap.json') },
        updates: [{ encoding: 'utf8', text: JSON.stringify([updates[0]]) }],
      },
    },
  })
}

const check = (r: Report, id: string) => r.checks.find((c) => c.id === id)

describe('checkpoint checks of beacon evidence', () => {
  it('passes the age check within the horizon and records the provenance', async () => {
    const report = await verifyEvidence(
      evidence(SOON_AFTER, {
        checkpoint: {
          source: 'last-verified',
          verifiedFrom: {
            root: '0x' + '11'.repeat(32),
            source: 'pinned',
            verifiedAt: '2023-08-01T00:00:00Z',
          },
        },
      }),
    )
    expect(report.verdict).toBe('verified')
    expect(check(report, 'beacon.checkpoint.age')).toMatchObject({ status: 'pass', required: false })
    const source = check(report, 'beacon.checkpoint.source')!
    expect(source.status).toBe('skip')
    expect(source.detail).toContain('verified earlier')
    expect(source.detail).toContain('0x' + '11'.repeat(32))
  })

  it('fails (optionally) beyond the horizon, naming it', async () => {
    // Made years later, the chain itself is stale too; the age check stays optional either way.
    const report = await verifyEvidence(
      evidence('2026-11-24T00:00:00Z', { checkpoint: { source: 'shipped' } }),
    )
    const age = check(report, 'beacon.checkpoint.age')!
    expect(age).toMatchObject({ status: 'fail', required: false })
    expect(age.detail).toContain('weak-subjectivity horizon')
    expect(check(report, 'beacon.checkpoint.source')!.detail).toContain('shipped')
  })

  it('an over-age checkpoint does not change the verdict the chain earned', async () => {
    const verified = await verifyEvidence(evidence(SOON_AFTER))
    expect(verified.verdict).toBe('verified')
    const chainOnly = {
      ...verified,
      checks: verified.checks.filter((c) => !c.id.startsWith('beacon.checkpoint')),
    }
    const e = evidence(SOON_AFTER)
    const bootstrap = (e.data.beacon as { bootstrap: { encoding: 'utf8'; text: string } }).bootstrap
    const late = withCheckpointChecks(
      chainOnly,
      NETWORKS.mainnet,
      bootstrap,
      CHECKPOINT,
      '2026-11-24T00:00:00Z',
      {},
    )
    expect(late.verdict).toBe('verified')
    expect(check(late, 'beacon.checkpoint.age')).toMatchObject({ status: 'fail', required: false })
    expect(check(late, 'beacon.checkpoint.source')!.detail).toContain('does not say')
  })

  it('a tampered chain still fails on the chain, not on the checkpoint checks', async () => {
    const e = evidence(SOON_AFTER)
    const u = structuredClone(updates[0]) as {
      data: { sync_aggregate: { sync_committee_signature: string } }
    }
    const sig = u.data.sync_aggregate.sync_committee_signature
    u.data.sync_aggregate.sync_committee_signature =
      sig.slice(0, 40) + (sig[40] === '0' ? '1' : '0') + sig.slice(41)
    ;(e.data.beacon as { updates: unknown[] }).updates = [{ encoding: 'utf8', text: JSON.stringify([u]) }]
    const report = await verifyEvidence(e)
    expect(report.verdict).toBe('failed')
    expect(
      report.checks.some((c) => c.required && c.status === 'fail' && c.id.startsWith('beacon.update')),
    ).toBe(true)
  })

  it('skips the age without a creation time and bounds the horizon at 14 days', () => {
    const net = NETWORKS.mainnet
    expect(checkpointAgeCheck(net, 7069376n, undefined).status).toBe('skip')
    const slotMs = (Number(net.genesisTime) + 7069376 * 12) * 1000
    const at = (s: number) => new Date(slotMs + s * 1000).toISOString()
    expect(checkpointAgeCheck(net, 7069376n, at(WEAK_SUBJECTIVITY_HORIZON_SECONDS)).status).toBe('pass')
    expect(checkpointAgeCheck(net, 7069376n, at(WEAK_SUBJECTIVITY_HORIZON_SECONDS + 1)).status).toBe('fail')
  })
})
