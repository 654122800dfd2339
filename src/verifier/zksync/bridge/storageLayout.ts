import { InputError } from '../../../shared/errors'

/**
 * Solidity's storage layout for the contracts whose storage Lightproof proves for the bridge (solc docs "Layout
 * of State Variables in Storage"): state variables take slots in declaration order, most-base contract first
 * (C3 linearisation); a value type packs into the current slot when it fits in what is left of it, right to
 * left; a struct, a fixed array, a mapping or a dynamic array always starts a new slot, and whatever follows a
 * struct or an array starts a new one too. Only what the tables below need is modelled: value types, structs of
 * them, fixed arrays of 32-byte words and mappings.
 *
 * The tables are transcriptions of the era-contracts and OpenZeppelin sources they cite, and the tests hold them
 * to the slots already pinned elsewhere (the diamond's table in diamondSlots.ts) and to solc's storageLayout
 * output recorded in the research notes (next-wave.md §1.4: L1Nullifier 207/208). A slot derived here is only as
 * good as the transcription; the tests are what make it trustworthy.
 */
export type StorageType =
  | { kind: 'value'; bytes: number }
  | { kind: 'mapping' }
  | { kind: 'words'; count: number }
  | { kind: 'struct'; fields: readonly StorageVariable[] }

export interface StorageVariable {
  readonly name: string
  readonly type: StorageType
}

export const uint256: StorageType = { kind: 'value', bytes: 32 }
export const bytes32 = uint256
export const address: StorageType = { kind: 'value', bytes: 20 }
export const bool: StorageType = { kind: 'value', bytes: 1 }
/** An enum of fewer than 256 members. */
export const enum8 = bool
export const uint = (bits: number): StorageType => ({ kind: 'value', bytes: bits / 8 })
export const mapping: StorageType = { kind: 'mapping' }
/** `uint256[n]` / `bytes32[n]`: n whole slots. */
export const words = (count: number): StorageType => ({ kind: 'words', count })
export const struct = (...fields: StorageVariable[]): StorageType => ({ kind: 'struct', fields })
export const v = (name: string, type: StorageType): StorageVariable => ({ name, type })

export interface Placement {
  slot: bigint
  /** Byte offset from the right of the slot (solc's `offset`). */
  offset: number
  bytes: number
}

/** How many slots a type takes when it starts a fresh slot. */
function slotsOf(type: StorageType): bigint {
  if (type.kind === 'value' || type.kind === 'mapping') return 1n
  if (type.kind === 'words') return BigInt(type.count)
  const inner = layOut(type.fields, 0n, new Map(), '')
  return inner.next
}

function layOut(
  vars: readonly StorageVariable[],
  start: bigint,
  out: Map<string, Placement>,
  prefix: string,
): { next: bigint } {
  let slot = start
  let used = 0 // bytes used in `slot`
  for (const { name, type } of vars) {
    const path = prefix + name
    if (type.kind === 'value') {
      if (type.bytes < 1 || type.bytes > 32 || !Number.isInteger(type.bytes))
        throw new InputError(`storage layout: ${path} has ${type.bytes} bytes`)
      if (used + type.bytes > 32) {
        slot++
        used = 0
      }
      out.set(path, { slot, offset: used, bytes: type.bytes })
      used += type.bytes
      continue
    }
    // Structs, arrays and mappings start a new slot and end theirs.
    if (used > 0) {
      slot++
      used = 0
    }
    if (type.kind === 'struct') {
      const inner = layOut(type.fields, slot, out, `${path}.`)
      out.set(path, { slot, offset: 0, bytes: 32 })
      slot = inner.next
    } else {
      out.set(path, { slot, offset: 0, bytes: 32 })
      slot += slotsOf(type)
    }
  }
  return { next: used > 0 ? slot + 1n : slot }
}

/**
 * The placement of every variable (struct members as `outer.inner`) of a contract whose linearised state
 * variables, most-base first, are `vars`.
 */
export function storageLayout(vars: readonly StorageVariable[]): ReadonlyMap<string, Placement> {
  const out = new Map<string, Placement>()
  layOut(vars, 0n, out, '')
  return out
}

/** The slot of one variable, or an error naming it (a typo in a table must not yield slot 0). */
export function slotOf(layout: ReadonlyMap<string, Placement>, name: string): bigint {
  const p = layout.get(name)
  if (!p) throw new InputError(`storage layout has no variable ${name}`)
  return p.slot
}

