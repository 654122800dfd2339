import { keccak_256 } from '@noble/hashes/sha3.js'
import { bigintToBytes32, bytesToHex, concatBytes, hexToBytes } from '../../src/verifier/encoding/hex'
import { normalizeAddress, normalizeSlot } from './l1State'

/**
 * The world's demo ERC-20, laid out as OpenZeppelin's ERC20 (v4/v5) compiles: `_balances` mapping at slot 0,
 * `_allowances` at 1, `_totalSupply` at 2, `_name` at 3, `_symbol` at 4. A client proves a holder's balance
 * with eth_getProof of the slot erc20BalanceSlot(holder) — the Solidity mapping rule
 * keccak256(pad32(key) ‖ pad32(mappingSlot)) (research/l1-light-client.md §3.2).
 */
export const DEMO_ERC20_LAYOUT = {
  balancesSlot: 0n,
  allowancesSlot: 1n,
  totalSupplySlot: 2n,
  nameSlot: 3n,
  symbolSlot: 4n,
} as const

export const DEMO_ERC20_NAME = 'Lightproof Demo Token'
export const DEMO_ERC20_SYMBOL = 'LPDT'
export const DEMO_ERC20_DECIMALS = 18

/** The storage slot of `holder`'s entry in a `mapping(address => …)` at `mappingSlot` (default: balances). */
export function erc20BalanceSlot(
  holder: string,
  mappingSlot: bigint = DEMO_ERC20_LAYOUT.balancesSlot,
): string {
  const key = new Uint8Array(32)
  key.set(hexToBytes(normalizeAddress(holder)), 12)
  return bytesToHex(keccak_256(concatBytes(key, bigintToBytes32(mappingSlot))))
}

/**
 * Runtime code answering any call as balanceOf(address): mstore(0, arg0); mstore(32, 0);
 * return sload(keccak256(0, 64)). It is real EVM code, so a client running eth_call locally over proven
 * storage reads the same balance the proof gives.
 */
export const DEMO_ERC20_CODE = hexToBytes(
  '0x' +
    [
      '600435', // PUSH1 4 CALLDATALOAD — the first argument
      '600052', // PUSH1 0 MSTORE
      '6000', // PUSH1 0 — DEMO_ERC20_LAYOUT.balancesSlot
      '602052', // PUSH1 32 MSTORE
      '6040600020', // PUSH1 64 PUSH1 0 SHA3
      '54', // SLOAD
      '600052', // PUSH1 0 MSTORE
      '60206000f3', // PUSH1 32 PUSH1 0 RETURN
    ].join(''),
)

/** A Solidity short string (< 32 bytes): the bytes left-aligned, the last byte 2 × length. */
function shortString(text: string): bigint {
  const bytes = new TextEncoder().encode(text)
  if (bytes.length > 31) throw new Error('short string: 31 bytes at most')
  const word = new Uint8Array(32)
  word.set(bytes)
  word[31] = bytes.length * 2
  let v = 0n
  for (const b of word) v = (v << 8n) | BigInt(b)
  return v
}

export interface Erc20Holder {
  address: string
  balance: bigint
}

/** The token's whole storage: balances, total supply, name and symbol. */
export function demoErc20Storage(holders: readonly Erc20Holder[]): Map<string, bigint> {
  const storage = new Map<string, bigint>()
  let total = 0n
  for (const h of holders) {
    storage.set(erc20BalanceSlot(h.address), h.balance)
    total += h.balance
  }
  storage.set(normalizeSlot(DEMO_ERC20_LAYOUT.totalSupplySlot), total)
  storage.set(normalizeSlot(DEMO_ERC20_LAYOUT.nameSlot), shortString(DEMO_ERC20_NAME))
  storage.set(normalizeSlot(DEMO_ERC20_LAYOUT.symbolSlot), shortString(DEMO_ERC20_SYMBOL))
  return storage
}
