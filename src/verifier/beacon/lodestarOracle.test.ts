import { createBeaconConfig } from '@lodestar/config'
import { genesisData, mainnetChainConfig } from '@lodestar/config/networks'
import { LightclientSpec } from '@lodestar/light-client/spec'
import { ssz } from '@lodestar/types'
import { describe, expect, it } from 'vitest'
import { readFixture, readFixtureJson } from '../../../tests/support/fixtures'
import { bytesToHex, hexToBytes } from '../encoding/hex'
import { beaconBlockRoot } from './lightClientHeader'
import { NETWORKS } from './networks'
import { parseBootstrap, parseFinalityUpdate, parseOptimisticUpdate, parseUpdates } from './parseBeacon'
import { verifyBeaconChain } from './verifyBeaconChain'

/**
 * Oracle: @lodestar/light-client 1.28.1 (dev dependency, test only) processes set A independently
 * (its own SSZ, its own BLS via @chainsafe/bls). Both must end at the same finalized and optimistic headers,
 * and both must reject the same tampered update.
 */
const A = 'l1/helios/ethereum/testdata/'
type Envelope = { version: string; data: unknown }
const CURRENT_SLOT = 7_200_000

function lodestarRun(updates: Envelope[]) {
  const config = createBeaconConfig(mainnetChainConfig, hexToBytes(genesisData.mainnet.genesisValidatorsRoot))
  const bootstrap = ssz.capella.LightClientBootstrap.fromJson(
    readFixtureJson<Envelope>(A + 'bootstrap.json').data,
  )
  const spec = new LightclientSpec(
    config,
    { allowForcedUpdates: false, updateHeadersOnForcedUpdate: false },
    bootstrap,
  )
  for (const u of updates) spec.onUpdate(CURRENT_SLOT, ssz.capella.LightClientUpdate.fromJson(u.data))
  spec.onFinalityUpdate(
    CURRENT_SLOT,
    ssz.capella.LightClientFinalityUpdate.fromJson(readFixtureJson<Envelope>(A + 'finality.json').data),
  )
  spec.onOptimisticUpdate(
    CURRENT_SLOT,
    ssz.capella.LightClientOptimisticUpdate.fromJson(readFixtureJson<Envelope>(A + 'optimistic.json').data),
  )
  return {
    finalized: bytesToHex(ssz.phase0.BeaconBlockHeader.hashTreeRoot(spec.store.finalizedHeader.beacon)),
    optimistic: bytesToHex(ssz.phase0.BeaconBlockHeader.hashTreeRoot(spec.store.optimisticHeader.beacon)),
    finalizedSlot: spec.store.finalizedHeader.beacon.slot,
  }
}

describe('cross-check with @lodestar/light-client 1.28.1 on set A', () => {
  const network = NETWORKS.mainnet
  const ours = verifyBeaconChain({
    network,
    checkpoint: hexToBytes('0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275'),
    bootstrap: parseBootstrap(readFixture(A + 'bootstrap.json'), network),
    updates: parseUpdates(readFixture(A + 'updates.json'), network),
    finalityUpdate: parseFinalityUpdate(readFixture(A + 'finality.json'), network),
    optimisticUpdate: parseOptimisticUpdate(readFixture(A + 'optimistic.json'), network),
    currentSlot: BigInt(CURRENT_SLOT),
  })

  it('ends at the same finalized and optimistic headers', () => {
    expect(ours.report.verdict).toBe('verified')
    const theirs = lodestarRun(readFixtureJson<Envelope[]>(A + 'updates.json'))
    expect(theirs.finalizedSlot).toBe(7109344)
    expect(bytesToHex(beaconBlockRoot(ours.store!.finalizedHeader))).toBe(theirs.finalized)
    expect(bytesToHex(beaconBlockRoot(ours.store!.optimisticHeader))).toBe(theirs.optimistic)
  })

  it('both reject an update with a flipped signature bit', () => {
    const updates = readFixtureJson<
      { version: string; data: { sync_aggregate: { sync_committee_signature: string } } }[]
    >(A + 'updates.json')
    const sig = updates[0]!.data.sync_aggregate.sync_committee_signature
    const flipped = sig.slice(0, 90) + (sig[90] === '0' ? '1' : '0') + sig.slice(91)
    updates[0]!.data.sync_aggregate.sync_committee_signature = flipped
    expect(() => lodestarRun(updates)).toThrow()
    const bytes = new TextEncoder().encode(JSON.stringify(updates))
    const { report } = verifyBeaconChain({
      network,
      checkpoint: hexToBytes('0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275'),
      bootstrap: parseBootstrap(readFixture(A + 'bootstrap.json'), network),
      updates: parseUpdates(bytes, network).slice(0, 1),
    })
    expect(report.checks.find((c) => c.id === 'beacon.update[862].signature')?.status).toBe('fail')
  })
})
