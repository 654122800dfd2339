import { bytesToHex, equalBytes } from '../encoding/hex'
import { FORK_RULES, gindexDepth } from './forks'
import { beaconBlockRoot, emptySyncCommittee, zeroBranch } from './lightClientHeader'
import { processUpdate, type ProcessUpdateOptions, type UpdateResult } from './processUpdate'
import type { LightClientStore } from './store'
import type { LightClientFinalityUpdate, LightClientUpdate } from './types'

/** A finality update is processed as an update without a next committee (spec, light-client.md). */
export function finalityAsUpdate(
  update: LightClientFinalityUpdate,
  committeeSize: number,
): LightClientUpdate {
  return {
    ...update,
    nextSyncCommittee: emptySyncCommittee(committeeSize),
    nextSyncCommitteeBranch: zeroBranch(gindexDepth(FORK_RULES[update.fork].nextSyncCommitteeGindex)),
  }
}

/**
 * Processes a LightClientFinalityUpdate and checks that the store's finalized header is now this update's
 * (`beacon.finality.head`): a valid but stale or under-signed finality update must not pass as the head.
 */
export function processFinalityUpdate(
  store: LightClientStore,
  update: LightClientFinalityUpdate,
  options: ProcessUpdateOptions,
): UpdateResult {
  const label = options.label ?? 'beacon.finality'
  const result = processUpdate(store, finalityAsUpdate(update, options.network.preset.syncCommitteeSize), {
    ...options,
    label,
    kind: 'finality',
  })
  if (!result.valid) return result
  const wanted = beaconBlockRoot(update.finalizedHeader)
  const got = beaconBlockRoot(result.store.finalizedHeader)
  const ok = equalBytes(wanted, got)
  result.checks.push({
    id: `${label}.head`,
    title: 'Finalized header adopted',
    status: ok ? 'pass' : 'fail',
    detail: ok
      ? `finalized slot ${update.finalizedHeader.beacon.slot} (${bytesToHex(wanted)})`
      : `the store stays at finalized slot ${result.store.finalizedHeader.beacon.slot}: this update's finalized slot ${update.finalizedHeader.beacon.slot} is not newer or lacks a supermajority`,
    required: true,
  })
  return result
}
