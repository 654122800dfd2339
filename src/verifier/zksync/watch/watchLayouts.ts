/**
 * Where the upgrade watch (issue 21) finds each fact it proves: one row per Era protocol version (minor), each
 * the solc storage layout of the era-contracts source tree it cites, for the diamond (ZKChainStorage, slot 0 of
 * every facet), the diamond proxy's own DiamondStorage (at DIAMOND_STORAGE_POSITION), the ChainTypeManager and the
 * ValidatorTimelock. The tests hold every row to solc's storageLayout output, kept as fixtures
 * (tests/fixtures/storage-layouts/PROVENANCE.md). A version with no row is not guessed: the watch proves its
 * protocol version and says every other field is not supported yet.
 *
 * A new protocol version is a new row (after checking it against solc's layout of that release), never a new code
 * path.
 */

/** `keccak256("diamond.standard.diamond.storage") − 1` (era-contracts `state-transition/libraries/Diamond.sol`). */
export const DIAMOND_STORAGE_POSITION = 0xc8fcad8db84d3cc18b4c41d551ea0ee66dd599cde068d998e57d5e09332c131bn

/**
 * The slot of `protocolVersion` in ZKChainStorage: the same in every row (the tests check it), since it is read
 * before a row is chosen.
 */
export const PROTOCOL_VERSION_SLOT = 33n

export interface WatchLayout {
  /** The protocol version's minor number this row is for (`0.<minor>.<patch>`, any patch). */
  minor: number
  /** The era-contracts tree the slots come from (a fixture file in tests/fixtures/storage-layouts). */
  source: { commit: string; label: string }
  /** ZKChainStorage (the diamond's sequential storage). */
  diamond: {
    validators: bigint
    verifier: bigint
    l2BootloaderBytecodeHash: bigint
    l2DefaultAccountBytecodeHash: bigint
    protocolVersion: bigint
    admin: bigint
    pendingAdmin: bigint
    chainTypeManager: bigint
    l1DAValidator: bigint
    l2DAValidator: bigint
    settlementLayer: bigint
    isPermanentRollup: bigint
  }
  /** `Diamond.DiamondStorage`, as offsets from DIAMOND_STORAGE_POSITION. */
  diamondProxy: {
    selectorToFacet: bigint
    facetToSelectors: bigint
    facets: bigint
    isFrozen: bigint
    /** `SelectorToFacet { address facetAddress; uint16 selectorPosition; bool isFreezable }` byte offsets. */
    selectorPositionOffset: number
    isFreezableOffset: number
    /** `FacetToSelectors { bytes4[] selectors; uint16 facetPosition }`: facetPosition's slot offset. */
    facetPositionSlot: bigint
  }
  chainTypeManager: {
    owner: bigint
    protocolVersion: bigint
    protocolVersionDeadline: bigint
    upgradeCutHash: bigint
    admin: bigint
    validatorTimelock: bigint
  }
  validatorTimelock: {
    owner: bigint
    /** uint32 at byte offset 0. */
    executionDelay: bigint
  }
}

const DIAMOND_V29_V31: WatchLayout['diamond'] = {
  validators: 9n,
  verifier: 10n,
  l2BootloaderBytecodeHash: 23n,
  l2DefaultAccountBytecodeHash: 24n,
  protocolVersion: PROTOCOL_VERSION_SLOT,
  admin: 36n,
  pendingAdmin: 37n,
  chainTypeManager: 42n,
  l1DAValidator: 47n,
  // `l2DAValidator` at v29, `__DEPRECATED_l2DAValidator` from v30 (still written by chains that set one).
  l2DAValidator: 48n,
  settlementLayer: 50n,
  isPermanentRollup: 57n,
}

const DIAMOND_PROXY: WatchLayout['diamondProxy'] = {
  selectorToFacet: 0n,
  facetToSelectors: 1n,
  facets: 2n,
  isFrozen: 3n,
  selectorPositionOffset: 20,
  isFreezableOffset: 22,
  facetPositionSlot: 1n,
}

const CTM_V29_V31: WatchLayout['chainTypeManager'] = {
  owner: 51n,
  protocolVersion: 157n,
  protocolVersionDeadline: 158n,
  upgradeCutHash: 160n,
  admin: 161n,
  validatorTimelock: 165n,
}

const TIMELOCK_V29_V31: WatchLayout['validatorTimelock'] = { owner: 51n, executionDelay: 202n }

export const WATCH_LAYOUTS: readonly WatchLayout[] = [
  {
    minor: 29,
    source: { commit: '5e7d0b405b49f42131565a291a82f22565f72e33', label: 'era-contracts main after v29.4' },
    diamond: DIAMOND_V29_V31,
    diamondProxy: DIAMOND_PROXY,
    chainTypeManager: CTM_V29_V31,
    validatorTimelock: TIMELOCK_V29_V31,
  },
  {
    minor: 30,
    source: { commit: '55a86f055a44f4ae119929b3856a382ad6c2ca8a', label: 'era-contracts vb-v30.1-upgrade' },
    diamond: DIAMOND_V29_V31,
    diamondProxy: DIAMOND_PROXY,
    chainTypeManager: CTM_V29_V31,
    validatorTimelock: TIMELOCK_V29_V31,
  },
  {
    minor: 31,
    source: { commit: '4859b6fd456eaf943b80c6934cb24fab9026f035', label: 'era-contracts draft-v31' },
    diamond: DIAMOND_V29_V31,
    diamondProxy: DIAMOND_PROXY,
    chainTypeManager: CTM_V29_V31,
    validatorTimelock: TIMELOCK_V29_V31,
  },
]

/** The row for a packed protocol version (`minor << 32 | patch`), or undefined when Lightproof has none. */
export function watchLayoutFor(packedProtocolVersion: bigint): WatchLayout | undefined {
  const minor = Number((packedProtocolVersion >> 32n) & 0xffffffffn)
  if (packedProtocolVersion >> 64n !== 0n) return undefined
  return WATCH_LAYOUTS.find((l) => l.minor === minor)
}

/** `0.<minor>.<patch>` of a packed protocol version. */
export function semverOf(packed: bigint): string {
  return `${packed >> 64n}.${(packed >> 32n) & 0xffffffffn}.${packed & 0xffffffffn}`
}
