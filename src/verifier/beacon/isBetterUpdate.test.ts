import { describe, expect, it } from 'vitest'
import { readFixture } from '../../../tests/support/fixtures'
import { isBetterUpdate, isFinalityUpdate, isSyncCommitteeUpdate } from './isBetterUpdate'
import { emptyHeader, emptySyncCommittee, zeroBranch } from './lightClientHeader'
import { NETWORKS } from './networks'
import { parseUpdates } from './parseBeacon'
import type { LightClientUpdate } from './types'

/** is_better_update's ordering, on real set A updates varied one field at a time (no signatures involved). */
const network = NETWORKS.mainnet
const base = parseUpdates(readFixture('l1/helios/ethereum/testdata/updates.json'), network)[1]!

function variant(change: (u: LightClientUpdate) => void): LightClientUpdate {
  const u = structuredClone(base)
  change(u)
  return u
}
const withSigners = (n: number) =>
  variant((u) => {
    u.syncAggregate.syncCommitteeBits.fill(0)
    for (let i = 0; i < n; i++) u.syncAggregate.syncCommitteeBits[i >> 3]! |= 1 << (i & 7)
  })
const noFinality = variant((u) => {
  u.finalizedHeader = emptyHeader('capella')
  u.finalityBranch = zeroBranch(6)
})
const noCommittee = variant((u) => {
  u.nextSyncCommittee = emptySyncCommittee(512)
  u.nextSyncCommitteeBranch = zeroBranch(5)
})

describe('isBetterUpdate', () => {
  it('reads presence from the branches', () => {
    expect([isFinalityUpdate(base), isSyncCommitteeUpdate(base)]).toEqual([true, true])
    expect(isFinalityUpdate(noFinality)).toBe(false)
    expect(isSyncCommitteeUpdate(noCommittee)).toBe(false)
  })

  it('prefers a supermajority, then more signers below it', () => {
    expect(isBetterUpdate(network, withSigners(342), withSigners(341))).toBe(true)
    expect(isBetterUpdate(network, withSigners(341), withSigners(342))).toBe(false)
    expect(isBetterUpdate(network, withSigners(300), withSigners(200))).toBe(true)
  })

  it('prefers a relevant committee, then finality', () => {
    expect(isBetterUpdate(network, base, noCommittee)).toBe(true)
    expect(isBetterUpdate(network, noCommittee, base)).toBe(false)
    expect(isBetterUpdate(network, base, noFinality)).toBe(true)
    expect(isBetterUpdate(network, noFinality, base)).toBe(false)
  })

  it('breaks ties by participation, then older attested data, then earlier signature', () => {
    expect(isBetterUpdate(network, withSigners(512), withSigners(400))).toBe(true)
    const older = variant((u) => (u.attestedHeader.beacon.slot -= 1n))
    expect(isBetterUpdate(network, older, base)).toBe(true)
    const earlierSig = variant((u) => (u.signatureSlot -= 1n))
    expect(isBetterUpdate(network, earlierSig, base)).toBe(true)
    expect(isBetterUpdate(network, base, base)).toBe(false)
  })
})
