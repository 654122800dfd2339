/**
 * Regenerates the offline samples in samples/ from the team's real-data fixtures (../shared/fixtures or
 * LIGHTPROOF_FIXTURES). Run: npx tsx scripts/make-samples/offline.ts. Each sample's provenance is in
 * samples/PROVENANCE.md; samples/index.json lists them for the app.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex } from '../../src/verifier/encoding/hex'
import { stringifyJson } from '../../src/verifier/encoding/json'
import { createEvidence } from '../../src/verifier/evidence/createEvidence'
import { rawFromBytes } from '../../src/verifier/evidence/schema'
import { fixturePath, REPO_ROOT } from '../../tests/support/fixtures'
import { plonkEvidenceVectors } from '../../tests/support/snarkVectors'

const CREATED_AT = '2026-11-24T00:00:00.000Z'
const out = (name: string, value: unknown) =>
  writeFileSync(join(REPO_ROOT, 'samples', name), stringifyJson(value, 2) + '\n')

// ZKsync Era mainnet: a recorded zks_getProof answer (NonceHolder slot) and the batch root it folds to.
const vector = JSON.parse(
  readFileSync(fixturePath('zksync/derived/zks_getproof_mainnet_vector.json'), 'utf8'),
) as {
  address: string
  storageProof: unknown
  expectedRoot: string
}
const zksAnswer = {
  jsonrpc: '2.0',
  id: 1,
  result: { address: vector.address, storageProof: [vector.storageProof] },
}
out(
  'zks-proof-mainnet-nonceholder.evidence.json',
  createEvidence({
    kind: 'zks-proof',
    createdAt: CREATED_AT,
    question: {
      address: vector.address,
      storageKeys: [(vector.storageProof as { key: string }).key.toLowerCase()],
      note: 'NonceHolder storage slot on ZKsync Era mainnet',
    },
    trust: { kind: 'zksync-tree-root', value: vector.expectedRoot },
    data: { proof: rawFromBytes(new TextEncoder().encode(JSON.stringify(zksAnswer)), true) },
    sources: [{ role: 'fixture', request: 'zksync/derived/zks_getproof_mainnet_vector.json' }],
  }),
)

// ZKsync Era mainnet commit transaction for batches 351000–351004, raw calldata bytes.
const calldataPath = 'zksync/zksync-era/consistency_checker/commit_l1_batch_351000-351004_mainnet.calldata'
const commitCalldata = new Uint8Array(readFileSync(fixturePath(calldataPath)))
out(
  'commit-calldata-mainnet-351000.evidence.json',
  createEvidence({
    kind: 'commit-calldata',
    createdAt: CREATED_AT,
    question: {
      transaction: 'Ethereum mainnet commit of ZKsync Era batches 351000–351004',
      calldataKeccak: bytesToHex(keccak_256(commitCalldata)),
    },
    trust: { kind: 'none', value: '' },
    data: { calldata: rawFromBytes(commitCalldata, false) },
    sources: [{ role: 'fixture', request: calldataPath }],
  }),
)

// Kaustinen 6 (Verkle testnet) block 72: its execution witness against the parent's state root.
const witnessPath = 'verkle/rust-verkle/bindings/java/java_code/src/test/resources/valid_block_72.json'
out(
  'verkle-kaustinen6-block72.evidence.json',
  createEvidence({
    kind: 'verkle',
    createdAt: CREATED_AT,
    // The block number is checked against the witness's header; the network is a note (nothing proves it).
    question: { block: 72, note: 'Kaustinen 6' },
    trust: {
      kind: 'pre-state-root',
      value: '0x64e1a647f42e5c2e3c434531ccf529e1b3e93363a40db9fc8eec81f492123510',
    },
    data: { witness: rawFromBytes(new Uint8Array(readFileSync(fixturePath(witnessPath))), true) },
    sources: [{ role: 'fixture', request: witnessPath }],
  }),
)
process.stdout.write('samples written\n')

// ZKsync Era batch SNARKs: the era-contracts PLONK test vector with its test key, and a real mainnet batch
// proof (era-boojum-validator-cli v5: proveBatches calldata, scheduler key, ≤ v22 public input).
const vectors = plonkEvidenceVectors()
const SNARK_SAMPLES: Record<string, string> = {
  'era-contracts test vector': 'snark-plonk-era-contracts-vector.evidence.json',
  'era-boojum-validator-cli v5 end to end': 'snark-plonk-mainnet-v5-batch.evidence.json',
}
for (const v of vectors) {
  const file = SNARK_SAMPLES[v.name]
  if (file) out(file, { ...v.evidence, createdAt: CREATED_AT })
}
process.stdout.write('snark samples written\n')
