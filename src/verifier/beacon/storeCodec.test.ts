import { describe, expect, it } from 'vitest'
import { readFixture } from '../../../tests/support/fixtures'
import { InputError } from '../../shared/errors'
import { bytesToHex, hexToBytes } from '../encoding/hex'
import { stringifyJson } from '../encoding/json'
import { beaconBlockRoot } from './lightClientHeader'
import { NETWORKS } from './networks'
import { parseBootstrap, parseFinalityUpdate, parseOptimisticUpdate, parseUpdates } from './parseBeacon'
import { storeFromJson, storeToJson } from './storeCodec'
import { resumeBeaconChain, verifyBeaconChain } from './verifyBeaconChain'

const A = 'l1/helios/ethereum/testdata/'
const network = NETWORKS.mainnet

describe('persisting and resuming the store (set A)', () => {
  const updates = parseUpdates(readFixture(A + 'updates.json'), network)
  const first = verifyBeaconChain({
    network,
    checkpoint: hexToBytes('0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275'),
    bootstrap: parseBootstrap(readFixture(A + 'bootstrap.json'), network),
    updates: updates.slice(0, 3),
  })

  it('a store saved after 3 periods resumes through the rest to the same head as one run', () => {
    expect(first.report.verdict).toBe('verified')
    const saved = JSON.parse(stringifyJson(storeToJson(first.store!, network))) as unknown
    const restored = storeFromJson(saved, network)
    expect(bytesToHex(beaconBlockRoot(restored.finalizedHeader))).toBe(
      bytesToHex(beaconBlockRoot(first.store!.finalizedHeader)),
    )
    const resumed = resumeBeaconChain(network, restored, {
      updates: updates.slice(3),
      finalityUpdate: parseFinalityUpdate(readFixture(A + 'finality.json'), network),
      optimisticUpdate: parseOptimisticUpdate(readFixture(A + 'optimistic.json'), network),
    })
    expect(resumed.report.verdict).toBe('verified')
    expect(resumed.report.subject.trustRoot?.value).toBe(
      bytesToHex(beaconBlockRoot(first.store!.finalizedHeader)),
    )
    expect(resumed.report.facts.finalized).toMatchObject({ executionBlockNumber: '17923026' })
  })

  it('a restored store still rejects an update it cannot reach', () => {
    const restored = storeFromJson(storeToJson(first.store!, network), network)
    const resumed = resumeBeaconChain(network, restored, { updates: updates.slice(4) })
    expect(resumed.report.verdict).toBe('failed')
    expect(resumed.report.checks.find((c) => c.id === 'beacon.update[866].period')?.status).toBe('fail')
  })

  it('refuses a store for another network or a damaged one', () => {
    const json = storeToJson(first.store!, network)
    expect(() => storeFromJson(json, NETWORKS.sepolia)).toThrow(/for mainnet/)
    expect(() => storeFromJson({ ...json, currentSyncCommittee: '0x00' }, network)).toThrow(InputError)
    expect(() => storeFromJson({ ...json, version: 2 }, network)).toThrow(InputError)
  })
})
