import { createEvidence } from '../../src/verifier/evidence/createEvidence'
import { rawFromBytes, type Evidence, type RawItem } from '../../src/verifier/evidence/schema'

/**
 * Colibri's recorded mainnet sessions (fixtures l1/PROVENANCE.md set C) as l1-balance evidence recipes: which
 * recorded files chain together from the checkpoint to the value. Pure data, shared by the tests, the sample
 * script and the service tests' local servers; the files are read by the caller (src/verifier never touches
 * the disk).
 *
 * Both sessions start at the Deneb checkpoint 0xd9717ecc… (slot 11640864, period 1421). The period-1421
 * update carries the period-1422 committee; that committee's sync aggregate in block N+1 signs block N, an
 * Electra block whose execution payload holds the EL state root the eth_getProof answer is checked against.
 */
export interface ColibriCase {
  name: string
  /** Folders and files relative to shared/fixtures. */
  bootstrap: string
  updates: string
  headBlock: string
  childBlock: string
  proof: string
  /** The question: ETH balance of `address`, or a raw storage `slot` of it. */
  address: string
  slot?: string
  /** EL block the proof was asked at (the head block's payload number). */
  blockNumber: bigint
  headSlot: bigint
  childSlot: bigint
  headRoot: string
  stateRoot: string
  /** The value test.json expects (Colibri's own expected_result). */
  expected: bigint
}

export const COLIBRI_CHECKPOINT = '0xd9717ecc253684291f828688f311ba74d05af74c31654f6e14077669fca62f6a'

const C = 'l1/colibri/test/data'
/** The bootstrap copy in eth_getBalance_electra was an HTTP 404 body; this one has the same root. */
const BOOTSTRAP = `${C}/eth_getStorageAt_electra/eth_v1_beacon_light_client_bootstrap_0xd9717ecc253684291f828688f311ba74d05af74c31654f6e14077669fca62.ssz`

export const COLIBRI_BALANCE: ColibriCase = {
  name: 'colibri eth_getBalance_electra (beaverbuild, EL block 22432278)',
  bootstrap: BOOTSTRAP,
  updates: `${C}/eth_getBalance_electra/eth_v1_beacon_light_client_updates_start_period_1421_count_1.ssz`,
  headBlock: `${C}/eth_getBalance_electra/eth_v2_beacon_blocks_0xf5c64c8b76fc11d44094c275ff3cd3c46e2361cd55c753741196c88b61b269ac.ssz`,
  childBlock: `${C}/eth_getBalance_electra/eth_v2_beacon_blocks_head.ssz`,
  proof: `${C}/eth_getBalance_electra/eth_getProof_0x95222290DD7278Aa3Ddd389Cc1E1d165CC4BAfe5____0x1564a16.json`,
  address: '0x95222290dd7278aa3ddd389cc1e1d165cc4bafe5',
  blockNumber: 22432278n,
  headSlot: 11650268n,
  childSlot: 11650269n,
  headRoot: '0xf5c64c8b76fc11d44094c275ff3cd3c46e2361cd55c753741196c88b61b269ac',
  stateRoot: '0xd50a7ce9d8ae49f9d222f0799fb8eb005bebd52adf7eaadd79a3cc07e4cdf64c',
  expected: 0x111310f9e55ed8646n,
}

export const COLIBRI_STORAGE: ColibriCase = {
  name: 'colibri eth_getStorageAt_electra (USDC proxy implementation slot, EL block 22432097)',
  bootstrap: BOOTSTRAP,
  updates: `${C}/eth_getStorageAt_electra/eth_v1_beacon_light_client_updates_start_period_1421_count_1.ssz`,
  headBlock: `${C}/eth_getStorageAt_electra/eth_v2_beacon_blocks_0xa07ffae5b1adb6c0cf89fd2fa47981d3da12364919453ca6f5e010905d5d77fa.ssz`,
  childBlock: `${C}/eth_getStorageAt_electra/eth_v2_beacon_blocks_head.ssz`,
  proof: `${C}/eth_getStorageAt_electra/eth_getProof_0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48___0x7050c9e0f4ca769c69bd3a8ef740bc37934f8e2c.json`,
  address: '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
  slot: '0x7050c9e0f4ca769c69bd3a8ef740bc37934f8e2c036e5a723fd8ee048ed3f8c3',
  blockNumber: 22432097n,
  headSlot: 11650086n,
  childSlot: 11650087n,
  headRoot: '0xa07ffae5b1adb6c0cf89fd2fa47981d3da12364919453ca6f5e010905d5d77fa',
  stateRoot: '0x77b08a7d7026b6d7e3097d293561e8dcfd70a738a2d8936058b3d18b0f97b3ff',
  expected: 0x43506849d7c04f9138d1a2050bbf3a0c054402ddn,
}

/**
 * Colibri did not record when it fetched these bodies. Evidence built from them is dated at the end of the
 * child block's slot: the first moment a live client could have held all of it (mainnet genesis 1606824023,
 * 12 s slots).
 */
export function colibriCreatedAt(c: ColibriCase): string {
  return new Date((1606824023 + Number(c.childSlot + 1n) * 12) * 1000).toISOString()
}

/** The evidence of a case, with the files read by `read` (relative to shared/fixtures). */
export function colibriEvidence(c: ColibriCase, read: (rel: string) => Uint8Array): Evidence {
  const ssz = (rel: string): RawItem => rawFromBytes(read(rel), false)
  const block = `0x${c.blockNumber.toString(16)}`
  const endpoint = 'colibri recording (mainnet RPC)'
  return createEvidence({
    kind: 'l1-balance',
    createdAt: colibriCreatedAt(c),
    question: {
      address: c.address,
      token: null,
      ...(c.slot ? { slot: c.slot } : {}),
      blockNumber: c.blockNumber.toString(),
    },
    trust: { kind: 'beacon-checkpoint', value: COLIBRI_CHECKPOINT },
    data: {
      beacon: {
        network: 'mainnet',
        bootstrap: ssz(c.bootstrap),
        updates: [ssz(c.updates)],
        finality: null,
        optimistic: null,
      },
      headBlock: { block: ssz(c.headBlock), child: ssz(c.childBlock) },
      proofs: [{ endpoint, block, answer: rawFromBytes(read(c.proof), true) }],
    },
    sources: [
      {
        role: 'beacon',
        endpoint: 'colibri recording',
        request: `GET /eth/v1/beacon/light_client/bootstrap/${COLIBRI_CHECKPOINT}`,
      },
      {
        role: 'beacon',
        endpoint: 'colibri recording',
        request: 'GET /eth/v1/beacon/light_client/updates?start_period=1421&count=1',
      },
      { role: 'beacon', endpoint: 'colibri recording', request: `GET /eth/v2/beacon/blocks/${c.headRoot}` },
      { role: 'beacon', endpoint: 'colibri recording', request: 'GET /eth/v2/beacon/blocks/head' },
      {
        role: 'l1-rpc',
        endpoint: 'colibri recording',
        request: `eth_getProof ["${c.address}", [${c.slot ? `"${c.slot}"` : ''}], "${block}"]`,
      },
      ...[c.bootstrap, c.updates, c.headBlock, c.childBlock, c.proof].map((f) => ({
        role: 'fixture',
        request: f,
      })),
    ],
  })
}
