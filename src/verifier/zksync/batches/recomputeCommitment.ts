import { keccak_256 } from '../../crypto/backends'
import { InputError } from '../../../shared/errors'
import { bigintToBytes32, concatBytes, equalBytes } from '../../encoding/hex'

/**
 * The batch commitment per protocol version (zksync.md §1.5; EC `_createBatchCommitment`, ZE
 * `L1BatchCommitment::hash_for`):
 *
 *   commitment          = keccak(passThroughHash ‖ metadataHash ‖ auxiliaryOutputHash)
 *   passThroughDataHash = keccak(u64 indexRepeatedStorageChanges ‖ newStateRoot ‖ u64 0 ‖ bytes32 0)
 *   metadataHash        = keccak(zkPorterIsAvailable(1 B) ‖ bootloaderHash ‖ defaultAAHash [‖ evmEmulatorHash])
 *   auxiliaryOutputHash = keccak(aux preimage, see COMMITMENT_RULES)
 */
export interface CommitmentRule {
  fromVersion: number
  toVersion: number
  aux: 'pre-boojum' | 'boojum'
  /** (blobLinearHash, blobCommitment) pairs appended to the four aux words; unused pairs are zero. */
  blobPairs: number
  /** v23+ appends a fourth meta field, the EVM emulator hash (default-AA hash when there is none). */
  metaHasEvmEmulator: boolean
}

export const COMMITMENT_RULES: readonly CommitmentRule[] = [
  // ≤ v17: l2l1 logs merkle root ‖ logs linear hash ‖ initial writes hash ‖ repeated writes hash (ZE PreBoojum).
  { fromVersion: 0, toVersion: 17, aux: 'pre-boojum', blobPairs: 0, metaHasEvmEmulator: false },
  // release-v18 `_batchAuxiliaryOutput`: abi.encode of the four words.
  { fromVersion: 18, toVersion: 19, aux: 'boojum', blobPairs: 0, metaHasEvmEmulator: false },
  // release-v20 (1.4.1): four zero words reserved for two blobs; release_v1.4.2 (v21–v22) fills them.
  { fromVersion: 20, toVersion: 22, aux: 'boojum', blobPairs: 2, metaHasEvmEmulator: false },
  // 1.5.0 … v31: TOTAL_BLOBS_IN_COMMITMENT = 16 (`_encodeBlobAuxiliaryOutput`).
  { fromVersion: 23, toVersion: 31, aux: 'boojum', blobPairs: 16, metaHasEvmEmulator: true },
]

export function commitmentRuleFor(protocolVersion: number): CommitmentRule {
  const rule = COMMITMENT_RULES.find(
    (r) => protocolVersion >= r.fromVersion && protocolVersion <= r.toVersion,
  )
  if (!rule)
    throw new InputError(
      `unsupported protocol version ${protocolVersion} for the batch commitment`,
      'zksync.protocol.unsupported',
    )
  return rule
}

/** The L1 meta parameters — read from diamond storage (slots 25, 23, 24, 58), not from calldata. */
export interface MetaParameters {
  zkPorterIsAvailable: boolean
  bootloaderHash: Uint8Array
  defaultAAHash: Uint8Array
  /**
   * v23+: the EVM emulator hash. Left out, the default-AA hash takes its place, as L1 does for v23–v26 and as
   * ZE's `L1BatchMetaParameters::to_bytes` does when no emulator is set. From v27 L1 reads slot 58 as is, so a
   * caller that proved slot 58 passes it even when it is zero.
   */
  evmEmulatorHash?: Uint8Array
}

export interface BlobPair {
  linearHash: Uint8Array
  commitment: Uint8Array
}

export type AuxiliaryInput =
  | {
      kind: 'boojum'
      /** The `systemLogs` bytes exactly as sent; the aux word is their keccak. */
      systemLogs: Uint8Array
      stateDiffHash: Uint8Array
      bootloaderHeapInitialContentsHash: Uint8Array
      eventsQueueStateHash: Uint8Array
      blobs: readonly BlobPair[]
    }
  | {
      kind: 'pre-boojum'
      l2LogsMerkleRoot: Uint8Array
      l2LogsLinearHash: Uint8Array
      initialWritesHash: Uint8Array
      repeatedWritesHash: Uint8Array
    }

export interface CommitmentInput {
  protocolVersion: number
  indexRepeatedStorageChanges: bigint
  newStateRoot: Uint8Array
  meta: MetaParameters
  aux: AuxiliaryInput
}

export interface CommitmentHashes {
  passThroughHash: Uint8Array
  metadataHash: Uint8Array
  auxiliaryOutputHash: Uint8Array
  commitment: Uint8Array
}

