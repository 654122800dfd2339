import { keccak_256 } from '../../crypto/backends'
import { InputError } from '../../../shared/errors'
import { bigintToBytes32, concatBytes } from '../../encoding/hex'

/**
 * Storage of the Bridgehub, the registry of ZK chains, on L1 and (the same contract) on ZKsync Gateway. From
 * era-contracts commit 5e7d0b405b49f42131565a291a82f22565f72e33, l1-contracts/contracts/bridgehub/Bridgehub.sol:
 * `contract Bridgehub is IBridgehub, ReentrancyGuard, Ownable2StepUpgradeable, PausableUpgradeable`. The
 * ReentrancyGuard keeps its lock at a fixed hashed slot (common/ReentrancyGuard.sol `LOCK_FLAG_ADDRESS`), so the
 * OpenZeppelin v4 upgradeable bases take slots 0–200 (Initializable 0, ContextUpgradeable __gap[50] 1–50,
 * OwnableUpgradeable _owner 51 + __gap[49], Ownable2StepUpgradeable _pendingOwner 101 + __gap[49],
 * PausableUpgradeable _paused 151 + __gap[49]) and Bridgehub's own variables start at 201 in declaration order:
 * assetRouter 201, chainTypeManagerIsRegistered 202, __DEPRECATED_tokenIsRegistered 203, chainTypeManager 204,
 * __DEPRECATED_baseToken 205, admin 206, pendingAdmin 207, zkChainMap 208–210, messageRoot 211,
 * baseTokenAssetId 212, l1CtmDeployer 213, ctmAssetIdToAddress 214, ctmAssetIdFromAddress 215,
 * settlementLayer 216, whitelistedSettlementLayers 217.
 *
 * `zkChainMap` is an OpenZeppelin `EnumerableMap.UintToAddressMap`: `Bytes32ToBytes32Map { Bytes32Set _keys;
 * mapping(bytes32 => bytes32) _values; }` with `_keys` a `Set { bytes32[] _values; mapping _indexes; }` (two
 * slots), so the chain id → diamond values live in the mapping at 208 + 2 = 210, keyed by bytes32(chainId),
 * holding the address in the low 20 bytes.
 *
 * Derived from the declarations, not read from a solc storageLayout: the world and the unit tests use the same
 * numbers, so a wrong one would show only against a real chain (README, Limits).
 */
export const BRIDGEHUB_STORAGE_SLOTS = {
  chainTypeManager: 204n,
  zkChainMapValues: 210n,
  settlementLayer: 216n,
  whitelistedSettlementLayers: 217n,
} as const

/**
 * The Bridgehub on every ZK chain's L2 (Gateway included): era-contracts
 * l1-contracts/contracts/common/l2-helpers/L2ContractAddresses.sol `L2_BRIDGEHUB_ADDR = USER_CONTRACTS_OFFSET +
 * 0x02` with `USER_CONTRACTS_OFFSET = 0x10000`. A protocol constant, like L2BaseToken at 0x800a.
 */
export const L2_BRIDGEHUB_ADDRESS = '0x0000000000000000000000000000000000010002'

function mapping(key: bigint, slot: bigint): Uint8Array {
  if (key < 0n || key >= 1n << 256n) throw new InputError('mapping key out of range')
  return keccak_256(concatBytes(bigintToBytes32(key), bigintToBytes32(slot)))
}

/** `zkChainMap.get(chainId)`: the slot holding the chain's diamond address. */
export function zkChainSlot(chainId: bigint): Uint8Array {
  return mapping(chainId, BRIDGEHUB_STORAGE_SLOTS.zkChainMapValues)
}

/** `whitelistedSettlementLayers[chainId]`: 1 when L1 accepts that chain as a settlement layer. */
export function whitelistedSettlementLayerSlot(chainId: bigint): Uint8Array {
  return mapping(chainId, BRIDGEHUB_STORAGE_SLOTS.whitelistedSettlementLayers)
}
