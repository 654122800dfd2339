import { describe, expect, it } from 'vitest'
import { readFixture, readFixtureJson } from '../../../tests/support/fixtures'
import { InputError } from '../../shared/errors'
import { bytesToHex, concatBytes } from '../encoding/hex'
import { FORK_RULES } from './forks'
import { beaconBlockRoot } from './lightClientHeader'
import { isValidNormalizedMerkleBranch } from './merkleBranch'
import { NETWORKS, syncCommitteePeriodAtSlot } from './networks'
import {
  parseBootstrap,
  parseFinalityUpdate,
  parseOptimisticUpdate,
  parseUpdates,
  toSsz,
  updatesFromSszList,
} from './parseBeacon'
import { forkTypes } from './sszTypes'

const network = NETWORKS.mainnet
const A = 'l1/helios/ethereum/testdata/'
const C = 'l1/colibri/test/data/'
const text = (s: string) => new TextEncoder().encode(s)

function u64le(n: number): Uint8Array {
  const b = new Uint8Array(8)
  new DataView(b.buffer).setBigUint64(0, BigInt(n), true)
  return b
}

describe('parseBeacon: beacon-API JSON', () => {
  it('reads set A in its capella containers, with bigint slots', () => {
    const bootstrap = parseBootstrap(readFixture(A + 'bootstrap.json'), network)
    expect(bootstrap.fork).toBe('capella')
    expect(bootstrap.header.beacon.slot).toBe(7069376n)
    expect(bytesToHex(beaconBlockRoot(bootstrap.header))).toBe(
      '0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275',
    )
    const updates = parseUpdates(readFixture(A + 'updates.json'), network)
    expect(updates.map((u) => syncCommitteePeriodAtSlot(network, u.attestedHeader.beacon.slot))).toEqual([
      862n,
      863n,
      864n,
      865n,
      866n,
      867n,
    ])
    expect(parseFinalityUpdate(readFixture(A + 'finality.json'), network).finalizedHeader.beacon.slot).toBe(
      7109344n,
    )
    expect(parseOptimisticUpdate(readFixture(A + 'optimistic.json'), network).signatureSlot).toBe(7109432n)
  })

  it('accepts a single update object and a bare data object', () => {
    const all = readFixtureJson<{ version: string; data: unknown }[]>(A + 'updates.json')
    expect(parseUpdates(text(JSON.stringify(all[2])), network)).toHaveLength(1)
    expect(parseUpdates(text(JSON.stringify(all[2]!.data)), network)[0]!.fork).toBe('capella')
  })

  it('JSON and SSZ of the same object decode to the same value', () => {
    const json = parseUpdates(readFixture(A + 'updates.json'), network)[0]!
    const bytes = toSsz(json, 'update', network)
    const again = parseUpdates(bytes, network)[0]!
    expect(bytesToHex(forkTypes('capella', network.preset).LightClientUpdate.hashTreeRoot(again))).toBe(
      bytesToHex(forkTypes('capella', network.preset).LightClientUpdate.hashTreeRoot(json)),
    )
  })

  it('rejects a version that does not match the slot’s fork', () => {
    const b = readFixtureJson<{ version: string; data: unknown }>(A + 'bootstrap.json')
    expect(() => parseBootstrap(text(JSON.stringify({ ...b, version: 'deneb' })), network)).toThrow(
      /does not match/,
    )
    expect(() => parseBootstrap(text(JSON.stringify({ ...b, version: 'gloas' })), network)).toThrow(
      /unsupported/,
    )
  })

  it('rejects malformed fields with a path', () => {
    const b = readFixtureJson<{ version: string; data: { current_sync_committee_branch: string[] } }>(
      A + 'bootstrap.json',
    )
    const short = structuredClone(b)
    short.data.current_sync_committee_branch.pop()
    expect(() => parseBootstrap(text(JSON.stringify(short)), network)).toThrow(InputError)
    const oddHex = structuredClone(b)
    oddHex.data.current_sync_committee_branch[0] = '0x123'
    expect(() => parseBootstrap(text(JSON.stringify(oddHex)), network)).toThrow(
      /current_sync_committee_branch\.0/,
    )
    expect(() => parseBootstrap(text('{"version":"capella","data":{}}'), network)).toThrow(/no header slot/)
    expect(() => parseBootstrap(text('{"version":'), network)).toThrow(InputError)
  })

  it('rejects slots before Capella as unsupported', () => {
    const b = readFixtureJson<{ version: string; data: { header: { beacon: { slot: string } } } }>(
      A + 'bootstrap.json',
    )
    b.data.header.beacon.slot = '100'
    expect(() => parseBootstrap(text(JSON.stringify({ data: b.data })), network)).toThrow(/phase0/)
  })
})

describe('parseBeacon: SSZ octet-stream (set C)', () => {
  it('reads a deneb bootstrap from the header slot', () => {
    const bootstrap = parseBootstrap(
      readFixture(
        C +
          'eth_getStorageAt_electra/eth_v1_beacon_light_client_bootstrap_0xd9717ecc253684291f828688f311ba74d05af74c31654f6e14077669fca62.ssz',
      ),
      network,
    )
    expect(bootstrap.fork).toBe('deneb')
    expect(bytesToHex(beaconBlockRoot(bootstrap.header))).toBe(
      '0xd9717ecc253684291f828688f311ba74d05af74c31654f6e14077669fca62f6a',
    )
  })

  it('reads the 14-update by-range body; every branch proves into its attested state', () => {
    const updates = parseUpdates(
      readFixture(C + 'trusted_block1/eth_v1_beacon_light_client_updates_start_period_1393_count_14.ssz'),
      network,
    )
    expect(updates).toHaveLength(14)
    expect(
      updates.map((u) => Number(syncCommitteePeriodAtSlot(network, u.attestedHeader.beacon.slot))),
    ).toEqual(Array.from({ length: 14 }, (_, i) => 1393 + i))
    const rules = FORK_RULES.deneb
    const types = forkTypes('deneb', network.preset)
    for (const u of updates) {
      const state = u.attestedHeader.beacon.stateRoot
      expect(
        isValidNormalizedMerkleBranch(
          beaconBlockRoot(u.finalizedHeader),
          u.finalityBranch,
          rules.finalizedRootGindex,
          state,
        ),
      ).toBe(true)
      expect(
        isValidNormalizedMerkleBranch(
          types.SyncCommittee.hashTreeRoot(u.nextSyncCommittee),
          u.nextSyncCommitteeBranch,
          rules.nextSyncCommitteeGindex,
          state,
        ),
      ).toBe(true)
    }
  })

  it('rejects a wrong fork digest, a bad length and a truncated item', () => {
    const body = readFixture(
      C + 'eth_getStorageAt_electra/eth_v1_beacon_light_client_updates_start_period_1421_count_1.ssz',
    )
    expect(bytesToHex(body.subarray(8, 12))).toBe('0x6a95a1a9') // deneb on mainnet
    const badDigest = body.slice()
    badDigest[8] = badDigest[8]! ^ 1
    expect(() => updatesFromSszList(badDigest, network)).toThrow(/fork digest/)
    const badLength = concatBytes(u64le(2 ** 40), body.subarray(8))
    expect(() => updatesFromSszList(badLength, network)).toThrow(/out of range/)
    expect(() => updatesFromSszList(body.subarray(0, body.length - 10), network)).toThrow(InputError)
    expect(() => parseUpdates(body.subarray(0, 3), network)).toThrow(InputError)
    expect(() => parseBootstrap(new Uint8Array(64), network)).toThrow(InputError)
  })
})
