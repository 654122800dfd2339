import { describe, expect, it } from 'vitest'
import { readRepoText } from '../../../../tests/support/fixtures'
import { keccak_256 } from '../../crypto/backends'
import { bytesToBigint } from '../../encoding/hex'
import {
  DIAMOND_STORAGE_POSITION,
  PROTOCOL_VERSION_SLOT,
  semverOf,
  WATCH_LAYOUTS,
  watchLayoutFor,
  type WatchLayout,
} from './watchLayouts'

interface Entry {
  label: string
  slot: string
  offset: number
  type: string
}
interface Fixture {
  compiler: string
  commit: string
  contracts: Record<string, { storage: Entry[]; types: Record<string, { label: string; members: Entry[] }> }>
}

const FIXTURES: Record<number, string> = {
  29: 'era-v29-main-5e7d0b40.json',
  30: 'era-v30-vb-v30.1-upgrade-55a86f05.json',
  31: 'era-v31-draft-v31-4859b6fd.json',
}

function fixture(minor: number): Fixture {
  return JSON.parse(readRepoText(`tests/fixtures/storage-layouts/${FIXTURES[minor]}`)) as Fixture
}

/** The members of the struct type whose label matches, e.g. `struct ZKChainStorage`. */
function members(f: Fixture, contract: string, structLabel: RegExp): Map<string, Entry> {
  const types = f.contracts[contract]!.types
  const t = Object.values(types).find((x) => structLabel.test(x.label))
  if (!t) throw new Error(`${contract}: no ${String(structLabel)}`)
  return new Map(t.members.map((m) => [m.label, m]))
}

function slotIn(m: Map<string, Entry>, label: string): bigint {
  const e = m.get(label)
  if (!e) throw new Error(`no member ${label}`)
  return BigInt(e.slot)
}

function contractOf(f: Fixture, names: string[]): Map<string, Entry> {
  const name = names.find((n) => f.contracts[n])
  if (!name) throw new Error(`none of ${names.join(', ')}`)
  return new Map(f.contracts[name]!.storage.map((e) => [e.label, e]))
}

describe('watch layouts: every row is solc’s storageLayout of the release it cites', () => {
  it.each(WATCH_LAYOUTS.map((l) => [l.minor, l] as [number, WatchLayout]))(
    'protocol version 0.%i',
    (minor, layout) => {
      const f = fixture(minor)
      expect(f.commit).toBe(layout.source.commit)
      expect(f.compiler).toMatch(/^0\.8\.28\+commit\.7893614a/)
      const chain = members(f, 'GettersFacet', /^struct ZKChainStorage$/)
      // The diamond's l2DAValidator is deprecated from v30 on, at the same slot.
      const label = (k: string) => (k === 'l2DAValidator' && !chain.has(k) ? '__DEPRECATED_l2DAValidator' : k)
      for (const [k, slot] of Object.entries(layout.diamond)) expect(slotIn(chain, label(k)), k).toBe(slot)
      expect(slotIn(chain, 'protocolVersion')).toBe(PROTOCOL_VERSION_SLOT)
      expect(chain.get('verifier')!.type).toMatch(/^t_contract\(IVerifier\)/)
      expect(chain.get('isPermanentRollup')!.type).toBe('t_bool')

      const ds = members(f, 'DiamondStorageLayout', /^struct Diamond\.DiamondStorage$/)
      const p = layout.diamondProxy
      expect(slotIn(ds, 'selectorToFacet')).toBe(p.selectorToFacet)
      expect(slotIn(ds, 'facetToSelectors')).toBe(p.facetToSelectors)
      expect(slotIn(ds, 'facets')).toBe(p.facets)
      expect(ds.get('facets')!.type).toBe('t_array(t_address)dyn_storage')
      expect(slotIn(ds, 'isFrozen')).toBe(p.isFrozen)
      const stf = members(f, 'DiamondStorageLayout', /^struct Diamond\.SelectorToFacet$/)
      expect(stf.get('facetAddress')).toMatchObject({ slot: '0', offset: 0 })
      expect(stf.get('selectorPosition')).toMatchObject({ slot: '0', offset: p.selectorPositionOffset })
      expect(stf.get('isFreezable')).toMatchObject({ slot: '0', offset: p.isFreezableOffset })
      const fts = members(f, 'DiamondStorageLayout', /^struct Diamond\.FacetToSelectors$/)
      expect(fts.get('selectors')).toMatchObject({ slot: '0', type: 't_array(t_bytes4)dyn_storage' })
      expect(slotIn(fts, 'facetPosition')).toBe(p.facetPositionSlot)

      const ctm = contractOf(f, ['ChainTypeManager', 'EraChainTypeManager'])
      const c = layout.chainTypeManager
      expect(BigInt(ctm.get('_owner')!.slot)).toBe(c.owner)
      expect(BigInt(ctm.get('protocolVersion')!.slot)).toBe(c.protocolVersion)
      expect(BigInt(ctm.get('protocolVersionDeadline')!.slot)).toBe(c.protocolVersionDeadline)
      expect(ctm.get('protocolVersionDeadline')!.type).toBe('t_mapping(t_uint256,t_uint256)')
      expect(BigInt(ctm.get('upgradeCutHash')!.slot)).toBe(c.upgradeCutHash)
      expect(ctm.get('upgradeCutHash')!.type).toBe('t_mapping(t_uint256,t_bytes32)')
      expect(BigInt(ctm.get('admin')!.slot)).toBe(c.admin)
      expect(BigInt(ctm.get('validatorTimelockPostV29')!.slot)).toBe(c.validatorTimelock)

      const vtl = contractOf(f, ['ValidatorTimelock'])
      expect(BigInt(vtl.get('_owner')!.slot)).toBe(layout.validatorTimelock.owner)
      expect(vtl.get('executionDelay')).toMatchObject({
        slot: layout.validatorTimelock.executionDelay.toString(),
        offset: 0,
        type: 't_uint32',
      })
    },
  )

  it('DIAMOND_STORAGE_POSITION is keccak256("diamond.standard.diamond.storage") − 1', () => {
    const h = bytesToBigint(keccak_256(new TextEncoder().encode('diamond.standard.diamond.storage')))
    expect(DIAMOND_STORAGE_POSITION).toBe(h - 1n)
  })

  it('picks a row by the minor version and has none for versions it was not checked against', () => {
    expect(watchLayoutFor((29n << 32n) | 4n)?.minor).toBe(29)
    expect(watchLayoutFor((31n << 32n) | 0n)?.minor).toBe(31)
    expect(watchLayoutFor(28n << 32n)).toBeUndefined()
    expect(watchLayoutFor(1n << 64n)).toBeUndefined()
    expect(semverOf((29n << 32n) | 4n)).toBe('0.29.4')
  })
})
