import { keccak_256 } from '@noble/hashes/sha3.js'
import { id } from 'ethers'
import { describe, expect, it } from 'vitest'
import { readFixture, readFixtureJson, readFixtureText } from '../../../../tests/support/fixtures'
import { InputError } from '../../../shared/errors'
import { bytesToHex } from '../../encoding/hex'
import { COMMIT_ENCODINGS, OTHER_KNOWN_SELECTORS } from './commitEncodings'
import { decodeCommitCalldata, parseCalldataInput, UNSUPPORTED_CODE } from './decodeCommitCalldata'
import { encodeLegacyCommit, encodeRangeCommit, encodeV23Commit } from './encodeCommitCalldata'
import type { DecodedCommitCalldata } from './types'

const CC = 'zksync/zksync-era/consistency_checker/'
const MAINNET = CC + 'commit_l1_batch_351000-351004_mainnet.calldata'
const SEPOLIA = CC + 'commit_l1_batch_4470_testnet_sepolia.calldata'
const GOERLI = CC + 'commit_l1_batch_200000_testnet_goerli.calldata'

interface ExpectedBatch {
  batchNumber: number
  timestamp: number
  indexRepeatedStorageChanges: number
  newStateRoot: string
  numberOfLayer1Txs: number
  priorityOperationsHash: string
  bootloaderHeapInitialContentsHash: string
  eventsQueueStateHash: string
  systemLogsKeccak: string
  pubdataLength: number
}
interface Expected {
  selector: string
  lastCommitted: { batchNumber: number; batchHash: string; commitment: string; storedBatchHash8: string }
  batches: ExpectedBatch[]
}
const decodedJson = () =>
  readFixtureJson<Record<string, Expected>>('zksync/derived/consistency_checker_calldata_decoded.json')

function expectMatches(d: DecodedCommitCalldata, e: Expected) {
  expect(d.selector).toBe(e.selector)
  expect(d.lastCommitted.batchNumber).toBe(BigInt(e.lastCommitted.batchNumber))
  expect(bytesToHex(d.lastCommitted.batchHash)).toBe(e.lastCommitted.batchHash)
  expect(bytesToHex(d.lastCommitted.commitment)).toBe(e.lastCommitted.commitment)
  expect(d.batches).toHaveLength(e.batches.length)
  d.batches.forEach((b, i) => {
    const x = e.batches[i]!
    expect(b.batchNumber).toBe(BigInt(x.batchNumber))
    expect(b.timestamp).toBe(BigInt(x.timestamp))
    expect(b.indexRepeatedStorageChanges).toBe(BigInt(x.indexRepeatedStorageChanges))
    expect(bytesToHex(b.newStateRoot)).toBe(x.newStateRoot)
    expect(b.numberOfLayer1Txs).toBe(BigInt(x.numberOfLayer1Txs))
    expect(bytesToHex(b.priorityOperationsHash)).toBe(x.priorityOperationsHash)
    expect(bytesToHex(b.bootloaderHeapInitialContentsHash)).toBe(x.bootloaderHeapInitialContentsHash)
    expect(bytesToHex(b.eventsQueueStateHash)).toBe(x.eventsQueueStateHash)
    expect(bytesToHex(keccak_256(b.systemLogs))).toBe(x.systemLogsKeccak)
    expect(b.daInput.length).toBe(x.pubdataLength)
  })
}

function expectUnsupported(fn: () => unknown, message: RegExp) {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).code).toBe(UNSUPPORTED_CODE)
    expect((err as Error).message).toMatch(message)
    return
  }
  throw new Error('expected an unsupported-input error')
}

describe('commit selectors table', () => {
  it('every selector is keccak(signature)[0..4] and matches constants.json', () => {
    const constants = readFixtureJson<{ selectors: Record<string, Record<string, string>> }>(
      'zksync/derived/constants.json',
    )
    const all = Object.assign({}, ...Object.values(constants.selectors)) as Record<string, string>
    for (const e of COMMIT_ENCODINGS) {
      expect(id(e.signature).slice(0, 10)).toBe(e.selector)
      expect(all[e.signature]).toBe(e.selector)
    }
    const values = new Set(Object.values(all))
    for (const s of Object.keys(OTHER_KNOWN_SELECTORS).filter((s) => s !== '0x0c4dd810'))
      expect(values.has(s)).toBe(true)
  })
})

