import { blake2s } from '@noble/hashes/blake2.js'
import { readFixtureJson } from '../../tests/support/fixtures'
import { activeCryptoBackends } from '../../src/verifier/crypto/backends'
import { hexToBytes } from '../../src/verifier/encoding/hex'
import { parseZksProof } from '../../src/verifier/zksync/stateTree/parseZksProof'
import { verifyZksProof } from '../../src/verifier/zksync/stateTree/verifyZksProof'
import type { Figure } from '../figure'

/**
 * One zks_getProof storage proof, verified end to end into a report (tree key, leaf, 256-level fold, facts),
 * against the physical floor: a 256-deep Blake2s path plus its leaf is 257 Blake2s compressions of 64 bytes.
 * The baseline is today's: 257 calls of @noble/hashes blake2s; the floor is the same 257 with the fastest
 * backend. Our side does 258 hashes (the tree key as well).
 */
export const zksProofFigure: Figure = {
  id: 'zks-proof',
  what: 'zks_getProof verification, mainnet NonceHolder proof (29 siblings), per proof',
  unit: 'us',
  baseline: '257 × @noble/hashes 2.4.0 blake2s of 64 bytes',
  floor: '257 × Blake2s-256 of 64 bytes, fastest backend',
  goal: 'floorRatio <= 1.5',
  async setup() {
    const m = readFixtureJson<{ address: string; storageProof: unknown; expectedRoot: string }>(
      'zksync/derived/zks_getproof_mainnet_vector.json',
    )
    const proof = parseZksProof({ address: m.address, storageProof: [m.storageProof] } as never)
    const root = hexToBytes(m.expectedRoot)
    if (verifyZksProof(proof, root).verdict !== 'verified')
      throw new Error('zks-proof bench: vector does not verify')
    const blocks = Array.from({ length: 257 }, (_, i) =>
      Uint8Array.from({ length: 64 }, (_, j) => (i * 31 + j) & 0xff),
    )
    const blake = activeCryptoBackends().blake2s256
    let sink = 0
    return {
      repetitions: 400,
      backends: {
        ours: `${blake.name} Blake2s-256`,
        baseline: 'noble Blake2s-256',
        floor: `${blake.name} Blake2s-256`,
      },
      ours() {
        const r = verifyZksProof(proof, root)
        sink ^= r.checks.length
        return sink
      },
      baseline() {
        for (const b of blocks) sink ^= blake2s(b)[0]!
        return sink
      },
      floor() {
        for (const b of blocks) sink ^= blake.hash(b)[0]!
        return sink
      },
    }
  },
}
