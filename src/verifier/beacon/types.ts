import type { LightClientFork } from './forks'

/**
 * Domain types of the light-client sync protocol (consensus-specs `altair/light-client/sync-protocol.md`,
 * Capella+ headers). Field names are the SSZ containers' in camelCase, so a value can be hashed with the
 * fork's SSZ type directly. Chain integers are bigint; byte strings are Uint8Array.
 */
export interface BeaconBlockHeader {
  slot: bigint
  proposerIndex: bigint
  parentRoot: Uint8Array
  stateRoot: Uint8Array
  bodyRoot: Uint8Array
}

/** ExecutionPayloadHeader; the two blob fields exist from Deneb on. */
export interface ExecutionPayloadHeader {
  parentHash: Uint8Array
  feeRecipient: Uint8Array
  stateRoot: Uint8Array
  receiptsRoot: Uint8Array
  logsBloom: Uint8Array
  prevRandao: Uint8Array
  blockNumber: bigint
  gasLimit: bigint
  gasUsed: bigint
  timestamp: bigint
  extraData: Uint8Array
  baseFeePerGas: bigint
  blockHash: Uint8Array
  transactionsRoot: Uint8Array
  withdrawalsRoot: Uint8Array
  blobGasUsed?: bigint
  excessBlobGas?: bigint
}

export interface LightClientHeader {
  /** The container fork this header was encoded in (decides the execution header's fields). */
  fork: LightClientFork
  beacon: BeaconBlockHeader
  execution: ExecutionPayloadHeader
  executionBranch: Uint8Array[]
}

export interface SyncCommittee {
  pubkeys: Uint8Array[]
  aggregatePubkey: Uint8Array
}

export interface SyncAggregate {
  /** Bitvector[SYNC_COMMITTEE_SIZE] as its SSZ bytes (bit i = byte i>>3, bit i&7). */
  syncCommitteeBits: Uint8Array
  syncCommitteeSignature: Uint8Array
}

export interface LightClientBootstrap {
  fork: LightClientFork
  header: LightClientHeader
  currentSyncCommittee: SyncCommittee
  currentSyncCommitteeBranch: Uint8Array[]
}

/**
 * A LightClientUpdate. Finality and optimistic updates are carried in this shape with the spec's empty
 * values (zero committee, zero branches, zero finalized header), exactly as the spec processes them.
 */
export interface LightClientUpdate {
  fork: LightClientFork
  attestedHeader: LightClientHeader
  nextSyncCommittee: SyncCommittee
  nextSyncCommitteeBranch: Uint8Array[]
  finalizedHeader: LightClientHeader
  finalityBranch: Uint8Array[]
  syncAggregate: SyncAggregate
  signatureSlot: bigint
}

export interface LightClientFinalityUpdate {
  fork: LightClientFork
  attestedHeader: LightClientHeader
  finalizedHeader: LightClientHeader
  finalityBranch: Uint8Array[]
  syncAggregate: SyncAggregate
  signatureSlot: bigint
}

export interface LightClientOptimisticUpdate {
  fork: LightClientFork
  attestedHeader: LightClientHeader
  syncAggregate: SyncAggregate
  signatureSlot: bigint
}
