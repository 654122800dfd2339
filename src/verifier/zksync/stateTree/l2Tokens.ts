/**
 * Well-known ZKsync Era (chain 324) tokens and where their balances live in L2 storage. Data only: the
 * derivation is in l2Balances.ts.
 *
 * NONE of these rows can be confirmed from our research notes (zksync.md §3.5 gives the layouts, not the token
 * addresses), so every row is `verified: false`. The addresses and decimals agree across several public token
 * lists (derpdex-official/token-list `zksync.tokenlist.json`, the @syncswap/sdk zkSyncMainnet token list, and
 * others seen while researching); the balance slots follow from each contract's source layout as cited per row.
 * A slot is wrong silently — the proof then verifies a zero at an unused key — so the app should check each
 * row once against `eth_call balanceOf` (zksync.md §3.5) before trusting it without this flag.
 */
export interface L2Token {
  symbol: string
  name: string
  /** Lowercase 0x-hex L2 contract address. */
  address: string
  decimals: number
  /** Storage slot of the `mapping(address => uint256)` holding balances (or the ERC-7201 namespace base). */
  balanceMappingSlot: bigint
  /** Low bits of the stored word that hold the balance (FiatToken v2.2 keeps a blacklist flag in bit 255). */
  balanceBits: number
  layout: 'bridged-standard-erc20' | 'oz-upgradeable-v4-erc20' | 'fiat-token-v2' | 'weth9'
  /** False until the row is confirmed against chain data; shown to the user. */
  verified: boolean
  source: string
}

/**
 * OZ upgradeable v4 `ERC20Upgradeable._balances`: `Initializable` takes slot 0, `ContextUpgradeable.__gap` slots
 * 1–50, `_balances` is 51. The same slot as BridgedStandardERC20 (zksync.md §3.5, solc layout of EC main
 * `bridge/BridgedStandardERC20.sol`; zksync-era `key_for_erc20_balance`).
 */
export const BRIDGED_ERC20_BALANCES_SLOT = 51n

export const L2_TOKENS: readonly L2Token[] = [
  {
    symbol: 'USDC',
    name: 'USD Coin (native, Circle)',
    address: '0x1d17cbcf0d6d143135ae902365d2e5e2a16538d4',
    decimals: 6,
    // Circle FiatToken: Ownable 0, Pausable 1, Blacklistable 2–3, name/symbol/decimals/currency/masterMinter 4–8,
    // balances 9 (the L1 USDC balance slot). From v2.2 the word is `balanceAndBlacklistStates`: bit 255 is the
    // blacklist flag. UNVERIFIED for this deployment.
    balanceMappingSlot: 9n,
    balanceBits: 255,
    layout: 'fiat-token-v2',
    verified: false,
    source: 'address: public token lists (chain 324); slot: circlefin/stablecoin-evm FiatTokenV1/V2_2 layout',
  },
  {
    symbol: 'USDC.e',
    name: 'USD Coin (bridged from Ethereum)',
    address: '0x3355df6d4c9c3035724fd0e3914de96a5a83aaf4',
    decimals: 6,
    balanceMappingSlot: BRIDGED_ERC20_BALANCES_SLOT,
    balanceBits: 256,
    layout: 'bridged-standard-erc20',
    verified: false,
    source: 'address: derpdex token list, @syncswap/sdk (USDC.e); slot: zksync.md §3.5 bridged ERC20',
  },
  {
    symbol: 'USDT',
    name: 'Tether USD (bridged from Ethereum)',
    address: '0x493257fd37edb34451f62edf8d2a0c418852ba4c',
    decimals: 6,
    balanceMappingSlot: BRIDGED_ERC20_BALANCES_SLOT,
    balanceBits: 256,
    layout: 'bridged-standard-erc20',
    verified: false,
    source:
      'address: derpdex token list, @syncswap/sdk; slot: zksync.md §3.5 bridged ERC20 (bridging unconfirmed)',
  },
  {
    symbol: 'WETH',
    name: 'Wrapped Ether',
    address: '0x5aea5775959fbc2557cc8789bc1bf90a239d9a91',
    decimals: 18,
    // WETH9 layout: name 0, symbol 1, decimals 2, balanceOf 3. That this contract uses the WETH9 layout is an
    // assumption we could not check: UNVERIFIED.
    balanceMappingSlot: 3n,
    balanceBits: 256,
    layout: 'weth9',
    verified: false,
    source: 'address: derpdex token list and DEX configs (chain 324); slot: WETH9 layout, assumed',
  },
  {
    symbol: 'ZK',
    name: 'ZKsync',
    address: '0x5a7d6b2f92c77fad6ccabd7ee0624e64907eaf3e',
    decimals: 18,
    // ZkTokenV1 (zksync-association/zk-governance `l2-contracts/src/ZkTokenV1.sol`) is an OZ
    // contracts-upgradeable v4 ERC20VotesUpgradeable (it imports SafeCastUpgradeable, a v4 name), so
    // `_balances` is slot 51. UNVERIFIED against chain data.
    balanceMappingSlot: BRIDGED_ERC20_BALANCES_SLOT,
    balanceBits: 256,
    layout: 'oz-upgradeable-v4-erc20',
    verified: false,
    source: 'address: ZKsync governance docs (ZK Token); slot: ZkTokenV1.sol OZ upgradeable v4 layout',
  },
]

/** A table row by symbol (case-insensitive) or by L2 address. */
export function findL2Token(symbolOrAddress: string): L2Token | undefined {
  const q = symbolOrAddress.toLowerCase()
  return L2_TOKENS.find((t) => t.symbol.toLowerCase() === q || t.address === q)
}
