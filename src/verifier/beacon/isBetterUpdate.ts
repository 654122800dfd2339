import { countBits } from './blsBackend'
import { isZeroBranch } from './merkleBranch'
import { syncCommitteePeriodAtSlot, type Network } from './networks'
import type { LightClientUpdate } from './types'

/** is_sync_committee_update: the update carries a (non-zero) next-committee branch. */
export function isSyncCommitteeUpdate(update: LightClientUpdate): boolean {
  return !isZeroBranch(update.nextSyncCommitteeBranch)
}

/** is_finality_update: the update carries a (non-zero) finality branch. */
export function isFinalityUpdate(update: LightClientUpdate): boolean {
  return !isZeroBranch(update.finalityBranch)
}

/**
 * is_better_update (altair/light-client/sync-protocol.md): the order in which a client prefers updates for
 * its best_valid_update — supermajority, a relevant committee, finality, committee finality, more
 * participants, older attested data, earlier signature.
 */
export function isBetterUpdate(
  network: Network,
  newUpdate: LightClientUpdate,
  oldUpdate: LightClientUpdate,
): boolean {
  const period = (slot: bigint) => syncCommitteePeriodAtSlot(network, slot)
  const max = network.preset.syncCommitteeSize
  const newActive = countBits(newUpdate.syncAggregate.syncCommitteeBits)
  const oldActive = countBits(oldUpdate.syncAggregate.syncCommitteeBits)
  const newSuper = newActive * 3 >= max * 2
  const oldSuper = oldActive * 3 >= max * 2
  if (newSuper !== oldSuper) return newSuper
  if (!newSuper && newActive !== oldActive) return newActive > oldActive

  const relevant = (u: LightClientUpdate) =>
    isSyncCommitteeUpdate(u) && period(u.attestedHeader.beacon.slot) === period(u.signatureSlot)
  const newRelevant = relevant(newUpdate)
  const oldRelevant = relevant(oldUpdate)
  if (newRelevant !== oldRelevant) return newRelevant

  const newFinality = isFinalityUpdate(newUpdate)
  const oldFinality = isFinalityUpdate(oldUpdate)
  if (newFinality !== oldFinality) return newFinality

  if (newFinality) {
    const committeeFinality = (u: LightClientUpdate) =>
      period(u.finalizedHeader.beacon.slot) === period(u.attestedHeader.beacon.slot)
    const n = committeeFinality(newUpdate)
    const o = committeeFinality(oldUpdate)
    if (n !== o) return n
  }

  if (newActive !== oldActive) return newActive > oldActive
  if (newUpdate.attestedHeader.beacon.slot !== oldUpdate.attestedHeader.beacon.slot) {
    return newUpdate.attestedHeader.beacon.slot < oldUpdate.attestedHeader.beacon.slot
  }
  return newUpdate.signatureSlot < oldUpdate.signatureSlot
}
