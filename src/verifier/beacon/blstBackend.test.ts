import { describe, expect, it } from 'vitest'
import { readFixture } from '../../../tests/support/fixtures'
import { hexToBytes } from '../encoding/hex'
import { nobleBls } from './blsBackend'
import { loadBlstBackend } from './blstBackend'
import { NETWORKS } from './networks'
import { parseBootstrap, parseFinalityUpdate, parseOptimisticUpdate, parseUpdates } from './parseBeacon'
import { verifyBeaconChain, type BeaconEvidence } from './verifyBeaconChain'

/**
 * The optional @chainsafe/blst backend must give the same answer as noble on every real fixture chain, valid
 * and tampered. Skipped (and said so) when the native package does not load on this machine.
 */
const blst = await loadBlstBackend()
const network = NETWORKS.mainnet

function setA(): BeaconEvidence {
  const d = 'l1/helios/ethereum/testdata/'
  return {
    network,
    checkpoint: hexToBytes('0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275'),
    bootstrap: parseBootstrap(readFixture(d + 'bootstrap.json'), network),
    updates: parseUpdates(readFixture(d + 'updates.json'), network),
    finalityUpdate: parseFinalityUpdate(readFixture(d + 'finality.json'), network),
    optimisticUpdate: parseOptimisticUpdate(readFixture(d + 'optimistic.json'), network),
  }
}

function setB(): BeaconEvidence {
  const d = 'l1/nimbus/nimbus_verified_proxy/tests/data/'
  return {
    network,
    checkpoint: hexToBytes('0x9bcb90ec3a294591b77dd2a58e973578715cdc0e6eeeb286bc06dd120057f18b'),
    bootstrap: parseBootstrap(readFixture(d + 'lc_bootstrap.json'), network),
    updates: parseUpdates(readFixture(d + 'lc_updates.json'), network),
    finalityUpdate: parseFinalityUpdate(readFixture(d + 'lc_finality.json'), network),
    optimisticUpdate: parseOptimisticUpdate(readFixture(d + 'lc_optimistic.json'), network),
  }
}

function setC(): BeaconEvidence {
  const d = 'l1/colibri/test/data/eth_getStorageAt_electra/'
  return {
    network,
    checkpoint: hexToBytes('0xd9717ecc253684291f828688f311ba74d05af74c31654f6e14077669fca62f6a'),
    bootstrap: parseBootstrap(
      readFixture(
        d +
          'eth_v1_beacon_light_client_bootstrap_0xd9717ecc253684291f828688f311ba74d05af74c31654f6e14077669fca62.ssz',
      ),
      network,
    ),
    updates: parseUpdates(
      readFixture(d + 'eth_v1_beacon_light_client_updates_start_period_1421_count_1.ssz'),
      network,
    ),
  }
}

function statuses(evidence: BeaconEvidence, backend: typeof nobleBls) {
  const { report } = verifyBeaconChain(evidence, { bls: backend })
  return {
    verdict: report.verdict,
    checks: report.checks.map((c) => `${c.id}:${c.status}`),
    facts: report.facts,
  }
}

describe.skipIf(!blst)('blst backend agrees with noble', () => {
  for (const [name, make] of [
    ['set A', setA],
    ['set B', setB],
    ['set C', setC],
  ] as const) {
    it(`${name}: same verdict, checks and facts`, () => {
      const evidence = make()
      const a = statuses(evidence, nobleBls)
      const b = statuses(evidence, blst!)
      expect(a.verdict).toBe('verified')
      expect(b).toEqual(a)
    })
  }

  it('both reject a flipped signature bit and a swapped committee signer set', () => {
    const evidence = setB()
    const finalityUpdate = structuredClone(evidence.finalityUpdate!)
    finalityUpdate.syncAggregate.syncCommitteeSignature[50] =
      finalityUpdate.syncAggregate.syncCommitteeSignature[50]! ^ 0x20
    const tampered = { ...evidence, updates: [], optimisticUpdate: undefined, finalityUpdate }
    expect(statuses(tampered, blst!).checks).toContain('beacon.finality.signature:fail')
    expect(statuses(tampered, nobleBls).checks).toContain('beacon.finality.signature:fail')
    // One non-signer bit set and one signer bit cleared: same count, wrong set.
    const moved = structuredClone(evidence.finalityUpdate!)
    const bits = moved.syncAggregate.syncCommitteeBits
    const off = [...Array(512).keys()].find((i) => ((bits[i >> 3]! >> (i & 7)) & 1) === 0)!
    bits[off >> 3]! |= 1 << (off & 7)
    bits[((off + 1) % 512) >> 3]! &= ~(1 << (((off + 1) % 512) & 7))
    const swapped = { ...tampered, finalityUpdate: moved }
    expect(statuses(swapped, blst!).checks).toContain('beacon.finality.signature:fail')
    expect(statuses(swapped, nobleBls).checks).toContain('beacon.finality.signature:fail')
  })
})

describe('blst backend availability', () => {
  it('loads or reports null (never throws)', () => {
    expect(blst === null || blst.name === 'blst').toBe(true)
  })
})
