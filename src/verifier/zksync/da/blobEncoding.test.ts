import { beforeAll, describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../../tests/support/fixtures'
import { kzgBackend } from '../../crypto/kzgBackend'
import { bytesToHex, hexToBytes } from '../../encoding/hex'
import { initKzg } from '../../kinds/initBackends'
import {
  BLOB_BYTES,
  blobLinearHashes,
  blobOpeningPoint,
  blobToZkBlob,
  BLS_MODULUS,
  evaluateZkBlob,
  kzgToVersionedHash,
  pubdataToZkBlobs,
  ZK_BLOB_BYTES,
  zkBlobToBlob,
} from './blobEncoding'
import { decodePubdata } from './pubdataFormat'

/** zksync-era d08fe81f `…/commit/kzg/tests/kzg_test_0.json` (shared/fixtures/zksync/PROVENANCE.md). */
interface KzgVector {
  pubdata: string
  expected_outputs: Record<
    | 'kzg_commitment'
    | 'opening_point'
    | 'opening_value'
    | 'opening_proof'
    | 'versioned_hash'
    | 'blob_proof'
    | 'pubdata_commitment',
    string
  >
}
const vector = readFixtureJson<KzgVector>('zksync/zksync-era/kzg/kzg_test_0.json')
const pubdata = hexToBytes(`0x${vector.pubdata}`)
const want = Object.fromEntries(
  Object.entries(vector.expected_outputs).map(([k, v]) => [k, `0x${v}`]),
) as KzgVector['expected_outputs']

beforeAll(async () => {
  expect(await initKzg()).not.toBeNull()
})

describe('ZKsync blob encoding on the real kzg_test_0.json vector', () => {
  const [zk] = pubdataToZkBlobs(pubdata)
  const blob = zkBlobToBlob(zk!)

  it('reproduces the commitment, versioned hash, opening point and value exactly', () => {
    expect(pubdata.length).toBe(36_925)
    const commitment = kzgBackend()!.blobToKzgCommitment(blob)
    expect(bytesToHex(commitment)).toBe(want.kzg_commitment)
    const vh = kzgToVersionedHash(commitment)
    expect(bytesToHex(vh)).toBe(want.versioned_hash)
    const [linear] = blobLinearHashes(pubdata)
    const z = blobOpeningPoint(linear!, vh)
    // The vector writes z as a 32-byte field element: 16 zero bytes, then the 16 bytes of the hash.
    expect(bytesToHex(z)).toBe(`0x${want.opening_point.slice(34)}`)
    expect(want.opening_point.slice(2, 34)).toBe('0'.repeat(32))
    expect(bytesToHex(evaluateZkBlob(zk!, z))).toBe(want.opening_value)
    // The 144-byte pubdataCommitment of the calldata is z ‖ y ‖ C ‖ proof.
    expect(want.pubdata_commitment.slice(2, 34)).toBe(bytesToHex(z).slice(2))
    expect(want.pubdata_commitment.slice(34, 98)).toBe(want.opening_value.slice(2))
    expect(want.pubdata_commitment.slice(98, 194)).toBe(want.kzg_commitment.slice(2))
  })

  it('the opening proof of the vector verifies against the recomputed commitment', () => {
    const kzg = kzgBackend()!
    const z32 = new Uint8Array(32)
    z32.set(hexToBytes(want.opening_point).subarray(16), 16)
    const c = kzg.blobToKzgCommitment(blob)
    expect(kzg.verifyKzgProof(c, z32, hexToBytes(want.opening_value), hexToBytes(want.opening_proof))).toBe(
      true,
    )
    const wrongY = hexToBytes(want.opening_value)
    wrongY[31]! ^= 1
    expect(kzg.verifyKzgProof(c, z32, wrongY, hexToBytes(want.opening_proof))).toBe(false)
  })

  it('blob → pubdata inverts pubdata → blob to the byte', () => {
    expect(blob.length).toBe(BLOB_BYTES)
    expect(bytesToHex(blobToZkBlob(blob))).toBe(bytesToHex(zk!))
  })

  it('one flipped pubdata byte changes the linear hash (the check that authenticates pubdata)', () => {
    const flipped = pubdata.slice()
    flipped[1234]! ^= 0x01
    expect(bytesToHex(blobLinearHashes(flipped)[0]!)).not.toBe(bytesToHex(blobLinearHashes(pubdata)[0]!))
  })

  it('pads to 126,976-byte chunks and refuses blobs that are not ZKsync blobs', () => {
    expect(pubdataToZkBlobs(new Uint8Array(0)).length).toBe(1)
    expect(pubdataToZkBlobs(new Uint8Array(ZK_BLOB_BYTES + 1)).length).toBe(2)
    expect(() => blobToZkBlob(new Uint8Array(100))).toThrow(/expected 131072/)
    const nonCanonical = blob.slice()
    nonCanonical.set(hexToBytes(`0x${BLS_MODULUS.toString(16).padStart(64, '0')}`), 0)
    expect(() => blobToZkBlob(nonCanonical)).toThrow(/BLS modulus/)
    // A blob whose field element 0 is changed inverts to a polynomial with full 32-byte coefficients.
    const other = blob.slice()
    other[31]! ^= 1
    expect(() => blobToZkBlob(other)).toThrow(/31 bytes per element/)
  })

  it('decodes the pubdata format to the last byte', () => {
    const d = decodePubdata(pubdata)
    expect(d.length).toBe(pubdata.length)
    expect([d.logs.length, d.messages.length, d.bytecodes.length]).toEqual([5, 5, 0])
    expect([d.stateDiffs.initialWrites, d.stateDiffs.repeatedWrites]).toEqual([258, 2198])
    expect(d.stateDiffs.ops).toEqual({ none: 104, add: 1487, sub: 657, transform: 208 })
    expect(d.messages.map((m) => m.withdrawal?.kind)).toEqual(['eth', 'eth', 'eth', 'eth', 'erc20-legacy'])
    expect(d.unloggedMessages).toBe(0)
    // Trailing zeros (a blob's tail) are not pubdata; a nonzero byte after the end is refused.
    expect(decodePubdata(zk!).length).toBe(pubdata.length)
    const tail = zk!.slice()
    tail[pubdata.length + 10] = 1
    expect(() => decodePubdata(tail)).toThrow(/nonzero byte/)
  })
})
