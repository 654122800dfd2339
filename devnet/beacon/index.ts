/**
 * The consensus-layer part of the test world (issue 10): the `lightproof-devnet` network, a seeded beacon chain
 * whose sync committees really sign (BLS), the light-client objects a beacon node serves for it, and a beacon
 * API server that can lie.
 */
export {
  DEVNET_GENESIS_TIME,
  DEVNET_NETWORK_NAME,
  LIGHTPROOF_DEVNET,
  devnetSlotAt,
  devnetTimestampAt,
  unixSeconds,
  type WorldTime,
} from './devnetNetwork'
export { planBeaconSlots, type BeaconSlotPlan, type PeriodUpdateSlots } from './beaconSlotPlan'
export {
  buildBeaconWorld,
  DEFAULT_PARTICIPANTS,
  type BeaconHead,
  type BeaconWorld,
  type BuildBeaconWorldOptions,
  type SignAggregateOptions,
} from './buildBeaconWorld'
export { toExecutionPayloadHeader, type ExecutionPayloadInput } from './executionPayload'
export {
  BEACON_LIE_CHECK,
  BEACON_LIE_HELP,
  BEACON_LIES,
  honestSource,
  isBeaconLie,
  lyingSource,
  type BeaconLie,
  type BeaconSource,
} from './beaconLies'
export {
  beaconApiHandler,
  prefersSsz,
  startBeaconApiServer,
  type BeaconApiServer,
  type BeaconApiServerOptions,
} from './beaconApiServer'