// ---- OpenZeppelin contracts-upgradeable v4.9 bases (the `-v4` imports of era-contracts) -------------------

/** `Initializable`: `uint8 _initialized; bool _initializing` (one slot). */
const OZ_INITIALIZABLE = [v('_initialized', uint(8)), v('_initializing', bool)]
/** `ContextUpgradeable`: `uint256[50] __gap`. */
const OZ_CONTEXT = [v('Context.__gap', words(50))]
/** `OwnableUpgradeable`: `address _owner; uint256[49] __gap`. */
const OZ_OWNABLE = [v('_owner', address), v('Ownable.__gap', words(49))]
/** `Ownable2StepUpgradeable`: `address _pendingOwner; uint256[49] __gap`. */
const OZ_OWNABLE_2STEP = [v('_pendingOwner', address), v('Ownable2Step.__gap', words(49))]
/** `PausableUpgradeable`: `bool _paused; uint256[49] __gap`. */
const OZ_PAUSABLE = [v('_paused', bool), v('Pausable.__gap', words(49))]

/**
 * era-contracts `l1-contracts/contracts/bridge/L1Nullifier.sol`:
 * `contract L1Nullifier is IL1Nullifier, ReentrancyGuard, Ownable2StepUpgradeable, PausableUpgradeable`.
 * Linearised most-base first: ReentrancyGuard (era-contracts' own, whose lock lives at the constant slot
 * keccak("ReentrancyGuard") − 1, so no sequential storage), Initializable, ContextUpgradeable, OwnableUpgradeable,
 * Ownable2StepUpgradeable, PausableUpgradeable, then L1Nullifier's own variables in order (immutables take no
 * storage).
 */
export const L1_NULLIFIER_STORAGE: readonly StorageVariable[] = [
  ...OZ_INITIALIZABLE,
  ...OZ_CONTEXT,
  ...OZ_OWNABLE,
  ...OZ_OWNABLE_2STEP,
  ...OZ_PAUSABLE,
  v('_eraPostDiamondUpgradeFirstBatch', uint256),
  v('_eraPostLegacyBridgeUpgradeFirstBatch', uint256),
  v('_eraLegacyBridgeLastDepositBatch', uint256),
  v('_eraLegacyBridgeLastDepositTxNumber', uint256),
  v('legacyBridge', address),
  /** mapping(uint256 chainId => address l2Bridge) */
  v('__DEPRECATED_l2BridgeAddress', mapping),
  /** mapping(uint256 chainId => mapping(bytes32 l2DepositTxHash => bytes32 depositDataHash)) */
  v('depositHappened', mapping),
  /** mapping(uint256 chainId => mapping(uint256 l2BatchNumber => mapping(uint256 l2ToL1MessageNumber => bool))) */
  v('isWithdrawalFinalized', mapping),
  v('hyperbridgingEnabled', mapping),
  v('chainBalance', mapping),
  v('l1AssetRouter', address),
  v('l1NativeTokenVault', address),
]

/**
 * era-contracts `l1-contracts/contracts/state-transition/chain-deps/ZKChainStorage.sol` `struct ZKChainStorage`
 * (slot 0 of every facet through ZKChainBase), with `PriorityQueue.Queue`, `VerifierParams`, `UpgradeStorage`,
 * `FeeParams` and `PriorityTree.Tree` expanded from their sources.
 */
