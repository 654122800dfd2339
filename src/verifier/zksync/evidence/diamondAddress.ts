import { ERA_DIAMOND_ADDRESS } from './proveDiamondStorage'

/**
 * The ZKsync Era diamond proxy each network's L1 holds, as data (research/zksync.md §0): mainnet
 * `0x3240…0324` (ZE `etc/env/ecosystems/mainnet.yaml` diamond_proxy_addr), Sepolia `0x9a6d…1ef9` (the era CLI's
 * `src/contract.rs`); the test world puts its diamond at mainnet's address. Hoodi has no Era chain.
 *
 * The address of a contract whose storage is proven is a trust anchor: storage proven at the trusted state root
 * is only the chain's if the account is the chain's. So it is never read from an evidence file — a file could
 * otherwise point at any contract with chosen storage, proven honestly against the same root.
 */
export const ERA_DIAMONDS: Readonly<Record<string, string | null>> = {
  mainnet: ERA_DIAMOND_ADDRESS,
  sepolia: '0x9a6de0f62aa270a8bcb1e2610078650d539b1ef9',
  hoodi: null,
  'lightproof-devnet': ERA_DIAMOND_ADDRESS,
}

export type DiamondChoice = { ok: true; address: string } | { ok: false; reason: string }

/**
 * The diamond of the network an answer is on. A network the evidence does not name (a bare trusted state root,
 * or an inline devnet definition) is taken to be Era mainnet's layout — the address is still fixed here, not by
 * the file, so at worst such a file fails `zksync.diamond.address`.
 */
export function diamondAddressOf(network: string | null): DiamondChoice {
  if (network === null) return { ok: true, address: ERA_DIAMOND_ADDRESS }
  if (!Object.hasOwn(ERA_DIAMONDS, network))
    return { ok: false, reason: `network ${network} has no built-in ZKsync Era diamond` }
  const address = ERA_DIAMONDS[network]!
  return address === null
    ? { ok: false, reason: `no ZKsync Era chain settles on ${network}` }
    : { ok: true, address }
}
