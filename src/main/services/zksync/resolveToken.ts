import { UsageError } from '../../../shared/errors'
import { BRIDGED_ERC20_BALANCES_SLOT, findL2Token } from '../../../verifier/zksync/stateTree/l2Tokens'

/** A token as a balance question names it: where its balances live and how to show them. */
export interface ResolvedToken {
  address: string
  /** Decimal string. */
  balanceSlot: string
  decimals: number
  symbol: string
  balanceBits: number
  /** Whether the row is confirmed against chain data (false for table rows not yet checked and for guesses). */
  confirmed: boolean
}

/**
 * `USDC` (a row of the built-in table), `0x…` (an L2 token assumed to be a bridged ERC-20: balances at slot 51,
 * 18 decimals) or `0x…:SLOT:DECIMALS` for any other layout. A wrong slot proves a zero at an unused key, so a guess
 * is marked unconfirmed.
 */
export function resolveToken(spec: string): ResolvedToken {
  const s = spec.trim()
  const row = findL2Token(s)
  if (row)
    return {
      address: row.address,
      balanceSlot: row.balanceMappingSlot.toString(),
      decimals: row.decimals,
      symbol: row.symbol,
      balanceBits: row.balanceBits,
      confirmed: row.verified,
    }
  const m = /^(0x[0-9a-fA-F]{40})(?::(\d{1,78}))?(?::(\d{1,2}))?$/.exec(s)
  if (!m)
    throw new UsageError(
      `unknown token '${spec}': give a symbol of the built-in table, an L2 address, or address:slot:decimals`,
    )
  const decimals = m[3] === undefined ? 18 : Number(m[3])
  if (decimals > 77) throw new UsageError('token decimals must be at most 77')
  return {
    address: m[1]!.toLowerCase(),
    balanceSlot: m[2] ?? BRIDGED_ERC20_BALANCES_SLOT.toString(),
    decimals,
    symbol: `TOKEN ${m[1]!.slice(0, 8)}…`,
    balanceBits: 256,
    confirmed: false,
  }
}
