import { keccak_256 } from '../../crypto/backends'
import { bigintToBytes32, bytesToBigint, bytesToHex, concatBytes, hexToBytes } from '../../encoding/hex'
import { DIAMOND_STORAGE_POSITION, type WatchLayout } from './watchLayouts'

/**
 * The storage keys the upgrade watch asks for, derived from one row of watchLayouts.ts. The collector derives
 * them from what the L1 node claims (locators: the facets array's length, its elements, each facet's selectors,
 * the ChainTypeManager and ValidatorTimelock addresses); the verifier derives them again from proven words only
 * and requires each to be proven, so a node that answers for other keys proves nothing.
 */

/** How many facets and selectors per facet the watch follows (Era's diamond has 4 facets and ~130 selectors). */
export const MAX_FACETS = 32
export const MAX_SELECTORS_PER_FACET = 256

export interface SlotRequest {
  /** Names the field in checks and facts, e.g. `admin`, `facets[2]`, `selectorToFacet[0x12345678]`. */
  name: string
  key: Uint8Array
}

const word = (n: bigint) => bigintToBytes32(n)
const plus = (base: Uint8Array, i: bigint) => bigintToBytes32((bytesToBigint(base) + i) % (1n << 256n))

/** `keccak256(key ‖ slot)`: the slot of `mapping[key]` (key already a 32-byte word). */
export function mappingEntry(key: Uint8Array, slot: Uint8Array): Uint8Array {
  return keccak_256(concatBytes(key, slot))
}

/** A 20-byte address as a mapping key (left-padded). */
export const addressKey = (address: string) =>
  concatBytes(new Uint8Array(12), hexToBytes(address, 'address', 20))
/** A bytes4 selector as a mapping key (bytesN are left-aligned, zero-padded on the right). */
export const selectorKey = (selector: string) =>
  concatBytes(hexToBytes(selector, 'selector', 4), new Uint8Array(28))

/** The diamond's one-word fields, each at its own slot. */
export function diamondFieldRequests(layout: WatchLayout): SlotRequest[] {
  const d = layout.diamond
  const p = layout.diamondProxy
  return [
    { name: 'protocolVersion', key: word(d.protocolVersion) },
    { name: 'verifier', key: word(d.verifier) },
    { name: 'admin', key: word(d.admin) },
    { name: 'pendingAdmin', key: word(d.pendingAdmin) },
    { name: 'settlementLayer', key: word(d.settlementLayer) },
    { name: 'isPermanentRollup', key: word(d.isPermanentRollup) },
    { name: 'bootloaderHash', key: word(d.l2BootloaderBytecodeHash) },
    { name: 'defaultAAHash', key: word(d.l2DefaultAccountBytecodeHash) },
    { name: 'l1DAValidator', key: word(d.l1DAValidator) },
    { name: 'l2DAValidator', key: word(d.l2DAValidator) },
    { name: 'chainTypeManager', key: word(d.chainTypeManager) },
    { name: 'facets.length', key: word(DIAMOND_STORAGE_POSITION + p.facets) },
    { name: 'isFrozen', key: word(DIAMOND_STORAGE_POSITION + p.isFrozen) },
  ]
}

/** `DiamondStorage.facets[i]` for i < length (a dynamic array: elements from keccak256(slot)). */
export function facetElementRequests(layout: WatchLayout, length: number): SlotRequest[] {
  const base = keccak_256(word(DIAMOND_STORAGE_POSITION + layout.diamondProxy.facets))
  return Array.from({ length }, (_, i) => ({ name: `facets[${i}]`, key: plus(base, BigInt(i)) }))
}

/** The slot of `DiamondStorage.facetToSelectors[facet]` (its `selectors` array length; facetPosition next). */
function facetInfoSlot(layout: WatchLayout, facet: string): Uint8Array {
  return mappingEntry(
    addressKey(facet),
    word(DIAMOND_STORAGE_POSITION + layout.diamondProxy.facetToSelectors),
  )
}

