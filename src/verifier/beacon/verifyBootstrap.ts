import { bytesToHex, equalBytes } from '../encoding/hex'
import type { Check } from '../report'
import { CheckList } from './checkList'
import { FORK_RULES } from './forks'
import { beaconBlockRoot, checkLightClientHeader } from './lightClientHeader'
import { isValidNormalizedMerkleBranch } from './merkleBranch'
import { lightClientForkAtSlot, syncCommitteePeriodAtSlot, type Network } from './networks'
import { CommitteeKeyCache, type LightClientStore } from './store'
import { forkTypes } from './sszTypes'
import type { LightClientBootstrap } from './types'

export interface BootstrapResult {
  /** The initial store, or null when a check failed. */
  store: LightClientStore | null
  checks: Check[]
}

/**
 * initialize_light_client_store (altair/light-client/sync-protocol.md): the bootstrap header must be the
 * trusted checkpoint block, and its state must contain the given current sync committee.
 *
 * @example
 *   const { store, checks } = verifyBootstrap(NETWORKS.mainnet, checkpointRoot, parseBootstrap(bytes, NETWORKS.mainnet))
 */
export function verifyBootstrap(
  network: Network,
  checkpoint: Uint8Array,
  bootstrap: LightClientBootstrap,
): BootstrapResult {
  const checks = new CheckList()
  const header = bootstrap.header
  const root = beaconBlockRoot(header)
  const rootOk = checks.expect(
    'beacon.bootstrap.root',
    'Bootstrap header is the trusted checkpoint',
    equalBytes(root, checkpoint),
    `hash_tree_root(header) = checkpoint ${bytesToHex(checkpoint)} (slot ${header.beacon.slot})`,
    `hash_tree_root(header) = ${bytesToHex(root)}, but the checkpoint is ${bytesToHex(checkpoint)}`,
  )
  if (!rootOk) return { store: null, checks: checks.checks }

  const validity = checkLightClientHeader(network, header)
  if (
    !checks.expect(
      'beacon.bootstrap.execution-branch',
      'Bootstrap execution payload header is in the block body',
      validity.ok,
      validity.detail,
      validity.detail,
    )
  ) {
    return { store: null, checks: checks.checks }
  }

  const fork = lightClientForkAtSlot(network, header.beacon.slot)
  const gindex = FORK_RULES[fork].currentSyncCommitteeGindex
  const committeeRoot = forkTypes(fork, network.preset).SyncCommittee.hashTreeRoot(
    bootstrap.currentSyncCommittee,
  )
  const branchOk = checks.expect(
    'beacon.bootstrap.committee-branch',
    'Current sync committee is in the checkpoint state',
    isValidNormalizedMerkleBranch(
      committeeRoot,
      bootstrap.currentSyncCommitteeBranch,
      gindex,
      header.beacon.stateRoot,
    ),
    `committee ${bytesToHex(committeeRoot)} of period ${syncCommitteePeriodAtSlot(network, header.beacon.slot)} proven at gindex ${gindex} (${fork})`,
    `committee ${bytesToHex(committeeRoot)} does not prove into state_root ${bytesToHex(header.beacon.stateRoot)} at gindex ${gindex} (${fork})`,
  )
  if (!branchOk) return { store: null, checks: checks.checks }

  return {
    store: {
      finalizedHeader: header,
      currentSyncCommittee: bootstrap.currentSyncCommittee,
      nextSyncCommittee: null,
      bestValidUpdate: null,
      optimisticHeader: header,
      previousMaxActiveParticipants: 0,
      currentMaxActiveParticipants: 0,
      committeeKeys: new CommitteeKeyCache(),
    },
    checks: checks.checks,
  }
}
