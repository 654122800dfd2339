import { sha256 } from '@noble/hashes/sha2.js'
import { describe, expect, it } from 'vitest'
import { forkAtEpoch, NETWORK_DATA, NETWORKS, networkByName } from '../../src/verifier/beacon/networks'
import { bytesToHex } from '../../src/verifier/encoding/hex'
import { devnetSlotAt, devnetTimestampAt, LIGHTPROOF_DEVNET, unixSeconds } from './devnetNetwork'

describe('lightproof-devnet network row', () => {
  const network = networkByName('lightproof-devnet')

  it('is registered in the verifier table under its name', () => {
    expect(NETWORKS['lightproof-devnet']).toBe(network)
    expect(network.name).toBe(LIGHTPROOF_DEVNET.name)
    expect(network.preset).toEqual({
      slotsPerEpoch: 32,
      epochsPerSyncCommitteePeriod: 256,
      syncCommitteeSize: 512,
    })
  })

  it('has the documented genesis_validators_root and fork versions no other network uses', () => {
    const label = new TextEncoder().encode('lightproof-devnet genesis_validators_root')
    expect(bytesToHex(network.genesisValidatorsRoot)).toBe(bytesToHex(sha256(label)))
    const others = Object.values(NETWORK_DATA)
      .filter((n) => n.name !== 'lightproof-devnet')
      .flatMap((n) => n.forks.map((f) => f.version))
    for (const f of LIGHTPROOF_DEVNET.forks) expect(others).not.toContain(f.version)
  })

  it('runs Electra from epoch 0 and schedules no later fork', () => {
    expect(forkAtEpoch(network, 0n).name).toBe('electra')
    expect(forkAtEpoch(network, 10n ** 9n).name).toBe('electra')
  })

  it('maps wall-clock time to slots and back (12 s slots from 2025-01-01)', () => {
    const t = new Date('2026-01-01T00:00:30Z')
    const slot = devnetSlotAt(t)
    expect(slot).toBe((unixSeconds(t) - 1735689600n) / 12n)
    expect(devnetTimestampAt(slot)).toBeLessThanOrEqual(unixSeconds(t))
    expect(devnetTimestampAt(slot + 1n)).toBeGreaterThan(unixSeconds(t))
    expect(devnetSlotAt(unixSeconds(t))).toBe(slot)
    expect(() => devnetSlotAt(new Date('2024-12-31T23:59:59Z'))).toThrow(RangeError)
  })
})
