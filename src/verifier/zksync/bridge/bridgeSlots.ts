import { keccak_256 } from '../../crypto/backends'
import { bigintToBytes32, concatBytes } from '../../encoding/hex'
import {
  L1_NULLIFIER_STORAGE,
  slotOf,
  storageLayout,
  VALIDATOR_TIMELOCK_STORAGE,
  ZK_CHAIN_STORAGE,
} from './storageLayout'

/** The slots the bridge questions read, derived from the transcribed layouts (storageLayout.ts). */
const nullifier = storageLayout(L1_NULLIFIER_STORAGE)
const chain = storageLayout(ZK_CHAIN_STORAGE)
const timelock = storageLayout(VALIDATOR_TIMELOCK_STORAGE)

export const L1_NULLIFIER_SLOTS = {
  paused: slotOf(nullifier, '_paused'),
  eraPostDiamondUpgradeFirstBatch: slotOf(nullifier, '_eraPostDiamondUpgradeFirstBatch'),
  eraPostLegacyBridgeUpgradeFirstBatch: slotOf(nullifier, '_eraPostLegacyBridgeUpgradeFirstBatch'),
  l2BridgeAddress: slotOf(nullifier, '__DEPRECATED_l2BridgeAddress'),
  depositHappened: slotOf(nullifier, 'depositHappened'),
  isWithdrawalFinalized: slotOf(nullifier, 'isWithdrawalFinalized'),
} as const

export const VALIDATOR_TIMELOCK_SLOTS = {
  committedBatchTimestamp: slotOf(timelock, 'committedBatchTimestamp'),
  executionDelay: slotOf(timelock, 'executionDelay'),
} as const

export const DIAMOND_BRIDGE_SLOTS = {
  validators: slotOf(chain, 'validators'),
  isEthWithdrawalFinalized: slotOf(chain, 'isEthWithdrawalFinalized'),
  priorityTreeStartIndex: slotOf(chain, 'priorityTree.startIndex'),
  priorityTreeUnprocessedIndex: slotOf(chain, 'priorityTree.unprocessedIndex'),
} as const

/** `keccak256(pad32(key) ‖ slot)`: the slot of `mapping[key]` whose own slot (or parent entry) is `slot`. */
function entry(key: bigint | Uint8Array, slot: Uint8Array): Uint8Array {
  return keccak_256(concatBytes(typeof key === 'bigint' ? bigintToBytes32(key) : key, slot))
}

/** `L1Nullifier.isWithdrawalFinalized[chainId][batch][messageIndex]`. */
export function withdrawalFinalizedSlot(chainId: bigint, batch: bigint, messageIndex: bigint): Uint8Array {
  const top = bigintToBytes32(L1_NULLIFIER_SLOTS.isWithdrawalFinalized)
  return entry(messageIndex, entry(batch, entry(chainId, top)))
}

/** `L1Nullifier.depositHappened[chainId][l2DepositTxHash]` (non-zero: a failed deposit can be reclaimed). */
export function depositHappenedSlot(chainId: bigint, l2TxHash: Uint8Array): Uint8Array {
  return entry(l2TxHash, entry(chainId, bigintToBytes32(L1_NULLIFIER_SLOTS.depositHappened)))
}

/** `L1Nullifier.__DEPRECATED_l2BridgeAddress[chainId]`: the chain's legacy L2 ERC-20 bridge. */
export function legacyL2BridgeSlot(chainId: bigint): Uint8Array {
  return entry(chainId, bigintToBytes32(L1_NULLIFIER_SLOTS.l2BridgeAddress))
}

/** The diamond's `isEthWithdrawalFinalized[batch][messageIndex]` (Era ETH withdrawals before the shared bridge). */
export function legacyEthWithdrawalFinalizedSlot(batch: bigint, messageIndex: bigint): Uint8Array {
  return entry(messageIndex, entry(batch, bigintToBytes32(DIAMOND_BRIDGE_SLOTS.isEthWithdrawalFinalized)))
}

/** The diamond's `validators[address]`: the contracts (the ValidatorTimelock) allowed to commit, prove, execute. */
export function diamondValidatorSlot(validator: Uint8Array): Uint8Array {
  return entry(concatBytes(new Uint8Array(12), validator), bigintToBytes32(DIAMOND_BRIDGE_SLOTS.validators))
}

/**
 * Where `ValidatorTimelock.committedBatchTimestamp[chain].get(batch)` lives: solady's LibMap.Uint32Map packs eight
 * uint32 per word, `map[batch >> 3]`, at bit `(batch & 7) * 32` (era-contracts `libraries/LibMap.sol`).
 */
export function committedBatchTimestampSlot(
  chain: Uint8Array,
  batch: bigint,
): { key: Uint8Array; shift: bigint } {
  const map = entry(
    concatBytes(new Uint8Array(12), chain),
    bigintToBytes32(VALIDATOR_TIMELOCK_SLOTS.committedBatchTimestamp),
  )
  return { key: entry(batch >> 3n, map), shift: (batch & 7n) * 32n }
}
