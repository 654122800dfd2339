import { describe, expect, it } from 'vitest'
import { loadMicroKzgBackend } from '../../src/verifier/crypto/microKzgBackend'
import { loadNodeEthKzgBackend } from '../../src/verifier/crypto/nodeEthKzgBackend'
import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
import { pubdataToZkBlobs, zkBlobToBlob } from '../../src/verifier/zksync/da/blobEncoding'
import { readFixtureJson } from '../support/fixtures'

/**
 * The two KZG backends (crypto/kzgBackend.ts) against each other: micro-eth-signer (pure JS, the reference lane) and
 * @crate-crypto/node-eth-kzg (native, the fast path). Same commitments for the real ZKsync vector and for seeded
 * random ZKsync blobs; same verdicts on a real opening proof and on a tampered one.
 */
const vector = readFixtureJson<{ pubdata: string; expected_outputs: Record<string, string> }>(
  'zksync/zksync-era/kzg/kzg_test_0.json',
)

function seededPubdata(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length)
  let x = seed >>> 0 || 1
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

describe('KZG backends agree (micro-eth-signer vs node-eth-kzg)', async () => {
  const micro = await loadMicroKzgBackend()
  const native = await loadNodeEthKzgBackend()

  it('the pure-JS backend always loads', () => {
    expect(micro?.name).toBe('micro-eth-signer')
  })

  it.skipIf(!native)('same commitment for the real vector and for random ZKsync blobs', () => {
    const blobs = [
      zkBlobToBlob(pubdataToZkBlobs(hexToBytes(`0x${vector.pubdata}`))[0]!),
      zkBlobToBlob(pubdataToZkBlobs(seededPubdata(1, 126_976))[0]!),
      zkBlobToBlob(pubdataToZkBlobs(seededPubdata(2, 1_000))[0]!),
      zkBlobToBlob(new Uint8Array(126_976)),
    ]
    for (const b of blobs)
      expect(bytesToHex(native!.blobToKzgCommitment(b))).toBe(bytesToHex(micro!.blobToKzgCommitment(b)))
    expect(bytesToHex(native!.blobToKzgCommitment(blobs[0]!))).toBe(
      `0x${vector.expected_outputs.kzg_commitment}`,
    )
  })

  it.skipIf(!native)('same verdict on the vector’s opening proof, and on a tampered one', () => {
    const c = hexToBytes(`0x${vector.expected_outputs.kzg_commitment}`)
    const z = hexToBytes(`0x${vector.expected_outputs.opening_point}`)
    const y = hexToBytes(`0x${vector.expected_outputs.opening_value}`)
    const proof = hexToBytes(`0x${vector.expected_outputs.opening_proof}`)
    const badY = y.slice()
    badY[31]! ^= 1
    for (const [yy, want] of [
      [y, true],
      [badY, false],
    ] as const) {
      expect(native!.verifyKzgProof(c, z, yy, proof)).toBe(want)
      expect(micro!.verifyKzgProof(c, z, yy, proof)).toBe(want)
    }
  })
})
