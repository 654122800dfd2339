/**
 * Regenerates the L1 samples in samples/ from the team's real-data fixtures (../shared/fixtures or
 * LIGHTPROOF_FIXTURES). Run: npx tsx scripts/make-samples/l1.ts. Provenance: samples/PROVENANCE.md.
 *
 * - l1-balance-mainnet.evidence.json: Colibri's recorded mainnet session (fixtures PROVENANCE.md set C): the
 *   Deneb bootstrap at checkpoint 0xd9717ecc… (period 1421), the period-1421 update carrying the period-1422
 *   committee, the Electra block at slot 11650268 (EL block 22432278) signed by the sync aggregate of its
 *   child at slot 11650269, and eth_getProof of 0x95222290…AFe5 at 0x1564a16 = 22432278. Every byte is as
 *   Colibri recorded it.
 * - l1-proof-nimbus-weth.evidence.json: nimbus' eth_getProof of WETH with one balance slot, against the
 *   stateRoot of proof_block.json (set B).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringifyJson } from '../../src/verifier/encoding/json'
import { createEvidence } from '../../src/verifier/evidence/createEvidence'
import { rawFromBytes, type RawItem } from '../../src/verifier/evidence/schema'
import { NETWORKS } from '../../src/verifier/beacon/networks'
import { readFixture, readFixtureJson, REPO_ROOT } from '../../tests/support/fixtures'

const out = (name: string, value: unknown) =>
  writeFileSync(join(REPO_ROOT, 'samples', name), stringifyJson(value, 2) + '\n')

const C = 'l1/colibri/test/data'
const BALANCE = `${C}/eth_getBalance_electra`
/** The bootstrap copy in eth_getBalance_electra was an HTTP 404 body; the eth_getStorageAt_electra one has the same root. */
const BOOTSTRAP = `${C}/eth_getStorageAt_electra/eth_v1_beacon_light_client_bootstrap_0xd9717ecc253684291f828688f311ba74d05af74c31654f6e14077669fca62.ssz`
const UPDATES = `${BALANCE}/eth_v1_beacon_light_client_updates_start_period_1421_count_1.ssz`
const HEAD_BLOCK = `${BALANCE}/eth_v2_beacon_blocks_0xf5c64c8b76fc11d44094c275ff3cd3c46e2361cd55c753741196c88b61b269ac.ssz`
const CHILD_BLOCK = `${BALANCE}/eth_v2_beacon_blocks_head.ssz`
const PROOF = `${BALANCE}/eth_getProof_0x95222290DD7278Aa3Ddd389Cc1E1d165CC4BAfe5____0x1564a16.json`
const CHECKPOINT = '0xd9717ecc253684291f828688f311ba74d05af74c31654f6e14077669fca62f6a'
const HOLDER = '0x95222290dd7278aa3ddd389cc1e1d165cc4bafe5'
const CHILD_SLOT = 11650269n

const ssz = (rel: string): RawItem => rawFromBytes(readFixture(rel), false)
const text = (rel: string): RawItem => rawFromBytes(readFixture(rel), true)

/**
 * Colibri did not record when it fetched these bodies. The evidence is dated at the end of the child block's
 * slot: the first moment a live client could have held all of it (the verifier bounds signed slots by it).
 */
const mainnet = NETWORKS.mainnet
const createdAt = new Date(
  Number(mainnet.genesisTime) * 1000 + Number(CHILD_SLOT + 1n) * mainnet.slotDurationMs,
).toISOString()

out(
  'l1-balance-mainnet.evidence.json',
  createEvidence({
    kind: 'l1-balance',
    createdAt,
    question: { address: HOLDER, token: null, blockNumber: '22432278' },
    trust: { kind: 'beacon-checkpoint', value: CHECKPOINT },
    data: {
      beacon: {
        network: 'mainnet',
        bootstrap: ssz(BOOTSTRAP),
        updates: [ssz(UPDATES)],
        finality: null,
        optimistic: null,
      },
      headBlock: { block: ssz(HEAD_BLOCK), child: ssz(CHILD_BLOCK) },
      proofs: [{ endpoint: 'colibri recording (mainnet RPC)', block: '0x1564a16', answer: text(PROOF) }],
    },
    sources: [
      {
        role: 'beacon',
        endpoint: 'colibri recording',
        request: `GET /eth/v1/beacon/light_client/bootstrap/${CHECKPOINT}`,
      },
      {
        role: 'beacon',
        endpoint: 'colibri recording',
        request: 'GET /eth/v1/beacon/light_client/updates?start_period=1421&count=1',
      },
      {
        role: 'beacon',
        endpoint: 'colibri recording',
        request:
          'GET /eth/v2/beacon/blocks/0xf5c64c8b76fc11d44094c275ff3cd3c46e2361cd55c753741196c88b61b269ac',
      },
      { role: 'beacon', endpoint: 'colibri recording', request: 'GET /eth/v2/beacon/blocks/head' },
      {
        role: 'l1-rpc',
        endpoint: 'colibri recording',
        request: `eth_getProof ["${HOLDER}", [], "0x1564a16"]`,
      },
      ...[BOOTSTRAP, UPDATES, HEAD_BLOCK, CHILD_BLOCK, PROOF].map((f) => ({ role: 'fixture', request: f })),
    ],
  }),
)

const N = 'l1/nimbus/nimbus_verified_proxy/tests/data'
const block = readFixtureJson<{ stateRoot: string; number: string }>(`${N}/proof_block.json`)
out(
  'l1-proof-nimbus-weth.evidence.json',
  createEvidence({
    kind: 'l1-proof',
    createdAt: '2026-11-24T00:00:00.000Z',
    question: {
      address: '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2',
      note: `WETH with the balance slot of 0xde5a…c8a4 at mainnet block ${BigInt(block.number)}`,
    },
    trust: { kind: 'state-root', value: block.stateRoot.toLowerCase() },
    data: { proof: text(`${N}/storage_proof.json`) },
    sources: [
      { role: 'fixture', request: `${N}/storage_proof.json` },
      { role: 'fixture', request: `${N}/proof_block.json (stateRoot)` },
    ],
  }),
)
process.stdout.write('L1 samples written\n')