export const ZK_CHAIN_STORAGE: readonly StorageVariable[] = [
  v('__DEPRECATED_diamondCutStorage', words(7)),
  v('__DEPRECATED_governor', address),
  v('__DEPRECATED_pendingGovernor', address),
  v('validators', mapping),
  v('verifier', address),
  v('totalBatchesExecuted', uint256),
  v('totalBatchesVerified', uint256),
  v('totalBatchesCommitted', uint256),
  v('storedBatchHashes', mapping),
  v('l2LogsRootHashes', mapping),
  // PriorityQueue.Queue { mapping data; uint256 tail; uint256 head }
  v('__DEPRECATED_priorityQueue', struct(v('data', mapping), v('tail', uint256), v('head', uint256))),
  v('__DEPRECATED_allowList', address),
  // VerifierParams { bytes32 recursionNodeLevelVkHash; bytes32 recursionLeafLevelVkHash; bytes32 recursionCircuitsSetVksHash }
  v('__DEPRECATED_verifierParams', struct(v('node', bytes32), v('leaf', bytes32), v('circuits', bytes32))),
  v('l2BootloaderBytecodeHash', bytes32),
  v('l2DefaultAccountBytecodeHash', bytes32),
  v('zkPorterIsAvailable', bool),
  v('priorityTxMaxGasLimit', uint256),
  // UpgradeStorage { bytes32 proposedUpgradeHash; UpgradeState state; address securityCouncil;
  //   bool approvedBySecurityCouncil; uint40 proposedUpgradeTimestamp; uint40 currentProposalId }
  v(
    '__DEPRECATED_upgrades',
    struct(
      v('proposedUpgradeHash', bytes32),
      v('state', enum8),
      v('securityCouncil', address),
      v('approvedBySecurityCouncil', bool),
      v('proposedUpgradeTimestamp', uint(40)),
      v('currentProposalId', uint(40)),
    ),
  ),
  /** mapping(uint256 l2BatchNumber => mapping(uint256 l2ToL1MessageNumber => bool)): pre-shared-bridge ETH */
  v('isEthWithdrawalFinalized', mapping),
  v('__DEPRECATED_lastWithdrawalLimitReset', uint256),
  v('__DEPRECATED_withdrawnAmountInWindow', uint256),
  v('__DEPRECATED_totalDepositedAmountPerUser', mapping),
  v('protocolVersion', uint256),
  v('l2SystemContractsUpgradeTxHash', bytes32),
  v('l2SystemContractsUpgradeBatchNumber', uint256),
  v('admin', address),
  v('pendingAdmin', address),
  // FeeParams { PubdataPricingMode; uint32 ×4; uint64 }
  v(
    'feeParams',
    struct(
      v('pubdataPricingMode', enum8),
      v('batchOverheadL1Gas', uint(32)),
      v('maxPubdataPerBatch', uint(32)),
      v('maxL2GasPerBatch', uint(32)),
      v('priorityTxMaxPubdata', uint(32)),
      v('minimalL2GasPrice', uint(64)),
    ),
  ),
  v('__DEPRECATED_blobVersionedHashRetriever', address),
  v('chainId', uint256),
  v('bridgehub', address),
  v('chainTypeManager', address),
  v('__DEPRECATED_baseToken', address),
  v('__DEPRECATED_baseTokenBridge', address),
  v('baseTokenGasPriceMultiplierNominator', uint(128)),
  v('baseTokenGasPriceMultiplierDenominator', uint(128)),
  v('transactionFilterer', address),
  v('l1DAValidator', address),
  v('__DEPRECATED_l2DAValidator', address),
  v('baseTokenAssetId', bytes32),
  v('settlementLayer', address),
  // PriorityTree.Tree { uint256 startIndex; uint256 unprocessedIndex; mapping historicalRoots;
  //   DynamicIncrementalMerkle.Bytes32PushTree { uint256 _nextLeafIndex; bytes32[] _sides; bytes32[] _zeros } }
  v(
    'priorityTree',
    struct(
      v('startIndex', uint256),
      v('unprocessedIndex', uint256),
      v('historicalRoots', mapping),
      v('tree', struct(v('_nextLeafIndex', uint256), v('_sides', mapping), v('_zeros', mapping))),
    ),
  ),
  v('isPermanentRollup', bool),
  v('l2EvmEmulatorBytecodeHash', bytes32),
  v('precommitmentForTheLatestBatch', bytes32),
]

/**
 * era-contracts `l1-contracts/contracts/state-transition/ValidatorTimelock.sol`:
 * `contract ValidatorTimelock is IExecutor, Ownable2StepUpgradeable, AccessControlEnumerablePerChainAddressUpgradeable`,
 * the latter `mapping(address => mapping(bytes32 => RoleData)) _roles; uint256[49] __gap` (no Initializable of its
 * own), then `mapping(address chainAddress => LibMap.Uint32Map) committedBatchTimestamp; uint32 executionDelay`.
 */
export const VALIDATOR_TIMELOCK_STORAGE: readonly StorageVariable[] = [
  ...OZ_INITIALIZABLE,
  ...OZ_CONTEXT,
  ...OZ_OWNABLE,
  ...OZ_OWNABLE_2STEP,
  v('_roles', mapping),
  v('AccessControlPerChain.__gap', words(49)),
  /** mapping(address chainAddress => LibMap.Uint32Map { mapping(uint256 => uint256) map }) */
  v('committedBatchTimestamp', mapping),
  v('executionDelay', uint(32)),
]
