/**
 * Regenerates the L1 samples in samples/ from the team's real-data fixtures (../shared/fixtures or
 * LIGHTPROOF_FIXTURES). Run: npx tsx scripts/make-samples/l1.ts. Provenance: samples/PROVENANCE.md.
 *
 * - l1-balance-mainnet.evidence.json: Colibri's recorded mainnet session eth_getBalance_electra (fixtures
 *   l1/PROVENANCE.md set C), chained as tests/support/colibriCases.ts describes: every byte as recorded.
 * - l1-proof-nimbus-weth.evidence.json: nimbus' eth_getProof of WETH with one balance slot, against the
 *   stateRoot of proof_block.json (set B).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringifyJson } from '../../src/verifier/encoding/json'
import { createEvidence } from '../../src/verifier/evidence/createEvidence'
import { rawFromBytes } from '../../src/verifier/evidence/schema'
import { COLIBRI_BALANCE, colibriEvidence } from '../../tests/support/colibriCases'
import { readFixture, readFixtureJson, REPO_ROOT } from '../../tests/support/fixtures'

const out = (name: string, value: unknown) =>
  writeFileSync(join(REPO_ROOT, 'samples', name), stringifyJson(value, 2) + '\n')

out('l1-balance-mainnet.evidence.json', colibriEvidence(COLIBRI_BALANCE, readFixture))

const N = 'l1/nimbus/nimbus_verified_proxy/tests/data'
const block = readFixtureJson<{ stateRoot: string; number: string }>(`${N}/proof_block.json`)
out(
  'l1-proof-nimbus-weth.evidence.json',
  createEvidence({
    kind: 'l1-proof',
    createdAt: '2026-11-24T00:00:00.000Z',
    question: {
      address: '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2',
      storageKeys: ['0x4de9be9d9a5197eea999984bec8d41aac923403f95449eaf16641fbc3a942711'],
      note: `WETH and the WETH balance slot of 0xde5a…c8a4 at mainnet block ${BigInt(block.number)}`,
    },
    trust: { kind: 'state-root', value: block.stateRoot.toLowerCase() },
    data: { proof: rawFromBytes(readFixture(`${N}/storage_proof.json`), true) },
    sources: [
      { role: 'fixture', request: `${N}/storage_proof.json` },
      { role: 'fixture', request: `${N}/proof_block.json (its stateRoot is the trust root)` },
    ],
  }),
)
process.stdout.write('L1 samples written\n')
