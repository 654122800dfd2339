import type { L1BalanceRequest } from '../../../shared/contract/l1'
import { UsageError } from '../../../shared/errors'
import { bigintToBytes32, bytesToHex } from '../../../verifier/encoding/hex'
import { findKnownToken, KNOWN_TOKENS } from '../../../verifier/mpt/erc20'
import type { L1BalanceQuestion } from '../../../verifier/l1/l1BalanceEvidence'
import { toChecksumAddress } from '../../../verifier/encoding/address'

/**
 * Turns what a user typed into an l1-balance question, or says precisely what is wrong with it. Only the
 * question is settled here; everything about the answer is left to the verifier.
 */
export function checkedAddress(text: string, what = 'address'): string {
  const t = text.trim()
  if (!/^0x[0-9a-fA-F]{40}$/.test(t))
    throw new UsageError(`${what} ${t.slice(0, 50)}: must be 0x followed by 40 hex digits`, 'l1.address')
  const body = t.slice(2)
  const mixed = body !== body.toLowerCase() && body !== body.toUpperCase()
  if (mixed && toChecksumAddress(t.toLowerCase()) !== t) {
    throw new UsageError(
      `${what} ${t}: the EIP-55 checksum is wrong (did you mean ${toChecksumAddress(t.toLowerCase())}?)`,
      'l1.address-checksum',
    )
  }
  return t.toLowerCase()
}

function slotHex(text: string, what: string): string {
  const t = text.trim()
  if (!/^0x[0-9a-fA-F]{1,64}$/.test(t))
    throw new UsageError(`${what} ${t.slice(0, 80)}: must be 0x followed by at most 64 hex digits`, 'l1.slot')
  return bytesToHex(bigintToBytes32(BigInt(t)))
}

const SYMBOLS = KNOWN_TOKENS.map((t) => t.symbol).join(', ')

export function resolveQuestion(request: L1BalanceRequest): L1BalanceQuestion {
  const address = checkedAddress(request.address)
  const tokenText = request.token?.trim()
  if (!tokenText) {
    if (request.decimals !== undefined && request.decimals !== null)
      throw new UsageError('decimals only apply to a token (--token)', 'l1.decimals')
    return request.slot ? { address, slot: slotHex(request.slot, 'slot') } : { address, token: null }
  }
  if (tokenText.startsWith('0x')) {
    const tokenAddress = checkedAddress(tokenText, 'token')
    const known = findKnownToken(tokenAddress)
    if (known) return { address, token: knownRow(known, request) }
    if (!request.slot)
      throw new UsageError(
        `token ${tokenAddress} is not in the built-in table (${SYMBOLS}): give its balance mapping slot (--slot) ` +
          'and, to show whole units, its decimals (--decimals)',
        'l1.unknown-token',
      )
    return {
      address,
      token: {
        address: tokenAddress,
        symbol: `${tokenAddress.slice(0, 8)}…`,
        decimals: request.decimals ?? null,
        slot: `0x${BigInt(request.slot).toString(16)}`,
      },
    }
  }
  const known = findKnownToken(tokenText)
  if (!known)
    throw new UsageError(
      `unknown token symbol ${tokenText.slice(0, 32)}: the built-in table has ${SYMBOLS}; for another token pass its 0x-address with --slot`,
      'l1.unknown-token',
    )
  return { address, token: knownRow(known, request) }
}

function knownRow(known: (typeof KNOWN_TOKENS)[number], request: L1BalanceRequest) {
  if (request.slot && BigInt(request.slot) !== known.balanceSlot)
    throw new UsageError(
      `${known.symbol} keeps balances at slot ${known.balanceSlot}, not ${request.slot}`,
      'l1.slot',
    )
  if (request.decimals !== undefined && request.decimals !== null && request.decimals !== known.decimals)
    throw new UsageError(
      `${known.symbol} has ${known.decimals} decimals, not ${request.decimals}`,
      'l1.decimals',
    )
  return {
    address: known.address,
    symbol: known.symbol,
    decimals: known.decimals,
    slot: `0x${known.balanceSlot.toString(16)}`,
  }
}
