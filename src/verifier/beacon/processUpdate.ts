import { bytesToHex, equalBytes } from '../encoding/hex'
import type { Check } from '../report'
import { countBits, defaultBls, type BlsBackend } from './blsBackend'
import { CheckList } from './checkList'
import { FORK_RULES } from './forks'
import { isBetterUpdate, isFinalityUpdate, isSyncCommitteeUpdate } from './isBetterUpdate'
import {
  beaconBlockRoot,
  checkLightClientHeader,
  isZeroHeader,
  isZeroSyncCommittee,
} from './lightClientHeader'
import { isValidNormalizedMerkleBranch } from './merkleBranch'
import { lightClientForkAtSlot, syncCommitteePeriodAtSlot, type Network } from './networks'
import { syncCommitteeSigningRoot } from './signingRoot'
import type { LightClientStore } from './store'
import { forkTypes } from './sszTypes'
import type { LightClientUpdate, SyncCommittee } from './types'

/** UPDATE_TIMEOUT = SLOTS_PER_EPOCH * EPOCHS_PER_SYNC_COMMITTEE_PERIOD (one period). */
export function updateTimeout(network: Network): bigint {
  return BigInt(network.preset.slotsPerEpoch * network.preset.epochsPerSyncCommitteePeriod)
}

/** What an update is for; decides the participation rule its report applies. */
export type UpdateKind = 'update' | 'finality' | 'optimistic'

export interface ProcessUpdateOptions {
  network: Network
  /** BLS backend; noble (pure JS) by default. */
  bls?: BlsBackend
  /**
   * The wall-clock slot, from the caller's clock (the verifier has none). Without it the spec's
   * `current_slot >= signature_slot` bound is not applied: saved evidence is re-verified at any later time.
   */
  currentSlot?: bigint
  /** Check id prefix; default `beacon.update[<attested period>]`. */
  label?: string
  kind?: UpdateKind
}

export interface UpdateResult {
  /** The next store: unchanged when the update was invalid. */
  store: LightClientStore
  checks: Check[]
  /** The update passed validate_light_client_update. */
  valid: boolean
}

function safetyThreshold(store: LightClientStore): number {
  return Math.floor(Math.max(store.previousMaxActiveParticipants, store.currentMaxActiveParticipants) / 2)
}

function committeeRoot(network: Network, slot: bigint, committee: SyncCommittee): Uint8Array {
  return forkTypes(lightClientForkAtSlot(network, slot), network.preset).SyncCommittee.hashTreeRoot(committee)
}

function sameCommittee(a: SyncCommittee, b: SyncCommittee): boolean {
  return (
    a === b ||
    (equalBytes(a.aggregatePubkey, b.aggregatePubkey) &&
      a.pubkeys.every((k, i) => equalBytes(k, b.pubkeys[i]!)))
  )
}

/**
 * validate_light_client_update + process_light_client_update (altair/light-client/sync-protocol.md, with
 * the Electra normalized branches). Every assertion of the spec is a check; validation stops at the first
 * failed one and leaves the store as it was. A valid update then moves the store exactly as the spec does
 * (best valid update, max participants, optimistic and finalized headers, committee rotation).
 *
 * Participation is reported against the rule the update is used for: a period or finality update needs a
 * 2/3 supermajority to finalize; an optimistic update needs more than the safety threshold. Below that the
 * update can still be valid (it is processed per spec) but the check fails, because it cannot do its job.
 */
