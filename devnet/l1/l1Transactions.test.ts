import { Transaction } from 'ethers'
import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../tests/support/fixtures'
import { bytesToHex } from '../../src/verifier/encoding/hex'
import type { LosslessJson } from '../../src/verifier/encoding/json'
import { parseBlockHeader, verifyBlockHeader } from '../../src/verifier/mpt/blockHeader'
import { parseBlockReceipts } from '../../src/verifier/mpt/receiptsRoot'
import { logsBloom, orBlooms, placeholderSignedTransaction, signTransaction } from './l1Transactions'

const HELIOS = 'l1/helios/tests/testdata/rpc'

describe('logsBloom', () => {
  it('rebuilds the bloom of every receipt, and of the block, of a real mainnet block (helios fixture)', () => {
    const receipts = parseBlockReceipts(readFixtureJson(`${HELIOS}/receipts.json`) as LosslessJson)
    expect(receipts.some((r) => r.logs.length > 0)).toBe(true)
    for (const r of receipts) expect(bytesToHex(logsBloom(r.logs))).toBe(bytesToHex(r.logsBloom))
    const block = readFixtureJson<{ logsBloom: string }>(`${HELIOS}/block.json`)
    // The header (and so its bloom) is bound to the block hash; the OR of the receipts' blooms is the block's.
    expect(verifyBlockHeader(parseBlockHeader(block as unknown as LosslessJson)).status).toBe('pass')
    expect(bytesToHex(orBlooms(receipts.map((r) => r.logsBloom)))).toBe(block.logsBloom)
  })
})

describe('transactions', () => {
  const fields = {
    chainId: 1337n,
    nonce: 4n,
    maxPriorityFeePerGas: 1n,
    maxFeePerGas: 3n,
    gasLimit: 50_000n,
    to: new Uint8Array(20).fill(0x11),
    value: 0n,
    input: Uint8Array.of(1, 2, 3, 4),
  }

  it('signed ones recover to the signer and hash as ethers hashes them', () => {
    const key = new Uint8Array(32).fill(7)
    const tx = signTransaction(fields, key)
    const parsed = Transaction.from(bytesToHex(tx.envelope))
    expect(parsed.from?.toLowerCase()).toBe(bytesToHex(tx.from))
    expect(parsed.hash).toBe(bytesToHex(tx.hash))
    expect(parsed.nonce).toBe(4)
  })

  it('placeholder-signed ones are well-formed envelopes with keccak hashes, but recover to another address', () => {
    const from = new Uint8Array(20).fill(0x22)
    const tx = placeholderSignedTransaction(fields, from, Uint8Array.of(9))
    const parsed = Transaction.from(bytesToHex(tx.envelope))
    expect(parsed.hash).toBe(bytesToHex(tx.hash))
    expect(parsed.from?.toLowerCase()).not.toBe(bytesToHex(from))
    expect(tx.from).toEqual(from)
  })
})
