import { bytesToHex, equalBytes } from '../encoding/hex'
import { FORK_RULES, gindexDepth } from './forks'
import { beaconBlockRoot, emptyHeader, emptySyncCommittee, zeroBranch } from './lightClientHeader'
import { processUpdate, type ProcessUpdateOptions, type UpdateResult } from './processUpdate'
import type { LightClientStore } from './store'
import type { LightClientOptimisticUpdate, LightClientUpdate } from './types'

/** An optimistic update is processed as an update without finality and without a next committee. */
export function optimisticAsUpdate(
  update: LightClientOptimisticUpdate,
  committeeSize: number,
): LightClientUpdate {
  const rules = FORK_RULES[update.fork]
  return {
    ...update,
    nextSyncCommittee: emptySyncCommittee(committeeSize),
    nextSyncCommitteeBranch: zeroBranch(gindexDepth(rules.nextSyncCommitteeGindex)),
    finalizedHeader: emptyHeader(update.fork),
    finalityBranch: zeroBranch(gindexDepth(rules.finalizedRootGindex)),
  }
}

/**
 * Processes a LightClientOptimisticUpdate and checks that its attested header became the store's optimistic
 * head (`beacon.optimistic.head`).
 */
export function processOptimisticUpdate(
  store: LightClientStore,
  update: LightClientOptimisticUpdate,
  options: ProcessUpdateOptions,
): UpdateResult {
  const label = options.label ?? 'beacon.optimistic'
  const result = processUpdate(store, optimisticAsUpdate(update, options.network.preset.syncCommitteeSize), {
    ...options,
    label,
    kind: 'optimistic',
  })
  if (!result.valid) return result
  const wanted = beaconBlockRoot(update.attestedHeader)
  const got = beaconBlockRoot(result.store.optimisticHeader)
  const ok = equalBytes(wanted, got)
  result.checks.push({
    id: `${label}.head`,
    title: 'Optimistic header adopted',
    status: ok ? 'pass' : 'fail',
    detail: ok
      ? `optimistic slot ${update.attestedHeader.beacon.slot} (${bytesToHex(wanted)})`
      : `the store's optimistic head stays at slot ${result.store.optimisticHeader.beacon.slot}: attested slot ${update.attestedHeader.beacon.slot} is not newer or not above the safety threshold`,
    required: true,
  })
  return result
}
