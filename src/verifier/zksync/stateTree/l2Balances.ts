import { keccak_256 } from '../../crypto/backends'
import { InputError } from '../../../shared/errors'
import { bigintToBytes32, bytesToBigint, hexToBytes } from '../../encoding/hex'
import type { L2Token } from './l2Tokens'

/**
 * Where ZKsync Era keeps balances and nonces in L2 storage (zksync.md §3.5), as the (contract, slot) pair to ask
 * `zks_getProof` for. The slot is the Solidity mapping slot `keccak256(pad32(account) ‖ pad32(mappingSlot))`.
 */
export const L2_SYSTEM_CONTRACTS = {
  /** L2BaseToken: `mapping(address => uint256) balance` at slot 0, totalSupply at 1 (EC `L2BaseToken.sol`). */
  baseToken: { address: '0x000000000000000000000000000000000000800a', balanceMappingSlot: 0n },
  /** NonceHolder: `rawNonces` mapping at slot 0 (EC `NonceHolder.sol`; ZE `get_nonce_key`). */
  nonceHolder: { address: '0x0000000000000000000000000000000000008003', rawNoncesMappingSlot: 0n },
} as const

/** A storage location in the L2 tree: what `zks_getProof(address, [slot], batch)` is asked for. */
export interface L2StorageLocation {
  contract: Uint8Array
  slot: Uint8Array
}

/** `keccak256(pad32(account) ‖ pad32(mappingSlot))`: the Solidity slot of `mapping(address => …)[account]`. */
export function addressMappingSlot(account: Uint8Array, mappingSlot: bigint): Uint8Array {
  if (account.length !== 20) throw new InputError('account must be a 20-byte address')
  const buf = new Uint8Array(64)
  buf.set(account, 12)
  buf.set(bigintToBytes32(mappingSlot), 32)
  return keccak_256(buf)
}

/** ETH (base token) balance: L2BaseToken 0x…800a, `balance[account]` (ZE `key_for_eth_balance`). */
export function ethBalanceLocation(account: Uint8Array): L2StorageLocation {
  const c = L2_SYSTEM_CONTRACTS.baseToken
  return {
    contract: hexToBytes(c.address, 'contract', 20),
    slot: addressMappingSlot(account, c.balanceMappingSlot),
  }
}

/**
 * An ERC-20 balance: `_balances[account]` at the token. The default slot 51 is BridgedStandardERC20's
 * (ZE `key_for_erc20_balance`); a native token needs its own slot (a table row or the user's choice).
 */
export function erc20BalanceLocation(
  token: Uint8Array,
  account: Uint8Array,
  balanceMappingSlot = 51n,
): L2StorageLocation {
  if (token.length !== 20) throw new InputError('token must be a 20-byte address')
  return { contract: token, slot: addressMappingSlot(account, balanceMappingSlot) }
}

/** A balance of a token from the built-in table (l2Tokens.ts). */
export function tokenBalanceLocation(token: L2Token, account: Uint8Array): L2StorageLocation {
  return erc20BalanceLocation(hexToBytes(token.address, 'token', 20), account, token.balanceMappingSlot)
}

/** The account's raw nonce word: NonceHolder 0x…8003, `rawNonces[account]`. */
export function nonceLocation(account: Uint8Array): L2StorageLocation {
  const c = L2_SYSTEM_CONTRACTS.nonceHolder
  return {
    contract: hexToBytes(c.address, 'contract', 20),
    slot: addressMappingSlot(account, c.rawNoncesMappingSlot),
  }
}

/** The raw nonce word packs `minNonce + deploymentNonce · 2^128` (ZE `decompose_full_nonce`). */
export function decomposeNonce(value: Uint8Array): { minNonce: bigint; deploymentNonce: bigint } {
  const v = bytesToBigint(value)
  return { minNonce: v & ((1n << 128n) - 1n), deploymentNonce: v >> 128n }
}

/** The balance held in a proven storage word, masked to the token's balance bits. */
export function balanceFromWord(value: Uint8Array, balanceBits = 256): bigint {
  const v = bytesToBigint(value)
  return balanceBits >= 256 ? v : v & ((1n << BigInt(balanceBits)) - 1n)
}

/** `1234500` with 6 decimals → `1.2345`: exact decimal text, no floating point. */
export function formatUnits(amount: bigint, decimals: number): string {
  if (decimals === 0) return amount.toString()
  const s = amount.toString().padStart(decimals + 1, '0')
  const whole = s.slice(0, -decimals)
  const frac = s.slice(-decimals).replace(/0+$/, '')
  return frac ? `${whole}.${frac}` : whole
}
