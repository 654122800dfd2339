import { describe, expect, it } from 'vitest'
import { DEFAULT_L1_CHAIN_ID } from '../../devnet/l1/buildL1World'
import { DEVNET_CHAIN_ID } from '../../devnet/zksync/buildZksyncWorld'
import { NETWORKS } from './beacon/networks'
import { CHAIN_IDS, chainIdsOf } from './chainIds'

describe('chain id table', () => {
  it('knows every built-in network, and nothing else', () => {
    expect(Object.keys(CHAIN_IDS).sort()).toEqual(Object.keys(NETWORKS).sort())
    expect(chainIdsOf('constructor')).toBeNull()
    expect(chainIdsOf('my-devnet')).toBeNull()
  })

  it('the devnet row is the test world’s own ids (the verifier does not import the devnet)', () => {
    expect(chainIdsOf('lightproof-devnet')).toEqual({ l1: DEFAULT_L1_CHAIN_ID, zksync: DEVNET_CHAIN_ID })
  })

  it('the public rows', () => {
    expect(chainIdsOf('mainnet')).toEqual({ l1: 1n, zksync: 324n })
    expect(chainIdsOf('sepolia')).toEqual({ l1: 11155111n, zksync: 300n })
    expect(chainIdsOf('hoodi')).toEqual({ l1: 560048n, zksync: null })
  })
})
