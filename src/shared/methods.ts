/**
 * The method names of the API, without zod, so the sandboxed preload stays tiny and dependency-free.
 * src/shared/api.ts checks at compile time that these lists match the contract. One list per area.
 */
export const CORE_METHODS = [
  'ping',
  'getStatus',
  'getSettings',
  'updateSettings',
  'resetSettings',
  'cancelOperation',
  'testEndpoints',
] as const
export const EVIDENCE_METHODS = [
  'listSamples',
  'verifySample',
  'inspectFile',
  'listHistory',
  'getHistoryReport',
  'reverifyHistory',
  'deleteHistory',
  'exportHistory',
] as const
export const TRUST_METHODS = ['syncNow', 'getTrustState', 'checkpointFromProviders'] as const
export const L1_METHODS = ['l1Balance', 'l1Tokens'] as const
export const ZKSYNC_METHODS = ['zksyncBalance', 'zksyncWithdrawal', 'zksyncDeposit', 'zksyncWatch'] as const
export const BATCHES_METHODS = ['zksyncBatch', 'batchesOverview'] as const

export const METHOD_NAMES = [
  ...CORE_METHODS,
  ...EVIDENCE_METHODS,
  ...TRUST_METHODS,
  ...L1_METHODS,
  ...ZKSYNC_METHODS,
  ...BATCHES_METHODS,
] as const
export type MethodName = (typeof METHOD_NAMES)[number]

export const ipcChannel = (method: string): string => `lightproof:${method}`
export const EVENT_CHANNEL = 'lightproof:event'
