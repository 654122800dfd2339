import { AbiCoder, keccak256 } from 'ethers'
import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../../tests/support/fixtures'
import { bigintToBytes32, bytesToHex, hexToBytes } from '../../encoding/hex'
import {
  addressMappingSlot,
  balanceFromWord,
  decomposeNonce,
  erc20BalanceLocation,
  ethBalanceLocation,
  formatUnits,
  nonceLocation,
  tokenBalanceLocation,
} from './l2Balances'
import { findL2Token, L2_TOKENS } from './l2Tokens'
import { zksTreeKey } from './treeKey'

interface StateDiff {
  address: string
  key: string
  derived_key: number[]
}
const diffs = readFixtureJson<{ input: { PostBoojum: { state_diffs: StateDiff[] } } }>(
  'zksync/zksync-era/commitment/post_gateway_test.json',
).input.PostBoojum.state_diffs

/** Accounts whose slots appear in zksync-era's post-gateway commitment fixture (found by matching keys). */
const RICH = hexToBytes('0x36615cf349d7f6344891b1e7ca7c72883f5dc049')
const OTHER = hexToBytes('0xf42d59d064dc3efa5c6984103f5354a4578f9d38')

function diffAt(contract: string, slot: Uint8Array): StateDiff | undefined {
  return diffs.find((d) => d.address === contract && BigInt(d.key) === BigInt(bytesToHex(slot)))
}

describe('L2 balance and nonce locations', () => {
  it('ETH balance slot matches real state diffs of L2BaseToken (0x800a) in the zksync-era fixture', () => {
    for (const account of [RICH, OTHER]) {
      const loc = ethBalanceLocation(account)
      expect(bytesToHex(loc.contract)).toBe('0x000000000000000000000000000000000000800a')
      const d = diffAt('0x000000000000000000000000000000000000800a', loc.slot)
      expect(d, bytesToHex(account)).toBeDefined()
      // and the tree key the server would fold along is the fixture's derived_key
      expect(Array.from(zksTreeKey(loc.contract, loc.slot))).toEqual(d!.derived_key)
    }
    expect(bytesToHex(ethBalanceLocation(RICH).slot)).toBe(
      '0xeaa2b2fbf0b42c559059e5e9510edc15755f1c1883f0e41d5ba5f9aea4ac201a',
    )
  })

  it('nonce slot matches real state diffs of NonceHolder (0x8003)', () => {
    for (const account of [RICH, OTHER]) {
      const loc = nonceLocation(account)
      expect(bytesToHex(loc.contract)).toBe('0x0000000000000000000000000000000000008003')
      expect(
        diffAt('0x0000000000000000000000000000000000008003', loc.slot),
        bytesToHex(account),
      ).toBeDefined()
    }
    // a different account's slot is not there
    expect(
      diffAt('0x0000000000000000000000000000000000008003', nonceLocation(new Uint8Array(20)).slot),
    ).toBeUndefined()
  })

  it('derives mapping slots like Solidity (cross-checked with ethers abi.encode + keccak)', () => {
    const coder = AbiCoder.defaultAbiCoder()
    for (const slot of [0n, 1n, 3n, 9n, 51n, 2n ** 255n + 7n]) {
      const expected = keccak256(coder.encode(['address', 'uint256'], [bytesToHex(RICH), slot]))
      expect(bytesToHex(addressMappingSlot(RICH, slot))).toBe(expected)
    }
    const token = hexToBytes('0x493257fd37edb34451f62edf8d2a0c418852ba4c')
    const bridged = erc20BalanceLocation(token, RICH)
    expect(bridged.contract).toEqual(token)
    expect(bridged.slot).toEqual(addressMappingSlot(RICH, 51n))
    expect(() => addressMappingSlot(new Uint8Array(32), 0n)).toThrow(/20-byte/)
  })

  it('uses each token row for its location', () => {
    const usdc = findL2Token('usdc')!
    expect(findL2Token(usdc.address)).toBe(usdc)
    const loc = tokenBalanceLocation(usdc, RICH)
    expect(bytesToHex(loc.contract)).toBe(usdc.address)
    expect(loc.slot).toEqual(addressMappingSlot(RICH, 9n))
    expect(findL2Token('DOGE')).toBeUndefined()
  })

  it('splits the raw nonce word into minNonce and deploymentNonce', () => {
    const word = bigintToBytes32((3n << 128n) + 5n)
    expect(decomposeNonce(word)).toEqual({ minNonce: 5n, deploymentNonce: 3n })
    // a word below 2^128 is all minNonce (e.g. 0x81, the value of the mainnet NonceHolder vector)
    expect(decomposeNonce(bigintToBytes32(0x81n))).toEqual({ minNonce: 129n, deploymentNonce: 0n })
  })

  it('masks balances to the token’s bits and formats exact decimals', () => {
    const flagged = bigintToBytes32((1n << 255n) + 1_234_500n)
    expect(balanceFromWord(flagged, 255)).toBe(1_234_500n)
    expect(balanceFromWord(flagged)).toBe((1n << 255n) + 1_234_500n)
    expect(formatUnits(1_234_500n, 6)).toBe('1.2345')
    expect(formatUnits(5n, 6)).toBe('0.000005')
    expect(formatUnits(10n ** 18n, 18)).toBe('1')
    expect(formatUnits(0n, 18)).toBe('0')
    expect(formatUnits(42n, 0)).toBe('42')
  })
})

describe('L2 token table', () => {
  it('has USDC, USDT, WETH and ZK with well-formed rows, each flagged unverified', () => {
    for (const s of ['USDC', 'USDT', 'WETH', 'ZK']) expect(findL2Token(s), s).toBeDefined()
    const seen = new Set<string>()
    for (const t of L2_TOKENS) {
      expect(t.address).toMatch(/^0x[0-9a-f]{40}$/)
      expect(seen.has(t.address)).toBe(false)
      seen.add(t.address)
      expect([6, 18]).toContain(t.decimals)
      expect(t.balanceBits === 255 || t.balanceBits === 256).toBe(true)
      expect(t.source.length).toBeGreaterThan(0)
      // no row is confirmed by the research notes (zksync.md has layouts, not token addresses)
      expect(t.verified).toBe(false)
    }
  })
})
