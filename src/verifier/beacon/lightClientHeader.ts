import type { Type } from '@chainsafe/ssz'
import { bytesToHex } from '../encoding/hex'
import { FORK_RULES } from './forks'
import { isValidNormalizedMerkleBranch, isZeroBranch, isZeroBytes } from './merkleBranch'
import { lightClientForkAtSlot, type Network } from './networks'
import { BeaconBlockHeaderType, forkTypes } from './sszTypes'
import type { ExecutionPayloadHeader, LightClientHeader, SyncCommittee } from './types'

/** hash_tree_root(header.beacon): the block root a checkpoint or a signature refers to. */
export function beaconBlockRoot(header: LightClientHeader): Uint8Array {
  return BeaconBlockHeaderType.hashTreeRoot(header.beacon)
}

/**
 * get_lc_execution_root (deneb/light-client/sync-protocol.md): the execution header is hashed in the
 * container of the fork at the header's slot — a Capella-slot header carried in a Deneb container is hashed
 * without the blob fields.
 */
export function executionRoot(network: Network, header: LightClientHeader): Uint8Array {
  const fork = lightClientForkAtSlot(network, header.beacon.slot)
  const type = forkTypes(fork, network.preset).ExecutionPayloadHeader as Type<ExecutionPayloadHeader>
  return type.hashTreeRoot(header.execution)
}

export type HeaderValidity = { ok: true; detail: string } | { ok: false; detail: string }

/**
 * is_valid_light_client_header (Capella+): blob fields are zero before Deneb, and the execution payload
 * header is proven into body_root at gindex 25.
 */
export function checkLightClientHeader(network: Network, header: LightClientHeader): HeaderValidity {
  let slotFork
  try {
    slotFork = lightClientForkAtSlot(network, header.beacon.slot)
  } catch (err) {
    return { ok: false, detail: (err as Error).message }
  }
  if (FORK_RULES[slotFork].executionBlobFields && !FORK_RULES[header.fork].executionBlobFields) {
    return {
      ok: false,
      detail: `a ${header.fork} header cannot describe slot ${header.beacon.slot}, which is in ${slotFork}`,
    }
  }
  if (!FORK_RULES[slotFork].executionBlobFields) {
    if ((header.execution.blobGasUsed ?? 0n) !== 0n || (header.execution.excessBlobGas ?? 0n) !== 0n) {
      return { ok: false, detail: `blob gas fields must be zero before Deneb (slot ${header.beacon.slot})` }
    }
  }
  const gindex = FORK_RULES[slotFork].executionPayloadGindex
  const leaf = executionRoot(network, header)
  const ok = isValidNormalizedMerkleBranch(leaf, header.executionBranch, gindex, header.beacon.bodyRoot)
  return ok
    ? {
        ok: true,
        detail: `execution block ${header.execution.blockNumber} proven into body_root ${bytesToHex(header.beacon.bodyRoot)} (gindex ${gindex})`,
      }
    : {
        ok: false,
        detail: `execution payload header ${bytesToHex(leaf)} does not prove into body_root ${bytesToHex(header.beacon.bodyRoot)} at gindex ${gindex}`,
      }
}

function isZeroExecution(execution: ExecutionPayloadHeader): boolean {
  for (const value of Object.values(execution) as (Uint8Array | bigint | undefined)[]) {
    if (value === undefined) continue
    if (typeof value === 'bigint' ? value !== 0n : !isZeroBytes(value)) return false
  }
  return true
}

/** `header == LightClientHeader()`: the empty header an update without finality must carry. */
export function isZeroHeader(header: LightClientHeader): boolean {
  const b = header.beacon
  return (
    b.slot === 0n &&
    b.proposerIndex === 0n &&
    isZeroBytes(b.parentRoot) &&
    isZeroBytes(b.stateRoot) &&
    isZeroBytes(b.bodyRoot) &&
    isZeroExecution(header.execution) &&
    isZeroBranch(header.executionBranch)
  )
}

export function isZeroSyncCommittee(committee: SyncCommittee): boolean {
  return isZeroBytes(committee.aggregatePubkey) && committee.pubkeys.every(isZeroBytes)
}

/** What a light client learns about the execution layer from a verified header. */
export interface TrustedExecutionHead {
  slot: bigint
  beaconRoot: Uint8Array
  blockNumber: bigint
  blockHash: Uint8Array
  stateRoot: Uint8Array
  receiptsRoot: Uint8Array
  timestamp: bigint
}

export function trustedExecutionHead(header: LightClientHeader): TrustedExecutionHead {
  return {
    slot: header.beacon.slot,
    beaconRoot: beaconBlockRoot(header),
    blockNumber: header.execution.blockNumber,
    blockHash: header.execution.blockHash,
    stateRoot: header.execution.stateRoot,
    receiptsRoot: header.execution.receiptsRoot,
    timestamp: header.execution.timestamp,
  }
}

/** LightClientHeader() of a fork: the spec's default value. */
export function emptyHeader(fork: LightClientHeader['fork']): LightClientHeader {
  const z32 = () => new Uint8Array(32)
  const execution: ExecutionPayloadHeader = {
    parentHash: z32(),
    feeRecipient: new Uint8Array(20),
    stateRoot: z32(),
    receiptsRoot: z32(),
    logsBloom: new Uint8Array(256),
    prevRandao: z32(),
    blockNumber: 0n,
    gasLimit: 0n,
    gasUsed: 0n,
    timestamp: 0n,
    extraData: new Uint8Array(0),
    baseFeePerGas: 0n,
    blockHash: z32(),
    transactionsRoot: z32(),
    withdrawalsRoot: z32(),
    ...(FORK_RULES[fork].executionBlobFields ? { blobGasUsed: 0n, excessBlobGas: 0n } : {}),
  }
  return {
    fork,
    beacon: { slot: 0n, proposerIndex: 0n, parentRoot: z32(), stateRoot: z32(), bodyRoot: z32() },
    execution,
    executionBranch: Array.from({ length: 4 }, z32),
  }
}

/** SyncCommittee(): all-zero keys, the value an update without a committee carries. */
export function emptySyncCommittee(size: number): SyncCommittee {
  const zero = new Uint8Array(48)
  return { pubkeys: Array.from({ length: size }, () => zero), aggregatePubkey: zero }
}

/** A zero branch of the length a gindex needs. */
export function zeroBranch(depth: number): Uint8Array[] {
  return Array.from({ length: depth }, () => new Uint8Array(32))
}