export function processUpdate(
  store: LightClientStore,
  update: LightClientUpdate,
  options: ProcessUpdateOptions,
): UpdateResult {
  const { network } = options
  const bls = options.bls ?? defaultBls()
  const kind = options.kind ?? 'update'
  const period = (slot: bigint) => syncCommitteePeriodAtSlot(network, slot)
  const attested = update.attestedHeader
  const attestedSlot = attested.beacon.slot
  const finalizedSlot = update.finalizedHeader.beacon.slot
  const p = options.label ?? `beacon.update[${period(attestedSlot)}]`
  const checks = new CheckList()
  const invalid = (): UpdateResult => ({ store, checks: checks.checks, valid: false })

  // 1. Participation (MIN_SYNC_COMMITTEE_PARTICIPANTS = 1, then the rule this update is used for).
  const size = network.preset.syncCommitteeSize
  const bits = update.syncAggregate.syncCommitteeBits
  const active = countBits(bits)
  const maxActive = Math.max(store.currentMaxActiveParticipants, active)
  const threshold = Math.floor(Math.max(store.previousMaxActiveParticipants, maxActive) / 2)
  if (active < 1) {
    checks.fail(`${p}.participation`, 'Sync committee participation', `no participants (0/${size})`)
    return invalid()
  }
  if (kind === 'optimistic') {
    checks.expect(
      `${p}.participation`,
      'Sync committee participation above the safety threshold',
      active > threshold,
      `${active}/${size} signed (safety threshold ${threshold})`,
      `${active}/${size} signed, not above the safety threshold ${threshold}: the header cannot be adopted`,
    )
  } else {
    checks.expect(
      `${p}.participation`,
      'Sync committee supermajority (2/3)',
      active * 3 >= size * 2,
      `${active}/${size} signed`,
      `${active}/${size} signed, below the 2/3 supermajority needed to finalize`,
    )
  }

  // 2. Slot order: current_slot >= signature_slot > attested_slot >= finalized_slot.
  const slotsOk =
    update.signatureSlot > attestedSlot &&
    attestedSlot >= finalizedSlot &&
    (options.currentSlot === undefined || options.currentSlot >= update.signatureSlot)
  if (
    !checks.expect(
      `${p}.slots`,
      'Slots are in order',
      slotsOk,
      `signature ${update.signatureSlot} > attested ${attestedSlot} >= finalized ${finalizedSlot}`,
      `expected ${options.currentSlot === undefined ? '' : `current ${options.currentSlot} >= `}signature ${update.signatureSlot} > attested ${attestedSlot} >= finalized ${finalizedSlot}`,
    )
  ) {
    return invalid()
  }

  // 3. The signing committee is one the store knows.
  const storePeriod = period(store.finalizedHeader.beacon.slot)
  const signaturePeriod = period(update.signatureSlot)
  const nextKnown = store.nextSyncCommittee !== null
  const periodOk = nextKnown
    ? signaturePeriod === storePeriod || signaturePeriod === storePeriod + 1n
    : signaturePeriod === storePeriod
  if (
    !checks.expect(
      `${p}.period`,
      'Signed by a committee the store knows',
      periodOk,
      `signature period ${signaturePeriod}, store period ${storePeriod}`,
      `signature period ${signaturePeriod} is not reachable from store period ${storePeriod}` +
        (nextKnown ? '' : ' (next committee not yet known)'),
    )
  ) {
    return invalid()
  }

  // 4. Relevance: newer than the finalized header, or supplies the missing next committee.
  const attestedPeriod = period(attestedSlot)
  const hasNextCommittee = !nextKnown && isSyncCommitteeUpdate(update) && attestedPeriod === storePeriod
  if (
    !checks.expect(
      `${p}.relevance`,
      'Update is relevant to the store',
      attestedSlot > store.finalizedHeader.beacon.slot || hasNextCommittee,
      attestedSlot > store.finalizedHeader.beacon.slot
        ? `attested slot ${attestedSlot} is after the finalized slot ${store.finalizedHeader.beacon.slot}`
        : `supplies the next sync committee of period ${storePeriod}`,
      `attested slot ${attestedSlot} is not after the finalized slot ${store.finalizedHeader.beacon.slot} and brings no needed committee`,
    )
  ) {
    return invalid()
  }

  // 5. Attested header: execution payload header proven into its body.
  const attestedValidity = checkLightClientHeader(network, attested)
  if (
    !checks.expect(
      `${p}.attested-execution-branch`,
      'Attested execution payload header is in the block body',
      attestedValidity.ok,
      attestedValidity.detail,
      attestedValidity.detail,
    )
  ) {
    return invalid()
  }

  // 6. Finality branch: the finalized header is the finalized checkpoint in the attested state.
  const rules = FORK_RULES[lightClientForkAtSlot(network, attestedSlot)]
  if (!isFinalityUpdate(update)) {
    const emptyOk = isZeroHeader(update.finalizedHeader)
    if (kind === 'finality') {
      checks.fail(
        `${p}.finality-branch`,
        'Finalized header is in the attested state',
        'the finality branch is empty',
      )
      return invalid()
    }
    if (kind === 'update' || !emptyOk) {
      if (
        !checks.expect(
          `${p}.finality-branch`,
          'No finality: the finalized header is empty',
          emptyOk,
          'no finality branch and an empty finalized header',
          'the finality branch is empty but a finalized header is given',
        )
      ) {
        return invalid()
      }
    }
  } else {
    let finalizedRoot: Uint8Array
    if (finalizedSlot === 0n) {
      // The genesis finalized checkpoint root is the zero hash.
      if (
        !checks.expect(
          `${p}.finalized-execution-branch`,
          'Genesis finalized header is empty',
          isZeroHeader(update.finalizedHeader),
          'genesis checkpoint (zero root)',
          'a finalized header at slot 0 must be empty',
        )
      ) {
        return invalid()
      }
      finalizedRoot = new Uint8Array(32)
    } else {
      const finalizedValidity = checkLightClientHeader(network, update.finalizedHeader)
      if (
        !checks.expect(
          `${p}.finalized-execution-branch`,
          'Finalized execution payload header is in the block body',
          finalizedValidity.ok,
          finalizedValidity.detail,
          finalizedValidity.detail,
        )
      ) {
        return invalid()
      }
      finalizedRoot = beaconBlockRoot(update.finalizedHeader)
    }
    if (
      !checks.expect(
        `${p}.finality-branch`,
        'Finalized header is in the attested state',
        isValidNormalizedMerkleBranch(
          finalizedRoot,
          update.finalityBranch,
          rules.finalizedRootGindex,
          attested.beacon.stateRoot,
        ),
        `finalized slot ${finalizedSlot} (${bytesToHex(finalizedRoot)}) proven at gindex ${rules.finalizedRootGindex}`,
        `finalized root ${bytesToHex(finalizedRoot)} does not prove into attested state_root ${bytesToHex(attested.beacon.stateRoot)} at gindex ${rules.finalizedRootGindex}`,
      )
    ) {
      return invalid()
    }
  }

  // 7. Next sync committee branch.
  if (!isSyncCommitteeUpdate(update)) {
    if (kind === 'update') {
      if (
        !checks.expect(
          `${p}.next-committee-branch`,
          'No next committee: the committee is empty',
          isZeroSyncCommittee(update.nextSyncCommittee),
          'no next-committee branch and an empty committee',
          'the next-committee branch is empty but a committee is given',
        )
      ) {
        return invalid()
      }
    }
  } else {
    if (attestedPeriod === storePeriod && store.nextSyncCommittee) {
      if (
        !checks.expect(
          `${p}.next-committee-match`,
          'Next committee matches the known one',
          sameCommittee(update.nextSyncCommittee, store.nextSyncCommittee),
          'same as the next committee already in the store',
          'differs from the next committee the store already holds for this period',
        )
      ) {
        return invalid()
      }
    }
    const root = committeeRoot(network, attestedSlot, update.nextSyncCommittee)
    if (
      !checks.expect(
        `${p}.next-committee-branch`,
        'Next sync committee is in the attested state',
        isValidNormalizedMerkleBranch(
          root,
          update.nextSyncCommitteeBranch,
          rules.nextSyncCommitteeGindex,
          attested.beacon.stateRoot,
        ),
        `committee ${bytesToHex(root)} for period ${attestedPeriod + 1n} proven at gindex ${rules.nextSyncCommitteeGindex}`,
        `committee ${bytesToHex(root)} does not prove into attested state_root ${bytesToHex(attested.beacon.stateRoot)} at gindex ${rules.nextSyncCommitteeGindex}`,
      )
    ) {
      return invalid()
    }
  }

  // 8. The sync committee's aggregate signature over the attested header, in the signature slot's domain.
  const committee =
    signaturePeriod === storePeriod ? store.currentSyncCommittee : (store.nextSyncCommittee as SyncCommittee)
  const attestedRoot = beaconBlockRoot(attested)
  const { fork, signingRoot } = syncCommitteeSigningRoot(network, attestedRoot, update.signatureSlot)
  const signatureOk = bls.verifySyncAggregate(
    store.committeeKeys.get(committee, bls),
    bits,
    signingRoot,
    update.syncAggregate.syncCommitteeSignature,
  )
  if (
    !checks.expect(
      `${p}.signature`,
      'Sync committee signature',
      signatureOk,
      `${active}/${size} of the period-${signaturePeriod} committee signed block ${bytesToHex(attestedRoot)} (${fork.name} domain, ${bls.name})`,
      `the aggregate signature does not verify for block ${bytesToHex(attestedRoot)} with the period-${signaturePeriod} committee in the ${fork.name} domain`,
    )
  ) {
    return invalid()
  }

  return { store: applyValidUpdate(network, store, update, active), checks: checks.checks, valid: true }
}

