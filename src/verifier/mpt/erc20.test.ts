import { keccak_256 } from '@noble/hashes/sha3.js'
import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../tests/support/fixtures'
import { bytesToHex, hexToBytes } from '../encoding/hex'
import type { LosslessJson } from '../encoding/json'
import {
  amountFromWord,
  balanceStorageKey,
  findKnownToken,
  formatUnits,
  KNOWN_TOKENS,
  mappingSlot,
  parseAddress,
} from './erc20'
import { parseEthGetProof } from './parseEthGetProof'
import { REAL_PROOF_CASES } from '../../../tests/support/realProofCases'
import { verifyEthGetProof } from './verifyEthGetProof'

/** The holder in nimbus's balanceOf call (nimbus_verified_proxy/tests/test_evm.nim, calldata 0x70a08231…c8a4). */
const NIMBUS_HOLDER = '0xDe5ae63A348C4d63343C8E20Fb6286909418c8A4'

describe('ERC-20 balance slots', () => {
  it('WETH balance slot 3 is the slot the real nimbus proof proves, and gives an exact amount', () => {
    const weth = findKnownToken('weth')!
    const key = balanceStorageKey(weth, parseAddress(NIMBUS_HOLDER))
    const c = REAL_PROOF_CASES.find((x) => x.name.startsWith('nimbus'))!
    const proof = parseEthGetProof(readFixtureJson(c.file) as LosslessJson)
    expect(bytesToHex(proof.address)).toBe(weth.address)
    expect(bytesToHex(key)).toBe(bytesToHex(proof.storageProof[0]!.key))
    const report = verifyEthGetProof(proof, hexToBytes(c.stateRoot))
    expect(report.verdict).toBe('verified')
    const word = BigInt((report.facts.storage as { value: string }[])[0]!.value)
    expect(amountFromWord(weth, word)).toBe(0x288a82d13c3d1600n)
    expect(formatUnits(amountFromWord(weth, word), weth.decimals)).toBe('2.9212911434736')
  })

  it('no other small slot number gives the proven WETH key (the slot is not a coincidence)', () => {
    const holder = parseAddress(NIMBUS_HOLDER)
    const hits = Array.from({ length: 64 }, (_, p) => p).filter(
      (p) =>
        bytesToHex(mappingSlot(holder, BigInt(p))) ===
        '0x4de9be9d9a5197eea999984bec8d41aac923403f95449eaf16641fbc3a942711',
    )
    expect(hits).toEqual([3])
  })

  it('mappingSlot is keccak256(pad32(holder) ‖ pad32(slot))', () => {
    const holder = parseAddress('0x' + '11'.repeat(20))
    const manual = new Uint8Array(64)
    manual.set(holder, 12)
    manual[63] = 9
    expect(mappingSlot(holder, 9n)).toEqual(keccak_256(manual))
    expect(() => mappingSlot(new Uint8Array(19), 0n)).toThrow(/20 bytes/)
  })

  it('the table holds the seven tokens with their decimals and slots', () => {
    expect(KNOWN_TOKENS.map((t) => [t.symbol, t.decimals, Number(t.balanceSlot)])).toEqual([
      ['WETH', 18, 3],
      ['USDC', 6, 9],
      ['USDT', 6, 2],
      ['DAI', 18, 2],
      ['WBTC', 8, 0],
      ['stETH', 18, 0],
      ['LINK', 18, 1],
    ])
    for (const t of KNOWN_TOKENS) {
      expect(t.address).toMatch(/^0x[0-9a-f]{40}$/)
      expect(findKnownToken(t.address)).toBe(t)
    }
    expect(findKnownToken('0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48')?.symbol).toBe('USDC')
    expect(findKnownToken('NOPE')).toBeUndefined()
  })

  it('USDC drops its blacklist flag (top bit) from the amount', () => {
    const usdc = findKnownToken('USDC')!
    expect(amountFromWord(usdc, (1n << 255n) | 1_500_000n)).toBe(1_500_000n)
    expect(formatUnits(amountFromWord(usdc, 1_500_000n), usdc.decimals)).toBe('1.5')
  })
})

describe('formatUnits', () => {
  it('is exact for every size and trims only fractional zeros', () => {
    expect(formatUnits(0n, 18)).toBe('0')
    expect(formatUnits(1n, 18)).toBe('0.000000000000000001')
    expect(formatUnits(10n ** 18n, 18)).toBe('1')
    expect(formatUnits(1_230_000n, 6)).toBe('1.23')
    expect(formatUnits(100n, 0)).toBe('100')
    expect(formatUnits(57657174398349561183621184n, 18)).toBe('57657174.398349561183621184')
    expect(formatUnits((1n << 256n) - 1n, 18)).toBe(
      '115792089237316195423570985008687907853269984665640564039457.584007913129639935',
    )
    expect(formatUnits(-15n, 1)).toBe('-1.5')
    expect(() => formatUnits(1n, -1)).toThrow()
  })
})
