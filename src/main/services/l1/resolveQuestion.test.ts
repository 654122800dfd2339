import { describe, expect, it } from 'vitest'
import { UsageError } from '../../../shared/errors'
import { checkedAddress, resolveQuestion } from './resolveQuestion'

const HOLDER = '0x95222290DD7278Aa3Ddd389Cc1E1d165CC4BAfe5'

describe('resolveQuestion', () => {
  it('accepts lowercase, uppercase and correct EIP-55 addresses, lowercasing them', () => {
    expect(checkedAddress(HOLDER)).toBe(HOLDER.toLowerCase())
    expect(checkedAddress(HOLDER.toLowerCase())).toBe(HOLDER.toLowerCase())
    expect(checkedAddress('0x' + HOLDER.slice(2).toUpperCase())).toBe(HOLDER.toLowerCase())
  })

  it('refuses a wrong checksum by name, suggesting the right form', () => {
    const wrong = HOLDER.replace('BAfe5', 'BAFe5') // same address, one letter's case changed
    expect(() => checkedAddress(wrong)).toThrow(
      /EIP-55 checksum is wrong \(did you mean 0x95222290DD7278Aa3Ddd389Cc1E1d165CC4BAfe5/,
    )
    expect(() => checkedAddress('0x1234')).toThrow(UsageError)
    expect(() => checkedAddress('95222290dd7278aa3ddd389cc1e1d165cc4bafe5')).toThrow(/0x followed by 40/)
  })

  it('ETH, a known symbol (any case) or address, an unlisted token with its slot, and a raw slot', () => {
    expect(resolveQuestion({ address: HOLDER })).toEqual({ address: HOLDER.toLowerCase(), token: null })
    const usdc = {
      address: '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
      symbol: 'USDC',
      decimals: 6,
      slot: '0x9',
    }
    expect(resolveQuestion({ address: HOLDER, token: 'usdc' }).token).toEqual(usdc)
    expect(
      resolveQuestion({ address: HOLDER, token: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48' }).token,
    ).toEqual(usdc)
    expect(
      resolveQuestion({
        address: HOLDER,
        token: '0x1111111111111111111111111111111111111111',
        slot: '0x0',
        decimals: 8,
      }).token,
    ).toMatchObject({ address: '0x1111111111111111111111111111111111111111', decimals: 8, slot: '0x0' })
    expect(resolveQuestion({ address: HOLDER, slot: '0x1' })).toEqual({
      address: HOLDER.toLowerCase(),
      slot: '0x0000000000000000000000000000000000000000000000000000000000000001',
    })
  })

  it('names what is wrong: unknown symbol, unlisted token without slot, a slot or decimals that contradict the table', () => {
    const code = (f: () => unknown) => {
      try {
        f()
      } catch (err) {
        return (err as UsageError).code
      }
      return 'no error'
    }
    expect(code(() => resolveQuestion({ address: HOLDER, token: 'DOGE' }))).toBe('l1.unknown-token')
    expect(
      code(() => resolveQuestion({ address: HOLDER, token: '0x1111111111111111111111111111111111111111' })),
    ).toBe('l1.unknown-token')
    expect(code(() => resolveQuestion({ address: HOLDER, token: 'WETH', slot: '0x4' }))).toBe('l1.slot')
    expect(code(() => resolveQuestion({ address: HOLDER, token: 'WETH', decimals: 6 }))).toBe('l1.decimals')
    expect(code(() => resolveQuestion({ address: HOLDER, decimals: 6 }))).toBe('l1.decimals')
  })
})
