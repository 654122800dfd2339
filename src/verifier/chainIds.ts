/**
 * The chain ids each network's endpoints must report (eth_chainId, EIP-695), as data. An endpoint that
 * reports another chain serves another chain — even when every proof it gives happens to verify, it lied
 * about what it is, and DESIGN.md §1 wants every lie to end in a failed or incomplete verdict.
 *
 * Sources:
 * - mainnet L1 1: EIP-155 (the chain id table); ZKsync Era 324: research/zksync.md (ZE
 *   `etc/env/configs/mainnet.toml` CONTRACTS_ERA_CHAIN_ID="324").
 * - sepolia L1 11155111: EIP-155 list / the Sepolia genesis config (chainId 11155111); ZKsync Era Sepolia 300:
 *   research/zksync.md ("Era Sepolia | L2 chain 300").
 * - hoodi L1 560048: eth-clients/hoodi `metadata/genesis.json` (config.chainId 560048). No ZKsync Era chain
 *   settles on Hoodi: null, so a ZKsync endpoint there cannot be checked by id.
 * - lightproof-devnet (the local test world, never a real chain): L1 1337 = devnet/l1 DEFAULT_L1_CHAIN_ID,
 *   ZKsync 270 = devnet/zksync DEVNET_CHAIN_ID (chainIds.test.ts keeps them in step; the verifier does not
 *   import the devnet).
 */
export interface NetworkChainIds {
  l1: bigint
  /** ZKsync Era's L2 chain id on this network; null when no Era chain settles there. */
  zksync: bigint | null
}

export const CHAIN_IDS: Readonly<Record<string, NetworkChainIds>> = {
  mainnet: { l1: 1n, zksync: 324n },
  sepolia: { l1: 11155111n, zksync: 300n },
  hoodi: { l1: 560048n, zksync: null },
  'lightproof-devnet': { l1: 1337n, zksync: 270n },
}

/** The chain ids of a built-in network by name; null for a network this table does not know (a custom devnet). */
export function chainIdsOf(network: string): NetworkChainIds | null {
  return Object.hasOwn(CHAIN_IDS, network) ? CHAIN_IDS[network]! : null
}
