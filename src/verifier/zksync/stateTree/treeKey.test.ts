import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../../tests/support/fixtures'
import { bigintToBytes32, bytesToHex, hexToBytes, parseQuantity } from '../../encoding/hex'
import { treeKeyBit, zksTreeKey } from './treeKey'

interface StateDiff {
  address: string
  key: string
  derived_key: number[]
}
interface CommitmentFixture {
  input: { PostBoojum?: { state_diffs: StateDiff[] } }
}
const COMMITMENT_FIXTURES = [
  'post_boojum_1_4_1_test.json',
  'post_boojum_1_4_2_test.json',
  'post_boojum_1_5_0_test.json',
  'post_boojum_1_5_0_test_with_evm.json',
  'post_gateway_test.json',
]

describe('state tree key', () => {
  // zksync-era's own commitment fixtures carry each state diff's `derived_key`, the tree key the server computes.
  it('matches derived_key of every state diff in the zksync-era commitment fixtures', () => {
    let n = 0
    for (const f of COMMITMENT_FIXTURES) {
      const fx = readFixtureJson<CommitmentFixture>(`zksync/zksync-era/commitment/${f}`)
      for (const d of fx.input.PostBoojum!.state_diffs) {
        // keys are serialized as U256 quantities (leading zeros dropped)
        const slot = bigintToBytes32(parseQuantity(d.key, 'key'))
        const key = zksTreeKey(hexToBytes(d.address, 'address', 20), slot)
        expect(Array.from(key)).toEqual(d.derived_key)
        n++
      }
    }
    expect(n).toBe(185)
  })

  it('matches the tree keys of the synthetic and mainnet vectors', () => {
    const v = readFixtureJson<{
      syntheticTree: { cases: { address: string; key: string; treeKey: string }[] }
    }>('zksync/derived/state_tree_vectors.json')
    for (const c of v.syntheticTree.cases) {
      expect(bytesToHex(zksTreeKey(hexToBytes(c.address), hexToBytes(c.key)))).toBe(c.treeKey)
    }
    const m = readFixtureJson<{ address: string; storageProof: { key: string }; treeKey: string }>(
      'zksync/derived/zks_getproof_mainnet_vector.json',
    )
    expect(bytesToHex(zksTreeKey(hexToBytes(m.address), hexToBytes(m.storageProof.key)))).toBe(m.treeKey)
  })

  it('reads bits little-endian: bit 0 is the low bit of byte 0, bit 255 the top bit of byte 31', () => {
    const k = new Uint8Array(32)
    k[0] = 0b0000_0010
    k[31] = 0b1000_0000
    expect([0, 1, 2].map((d) => treeKeyBit(k, d))).toEqual([0, 1, 0])
    expect(treeKeyBit(k, 255)).toBe(1)
    expect(treeKeyBit(k, 254)).toBe(0)
  })

  it('refuses wrong lengths', () => {
    expect(() => zksTreeKey(new Uint8Array(32), new Uint8Array(32))).toThrow(RangeError)
    expect(() => zksTreeKey(new Uint8Array(20), new Uint8Array(20))).toThrow(RangeError)
  })
})
