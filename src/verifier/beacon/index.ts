/** Ethereum beacon-chain light client (consensus-specs sync protocol), pure: no I/O, no clock. */
export { LIGHT_CLIENT_FORKS, FORK_RULES, type LightClientFork, type ForkName } from './forks'
export {
  NETWORKS,
  NETWORK_DATA,
  PRESETS,
  createNetwork,
  networkByName,
  syncCommitteePeriodAtSlot,
  lightClientForkAtSlot,
  type Network,
  type NetworkName,
  type Preset,
} from './networks'
export type * from './types'
export { type BlsBackend, nobleBls } from './blsBackend'
export { CommitteeKeyCache, type LightClientStore } from './store'
export { verifyBootstrap, type BootstrapResult } from './verifyBootstrap'
export {
  processUpdate,
  forceUpdate,
  type ProcessUpdateOptions,
  type UpdateResult,
  type UpdateKind,
} from './processUpdate'
export { processFinalityUpdate } from './processFinalityUpdate'
export { processOptimisticUpdate } from './processOptimisticUpdate'
export { isBetterUpdate } from './isBetterUpdate'
export { trustedExecutionHead, beaconBlockRoot, type TrustedExecutionHead } from './lightClientHeader'
export {
  parseBootstrap,
  parseUpdates,
  parseFinalityUpdate,
  parseOptimisticUpdate,
  fromJsonValue,
  toSsz,
} from './parseBeacon'
export {
  verifyBeaconChain,
  headFacts,
  type BeaconEvidence,
  type BeaconChainResult,
} from './verifyBeaconChain'
