import type { BlsBackend, PreparedCommittee } from './blsBackend'
import type { LightClientHeader, LightClientUpdate, SyncCommittee } from './types'

/**
 * Decompressed committee keys, kept per committee object and backend so each period's keys are decoded
 * once. Committees are shared between successive store values, so a WeakMap by identity is enough and
 * frees keys of committees that no store refers to any more. A cache, not state: never persisted.
 */
export class CommitteeKeyCache {
  private readonly byCommittee = new WeakMap<SyncCommittee, Map<string, PreparedCommittee>>()

  get(committee: SyncCommittee, backend: BlsBackend): PreparedCommittee {
    let perBackend = this.byCommittee.get(committee)
    if (!perBackend) {
      perBackend = new Map()
      this.byCommittee.set(committee, perBackend)
    }
    let prepared = perBackend.get(backend.name)
    if (!prepared) {
      prepared = backend.prepareCommittee(committee)
      perBackend.set(backend.name, prepared)
    }
    return prepared
  }
}

/**
 * LightClientStore (altair/light-client/sync-protocol.md). Values are never mutated: every step returns a
 * new store, so a service can keep the last verified one, persist it, and resume from it.
 */
export interface LightClientStore {
  /** Header that is finalized. */
  finalizedHeader: LightClientHeader
  /** Sync committees of the finalized header's period and the next one (null = not yet known). */
  currentSyncCommittee: SyncCommittee
  nextSyncCommittee: SyncCommittee | null
  /** Best available update for a forced update after UPDATE_TIMEOUT without finality. */
  bestValidUpdate: LightClientUpdate | null
  /** Most recent header signed by more than the safety threshold. */
  optimisticHeader: LightClientHeader
  previousMaxActiveParticipants: number
  currentMaxActiveParticipants: number
  committeeKeys: CommitteeKeyCache
}
