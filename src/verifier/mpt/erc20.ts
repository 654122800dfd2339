import { keccak_256 } from '../crypto/backends'
import { InputError } from '../../shared/errors'
import { bigintToBytes32, concatBytes, hexToBytes } from '../encoding/hex'

/**
 * ERC-20 balances read from storage. A Solidity `mapping(address => uint256)` declared at slot p keeps the
 * entry for key k at keccak256(pad32(k) ‖ pad32(p)) (Solidity docs, "Layout of State Variables in Storage",
 * mappings). Proving that slot with eth_getProof proves the balance, given the right p for the token.
 */
export function mappingSlot(holder: Uint8Array, slot: bigint): Uint8Array {
  if (holder.length !== 20) throw new InputError(`holder: expected 20 bytes, got ${holder.length}`)
  const key = new Uint8Array(32)
  key.set(holder, 12)
  return keccak_256(concatBytes(key, bigintToBytes32(slot)))
}

export interface KnownToken {
  symbol: string
  name: string
  /** Mainnet address, lowercase. */
  address: string
  decimals: number
  /** Slot p of the balance mapping. */
  balanceSlot: bigint
  /** Low bits of the stored word that hold the amount (USDC keeps a blacklist flag in the top bit). */
  amountBits: number
  /** What the stored amount counts: token units, or stETH shares (balance = shares × pooled ether ÷ shares total). */
  unit: 'tokens' | 'shares'
  /** Why the slot is p: the proof it was checked on here, or the contract's storage layout. */
  evidence: string
}

/**
 * Well-known mainnet tokens. Slots follow each contract's declared state variables in inheritance order
 * (constants and immutables take no slot); proxies keep the implementation's layout in the proxy's storage.
 */
export const KNOWN_TOKENS: readonly KnownToken[] = [
  {
    symbol: 'WETH',
    name: 'Wrapped Ether',
    address: '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2',
    decimals: 18,
    balanceSlot: 3n,
    amountBits: 256,
    unit: 'tokens',
    evidence:
      'WETH9: name 0, symbol 1, decimals 2, balanceOf 3, allowance 4. Checked on a real proof: nimbus storage_proof.json ' +
      'slot 0x4de9…2711 = mappingSlot(0xde5a…c8a4, 3), the holder of the balanceOf call in nimbus test_evm.nim',
  },
  {
    symbol: 'USDC',
    name: 'USD Coin',
    address: '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
    decimals: 6,
    balanceSlot: 9n,
    amountBits: 255,
    unit: 'tokens',
    evidence:
      'FiatTokenProxy → FiatTokenV2_2: Ownable owner 0; pauser 1 + paused; blacklister 2; (v1 blacklisted map 3); ' +
      'name 4, symbol 5, decimals 6, currency 7, masterMinter 8 + initialized, balanceAndBlacklistStates 9 ' +
      '(top bit = blacklisted, low 255 bits = balance, FiatTokenV2_2). The colibri USDC fixture proves only the proxy ' +
      'implementation slot, not a balance',
  },
  {
    symbol: 'USDT',
    name: 'Tether USD',
    address: '0xdac17f958d2ee523a2206206994597c13d831ec7',
    decimals: 6,
    balanceSlot: 2n,
    amountBits: 256,
    unit: 'tokens',
    evidence: 'TetherToken: Ownable owner 0, ERC20Basic _totalSupply 1, BasicToken balances 2',
  },
  {
    symbol: 'DAI',
    name: 'Dai Stablecoin',
    address: '0x6b175474e89094c44da98b954eedeac495271d0f',
    decimals: 18,
    balanceSlot: 2n,
    amountBits: 256,
    unit: 'tokens',
    evidence: 'Dai (dss dai.sol): wards 0, totalSupply 1, balanceOf 2, allowance 3, nonces 4',
  },
  {
    symbol: 'WBTC',
    name: 'Wrapped BTC',
    address: '0x2260fac5e5542a773aa44fbcfedf7c193bc2c599',
    decimals: 8,
    balanceSlot: 0n,
    amountBits: 256,
    unit: 'tokens',
    evidence: 'WBTC is StandardToken, …: BasicToken balances 0, totalSupply_ 1, StandardToken allowed 2',
  },
  {
    symbol: 'stETH',
    name: 'Lido staked ETH (shares)',
    address: '0xae7ab96520de3a18e5e111b5eaab095312d7fe84',
    decimals: 18,
    balanceSlot: 0n,
    amountBits: 256,
    unit: 'shares',
    evidence:
      'Lido StETH: `mapping(address => uint256) shares` is its first ordinary state variable (slot 0); AragonApp and ' +
      'the totals use unstructured storage (keccak256("lido.StETH.totalShares") etc.)',
  },
  {
    symbol: 'LINK',
    name: 'ChainLink Token',
    address: '0x514910771af9ca656af840dff83e8264ecf986ca',
    decimals: 18,
    balanceSlot: 1n,
    amountBits: 256,
    unit: 'tokens',
    evidence:
      'LinkToken: linkERC20Basic `uint256 public totalSupply` 0 (shadowed by a constant, but the slot stays), ' +
      'linkBasicToken balances 1, linkStandardToken allowed 2',
  },
]

/** A known token by symbol (case-insensitive) or by 0x-address. */
export function findKnownToken(symbolOrAddress: string): KnownToken | undefined {
  const q = symbolOrAddress.toLowerCase()
  return KNOWN_TOKENS.find((t) => t.symbol.toLowerCase() === q || t.address === q)
}

/** The storage key whose value is `holder`'s balance in `token`. */
export function balanceStorageKey(token: KnownToken, holder: Uint8Array): Uint8Array {
  return mappingSlot(holder, token.balanceSlot)
}

/** The amount in a proven storage word, dropping the flag bits a token keeps above it. */
export function amountFromWord(token: KnownToken, word: bigint): bigint {
  return token.amountBits >= 256 ? word : word & ((1n << BigInt(token.amountBits)) - 1n)
}

/**
 * An exact decimal rendering of `amount / 10^decimals`: no floating point, no rounding; trailing fractional
 * zeros are dropped ("1.5", "0.000001", "42").
 */
export function formatUnits(amount: bigint, decimals: number): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 255)
    throw new InputError(`decimals: ${decimals}`)
  const negative = amount < 0n
  const abs = negative ? -amount : amount
  const s = abs.toString().padStart(decimals + 1, '0')
  const whole = s.slice(0, s.length - decimals)
  const fraction = s.slice(s.length - decimals).replace(/0+$/, '')
  return `${negative ? '-' : ''}${whole}${fraction ? '.' + fraction : ''}`
}

/** Parses a 20-byte address given as 0x-hex (any case; the checksum is not checked here). */
export function parseAddress(value: string): Uint8Array {
  return hexToBytes(value, 'address', 20)
}

export function tokenAddressBytes(token: KnownToken): Uint8Array {
  return hexToBytes(token.address, token.symbol, 20)
}
