import { describe, expect, it } from 'vitest'
import { InputError } from '../../shared/errors'
import { bytesToHex } from '../encoding/hex'
import {
  createNetwork,
  lightClientForkAtSlot,
  NETWORK_DATA,
  NETWORKS,
  networkByName,
  syncCommitteePeriodAtSlot,
} from './networks'
import { computeDomain, DOMAIN_SYNC_COMMITTEE, forkDigest, signatureFork } from './signingRoot'

describe('networks', () => {
  it('mainnet sync-committee domains match the values computed in the research note', () => {
    const m = NETWORKS.mainnet
    const domain = (name: string) =>
      bytesToHex(
        computeDomain(
          DOMAIN_SYNC_COMMITTEE,
          m.forks.find((f) => f.name === name)!.version,
          m.genesisValidatorsRoot,
        ),
      )
    expect(domain('capella')).toBe('0x07000000bba4da96354c9f25476cf1bc69bf583a7f9e0af049305b62de676640')
    expect(domain('deneb')).toBe('0x070000006a95a1a967855d676d48be69883b712607f952d5198d0f5677564636')
    expect(domain('electra')).toBe('0x07000000ad532ceb9ec5d246daad29da8aa157bfdab35e5f069f9db81f1da754')
    expect(domain('fulu')).toBe('0x0700000082fae541f8a3db43adb5e7997ac5f562cf682ce6bc41b8ec28ba1a07')
    expect(
      bytesToHex(forkDigest(m.forks.find((f) => f.name === 'deneb')!.version, m.genesisValidatorsRoot)),
    ).toBe('0x6a95a1a9')
  })

  it('picks forks by slot and the signature fork from signature_slot - 1', () => {
    const m = NETWORKS.mainnet
    expect(lightClientForkAtSlot(m, 11649023n)).toBe('deneb')
    expect(lightClientForkAtSlot(m, 11649024n)).toBe('electra')
    expect(lightClientForkAtSlot(m, 13164544n)).toBe('fulu')
    // An update signed in the first Electra slot is signed under Deneb (epoch of signature_slot - 1).
    expect(signatureFork(m, 11649024n).name).toBe('deneb')
    expect(signatureFork(m, 11649025n).name).toBe('electra')
    expect(syncCommitteePeriodAtSlot(m, 7069376n)).toBe(862n)
    expect(() => lightClientForkAtSlot(m, 1000n)).toThrow(/phase0/)
  })

  it('has sepolia and hoodi', () => {
    expect(networkByName('sepolia').forks.find((f) => f.name === 'fulu')?.epoch).toBe(272640n)
    expect(bytesToHex(networkByName('hoodi').genesisValidatorsRoot)).toBe(
      '0x212f13fc4df078b6cb7db228f1c8307566dcecf900867401a92023d7ba99cb5f',
    )
    expect(() => networkByName('goerli')).toThrow(InputError)
  })

  it('validates custom network files', () => {
    const devnet = createNetwork({ ...NETWORK_DATA.mainnet, name: 'devnet', preset: 'minimal' })
    expect(devnet.preset.syncCommitteeSize).toBe(32)
    expect(() => createNetwork({ ...NETWORK_DATA.mainnet, genesisValidatorsRoot: '0x12' })).toThrow(
      /genesisValidatorsRoot/,
    )
    expect(() => createNetwork({ ...NETWORK_DATA.mainnet, extra: 1 })).toThrow(InputError)
    const outOfOrder = NETWORK_DATA.mainnet.forks.map((f) => (f.name === 'deneb' ? { ...f, epoch: 1 } : f))
    expect(() => createNetwork({ ...NETWORK_DATA.mainnet, forks: outOfOrder })).toThrow(
      /before an earlier fork/,
    )
    expect(() =>
      createNetwork({
        ...NETWORK_DATA.mainnet,
        preset: { slotsPerEpoch: 8, epochsPerSyncCommitteePeriod: 8, syncCommitteeSize: 30 },
      }),
    ).toThrow(/multiple of 8/)
    const far = createNetwork({
      ...NETWORK_DATA.mainnet,
      forks: [
        ...NETWORK_DATA.mainnet.forks.slice(0, 7),
        { name: 'gloas', version: '0x07000000', epoch: '18446744073709551615' },
      ],
    })
    expect(far.forks.at(-1)?.epoch).toBeNull()
  })
})
