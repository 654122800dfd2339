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
import { cryptoBackendNames } from '../../src/verifier/crypto/initCrypto'
import { parseEvidence } from '../../src/verifier/evidence/schema'
import { verifyEvidence } from '../../src/verifier/evidence/verifyEvidence'
import type { Figure } from '../figure'

/**
 * A whole `zksync batch N` check from saved evidence: `lightproof zksync batch 2 --save` against the local test
 * world (127.0.0.1), then `verifyEvidence` of the saved file — beacon sync to a finalized L1 head, the diamond's
 * storage proofs, the commit transaction and its recomputed commitment, the StoredBatchInfo binding. The
 * baseline is the same check on the reference lane (noble everywhere: today's code); the floor is the fastest
 * backends' keccak-256 and Blake2s-256 of exactly the inputs the check hashes (recorded in a first run). The
 * floor leaves out the check's sync-aggregate signatures, which evidence verification does with noble BLS.
 */
export const zksyncBatchFigure: Figure = {
  id: 'zksync-batch',
  what: 'whole `zksync batch 2` check from saved evidence (local test world), verifyEvidence',
  unit: 'ms',
  baseline: 'the same check on the noble lane (keccak, Blake2s, BN254 all @noble/*)',
  floor: 'keccak-256 + Blake2s-256 of exactly the inputs the check hashes, fastest backends (no BLS)',
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
    const restore = useCryptoBackends({
      keccak256: { name: 'recording', hash: (d) => (inputs.keccak.push(d.slice()), fast.keccak256.hash(d)) },
      blake2s256: { name: 'recording', hash: (d) => (inputs.blake.push(d.slice()), fast.blake2s256.hash(d)) },
    })
    const first = await verifyEvidence(evidence)
    restore()
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
        ours: `${JSON.stringify(cryptoBackendNames())}, noble BLS`,
        baseline: 'noble everywhere',
        floor: `${fast.keccak256.name} keccak-256 (${inputs.keccak.length} inputs), ${fast.blake2s256.name} Blake2s-256 (${inputs.blake.length})`,
      },
      async ours() {
        sink ^= (await verifyEvidence(evidence)).checks.length
        return sink
      },
      async baseline() {
        const back = useCryptoBackends(noble)
        try {
          sink ^= (await verifyEvidence(evidence)).checks.length
        } finally {
          back()
        }
        return sink
      },
      floor() {
        for (const d of inputs.keccak) sink ^= fast.keccak256.hash(d)[0]!
        for (const d of inputs.blake) sink ^= fast.blake2s256.hash(d)[0]!
        return sink
      },
    }
  },
}
