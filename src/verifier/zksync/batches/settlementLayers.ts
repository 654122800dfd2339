/**
 * Settlement layers a ZK chain can settle on besides L1, by chain id. Only names for reports: which layer a
 * batch settled on is never taken from this table, it is proven (or, as a hint, reported by the node).
 *
 * 9075: ZKsync Gateway on mainnet (zksync-era `etc/upgrades/v29-*-upgrade/mainnet.yaml` `gateway_chain_id`,
 * research next-wave.md §3.1). Era settled there from 2025-07-28 to 2026-01-31.
 */
export const GATEWAY_CHAIN_ID = 9075n

const NAMES = new Map<bigint, string>([[GATEWAY_CHAIN_ID, 'ZKsync Gateway']])

/** "ZKsync Gateway (chain 9075)", or "chain N" for a layer this table does not name. */
export function settlementLayerName(chainId: bigint): string {
  const name = NAMES.get(chainId)
  return name ? `${name} (chain ${chainId})` : `chain ${chainId}`
}

/** What the ZKsync node says about where batch n was committed (zks_getL1BatchDetails.commitChainId): a hint. */
export interface SettlementHint {
  commitChainId: bigint | null
  endpoint?: string
}
