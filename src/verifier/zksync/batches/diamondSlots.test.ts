import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../../tests/support/fixtures'
import { bigintToBytes32, bytesToHex } from '../../encoding/hex'
import {
  batchStatus,
  decodeDiamondState,
  DIAMOND_STORAGE_SLOTS,
  diamondSlots,
  mappingSlot,
  type BatchCounters,
  type DiamondStorageWords,
} from './diamondSlots'

interface Constants {
  diamondStorageSlots: Record<string, number>
  exampleSlotKeys: Record<string, string>
}
const constants = () => readFixtureJson<Constants>('zksync/derived/constants.json')

describe('diamond storage slots', () => {
  it('every slot in the table equals constants.json (solc storageLayout)', () => {
    const c = constants().diamondStorageSlots
    const renamed: Record<string, string> = {
      storedBatchHashes_mapping: 'storedBatchHashes',
      l2LogsRootHashes_mapping: 'l2LogsRootHashes',
    }
    const ours = DIAMOND_STORAGE_SLOTS as Record<string, bigint>
    for (const [name, slot] of Object.entries(c)) expect(ours[renamed[name] ?? name], name).toBe(BigInt(slot))
    expect(Object.keys(ours)).toHaveLength(Object.keys(c).length)
  })

  it('mapping keys match the examples in constants.json', () => {
    const ex = constants().exampleSlotKeys
    expect(bytesToHex(mappingSlot(500000n, 14n))).toBe(ex['storedBatchHashes[500000]'])
    expect(bytesToHex(mappingSlot(500000n, 15n))).toBe(ex['l2LogsRootHashes[500000]'])
    expect(bytesToHex(diamondSlots(500000n).storedBatchHash)).toBe(ex['storedBatchHashes[500000]'])
  })

  it('diamondSlots gives the counters, verifier, version, settlement layer and meta slots', () => {
    const s = diamondSlots(1n)
    const asNumber = (b: Uint8Array) => Number(BigInt(bytesToHex(b)))
    expect(asNumber(s.verifier)).toBe(10)
    expect(asNumber(s.totalBatchesExecuted)).toBe(11)
    expect(asNumber(s.totalBatchesVerified)).toBe(12)
    expect(asNumber(s.totalBatchesCommitted)).toBe(13)
    expect(asNumber(s.protocolVersion)).toBe(33)
    expect(asNumber(s.settlementLayer)).toBe(50)
    expect(asNumber(s.l2BootloaderBytecodeHash)).toBe(23)
    expect(asNumber(s.l2DefaultAccountBytecodeHash)).toBe(24)
    expect(asNumber(s.zkPorterIsAvailable)).toBe(25)
    expect(asNumber(s.l2EvmEmulatorBytecodeHash)).toBe(58)
    expect(bytesToHex(s.storedBatchHash)).not.toBe(bytesToHex(diamondSlots(2n).storedBatchHash))
  })
})

describe('batchStatus', () => {
  const counters: BatchCounters = {
    totalBatchesExecuted: 100n,
    totalBatchesVerified: 105n,
    totalBatchesCommitted: 110n,
  }
  it('follows the counters', () => {
    expect(batchStatus(0n, counters)).toBe('executed')
    expect(batchStatus(100n, counters)).toBe('executed')
    expect(batchStatus(101n, counters)).toBe('proven')
    expect(batchStatus(105n, counters)).toBe('proven')
    expect(batchStatus(106n, counters)).toBe('committed')
    expect(batchStatus(110n, counters)).toBe('committed')
    // Above the committed counter: not committed yet, or reverted (its old stored hash may still be there).
    expect(batchStatus(111n, counters)).toBe('unknown')
  })

  it('changes with every counter and is unknown when counters are out of order', () => {
    expect(batchStatus(100n, { ...counters, totalBatchesExecuted: 99n })).toBe('proven')
    expect(batchStatus(105n, { ...counters, totalBatchesVerified: 104n })).toBe('committed')
    expect(batchStatus(110n, { ...counters, totalBatchesCommitted: 109n })).toBe('unknown')
    expect(batchStatus(50n, { ...counters, totalBatchesExecuted: 106n })).toBe('unknown')
    expect(batchStatus(50n, { ...counters, totalBatchesVerified: 111n })).toBe('unknown')
  })
})

describe('decodeDiamondState', () => {
  it('reads counters, packed semver, addresses and the porter flag from storage words', () => {
    const w = (v: bigint) => bigintToBytes32(v)
    const words: DiamondStorageWords = {
      verifier: w(0xdb3300726556afa413a11af474a8cfda4d7fc5a5n),
      totalBatchesExecuted: w(1n),
      totalBatchesVerified: w(2n),
      totalBatchesCommitted: w(3n),
      storedBatchHash: w(0xabn),
      protocolVersion: w((29n << 32n) | 4n),
      settlementLayer: w(0n),
      zkPorterIsAvailable: w(0n),
      l2BootloaderBytecodeHash: w(5n),
      l2DefaultAccountBytecodeHash: w(6n),
      l2EvmEmulatorBytecodeHash: w(7n),
    }
    const s = decodeDiamondState(words)
    expect(s.verifier).toBe('0xdb3300726556afa413a11af474a8cfda4d7fc5a5')
    expect(s.protocolVersion).toMatchObject({ minor: 29, patch: 4 })
    expect(s.settlementLayer).toBe('0x0000000000000000000000000000000000000000')
    expect(s.zkPorterIsAvailable).toBe(false)
    expect(() => decodeDiamondState({ ...words, totalBatchesCommitted: new Uint8Array(31) })).toThrow(
      /32-byte/,
    )
  })
})