describe('decodeCommitCalldata on real calldata', () => {
  it('mainnet 351000–351004 (legacy commitBatches) decodes to the expected values', () => {
    const d = decodeCommitCalldata(readFixture(MAINNET))
    expectMatches(d, decodedJson()['commit_l1_batch_351000-351004_mainnet']!)
    expect(d.layout).toBe('v18-v20')
    expect(d.canonical).toBe(true)
  })

  it('sepolia 4470 decodes to the expected values', () => {
    const d = decodeCommitCalldata(readFixture(SEPOLIA))
    expectMatches(d, decodedJson()['commit_l1_batch_4470_testnet_sepolia']!)
    expect(d.canonical).toBe(true)
  })

  it('accepts hex text with or without 0x and surrounding whitespace', () => {
    const raw = readFixture(SEPOLIA)
    const hex = bytesToHex(raw)
    for (const text of [
      hex,
      hex.slice(2),
      `  ${hex.toUpperCase().replace('0X', '0x')}\n`,
      `\n${hex.slice(2)}\r\n`,
    ]) {
      expect(parseCalldataInput(text)).toEqual(raw)
      expect(parseCalldataInput(new TextEncoder().encode(text))).toEqual(raw)
    }
    // The era-boojum-validator-cli v5 fixture is hex text on disk.
    const v5 = decodeCommitCalldata(readFixtureText('zksync/era-boojum-validator-cli/v5/commit.calldata'))
    expect(v5.batches[0]!.batchNumber).toBe(1n)
    expect(v5.lastCommitted.batchNumber).toBe(0n)
  })

  it('refuses the goerli pre-Boojum calldata as unsupported', () => {
    expectUnsupported(
      () => decodeCommitCalldata(readFixture(GOERLI)),
      /0x0c4dd810 is pre-Boojum commitBlocks/,
    )
  })

  it('refuses non-commit and unknown selectors as unsupported', () => {
    expectUnsupported(() => decodeCommitCalldata('0x7f61885c' + '00'.repeat(64)), /proveBatches/)
    expectUnsupported(() => decodeCommitCalldata('0xdeadbeef'), /unknown selector 0xdeadbeef/)
  })

  it('rejects malformed input with an InputError, never a crash', () => {
    const raw = readFixture(SEPOLIA)
    for (const bad of ['', '0x', '0x70', 'zz', '0x701f58c', '0x701f58c5', '0x701f58c5' + '00'.repeat(31)]) {
      expect(() => decodeCommitCalldata(bad)).toThrow(InputError)
    }
    expect(() => decodeCommitCalldata(raw.subarray(0, raw.length - 40))).toThrow(InputError)
    expect(() => decodeCommitCalldata(new Uint8Array(5 * 1024 * 1024))).toThrow(/limit/)
  })
})

describe('decodeCommitCalldata across encodings (real batches re-encoded)', () => {
  const real = () => decodeCommitCalldata(readFixture(SEPOLIA))

  it('legacy re-encoding is byte-identical to the real calldata', () => {
    const d = real()
    expect(encodeLegacyCommit(d.lastCommitted, d.batches)).toEqual(readFixture(SEPOLIA))
  })

  it('v23–v25 commitBatchesSharedBridge(uint256, SBI, CBI[])', () => {
    const d = real()
    const out = decodeCommitCalldata(encodeV23Commit(300n, d.lastCommitted, d.batches))
    expect(out.selector).toBe('0x6edd4f12')
    expect(out.layout).toBe('v23-v25')
    expect(out.chainId).toBe(300n)
    expect(out.batches).toEqual(d.batches)
    expect(out.lastCommitted).toEqual(d.lastCommitted)
    expect(out.canonical).toBe(true)
  })

  it('v26–v28 bytes data with encoding version 0', () => {
    const d = real()
    const out = decodeCommitCalldata(encodeRangeCommit('v26', 324n, d.lastCommitted, d.batches))
    expect(out).toMatchObject({
      selector: '0x98f81962',
      layout: 'v26-v28',
      encodingVersion: 0,
      chainId: 324n,
    })
    expect(out.processFrom).toBe(4470n)
    expect(out.processTo).toBe(4470n)
    expect(out.batches).toEqual(d.batches)
    expect(out.lastCommitted.dependencyRootsRollingHash).toBeUndefined()
  })

  it('v29+ bytes data with encoding version 1 and the 9-field StoredBatchInfo', () => {
    const d = real()
    const dep = new Uint8Array(32).fill(7)
    const last = { ...d.lastCommitted, dependencyRootsRollingHash: dep }
    const chain = '0x32400084c286cf3e17e7b677ea9583e60a000324'
    const out = decodeCommitCalldata(encodeRangeCommit('v29', chain, last, d.batches))
    expect(out).toMatchObject({
      selector: '0x0db9eb87',
      layout: 'v29-v31',
      encodingVersion: 1,
      chainAddress: chain,
    })
    expect(out.lastCommitted).toEqual(last)
    expect(out.batches).toEqual(d.batches)
  })

  it('refuses encoding versions the selector does not use', () => {
    const d = real()
    const chain = '0x32400084c286cf3e17e7b677ea9583e60a000324'
    expectUnsupported(
      () => decodeCommitCalldata(encodeRangeCommit('v26', 324n, d.lastCommitted, d.batches, { version: 1 })),
      /encoding version 1/,
    )
    expectUnsupported(
      () => decodeCommitCalldata(encodeRangeCommit('v29', chain, d.lastCommitted, d.batches, { version: 0 })),
      /encoding version 0/,
    )
    expectUnsupported(
      () => decodeCommitCalldata(encodeRangeCommit('v29', chain, d.lastCommitted, d.batches, { version: 4 })),
      /ZKsync OS/,
    )
  })

  it('flags non-canonical encodings (dirty uint64 padding)', () => {
    const raw = readFixture(SEPOLIA).slice()
    // lastCommitted.batchNumber is the first word after the selector; byte 4 is its high padding.
    raw[4] = 1
    expect(decodeCommitCalldata(raw).canonical).toBe(false)
  })
})
