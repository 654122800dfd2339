import { verifyMerkleProof } from '@ethereumjs/mpt'
import { readFixtureJson } from '../../tests/support/fixtures'
import { activeCryptoBackends, keccak_256 } from '../../src/verifier/crypto/backends'
import { hexToBytes } from '../../src/verifier/encoding/hex'
import type { LosslessJson } from '../../src/verifier/encoding/json'
import { parseEthGetProof } from '../../src/verifier/mpt/parseEthGetProof'
import { REAL_PROOF_CASES } from '../../tests/support/realProofCases'
import { verifyMptProof } from '../../src/verifier/mpt/verifyMptProof'
import type { Figure } from '../figure'

interface Walk {
  root: Uint8Array
  key: Uint8Array
  proof: Uint8Array[]
}

/**
 * Every real account and storage proof in the fixtures (12 eth_getProof results: mainnet, Sepolia, Ropsten;
 * inclusion and exclusion), verified as trie walks from their trusted roots. The baseline verifies the same
 * walks with @ethereumjs/mpt verifyMerkleProof given the trusted root and the already-hashed key, the way
 * research/l1-light-client.md §3.3 says it must be called; it hashes with its own keccak (ethereum-cryptography,
 * pure JS). The floor is the one thing a walk cannot skip: keccak-256 of every proof node once (119 nodes,
 * ~50 KB per batch), with the fastest backend, nothing around it.
 */
export const mptProofsFigure: Figure = {
  id: 'mpt-proofs',
  what: 'EIP-1186 Merkle-Patricia proof verification, all real fixture proofs (account + storage walks), per batch',
  unit: 'us',
  baseline: '@ethereumjs/mpt 10.1.3 verifyMerkleProof',
  floor: 'keccak-256 of every proof node once, fastest backend',
  goal: 'ratio <= 0.2 and floorRatio <= 1.5',
  async setup() {
    const walks: Walk[] = []
    for (const c of REAL_PROOF_CASES) {
      const json = readFixtureJson(c.file)
      for (const raw of c.pick ? c.pick(json) : [json]) {
        const p = parseEthGetProof(raw as LosslessJson)
        walks.push({ root: hexToBytes(c.stateRoot), key: keccak_256(p.address), proof: p.accountProof })
        for (const s of p.storageProof)
          walks.push({ root: p.storageHash, key: keccak_256(s.key), proof: s.proof })
      }
    }
    // Both sides must agree on every walk before they are timed.
    for (const w of walks) {
      const ours = verifyMptProof(w.root, w.key, w.proof)
      const theirs = await verifyMerkleProof(w.key, w.proof, { root: w.root, useKeyHashing: false })
      if (ours.status === 'invalid' || (ours.status === 'present') !== (theirs !== null)) {
        throw new Error('mpt-proofs bench: our verifier and @ethereumjs/mpt disagree on a fixture proof')
      }
    }
    const nodes = walks.flatMap((w) => w.proof)
    const keccak = activeCryptoBackends().keccak256
    let sink = 0
    return {
      repetitions: 200,
      backends: {
        ours: `${keccak.name} keccak-256`,
        baseline: 'ethereum-cryptography keccak-256 (pure JS)',
        floor: `${keccak.name} keccak-256`,
      },
      ours() {
        for (const w of walks) sink ^= verifyMptProof(w.root, w.key, w.proof).status.length
        return sink
      },
      async baseline() {
        for (const w of walks) {
          const v = await verifyMerkleProof(w.key, w.proof, { root: w.root, useKeyHashing: false })
          sink ^= v === null ? 0 : v.length
        }
        return sink
      },
      floor() {
        for (const n of nodes) sink ^= keccak.hash(n)[0]!
        return sink
      },
    }
  },
}
