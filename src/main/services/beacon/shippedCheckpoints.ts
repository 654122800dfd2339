/**
 * The checkpoint shipped with each release, per network: the last resort when the user pinned no root and no
 * verified state is on disk. A real finalized block root, with the slot it is at and where it was taken from,
 * so its age can be shown and checked against the weak-subjectivity horizon. It ages with every day the
 * release is out: the Trust page says so, and the user should pin a recent root from a source they trust.
 */
export interface ShippedCheckpoint {
  root: string
  slot: bigint
  /** Where the root comes from, shown to the user and written into evidence. */
  provenance: string
}

export const SHIPPED_CHECKPOINTS: Readonly<Record<string, ShippedCheckpoint>> = {
  // hash_tree_root of the header of the Fulu LightClientBootstrap in status-im/nimbus-eth1 test data
  // (nimbus_verified_proxy/tests/data/lc_bootstrap.json @ 7e573f7c; fixture set B), checked in
  // shippedCheckpoints.test.ts. Slot 14017856 = 2026-04-01, sync-committee period 1711.
  mainnet: {
    root: '0x9bcb90ec3a294591b77dd2a58e973578715cdc0e6eeeb286bc06dd120057f18b',
    slot: 14017856n,
    provenance: 'mainnet slot 14017856 (2026-04-01), finalized, from nimbus-eth1 lc_bootstrap.json test data',
  },
}

export function shippedCheckpoint(network: string): ShippedCheckpoint | null {
  return Object.hasOwn(SHIPPED_CHECKPOINTS, network) ? SHIPPED_CHECKPOINTS[network]! : null
}