/** The store moves of process_light_client_update, for an update that passed validation. */
function applyValidUpdate(
  network: Network,
  store: LightClientStore,
  update: LightClientUpdate,
  active: number,
): LightClientStore {
  const period = (slot: bigint) => syncCommitteePeriodAtSlot(network, slot)
  let next: LightClientStore = { ...store }
  if (next.bestValidUpdate === null || isBetterUpdate(network, update, next.bestValidUpdate)) {
    next.bestValidUpdate = update
  }
  next.currentMaxActiveParticipants = Math.max(next.currentMaxActiveParticipants, active)
  if (
    active > safetyThreshold(next) &&
    update.attestedHeader.beacon.slot > next.optimisticHeader.beacon.slot
  ) {
    next.optimisticHeader = update.attestedHeader
  }
  const hasFinalizedNextCommittee =
    next.nextSyncCommittee === null &&
    isSyncCommitteeUpdate(update) &&
    isFinalityUpdate(update) &&
    period(update.finalizedHeader.beacon.slot) === period(update.attestedHeader.beacon.slot)
  const size = network.preset.syncCommitteeSize
  if (
    active * 3 >= size * 2 &&
    (update.finalizedHeader.beacon.slot > next.finalizedHeader.beacon.slot || hasFinalizedNextCommittee)
  ) {
    next = applyLightClientUpdate(network, next, update)
    next.bestValidUpdate = null
  }
  return next
}

