import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../../src/cli/main'
import { startWorld } from '../../devnet/world'
import {
  activeCryptoBackends,
  nobleBlake2s256Backend,
  nobleBn254Backend,
  nobleKeccak256Backend,
  useCryptoBackends,
} from '../../src/verifier/crypto/backends'
import { backendNames } from '../../src/verifier/kinds/initBackends'
import { parseEvidence } from '../../src/verifier/evidence/schema'
import { verifyEvidence } from '../../src/verifier/kinds/verifyEvidence'
import { defaultBls, nobleBls, useDefaultBls } from '../../src/verifier/beacon/blsBackend'
import type { Figure } from '../figure'
import { rawFloor, recording, type SignedRoot } from './blsFloor'

/**
 * A whole `zksync batch N` check from saved evidence: `lightproof zksync batch 2 --save` against the local test
 * world (127.0.0.1), then `verifyEvidence` of the saved file — beacon sync to a finalized L1 head, the diamond's
 * storage proofs, the commit transaction and its recomputed commitment, the StoredBatchInfo binding. The
 * baseline is the same check on the reference lane (noble everywhere, BLS included: today's code); the floor
 * is the raw fastest primitives on exactly what the check computes, recorded in a first run: keccak-256 and
 * Blake2s-256 of the same inputs, and FastAggregateVerify (blst) of the same sync-aggregate signatures.
 */
export const zksyncBatchFigure: Figure = {
  id: 'zksync-batch',
  what: 'whole `zksync batch 2` check from saved evidence (local test world), verifyEvidence',
  unit: 'ms',
  baseline: 'the same check on the noble lane (keccak, Blake2s, BN254, BLS all @noble/*)',
  floor: 'keccak-256 + Blake2s-256 of the same inputs and FastAggregateVerify of the same signatures, raw',
  goal: 'ratio <= 1',
  async setup() {
    const world = await startWorld({ seed: 'bench-zksync-batch' })
    const dir = mkdtempSync(join(tmpdir(), 'lp-bench-batch-'))
    const file = join(dir, 'batch.evidence.json')
    try {
      const code = await runCli(
        [
          'zksync',
          'batch',
          '2',
          '--beacon',
          world.info.beacon,
          '--l1-rpc',
          world.info.l1,
          '--zksync-rpc',
          world.info.zksync,
          '--checkpoint',
          world.info.checkpoint,
          '--network',
          world.info.network,
          '--save',
          file,
        ],
        { stdout: () => {}, stderr: () => {}, env: { LIGHTPROOF_DATA_DIR: dir } },
      )
      if (code !== 0) throw new Error(`zksync-batch bench: the world's batch 2 did not verify (exit ${code})`)
    } finally {
      await world.close()
    }
    const evidence = parseEvidence(new Uint8Array(readFileSync(file)))
    rmSync(dir, { recursive: true, force: true })

    const fast = { ...activeCryptoBackends() }
    const inputs: { keccak: Uint8Array[]; blake: Uint8Array[] } = { keccak: [], blake: [] }
    const signed: SignedRoot[] = []
    const restoreBls = useDefaultBls(recording(defaultBls(), signed))
    const restore = useCryptoBackends({
      keccak256: { name: 'recording', hash: (d) => (inputs.keccak.push(d.slice()), fast.keccak256.hash(d)) },
      blake2s256: { name: 'recording', hash: (d) => (inputs.blake.push(d.slice()), fast.blake2s256.hash(d)) },
    })
    const first = await verifyEvidence(evidence)
    restore()
    restoreBls()
    const bls = await rawFloor(signed)
    if (first.verdict !== 'verified')
      throw new Error('zksync-batch bench: the saved evidence does not verify')
    const noble = {
      keccak256: nobleKeccak256Backend,
      blake2s256: nobleBlake2s256Backend,
      bn254: nobleBn254Backend,
    }
    let sink = 0
    return {
      repetitions: 7,
      backends: {
        ours: JSON.stringify(backendNames()),
        baseline: 'noble everywhere',
        floor: `${fast.keccak256.name} keccak-256 (${inputs.keccak.length} inputs), ${fast.blake2s256.name} Blake2s-256 (${inputs.blake.length}), ${bls.backend} (${signed.length} signatures)`,
      },
      async ours() {
        sink ^= (await verifyEvidence(evidence)).checks.length
        return sink
      },
      async baseline() {
        const back = useCryptoBackends(noble)
        const backBls = useDefaultBls(nobleBls)
        try {
          sink ^= (await verifyEvidence(evidence)).checks.length
        } finally {
          backBls()
          back()
        }
        return sink
      },
      floor() {
        for (const d of inputs.keccak) sink ^= fast.keccak256.hash(d)[0]!
        for (const d of inputs.blake) sink ^= fast.blake2s256.hash(d)[0]!
        sink ^= bls.run() ? 1 : 0
        return sink
      },
    }
  },
}
