import { describe, expect, it } from 'vitest'
import { bytesToHex } from '../../encoding/hex'
import { DIAMOND_STORAGE_SLOTS, DIAMOND_BRIDGEHUB_SLOT } from '../batches/diamondSlots'
import {
  L1_NULLIFIER_STORAGE,
  slotOf,
  storageLayout,
  VALIDATOR_TIMELOCK_STORAGE,
  ZK_CHAIN_STORAGE,
} from './storageLayout'
import {
  DIAMOND_BRIDGE_SLOTS,
  L1_NULLIFIER_SLOTS,
  VALIDATOR_TIMELOCK_SLOTS,
  withdrawalFinalizedSlot,
} from './bridgeSlots'

describe('storage layouts', () => {
  it('the ZKChainStorage transcription gives every slot already pinned from solc storageLayout', () => {
    const layout = storageLayout(ZK_CHAIN_STORAGE)
    for (const [name, slot] of Object.entries(DIAMOND_STORAGE_SLOTS)) {
      const field = name === 'l2DAValidator' ? '__DEPRECATED_l2DAValidator' : name
      expect(slotOf(layout, field), name).toBe(slot)
    }
    expect(slotOf(layout, 'bridgehub')).toBe(DIAMOND_BRIDGEHUB_SLOT)
    // research next-wave.md §5.1 (solc storageLayout of EC main GettersFacet): admin 36, pendingAdmin 37,
    // chainTypeManager 42, transactionFilterer 46, baseTokenAssetId 49, priority tree 51–56, isPermanentRollup 57.
    expect(slotOf(layout, 'admin')).toBe(36n)
    expect(slotOf(layout, 'pendingAdmin')).toBe(37n)
    expect(slotOf(layout, 'chainTypeManager')).toBe(42n)
    expect(slotOf(layout, 'transactionFilterer')).toBe(46n)
    expect(slotOf(layout, 'baseTokenAssetId')).toBe(49n)
    expect(slotOf(layout, 'priorityTree.startIndex')).toBe(51n)
    expect(slotOf(layout, 'priorityTree.unprocessedIndex')).toBe(52n)
    expect(slotOf(layout, 'priorityTree.tree._zeros')).toBe(56n)
    expect(slotOf(layout, 'isPermanentRollup')).toBe(57n)
    // The packing inside structs: UpgradeStorage is two slots (hash; enum ‖ address ‖ bool ‖ uint40 ‖ uint40 = 32 B).
    expect(layout.get('__DEPRECATED_upgrades.currentProposalId')).toEqual({ slot: 28n, offset: 27, bytes: 5 })
    expect(DIAMOND_BRIDGE_SLOTS.isEthWithdrawalFinalized).toBe(29n)
  })

  it('L1Nullifier: depositHappened 207 and isWithdrawalFinalized 208, as solc reports (next-wave.md §1.4)', () => {
    const layout = storageLayout(L1_NULLIFIER_STORAGE)
    expect(slotOf(layout, '_owner')).toBe(51n)
    expect(slotOf(layout, '_paused')).toBe(151n)
    expect(L1_NULLIFIER_SLOTS.eraPostDiamondUpgradeFirstBatch).toBe(201n)
    expect(L1_NULLIFIER_SLOTS.depositHappened).toBe(207n)
    expect(L1_NULLIFIER_SLOTS.isWithdrawalFinalized).toBe(208n)
    // next-wave.md §1.4: isWithdrawalFinalized[324][500000][0], from solc's slot 208.
    expect(bytesToHex(withdrawalFinalizedSlot(324n, 500000n, 0n))).toBe(
      '0x399f0f21ba6acd6cea8858782297492f6d7a93d6775a1a095a309482f8f52f68',
    )
  })

  it('ValidatorTimelock: committedBatchTimestamp 201 and executionDelay 202, as solc reports (next-wave.md §1.4)', () => {
    expect(VALIDATOR_TIMELOCK_SLOTS.committedBatchTimestamp).toBe(201n)
    expect(VALIDATOR_TIMELOCK_SLOTS.executionDelay).toBe(202n)
    expect(slotOf(storageLayout(VALIDATOR_TIMELOCK_STORAGE), '_roles')).toBe(151n)
    expect(DIAMOND_BRIDGE_SLOTS.validators).toBe(9n)
  })

  it('refuses a name the table does not have', () => {
    expect(() => slotOf(storageLayout(L1_NULLIFIER_STORAGE), 'isWithdrawalFinalised')).toThrow(/no variable/)
  })
})