/**
 * is_next_sync_committee_known compares with SyncCommittee(): an update without a committee (finality
 * only) that rotates the store leaves the next committee unknown, not zero.
 */
function knownOrNull(committee: SyncCommittee): SyncCommittee | null {
  return isZeroSyncCommittee(committee) ? null : committee
}

/** apply_light_client_update: learn or rotate committees, then advance the finalized header. */
function applyLightClientUpdate(
  network: Network,
  store: LightClientStore,
  update: LightClientUpdate,
): LightClientStore {
  const next = { ...store }
  const storePeriod = syncCommitteePeriodAtSlot(network, store.finalizedHeader.beacon.slot)
  const updateFinalizedPeriod = syncCommitteePeriodAtSlot(network, update.finalizedHeader.beacon.slot)
  if (next.nextSyncCommittee === null) {
    // The spec asserts update_finalized_period == store_period here; validation guarantees it.
    if (updateFinalizedPeriod !== storePeriod) return store
    next.nextSyncCommittee = knownOrNull(update.nextSyncCommittee)
  } else if (updateFinalizedPeriod === storePeriod + 1n) {
    next.currentSyncCommittee = next.nextSyncCommittee
    next.nextSyncCommittee = knownOrNull(update.nextSyncCommittee)
    next.previousMaxActiveParticipants = next.currentMaxActiveParticipants
    next.currentMaxActiveParticipants = 0
  }
  if (update.finalizedHeader.beacon.slot > next.finalizedHeader.beacon.slot) {
    next.finalizedHeader = update.finalizedHeader
    if (next.finalizedHeader.beacon.slot > next.optimisticHeader.beacon.slot) {
      next.optimisticHeader = next.finalizedHeader
    }
  }
  return next
}

/**
 * process_light_client_store_force_update: after UPDATE_TIMEOUT slots without finality, apply the best valid
 * update (its attested header taken as finalized if need be). This trusts a non-finalized header, so a UI
 * should ask the user first; it is exported for services and for the spec vectors, never called implicitly.
 */
export function forceUpdate(
  network: Network,
  store: LightClientStore,
  currentSlot: bigint,
): { store: LightClientStore; applied: boolean } {
  const best = store.bestValidUpdate
  if (best === null || currentSlot <= store.finalizedHeader.beacon.slot + updateTimeout(network)) {
    return { store, applied: false }
  }
  const update =
    best.finalizedHeader.beacon.slot <= store.finalizedHeader.beacon.slot
      ? { ...best, finalizedHeader: best.attestedHeader }
      : best
  const next = applyLightClientUpdate(network, store, update)
  return { store: { ...next, bestValidUpdate: null }, applied: true }
}
