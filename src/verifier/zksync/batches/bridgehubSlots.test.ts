import { AbiCoder, keccak256 } from 'ethers'
import { describe, expect, it } from 'vitest'
import { bytesToHex } from '../../encoding/hex'
import {
  BRIDGEHUB_STORAGE_SLOTS,
  L2_BRIDGEHUB_ADDRESS,
  whitelistedSettlementLayerSlot,
  zkChainSlot,
} from './bridgehubSlots'

/*
 * The Bridgehub layout of era-contracts 5e7d0b40 (l1-contracts/contracts/bridgehub/Bridgehub.sol), recomputed
 * here with ethers' ABI coder, independently of bridgehubSlots.ts: the OpenZeppelin v4 upgradeable bases end at
 * slot 200, Bridgehub's variables follow in declaration order, zkChainMap's EnumerableMap takes three slots.
 */
const coder = AbiCoder.defaultAbiCoder()
const mappingSlot = (key: bigint, slot: bigint) =>
  keccak256(coder.encode(['uint256', 'uint256'], [key, slot]))

describe('Bridgehub storage slots (era-contracts Bridgehub.sol)', () => {
  it('counts the declarations after the 201 inherited slots', () => {
    const declared = [
      ['assetRouter', 1],
      ['chainTypeManagerIsRegistered', 1],
      ['__DEPRECATED_tokenIsRegistered', 1],
      ['chainTypeManager', 1],
      ['__DEPRECATED_baseToken', 1],
      ['admin', 1],
      ['pendingAdmin', 1],
      ['zkChainMap', 3],
      ['messageRoot', 1],
      ['baseTokenAssetId', 1],
      ['l1CtmDeployer', 1],
      ['ctmAssetIdToAddress', 1],
      ['ctmAssetIdFromAddress', 1],
      ['settlementLayer', 1],
      ['whitelistedSettlementLayers', 1],
    ] as const
    const at = new Map<string, bigint>()
    let next = 1n + 50n + 50n + 50n + 50n // Initializable; Context, Ownable, Ownable2Step, Pausable with gaps
    for (const [name, size] of declared) {
      at.set(name, next)
      next += BigInt(size)
    }
    expect(at.get('chainTypeManager')).toBe(BRIDGEHUB_STORAGE_SLOTS.chainTypeManager)
    // EnumerableMap: Bytes32Set _keys (values array + indexes mapping), then the values mapping.
    expect(at.get('zkChainMap')! + 2n).toBe(BRIDGEHUB_STORAGE_SLOTS.zkChainMapValues)
    expect(at.get('settlementLayer')).toBe(BRIDGEHUB_STORAGE_SLOTS.settlementLayer)
    expect(at.get('whitelistedSettlementLayers')).toBe(BRIDGEHUB_STORAGE_SLOTS.whitelistedSettlementLayers)
  })

  it('keys: zkChainMap[9075] and whitelistedSettlementLayers[9075] as Solidity computes them', () => {
    expect(bytesToHex(zkChainSlot(9075n))).toBe(mappingSlot(9075n, 210n))
    expect(bytesToHex(whitelistedSettlementLayerSlot(9075n))).toBe(mappingSlot(9075n, 217n))
    expect(bytesToHex(zkChainSlot(324n))).toBe(mappingSlot(324n, 210n))
    expect(() => zkChainSlot(-1n)).toThrow()
  })

  it('the L2 Bridgehub is USER_CONTRACTS_OFFSET (0x10000) + 2', () => {
    expect(BigInt(L2_BRIDGEHUB_ADDRESS)).toBe(0x10000n + 2n)
  })
})
