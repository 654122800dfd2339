import { decodeVerkleLeafBasicData } from 'ethereumjs-util-verkle'
import { describe, expect, it } from 'vitest'
import { hexToBytes } from '../encoding/hex'
import {
  decodeBasicData,
  decodeCodeChunk,
  decodeHeaderValue,
  decodeLittleEndian,
  headerSuffixRole,
} from './decodeLeaf'

// Values from real witnesses: verkleBlockWithValue.json (EEST, basic-data) and Kaustinen 6 block 72 (legacy).
const EEST_SENDER_BASIC = '0x00000000000000000000000000000000000000000000003635c9adc5dea00000'
const EEST_OTHER_BASIC = '0x00000000000000000000000000000000000000000000006c6b935b8bbd400001'
const K6_BALANCE_LE = '0x5fd4526134640504000000000000000000000000000000000000000000000000'
const K6_NONCE_LE = '0x2c01000000000000000000000000000000000000000000000000000000000000'

describe('basic-data leaves (current EIP-6800 layout)', () => {
  it('agree with @ethereumjs/util@10.0.0 decodeVerkleLeafBasicData on real and edge values', () => {
    const packed = new Uint8Array(32)
    packed[0] = 1 // version
    packed.set([0x01, 0x02, 0x03], 5) // code size 0x010203
    packed.set([0, 0, 0, 0, 0, 0, 0x01, 0x00], 8) // nonce 256
    packed.fill(0xff, 16) // balance 2^128 - 1
    for (const v of [hexToBytes(EEST_SENDER_BASIC), hexToBytes(EEST_OTHER_BASIC), packed]) {
      const theirs = decodeVerkleLeafBasicData(v)
      const ours = decodeBasicData(v)
      expect(ours.version).toBe(BigInt(theirs.version))
      expect(ours.nonce).toBe(theirs.nonce)
      expect(ours.codeSize).toBe(BigInt(theirs.codeSize))
      expect(ours.balance).toBe(theirs.balance)
    }
    expect(decodeBasicData(hexToBytes(EEST_SENDER_BASIC)).balance).toBe(1000n * 10n ** 18n)
    expect(decodeBasicData(packed)).toEqual({
      version: 1n,
      codeSize: 0x010203n,
      nonce: 256n,
      balance: 2n ** 128n - 1n,
    })
  })

  it('name suffix 0 basic data and suffix 1 the code hash; 2..63 are reserved', () => {
    expect(headerSuffixRole(0, 'basic-data')).toEqual({ kind: 'account-field', field: 'basicData' })
    expect(headerSuffixRole(1, 'basic-data')).toEqual({ kind: 'account-field', field: 'codeHash' })
    expect(headerSuffixRole(2, 'basic-data')).toEqual({ kind: 'reserved' })
    expect(decodeHeaderValue(headerSuffixRole(0, 'basic-data'), hexToBytes(EEST_SENDER_BASIC))).toEqual({
      version: '0',
      codeSize: '0',
      nonce: '0',
      balance: '1000000000000000000000',
    })
  })
})

describe('legacy per-field leaves (Kaustinen ≤ 6)', () => {
  it('are little-endian numbers: block 72 balance and nonce', () => {
    expect(decodeLittleEndian(hexToBytes(K6_BALANCE_LE))).toBe(289_747_927_169_160_287n)
    expect(decodeLittleEndian(hexToBytes(K6_NONCE_LE))).toBe(300n)
    expect(headerSuffixRole(1, 'legacy-per-field')).toEqual({ kind: 'account-field', field: 'balance' })
    expect(headerSuffixRole(3, 'legacy-per-field')).toEqual({ kind: 'account-field', field: 'codeHash' })
    expect(headerSuffixRole(5, 'legacy-per-field')).toEqual({ kind: 'reserved' })
    expect(decodeHeaderValue(headerSuffixRole(1, 'legacy-per-field'), hexToBytes(K6_BALANCE_LE))).toEqual({
      balance: '289747927169160287',
    })
  })
})

describe('storage and code-chunk leaves', () => {
  it('map header suffixes 64..127 to slots 0..63 and 128..255 to chunks 0..127', () => {
    expect(headerSuffixRole(64, 'basic-data')).toEqual({ kind: 'storage', slot: 0 })
    expect(headerSuffixRole(127, 'legacy-per-field')).toEqual({ kind: 'storage', slot: 63 })
    expect(headerSuffixRole(128, 'basic-data')).toEqual({ kind: 'code-chunk', chunk: 0 })
    expect(headerSuffixRole(255, 'basic-data')).toEqual({ kind: 'code-chunk', chunk: 127 })
  })

  it('decode a code chunk: leading PUSHDATA count, then 31 code bytes', () => {
    const chunk = new Uint8Array(32)
    chunk[0] = 2
    chunk.set([0xaa, 0xbb, 0x60, 0x01], 1)
    expect(decodeCodeChunk(chunk).leadingPushData).toBe(2)
    expect(decodeCodeChunk(chunk).code).toHaveLength(31)
    expect(decodeHeaderValue({ kind: 'code-chunk', chunk: 4 }, chunk)).toMatchObject({
      chunk: 4,
      leadingPushData: 2,
      code: '0xaabb6001' + '00'.repeat(27),
    })
    const slot = hexToBytes('0x' + '00'.repeat(31) + '2a')
    expect(decodeHeaderValue({ kind: 'storage', slot: 7 }, slot)).toEqual({
      slot: 7,
      value: '0x' + '00'.repeat(31) + '2a',
    })
  })
})
