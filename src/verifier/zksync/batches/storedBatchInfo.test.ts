import { AbiCoder, keccak256 } from 'ethers'
import { describe, expect, it } from 'vitest'
import { readFixture, readFixtureJson } from '../../../../tests/support/fixtures'
import { bytesToHex, hexToBytes } from '../../encoding/hex'
import { decodeCommitCalldata } from './decodeCommitCalldata'
import { sbiTuple } from './encodeCommitCalldata'
import { storedBatchInfoAbi } from './executorStructs'
import { bindStoredBatchInfo, encodeStoredBatchInfo, storedBatchInfoHash } from './storedBatchInfo'
import type { StoredBatchInfo } from './types'

const CC = 'zksync/zksync-era/consistency_checker/'
const cases = [
  ['commit_l1_batch_351000-351004_mainnet', CC + 'commit_l1_batch_351000-351004_mainnet.calldata'],
  ['commit_l1_batch_4470_testnet_sepolia', CC + 'commit_l1_batch_4470_testnet_sepolia.calldata'],
] as const

const expected = readFixtureJson<Record<string, { lastCommitted: { storedBatchHash8: string } }>>(
  'zksync/derived/consistency_checker_calldata_decoded.json',
)

const SBI8 = storedBatchInfoAbi(8)
const SBI9 = storedBatchInfoAbi(9)

/** Every field changed in turn, so a binding that ignored any one of them would be caught. */
function tamperedVariants(s: StoredBatchInfo): [string, StoredBatchInfo][] {
  const flip = (b: Uint8Array) => {
    const c = b.slice()
    c[31]! ^= 1
    return c
  }
  return [
    ['batchNumber', { ...s, batchNumber: s.batchNumber + 1n }],
    ['batchHash', { ...s, batchHash: flip(s.batchHash) }],
    [
      'indexRepeatedStorageChanges',
      { ...s, indexRepeatedStorageChanges: s.indexRepeatedStorageChanges + 1n },
    ],
    ['numberOfLayer1Txs', { ...s, numberOfLayer1Txs: s.numberOfLayer1Txs + 1n }],
    ['priorityOperationsHash', { ...s, priorityOperationsHash: flip(s.priorityOperationsHash) }],
    ['dependencyRootsRollingHash', { ...s, dependencyRootsRollingHash: flip(new Uint8Array(32)) }],
    ['l2LogsTreeRoot', { ...s, l2LogsTreeRoot: flip(s.l2LogsTreeRoot) }],
    ['timestamp', { ...s, timestamp: s.timestamp + 1n }],
    ['commitment', { ...s, commitment: flip(s.commitment) }],
  ]
}

describe('StoredBatchInfo hashing and binding', () => {
  for (const [name, file] of cases) {
    it(`${name}: keccak(abi.encode(lastCommitted)) equals its 8-field storedBatchHash`, () => {
      const sbi = decodeCommitCalldata(readFixture(file)).lastCommitted
      const want = expected[name]!.lastCommitted.storedBatchHash8
      expect(bytesToHex(storedBatchInfoHash(sbi))).toBe(want)
      expect(bytesToHex(storedBatchInfoHash(sbi, 8))).toBe(want)
      const binding = bindStoredBatchInfo(sbi, hexToBytes(want, 'hash', 32))
      expect(binding).toMatchObject({ bound: true, layout: 8 })
    })

    it(`${name}: every tampered field fails the binding`, () => {
      const sbi = decodeCommitCalldata(readFixture(file)).lastCommitted
      const want = hexToBytes(expected[name]!.lastCommitted.storedBatchHash8, 'hash', 32)
      for (const [field, variant] of tamperedVariants(sbi)) {
        expect(bindStoredBatchInfo(variant, want).bound, field).toBe(false)
      }
    })
  }

  it('8- and 9-field encodings equal ethers abi.encode of the tuples', () => {
    const sbi = decodeCommitCalldata(readFixture(cases[1][1])).lastCommitted
    const with9 = { ...sbi, dependencyRootsRollingHash: new Uint8Array(32).fill(0xab) }
    const coder = AbiCoder.defaultAbiCoder()
    expect(bytesToHex(encodeStoredBatchInfo(sbi, 8))).toBe(coder.encode([SBI8], [sbiTuple(sbi, 8)]))
    expect(bytesToHex(encodeStoredBatchInfo(with9, 9))).toBe(coder.encode([SBI9], [sbiTuple(with9, 9)]))
    expect(encodeStoredBatchInfo(with9, 9)).toHaveLength(288)
    // The field table itself, independently of it: dependencyRootsRollingHash is word 5 (EC main IExecutor.sol),
    // and without it the 9-field encoding is the 8-field one.
    const words9 = encodeStoredBatchInfo(with9, 9)
    expect(bytesToHex(words9.subarray(5 * 32, 6 * 32))).toBe(bytesToHex(with9.dependencyRootsRollingHash))
    const without = new Uint8Array([...words9.subarray(0, 5 * 32), ...words9.subarray(6 * 32)])
    expect(bytesToHex(without)).toBe(bytesToHex(encodeStoredBatchInfo(sbi, 8)))
    expect(bytesToHex(storedBatchInfoHash(with9))).toBe(keccak256(coder.encode([SBI9], [sbiTuple(with9, 9)])))
  })

  it('binds the 9-field layout and refuses the 8-field fallback when dependencyRootsRollingHash is set', () => {
    const sbi = decodeCommitCalldata(readFixture(cases[1][1])).lastCommitted
    const with9 = { ...sbi, dependencyRootsRollingHash: new Uint8Array(32).fill(0xab) }
    expect(bindStoredBatchInfo(with9, storedBatchInfoHash(with9, 9))).toMatchObject({
      bound: true,
      layout: 9,
    })
    // The legacy hash must not bind a struct whose extra field it cannot see.
    expect(bindStoredBatchInfo(with9, storedBatchInfoHash(sbi, 8)).bound).toBe(false)
    // A zero dependency hash may be either layout (a pre-v29 batch read with the v29 struct).
    const zero = { ...sbi, dependencyRootsRollingHash: new Uint8Array(32) }
    expect(bindStoredBatchInfo(zero, storedBatchInfoHash(sbi, 8))).toMatchObject({ bound: true, layout: 8 })
    expect(bindStoredBatchInfo(sbi, storedBatchInfoHash(zero, 9))).toMatchObject({ bound: true, layout: 9 })
  })

  it('rejects out-of-range fields instead of truncating them', () => {
    const sbi = decodeCommitCalldata(readFixture(cases[1][1])).lastCommitted
    expect(() => storedBatchInfoHash({ ...sbi, batchNumber: 1n << 64n })).toThrow(/batchNumber/)
    expect(() => storedBatchInfoHash({ ...sbi, batchHash: new Uint8Array(31) })).toThrow(/batchHash/)
  })
})
