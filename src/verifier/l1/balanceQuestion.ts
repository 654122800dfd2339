import { bigintToBytes32, bytesToHex, hexToBytes } from '../encoding/hex'
import { amountFromWord, findKnownToken, formatUnits, mappingSlot, type KnownToken } from '../mpt/erc20'
import type { L1BalanceQuestion, TokenQuestion } from './l1BalanceEvidence'

/**
 * What an L1 balance question asks eth_getProof for, in one of three modes:
 * - `eth`:   the holder's account; the value is its balance (wei, 18 decimals);
 * - `erc20`: the token contract's account and the holder's entry of its balance mapping at slot p,
 *            keccak256(pad32(holder) ‖ pad32(p)) (Solidity storage layout of mappings; mpt/erc20.ts);
 * - `slot`:  a contract's raw storage slot; the value is the 32-byte word.
 */
export type BalanceMode = 'eth' | 'erc20' | 'slot'

export interface BalanceTarget {
  mode: BalanceMode
  /** The holder (eth, erc20) or the contract (slot). */
  address: Uint8Array
  /** The account eth_getProof is asked about: the holder (eth), the token (erc20), the contract (slot). */
  account: Uint8Array
  /** The storage key that must be proven (erc20, slot), as 32 bytes. */
  storageKey: Uint8Array | null
  token: TokenQuestion | null
  /** The built-in table's row for the token, if it has one (amount bits, shares). */
  known: KnownToken | null
  /** Decimals used to format the value; null = unknown (raw units shown). */
  decimals: number | null
  unitLabel: string
}

export function balanceTarget(q: L1BalanceQuestion): BalanceTarget {
  const address = hexToBytes(q.address.toLowerCase(), 'question.address', 20)
  if (q.token) {
    const tokenAddress = hexToBytes(q.token.address.toLowerCase(), 'question.token.address', 20)
    const known = findKnownToken(bytesToHex(tokenAddress)) ?? null
    return {
      mode: 'erc20',
      address,
      account: tokenAddress,
      storageKey: mappingSlot(address, BigInt(q.token.slot)),
      token: q.token,
      known,
      decimals: q.token.decimals,
      unitLabel: known?.unit === 'shares' ? `${q.token.symbol} shares` : q.token.symbol,
    }
  }
  if (q.slot) {
    return {
      mode: 'slot',
      address,
      account: address,
      storageKey: bigintToBytes32(BigInt(q.slot)),
      token: null,
      known: null,
      decimals: null,
      unitLabel: '',
    }
  }
  return {
    mode: 'eth',
    address,
    account: address,
    storageKey: null,
    token: null,
    known: null,
    decimals: 18,
    unitLabel: 'ETH',
  }
}

/** The amount a proven word holds: a token may keep flag bits above it (USDC's blacklist bit). */
export function amountOf(target: BalanceTarget, word: bigint): bigint {
  return target.known ? amountFromWord(target.known, word) : word
}

export function formatAmount(target: BalanceTarget, amount: bigint): string {
  if (target.mode === 'slot') return bytesToHex(bigintToBytes32(amount))
  const units = target.decimals === null ? amount.toString() : formatUnits(amount, target.decimals)
  return target.unitLabel ? `${units} ${target.unitLabel}` : units
}

/**
 * A token row of the question must agree with the built-in table when the token is listed there: a file that
 * calls USDC's balance slot 3 or its decimals 18 would show a wrong amount from a correct proof.
 */
export function tokenTableMismatch(token: TokenQuestion, known: KnownToken): string | null {
  const problems: string[] = []
  if (token.symbol.toLowerCase() !== known.symbol.toLowerCase())
    problems.push(`symbol ${token.symbol}, the table says ${known.symbol}`)
  if (token.decimals !== known.decimals)
    problems.push(`decimals ${String(token.decimals)}, the table says ${known.decimals}`)
  if (BigInt(token.slot) !== known.balanceSlot)
    problems.push(`balance slot ${token.slot}, the table says ${known.balanceSlot}`)
  return problems.length > 0 ? problems.join('; ') : null
}
