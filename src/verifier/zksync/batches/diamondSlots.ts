import { keccak_256 } from '../../crypto/backends'
import { InputError } from '../../../shared/errors'
import { bigintToBytes32, bytesToBigint, bytesToHex, concatBytes } from '../../encoding/hex'

/**
 * Storage slots of `ZKChainStorage s` (slot 0 of `ZKChainBase`) in the Era diamond proxy
 * 0x32400084C286CF3E17e7B677ea9583e60a000324, from solc `storageLayout` of EC main GettersFacet and draft-v31
 * (zksync.md §1.8; fixtures zksync/derived/constants.json `diamondStorageSlots`).
 */
export const DIAMOND_STORAGE_SLOTS = {
  verifier: 10n,
  totalBatchesExecuted: 11n,
  totalBatchesVerified: 12n,
  totalBatchesCommitted: 13n,
  /** mapping(uint256 => bytes32) */
  storedBatchHashes: 14n,
  /** mapping(uint256 => bytes32), written at execute */
  l2LogsRootHashes: 15n,
  l2BootloaderBytecodeHash: 23n,
  l2DefaultAccountBytecodeHash: 24n,
  zkPorterIsAvailable: 25n,
  /** packed semver: minor << 32 | patch */
  protocolVersion: 33n,
  chainId: 40n,
  l1DAValidator: 47n,
  l2DAValidator: 48n,
  /** 0: settles on L1; otherwise the chain migrated to a settlement layer such as Gateway */
  settlementLayer: 50n,
  l2EvmEmulatorBytecodeHash: 58n,
  precommitmentForTheLatestBatch: 59n,
} as const

export type DiamondSlotName = keyof typeof DIAMOND_STORAGE_SLOTS

/**
 * `bridgehub` (slot 41): the Bridgehub the chain is registered in, where the Gateway hop finds a settlement
 * layer's diamond (solc storageLayout of EC main GettersFacet, research next-wave.md §5.1). Kept apart from the
 * table above, which is pinned to the fixtures' constants.json.
 */
export const DIAMOND_BRIDGEHUB_SLOT = 41n

/** Solidity mapping slot: keccak256(pad32(key) ‖ pad32(slot)). */
export function mappingSlot(key: bigint, slot: bigint): Uint8Array {
  return keccak_256(concatBytes(bigintToBytes32(key), bigintToBytes32(slot)))
}

export function plainSlot(slot: bigint): Uint8Array {
  return bigintToBytes32(slot)
}

/** The storage keys an `eth_getProof` of the diamond needs to answer "what is the status of batch n". */
export interface BatchSlotKeys {
  verifier: Uint8Array
  totalBatchesExecuted: Uint8Array
  totalBatchesVerified: Uint8Array
  totalBatchesCommitted: Uint8Array
  storedBatchHash: Uint8Array
  protocolVersion: Uint8Array
  settlementLayer: Uint8Array
  /** The L1 meta parameters the commitment hashes (zksync.md §1.5): slots 25, 23, 24, 58. */
  zkPorterIsAvailable: Uint8Array
  l2BootloaderBytecodeHash: Uint8Array
  l2DefaultAccountBytecodeHash: Uint8Array
  l2EvmEmulatorBytecodeHash: Uint8Array
}

/**
 * The 32-byte storage keys for batch n, ready for `eth_getProof(diamond, keys, block)`.
 *
 * @example
 *   bytesToHex(diamondSlots(500000n).storedBatchHash)
 *   // 0x199a8388b5363f98b8e29a7820fae9185e561f3e8e35c5082817ba699b332cac
 */
export function diamondSlots(batchNumber: bigint): BatchSlotKeys {
  if (batchNumber < 0n || batchNumber >= 1n << 256n) throw new InputError('batch number out of range')
  const s = DIAMOND_STORAGE_SLOTS
  return {
    verifier: plainSlot(s.verifier),
    totalBatchesExecuted: plainSlot(s.totalBatchesExecuted),
    totalBatchesVerified: plainSlot(s.totalBatchesVerified),
    totalBatchesCommitted: plainSlot(s.totalBatchesCommitted),
    storedBatchHash: mappingSlot(batchNumber, s.storedBatchHashes),
    protocolVersion: plainSlot(s.protocolVersion),
    settlementLayer: plainSlot(s.settlementLayer),
    zkPorterIsAvailable: plainSlot(s.zkPorterIsAvailable),
    l2BootloaderBytecodeHash: plainSlot(s.l2BootloaderBytecodeHash),
    l2DefaultAccountBytecodeHash: plainSlot(s.l2DefaultAccountBytecodeHash),
    l2EvmEmulatorBytecodeHash: plainSlot(s.l2EvmEmulatorBytecodeHash),
  }
}

