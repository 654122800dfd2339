import { describe, expect, it } from 'vitest'
import { readFixture } from '../../../../tests/support/fixtures'
import { bytesToHex } from '../../../verifier/encoding/hex'
import { beaconBlockRoot } from '../../../verifier/beacon/lightClientHeader'
import { NETWORKS } from '../../../verifier/beacon/networks'
import { parseBootstrap } from '../../../verifier/beacon/parseBeacon'
import { SHIPPED_CHECKPOINTS } from './shippedCheckpoints'

describe('shipped checkpoints', () => {
  it('mainnet: the root and slot are those of the real set-B bootstrap header', () => {
    const bootstrap = parseBootstrap(
      readFixture('l1/nimbus/nimbus_verified_proxy/tests/data/lc_bootstrap.json'),
      NETWORKS.mainnet,
    )
    const shipped = SHIPPED_CHECKPOINTS.mainnet!
    expect(bytesToHex(beaconBlockRoot(bootstrap.header))).toBe(shipped.root)
    expect(bootstrap.header.beacon.slot).toBe(shipped.slot)
  })
})
