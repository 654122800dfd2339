import { Transaction } from 'ethers'
import {
  Address,
  getVerkleStem,
  getVerkleTreeKeyForCodeChunk,
  getVerkleTreeKeyForStorageSlot,
  type VerkleCrypto,
} from 'ethereumjs-util-verkle'
import { beforeAll, describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../tests/support/fixtures'
import { bytesToHex, hexToBytes } from '../encoding/hex'
import type { LosslessJson } from '../encoding/json'
import { parseExecutionWitness } from './parseWitness'
import { readAccount } from './readAccount'
import { codeChunkPosition, getStem, getTreeKey, storageSlotPosition } from './treeKey'
import type { VerkleBackend } from './verkleBackend'
import { verifyVerkleWitness } from './verifyVerkleWitness'
import { loadVerkleWasmBackend, loadVerkleWasmCrypto } from './wasmBackend'

/**
 * Conformance of our key derivation: (1) against @ethereumjs/util@10.0.0 (the last release with verkle
 * helpers, installed as ethereumjs-util-verkle) running on the same WASM instance, and (2) against stems that
 * real witnesses contain for addresses we can name independently (transaction senders and recipients,
 * recovered with ethers; the block's coinbase; the EEST pre-state accounts).
 */

const K6_72 = 'verkle/verkle-cryptography-wasm/src.ts/tests/data/kaustinen6Block72.json'
const EEST = 'verkle/ethereumjs-monorepo/packages/vm/test/api/testdata/verkleBlockWithValue.json'
const K6_72_PRE_STATE_ROOT = '0x64e1a647f42e5c2e3c434531ccf529e1b3e93363a40db9fc8eec81f492123510'

interface K6Block {
  header: { coinbase: string }
  transactions: string[]
  executionWitness: LosslessJson
}

let backend: VerkleBackend
let reference: VerkleCrypto
beforeAll(async () => {
  backend = await loadVerkleWasmBackend()
  reference = (await loadVerkleWasmCrypto()) as unknown as VerkleCrypto
})

const ADDRESSES = [
  '0x0000000000000000000000000000000000000000',
  '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b',
  '0xf97e180c050e5ab072211ad2c213eb5aee4df134',
  '0xffffffffffffffffffffffffffffffffffffffff',
]

describe('tree keys agree with @ethereumjs/util@10.0.0', () => {
  it('account stems at tree index 0 and beyond', () => {
    for (const a of ADDRESSES) {
      const address = hexToBytes(a)
      for (const treeIndex of [0n, 1n, 255n, 256n, 2n ** 64n + 3n]) {
        const theirs = getVerkleStem(reference, new Address(address), treeIndex)
        expect(bytesToHex(getStem(backend, address, treeIndex))).toBe(bytesToHex(theirs))
      }
    }
  })

  it('storage slot keys, header and main storage', async () => {
    const address = hexToBytes(ADDRESSES[1]!)
    for (const slot of [0n, 1n, 63n, 64n, 255n, 256n, 2n ** 200n, 2n ** 256n - 1n]) {
      const theirs = await getVerkleTreeKeyForStorageSlot(new Address(address), slot, reference)
      expect(bytesToHex(getTreeKey(backend, address, storageSlotPosition(slot)))).toBe(bytesToHex(theirs))
    }
    expect(storageSlotPosition(3n)).toEqual({ treeIndex: 0n, subIndex: 67 })
  })

  it('code chunk keys', async () => {
    const address = hexToBytes(ADDRESSES[2]!)
    for (const chunk of [0, 1, 127, 128, 300, 100_000]) {
      const theirs = await getVerkleTreeKeyForCodeChunk(new Address(address), chunk, reference)
      expect(bytesToHex(getTreeKey(backend, address, codeChunkPosition(chunk)))).toBe(bytesToHex(theirs))
    }
    expect(codeChunkPosition(128)).toEqual({ treeIndex: 1n, subIndex: 0 })
  })

  it('refuses a malformed address or index', () => {
    expect(() => getStem(backend, new Uint8Array(19))).toThrow(/20 bytes/)
    expect(() => getStem(backend, new Uint8Array(20), -1n)).toThrow(/32 bytes/)
    expect(() => storageSlotPosition(2n ** 256n)).toThrow(/32 bytes/)
    expect(() => codeChunkPosition(-1)).toThrow()
  })
})

describe('tree keys match stems in real witnesses', () => {
  it('Kaustinen 6 block 72: coinbase, every sender and recipient, and the EIP-2935 history slot', () => {
    const block = readFixtureJson<K6Block>(K6_72)
    const keys = parseExecutionWitness(block.executionWitness).witness.stateDiff.flatMap((s) =>
      s.suffixDiffs.map((d) => bytesToHex(s.stem) + d.suffix.toString(16).padStart(2, '0')),
    )
    const named = [block.header.coinbase]
    for (const raw of block.transactions) {
      const tx = Transaction.from(raw)
      named.push(tx.from!, tx.to!)
    }
    const expected = new Set<string>()
    for (const a of named) {
      const stem = bytesToHex(getStem(backend, hexToBytes(a.toLowerCase())))
      // Kaustinen ≤ 6 accounts: five per-field leaves, suffixes 0..4.
      for (let suffix = 0; suffix < 5; suffix++) expected.add(stem + '0' + suffix)
    }
    // EIP-2935: block 72 stores its parent's hash at slot 71 of the history contract (0xffff…fffe on
    // Kaustinen 6); slot 71 is past the 64 header slots, so it lives in main storage.
    const history = hexToBytes('0xfffffffffffffffffffffffffffffffffffffffe')
    expected.add(bytesToHex(getTreeKey(backend, history, storageSlotPosition(71n))))
    expect([...expected].sort()).toEqual([...keys].sort())
  })

  it('EEST verkle@v0.0.4: the sender 0xa94f…0b has stem 0x0365b079…d50d', () => {
    expect(bytesToHex(getStem(backend, hexToBytes('0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b')))).toBe(
      '0x0365b079a274a1808d56484ce5bd97914629907d75767f51439102e22cd50d',
    )
  })
})

describe('reading an account from a verified witness', () => {
  it('Kaustinen 6 block 72: the balance of 0x6877…586e is the decoded legacy leaf', () => {
    const parsed = parseExecutionWitness(readFixtureJson<K6Block>(K6_72).executionWitness)
    const report = verifyVerkleWitness(parsed, hexToBytes(K6_72_PRE_STATE_ROOT), backend)
    expect(report.verdict).toBe('verified')
    const stem = getStem(backend, hexToBytes('0x687704db07e902e9a8b3754031d168d46e3d586e'))
    const account = readAccount(parsed.witness, stem, 'legacy-per-field')
    expect(account.status).toBe('present')
    // Suffix 1, little-endian: 0x5fd4526134640504 reversed (research/verkle.md §4).
    expect(account.current.balance).toBe(289_747_927_169_160_287n)
    expect(account.current.balance).toBe(0x04056434615_2d45fn)
    expect(account.current.nonce).toBe(300n)
    expect(account.current.codeHash).toBe(
      '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
    )
    // The post-block balance is a claim (newValue), and differs.
    expect(account.claimedNew.balance).toBe(0x04ba946f34de545fn)
    // The same bytes read in the current (basic-data) layout would be nonsense: layout matters.
    expect(readAccount(parsed.witness, stem, 'basic-data').current.balance).not.toBe(account.current.balance)
  })

  it('EEST: the sender has 1000 ETH and nonce 0 in the basic-data layout', () => {
    const eest = readFixtureJson<{ blocks: LosslessJson[] }>(EEST)
    const parsed = parseExecutionWitness(eest.blocks[0]!)
    const root = hexToBytes('0x601d9c0f6f88478e1a26506ea9b7223dfd3a04c1bca81a9b593644f1061a8744')
    expect(verifyVerkleWitness(parsed, root, backend).verdict).toBe('verified')
    const stem = getStem(backend, hexToBytes('0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b'))
    const account = readAccount(parsed.witness, stem, 'basic-data')
    expect(account).toMatchObject({ status: 'present', current: { balance: 1000n * 10n ** 18n, nonce: 0n } })
    // An account the witness proves absent, and one it does not mention.
    const absent = parsed.witness.stateDiff.find((s) =>
      s.suffixDiffs.some((d) => d.suffix === 0 && d.currentValue === null),
    )!
    expect(readAccount(parsed.witness, absent.stem, 'basic-data').status).toBe('absent')
    expect(readAccount(parsed.witness, new Uint8Array(31), 'basic-data').status).toBe('not-in-witness')
  })
})