export interface BatchCounters {
  totalBatchesExecuted: bigint
  totalBatchesVerified: bigint
  totalBatchesCommitted: bigint
}

export type BatchStatus = 'committed' | 'proven' | 'executed' | 'unknown'

/** Executor invariant: executed ≤ verified ≤ committed (commit, prove and execute only move forward in order). */
export function countersConsistent(c: BatchCounters): boolean {
  return (
    c.totalBatchesExecuted >= 0n &&
    c.totalBatchesExecuted <= c.totalBatchesVerified &&
    c.totalBatchesVerified <= c.totalBatchesCommitted
  )
}

/**
 * Status of batch n from the three counters read at one L1 block. `revertBatches` lowers the counters but leaves
 * `storedBatchHashes` in place, so a stored hash alone says nothing: a batch above totalBatchesCommitted is
 * `unknown` (reverted or not committed yet) whatever the mapping holds. Inconsistent counters are `unknown` too.
 */
export function batchStatus(batchNumber: bigint, counters: BatchCounters): BatchStatus {
  if (!countersConsistent(counters) || batchNumber < 0n) return 'unknown'
  if (batchNumber <= counters.totalBatchesExecuted) return 'executed'
  if (batchNumber <= counters.totalBatchesVerified) return 'proven'
  if (batchNumber <= counters.totalBatchesCommitted) return 'committed'
  return 'unknown'
}

/** Raw 32-byte storage words of the diamond, already proven against a trusted L1 state root by the caller. */
export type DiamondStorageWords = { [K in keyof BatchSlotKeys]: Uint8Array }

export interface DiamondState extends BatchCounters {
  verifier: string
  storedBatchHash: Uint8Array
  /** Packed semver: minor = value >> 32, patch = low 32 bits. */
  protocolVersion: { packed: bigint; minor: number; patch: number }
  settlementLayer: string
  zkPorterIsAvailable: boolean
  bootloaderHash: Uint8Array
  defaultAAHash: Uint8Array
  evmEmulatorHash: Uint8Array
}

function word(w: Uint8Array, what: string): Uint8Array {
  if (w.length !== 32) throw new InputError(`diamond storage ${what}: expected a 32-byte word`)
  return w
}

/** Interprets proven storage words: addresses are the low 20 bytes, bools the low byte. */
export function decodeDiamondState(words: DiamondStorageWords): DiamondState {
  const num = (k: keyof BatchSlotKeys) => bytesToBigint(word(words[k], k))
  const address = (k: keyof BatchSlotKeys) => bytesToHex(word(words[k], k).subarray(12))
  const packed = num('protocolVersion')
  return {
    totalBatchesExecuted: num('totalBatchesExecuted'),
    totalBatchesVerified: num('totalBatchesVerified'),
    totalBatchesCommitted: num('totalBatchesCommitted'),
    verifier: address('verifier'),
    storedBatchHash: word(words.storedBatchHash, 'storedBatchHash'),
    protocolVersion: {
      packed,
      minor: Number((packed >> 32n) & 0xffffffffn),
      patch: Number(packed & 0xffffffffn),
    },
    settlementLayer: address('settlementLayer'),
    zkPorterIsAvailable: word(words.zkPorterIsAvailable, 'zkPorterIsAvailable')[31] !== 0,
    bootloaderHash: word(words.l2BootloaderBytecodeHash, 'l2BootloaderBytecodeHash'),
    defaultAAHash: word(words.l2DefaultAccountBytecodeHash, 'l2DefaultAccountBytecodeHash'),
    evmEmulatorHash: word(words.l2EvmEmulatorBytecodeHash, 'l2EvmEmulatorBytecodeHash'),
  }
}