/** `facetToSelectors[facet].selectors.length` and `.facetPosition`. */
export function facetInfoRequests(layout: WatchLayout, index: number, facet: string): SlotRequest[] {
  const slot = facetInfoSlot(layout, facet)
  return [
    { name: `facet[${index}].selectors.length`, key: slot },
    { name: `facet[${index}].facetPosition`, key: plus(slot, layout.diamondProxy.facetPositionSlot) },
  ]
}

/** The words holding `facetToSelectors[facet].selectors` (bytes4[]: eight per word, the first at the low end). */
export function facetSelectorWordRequests(
  layout: WatchLayout,
  index: number,
  facet: string,
  count: number,
): SlotRequest[] {
  const base = keccak_256(facetInfoSlot(layout, facet))
  return Array.from({ length: Math.ceil(count / 8) }, (_, w) => ({
    name: `facet[${index}].selectors[${w * 8}…]`,
    key: plus(base, BigInt(w)),
  }))
}

/** The selectors packed in `words` (from facetSelectorWordRequests), `count` of them. */
export function unpackSelectors(words: readonly bigint[], count: number): string[] {
  const out: string[] = []
  for (let j = 0; j < count; j++) {
    const w = words[Math.floor(j / 8)] ?? 0n
    const v = (w >> BigInt((j % 8) * 32)) & 0xffffffffn
    out.push(`0x${v.toString(16).padStart(8, '0')}`)
  }
  return out
}

/** `DiamondStorage.selectorToFacet[selector]` (facetAddress ‖ selectorPosition ‖ isFreezable in one word). */
export function selectorToFacetRequest(layout: WatchLayout, selector: string): SlotRequest {
  return {
    name: `selectorToFacet[${selector}]`,
    key: mappingEntry(
      selectorKey(selector),
      word(DIAMOND_STORAGE_POSITION + layout.diamondProxy.selectorToFacet),
    ),
  }
}

export interface SelectorInfo {
  facetAddress: string
  selectorPosition: number
  isFreezable: boolean
}

export function decodeSelectorToFacet(layout: WatchLayout, value: bigint): SelectorInfo {
  const p = layout.diamondProxy
  return {
    facetAddress: addressOf(value),
    selectorPosition: Number((value >> BigInt(p.selectorPositionOffset * 8)) & 0xffffn),
    isFreezable: ((value >> BigInt(p.isFreezableOffset * 8)) & 0xffn) !== 0n,
  }
}

/** The diamond's `validators[timelock]`: the ValidatorTimelock may commit, prove and execute for the chain. */
export function validatorRequest(layout: WatchLayout, timelock: string): SlotRequest {
  return {
    name: 'validators[timelock]',
    key: mappingEntry(addressKey(timelock), word(layout.diamond.validators)),
  }
}

/** The ChainTypeManager's one-word fields. */
export function ctmFieldRequests(layout: WatchLayout): SlotRequest[] {
  const c = layout.chainTypeManager
  return [
    { name: 'protocolVersion', key: word(c.protocolVersion) },
    { name: 'owner', key: word(c.owner) },
    { name: 'admin', key: word(c.admin) },
    { name: 'validatorTimelock', key: word(c.validatorTimelock) },
  ]
}

/**
 * The ChainTypeManager's entries for the chain's protocol version: `protocolVersionDeadline[v]` (until when the
 * chain's version stays active) and `upgradeCutHash[v]` (the cut that upgrades a chain from v: non-zero means an
 * upgrade from the chain's version is ready).
 */
export function ctmVersionRequests(layout: WatchLayout, chainVersion: bigint): SlotRequest[] {
  const c = layout.chainTypeManager
  return [
    {
      name: 'protocolVersionDeadline',
      key: mappingEntry(word(chainVersion), word(c.protocolVersionDeadline)),
    },
    { name: 'upgradeCutHash', key: mappingEntry(word(chainVersion), word(c.upgradeCutHash)) },
  ]
}

export function timelockFieldRequests(layout: WatchLayout): SlotRequest[] {
  const t = layout.validatorTimelock
  return [
    { name: 'executionDelay', key: word(t.executionDelay) },
    { name: 'owner', key: word(t.owner) },
  ]
}

/** The low 20 bytes of a word, as an address. */
export function addressOf(value: bigint): string {
  return bytesToHex(bigintToBytes32(value).subarray(12))
}