const ZERO32 = new Uint8Array(32)

function u64(value: bigint, what: string): Uint8Array {
  if (value < 0n || value >= 1n << 64n) throw new InputError(`${what}: does not fit in u64`)
  return bigintToBytes32(value).subarray(24)
}

function b32(value: Uint8Array, what: string): Uint8Array {
  if (value.length !== 32) throw new InputError(`${what}: expected 32 bytes, got ${value.length}`)
  return value
}

/** 80 bytes: the rollup shard (last leaf index, root) then the zkPorter shard, always zero. */
export function passThroughHash(indexRepeatedStorageChanges: bigint, newStateRoot: Uint8Array): Uint8Array {
  return keccak_256(
    concatBytes(
      u64(indexRepeatedStorageChanges, 'indexRepeatedStorageChanges'),
      b32(newStateRoot, 'newStateRoot'),
      new Uint8Array(8),
      ZERO32,
    ),
  )
}

export function metadataHash(meta: MetaParameters, rule: CommitmentRule): Uint8Array {
  const parts = [
    Uint8Array.of(meta.zkPorterIsAvailable ? 1 : 0),
    b32(meta.bootloaderHash, 'bootloaderHash'),
    b32(meta.defaultAAHash, 'defaultAAHash'),
  ]
  if (rule.metaHasEvmEmulator) parts.push(b32(meta.evmEmulatorHash ?? meta.defaultAAHash, 'evmEmulatorHash'))
  return keccak_256(concatBytes(...parts))
}

export function auxiliaryOutputHash(aux: AuxiliaryInput, rule: CommitmentRule): Uint8Array {
  if (aux.kind !== rule.aux)
    throw new InputError(`aux output: ${aux.kind} input for a ${rule.aux} protocol version`)
  if (aux.kind === 'pre-boojum') {
    return keccak_256(
      concatBytes(
        b32(aux.l2LogsMerkleRoot, 'l2LogsMerkleRoot'),
        b32(aux.l2LogsLinearHash, 'l2LogsLinearHash'),
        b32(aux.initialWritesHash, 'initialWritesHash'),
        b32(aux.repeatedWritesHash, 'repeatedWritesHash'),
      ),
    )
  }
  if (aux.blobs.length > rule.blobPairs)
    throw new InputError(
      `aux output: ${aux.blobs.length} blobs, this protocol version commits to ${rule.blobPairs}`,
    )
  const parts = [
    keccak_256(aux.systemLogs),
    b32(aux.stateDiffHash, 'stateDiffHash'),
    b32(aux.bootloaderHeapInitialContentsHash, 'bootloaderHeapInitialContentsHash'),
    b32(aux.eventsQueueStateHash, 'eventsQueueStateHash'),
  ]
  for (let i = 0; i < rule.blobPairs; i++) {
    const blob = aux.blobs[i]
    parts.push(blob ? b32(blob.linearHash, `blob ${i} linear hash`) : ZERO32)
    parts.push(blob ? b32(blob.commitment, `blob ${i} commitment`) : ZERO32)
  }
  return keccak_256(concatBytes(...parts))
}

/**
 * Recomputes pass-through, metadata, auxiliary-output hashes and the commitment for one batch. Reproduces all six
 * zksync-era commitment vectors (Version17, 20, 21, 23, 23 with EVM emulator, 27).
 *
 * @example
 *   const { commitment } = recomputeCommitment({ protocolVersion: 27, indexRepeatedStorageChanges, newStateRoot, meta, aux })
 *   equalBytes(commitment, storedBatchInfo.commitment)
 */
export function recomputeCommitment(input: CommitmentInput): CommitmentHashes {
  const rule = commitmentRuleFor(input.protocolVersion)
  const pt = passThroughHash(input.indexRepeatedStorageChanges, input.newStateRoot)
  const meta = metadataHash(input.meta, rule)
  const aux = auxiliaryOutputHash(input.aux, rule)
  return {
    passThroughHash: pt,
    metadataHash: meta,
    auxiliaryOutputHash: aux,
    commitment: keccak_256(concatBytes(pt, meta, aux)),
  }
}

/** Recomputes and compares with a commitment that came from a bound StoredBatchInfo or a `BlockCommit` event. */
export function commitmentMatches(
  input: CommitmentInput,
  expected: Uint8Array,
): { ok: boolean; hashes: CommitmentHashes } {
  const hashes = recomputeCommitment(input)
  return { ok: equalBytes(hashes.commitment, expected), hashes }
}
