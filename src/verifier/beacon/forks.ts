/**
 * Light-client fork rules as data. A new fork with the same header shape is one row here; everything that
 * differs between forks (gindices, execution header fields) is read from this table.
 *
 * Gindices: consensus-specs `capella/light-client/sync-protocol.md` (54/55/105, execution 25) and
 * `electra/light-client/sync-protocol.md` "New constants" (86/87/169) — BeaconState grew past 32 fields in
 * Electra, so every state proof is one level deeper. The execution payload sits at body field 9 of 16 in
 * every fork from Capella to Fulu (gindex 25, depth 4).
 */
export const LIGHT_CLIENT_FORKS = ['capella', 'deneb', 'electra', 'fulu'] as const
export type LightClientFork = (typeof LIGHT_CLIENT_FORKS)[number]

/** Every consensus fork name a network schedule may list, oldest first. */
export const ALL_FORKS = [
  'phase0',
  'altair',
  'bellatrix',
  'capella',
  'deneb',
  'electra',
  'fulu',
  'gloas',
] as const
export type ForkName = (typeof ALL_FORKS)[number]

export interface LightClientForkRules {
  /** `current_sync_committee` in BeaconState (bootstrap, proven into the header's state_root). */
  currentSyncCommitteeGindex: number
  /** `next_sync_committee` in BeaconState (updates, attested header's state_root). */
  nextSyncCommitteeGindex: number
  /** `finalized_checkpoint.root` in BeaconState (updates, attested header's state_root). */
  finalizedRootGindex: number
  /** `execution_payload` in BeaconBlockBody (the header's body_root). */
  executionPayloadGindex: number
  /** Deneb appended `blob_gas_used` and `excess_blob_gas` to ExecutionPayloadHeader (EIP-4844). */
  executionBlobFields: boolean
}

export const FORK_RULES: Record<LightClientFork, LightClientForkRules> = {
  capella: {
    currentSyncCommitteeGindex: 54,
    nextSyncCommitteeGindex: 55,
    finalizedRootGindex: 105,
    executionPayloadGindex: 25,
    executionBlobFields: false,
  },
  deneb: {
    currentSyncCommitteeGindex: 54,
    nextSyncCommitteeGindex: 55,
    finalizedRootGindex: 105,
    executionPayloadGindex: 25,
    executionBlobFields: true,
  },
  electra: {
    currentSyncCommitteeGindex: 86,
    nextSyncCommitteeGindex: 87,
    finalizedRootGindex: 169,
    executionPayloadGindex: 25,
    executionBlobFields: true,
  },
  fulu: {
    currentSyncCommitteeGindex: 86,
    nextSyncCommitteeGindex: 87,
    finalizedRootGindex: 169,
    executionPayloadGindex: 25,
    executionBlobFields: true,
  },
}

export function isLightClientFork(name: string): name is LightClientFork {
  return (LIGHT_CLIENT_FORKS as readonly string[]).includes(name)
}

/** floor(log2(gindex)): the branch length a gindex needs. */
export function gindexDepth(gindex: number): number {
  return 31 - Math.clz32(gindex)
}
