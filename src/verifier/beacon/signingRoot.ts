import { concatBytes } from '../encoding/hex'
import { ForkDataType, SigningDataType } from './sszTypes'
import { epochAtSlot, forkAtEpoch, type Network, type ScheduledFork } from './networks'

/** DOMAIN_SYNC_COMMITTEE (altair/beacon-chain.md). */
export const DOMAIN_SYNC_COMMITTEE = Uint8Array.of(0x07, 0x00, 0x00, 0x00)

/**
 * The fork whose version signs a sync aggregate: the fork at epoch of `max(signature_slot, 1) - 1`
 * (altair/light-client/sync-protocol.md, validate_light_client_update). Not the attested slot: the two
 * differ for an update signed in the first slot of a new fork.
 */
export function signatureFork(network: Network, signatureSlot: bigint): ScheduledFork {
  const slot = signatureSlot > 1n ? signatureSlot - 1n : 0n
  return forkAtEpoch(network, epochAtSlot(network, slot))
}

/** compute_domain: domain_type ‖ hash_tree_root(ForkData{fork_version, genesis_validators_root})[0:28]. */
export function computeDomain(
  domainType: Uint8Array,
  forkVersion: Uint8Array,
  genesisValidatorsRoot: Uint8Array,
): Uint8Array {
  const forkDataRoot = ForkDataType.hashTreeRoot({ currentVersion: forkVersion, genesisValidatorsRoot })
  return concatBytes(domainType, forkDataRoot.subarray(0, 28))
}

/** compute_fork_digest before Fulu: hash_tree_root(ForkData)[0:4]. */
export function forkDigest(forkVersion: Uint8Array, genesisValidatorsRoot: Uint8Array): Uint8Array {
  return ForkDataType.hashTreeRoot({ currentVersion: forkVersion, genesisValidatorsRoot }).slice(0, 4)
}

/** compute_signing_root(attested_header.beacon, domain). */
export function computeSigningRoot(objectRoot: Uint8Array, domain: Uint8Array): Uint8Array {
  return SigningDataType.hashTreeRoot({ objectRoot, domain })
}

export function syncCommitteeSigningRoot(
  network: Network,
  attestedBeaconRoot: Uint8Array,
  signatureSlot: bigint,
): { fork: ScheduledFork; domain: Uint8Array; signingRoot: Uint8Array } {
  const fork = signatureFork(network, signatureSlot)
  const domain = computeDomain(DOMAIN_SYNC_COMMITTEE, fork.version, network.genesisValidatorsRoot)
  return { fork, domain, signingRoot: computeSigningRoot(attestedBeaconRoot, domain) }
}
