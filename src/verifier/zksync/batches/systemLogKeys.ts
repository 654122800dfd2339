import type { CommitLayout } from './commitEncodings'

/**
 * System-log keys per layout (zksync.md §1.4 table; EC `common/Config.sol` / `SystemLogKey` enums of each
 * release branch). `_processL2Logs` reverts on an unknown key, on a key seen twice, on a wrong sender, and when
 * a required key is missing; we apply the same rules so a calldata that L1 would refuse is not reported as
 * consistent.
 */
export type LogRole =
  | 'l2LogsTreeRoot'
  | 'totalPubdataHash'
  | 'stateDiffHash'
  | 'packedTimestamps'
  | 'prevBatchHash'
  | 'chainedPriorityTxsHash'
  | 'numberOfLayer1Txs'
  | 'blobLinearHash'
  | 'l2DaValidatorOutputHash'
  | 'usedL2DaValidator'
  | 'messageRootRollingHash'
  | 'l2TxsStatusRollingHash'
  | 'upgradeTxHash'
  /** v29–v30: the upgrade tx hash; v31: SETTLEMENT_LAYER_CHAIN_ID. Calldata alone cannot tell them apart. */
  | 'upgradeOrSettlementLayer'

/** L2 system contracts that emit system logs (zksync.md §1.4). */
export const SYSTEM_LOG_SENDERS = {
  bootloader: 0x8001,
  l1Messenger: 0x8008,
  systemContext: 0x800b,
  pubdataChunkPublisher: 0x8011,
} as const

export interface LogKeySpec {
  key: number
  role: LogRole
  /** Expected sender (low 2 bytes of an otherwise-zero address); null when it differs between versions. */
  sender: number | null
  required: boolean
}

const { bootloader, l1Messenger, systemContext, pubdataChunkPublisher } = SYSTEM_LOG_SENDERS

const PRE_GATEWAY_CORE: LogKeySpec[] = [
  { key: 0, role: 'l2LogsTreeRoot', sender: l1Messenger, required: true },
  { key: 1, role: 'totalPubdataHash', sender: l1Messenger, required: true },
  { key: 2, role: 'stateDiffHash', sender: l1Messenger, required: true },
  { key: 3, role: 'packedTimestamps', sender: systemContext, required: true },
  { key: 4, role: 'prevBatchHash', sender: systemContext, required: true },
  { key: 5, role: 'chainedPriorityTxsHash', sender: bootloader, required: true },
  { key: 6, role: 'numberOfLayer1Txs', sender: bootloader, required: true },
]

const POST_GATEWAY_CORE: LogKeySpec[] = [
  { key: 0, role: 'l2LogsTreeRoot', sender: l1Messenger, required: true },
  { key: 1, role: 'packedTimestamps', sender: systemContext, required: true },
  { key: 2, role: 'chainedPriorityTxsHash', sender: bootloader, required: true },
  { key: 3, role: 'numberOfLayer1Txs', sender: bootloader, required: true },
  { key: 4, role: 'prevBatchHash', sender: systemContext, required: true },
  { key: 5, role: 'l2DaValidatorOutputHash', sender: l1Messenger, required: true },
  { key: 6, role: 'usedL2DaValidator', sender: l1Messenger, required: true },
]

/**
 * Blob-hash logs come from PubdataChunkPublisher and are part of the required set: release-v25 `_processL2Logs`
 * demands the bitmap 2^13 − 1 (keys 0–12, blobs included) without an upgrade; 1.4.2 likewise for keys 0–8.
 */
function blobKeys(first: number, count: number): LogKeySpec[] {
  return Array.from({ length: count }, (_, i) => ({
    key: first + i,
    role: 'blobLinearHash' as const,
    sender: pubdataChunkPublisher,
    required: true,
  }))
}

export const SYSTEM_LOG_KEYS: Readonly<Record<CommitLayout, readonly LogKeySpec[]>> = {
  'v18-v20': [...PRE_GATEWAY_CORE, { key: 7, role: 'upgradeTxHash', sender: bootloader, required: false }],
  'v21-v22': [
    ...PRE_GATEWAY_CORE,
    ...blobKeys(7, 2),
    { key: 9, role: 'upgradeTxHash', sender: bootloader, required: false },
  ],
  'v23-v25': [
    ...PRE_GATEWAY_CORE,
    ...blobKeys(7, 6),
    { key: 13, role: 'upgradeTxHash', sender: bootloader, required: false },
  ],
  'v26-v28': [...POST_GATEWAY_CORE, { key: 7, role: 'upgradeTxHash', sender: bootloader, required: false }],
  'v29-v31': [
    ...POST_GATEWAY_CORE,
    { key: 7, role: 'messageRootRollingHash', sender: bootloader, required: true },
    { key: 8, role: 'l2TxsStatusRollingHash', sender: bootloader, required: true },
    { key: 9, role: 'upgradeOrSettlementLayer', sender: null, required: false },
    { key: 10, role: 'upgradeTxHash', sender: bootloader, required: false },
  ],
}

export function keyFor(layout: CommitLayout, role: LogRole): number | undefined {
  return SYSTEM_LOG_KEYS[layout].find((s) => s.role === role)?.key
}
