import { sha256 } from '@noble/hashes/sha2.js'
import { keccak_256 } from '../../crypto/backends'
import { InputError } from '../../../shared/errors'
import { bigintToBytes32, bytesToBigint, concatBytes } from '../../encoding/hex'

/**
 * ZKsync pubdata ↔ EIP-4844 blobs, exactly as the operator builds them (Matter Labs `KzgInfo::new` and
 * `zksync_pubdata_into_ethereum_4844_data`; zksync-era d08fe81f `core/lib/l1_contract_interface/src/i_executor/
 * commit/kzg/`; research/next-wave.md §2.2, reproduced on kzg_test_0.json):
 *
 *   zkBlob_i       = the i-th 126,976-byte (31 × 4096) chunk of the pubdata, zero-padded
 *   linearHash_i   = keccak256(zkBlob_i)                                — bound by the batch commitment
 *   coefficient k  = the 31-byte chunk (4095 − k) of zkBlob_i, read little-endian (< 2²⁴⁸ < r)
 *   4844 blob      = the polynomial's values at the 4096th roots of unity, bit-reversed, 32-byte big-endian
 *   versionedHash  = 0x01 ‖ sha256(KZG commitment)[1:]                  (EIP-4844 kzg_to_versioned_hash)
 *   openingPoint z = keccak256(linearHash ‖ versionedHash)[16:32]        (16 bytes, as a field element)
 *   openingValue y = p(z)                                                (Horner on the coefficients)
 */

/** BLS12-381 scalar field modulus (EIP-4844 BLS_MODULUS). */
export const BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n
export const FIELD_ELEMENTS_PER_BLOB = 4096
/** Bytes of pubdata a field element carries (< 2²⁴⁸, always below the modulus). */
export const PUBDATA_BYTES_PER_ELEMENT = 31
/** ZKsync's `ZK_SYNC_BYTES_PER_BLOB` / era-contracts `BLOB_SIZE_BYTES`: the pubdata one blob carries. */
export const ZK_BLOB_BYTES = PUBDATA_BYTES_PER_ELEMENT * FIELD_ELEMENTS_PER_BLOB
/** EIP-4844 BYTES_PER_BLOB. */
export const BLOB_BYTES = 32 * FIELD_ELEMENTS_PER_BLOB
/** era-contracts `TOTAL_BLOBS_IN_COMMITMENT` (v23+): a batch publishes at most 16 blobs. */
export const MAX_BLOBS_PER_BATCH = 16
export const VERSIONED_HASH_VERSION_KZG = 0x01

const R = BLS_MODULUS
/** 7 generates Fr*; ω = 7^((r − 1)/4096) is a primitive 4096th root of unity (EIP-4844 PRIMITIVE_ROOT_OF_UNITY). */
const PRIMITIVE_ROOT = 7n
const LOG_N = 12

function modPow(base: bigint, exp: bigint): bigint {
  let result = 1n
  let b = base % R
  let e = exp
  while (e > 0n) {
    if (e & 1n) result = (result * b) % R
    b = (b * b) % R
    e >>= 1n
  }
  return result
}

interface Domain {
  /** ω^j for j < 2048, the twiddles of the radix-2 FFT. */
  twiddles: bigint[]
  inverseTwiddles: bigint[]
  /** 1/4096 mod r. */
  inverseN: bigint
  /** The bit-reversal permutation of 0…4095 (it is its own inverse). */
  reversed: Uint16Array
}

let domain: Domain | undefined

function rootsDomain(): Domain {
  if (domain) return domain
  const n = FIELD_ELEMENTS_PER_BLOB
  const omega = modPow(PRIMITIVE_ROOT, (R - 1n) / BigInt(n))
  const omegaInv = modPow(omega, R - 2n)
  const twiddles: bigint[] = new Array<bigint>(n / 2)
  const inverseTwiddles: bigint[] = new Array<bigint>(n / 2)
  let w = 1n
  let wi = 1n
  for (let j = 0; j < n / 2; j++) {
    twiddles[j] = w
    inverseTwiddles[j] = wi
    w = (w * omega) % R
    wi = (wi * omegaInv) % R
  }
  const reversed = new Uint16Array(n)
  for (let i = 0; i < n; i++) {
    let r = 0
    for (let b = 0; b < LOG_N; b++) if (i & (1 << b)) r |= 1 << (LOG_N - 1 - b)
    reversed[i] = r
  }
  domain = { twiddles, inverseTwiddles, inverseN: modPow(BigInt(n), R - 2n), reversed }
  return domain
}

/**
 * In-place iterative radix-2 FFT over the 4096th roots of unity. Input in bit-reversed order, output in natural
 * order (Cooley–Tukey, decimation in time).
 */
function fftBitReversedInput(a: bigint[], twiddles: readonly bigint[]): void {
  // Lazy reduction: only products are reduced mod r; sums and differences (kept ≥ 0 by adding r) grow by at most
  // one bit a layer, 12 layers over 255 bits, and are reduced at the end. The twiddle ω⁰ = 1 needs no product.
  const n = a.length
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1
    const step = n / size
    for (let start = 0; start < n; start += size) {
      const u0 = a[start]!
      const v0 = a[start + half]! % R
      a[start] = u0 + v0
      a[start + half] = u0 - v0 + R
      for (let j = 1; j < half; j++) {
        const u = a[start + j]!
        const v = (a[start + j + half]! * twiddles[j * step]!) % R
        a[start + j] = u + v
        a[start + j + half] = u - v + R
      }
    }
  }
  for (let i = 0; i < n; i++) a[i] = a[i]! % R
}

/** Splits pubdata into zero-padded 126,976-byte zkBlobs (at least one: empty pubdata is one zero blob). */
export function pubdataToZkBlobs(pubdata: Uint8Array): Uint8Array[] {
  const count = Math.max(1, Math.ceil(pubdata.length / ZK_BLOB_BYTES))
  const blobs: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    const zk = new Uint8Array(ZK_BLOB_BYTES)
    zk.set(pubdata.subarray(i * ZK_BLOB_BYTES, (i + 1) * ZK_BLOB_BYTES))
    blobs.push(zk)
  }
  return blobs
}

/** keccak256 of each zero-padded zkBlob: the `blobLinearHash_i` the batch commitment binds. */
export function blobLinearHashes(pubdata: Uint8Array): Uint8Array[] {
  return pubdataToZkBlobs(pubdata).map((zk) => keccak_256(zk))
}

// Byte ↔ bigint through hex text: one BigInt parse per field element instead of 31 shifts (the FFT's own
// multiplications are a third of the time otherwise; issue 20's bench figure da-blob-check).
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

function readLittleEndian(bytes: Uint8Array, from: number, length: number): bigint {
  let h = '0x'
  for (let i = from + length - 1; i >= from; i--) h += HEX[bytes[i]!]!
  return BigInt(h)
}

function readBigEndian32(bytes: Uint8Array, from: number): bigint {
  let h = '0x'
  for (let i = from; i < from + 32; i++) h += HEX[bytes[i]!]!
  return BigInt(h)
}

/** Writes `v` (< 2^(8·length)) into out[at…at+length) big-endian (`le`: little-endian). */
function writeBytes(v: bigint, out: Uint8Array, at: number, length: number, le: boolean): void {
  const h = v.toString(16).padStart(2 * length, '0')
  for (let i = 0; i < length; i++)
    out[le ? at + length - 1 - i : at + i] = parseInt(h.slice(2 * i, 2 * i + 2), 16)
}

function checkZkBlob(zkBlob: Uint8Array): void {
  if (zkBlob.length !== ZK_BLOB_BYTES)
    throw new InputError(`zkBlob: ${zkBlob.length} bytes, expected ${ZK_BLOB_BYTES}`)
}

/** The polynomial's monomial coefficients: coefficient k is 31-byte chunk (4095 − k), little-endian. */
export function zkBlobCoefficients(zkBlob: Uint8Array): bigint[] {
  checkZkBlob(zkBlob)
  const n = FIELD_ELEMENTS_PER_BLOB
  const out = new Array<bigint>(n)
  for (let chunk = 0; chunk < n; chunk++)
    out[n - 1 - chunk] = readLittleEndian(
      zkBlob,
      chunk * PUBDATA_BYTES_PER_ELEMENT,
      PUBDATA_BYTES_PER_ELEMENT,
    )
  return out
}

/**
 * The EIP-4844 blob of a zkBlob: p evaluated at ω^brp(i) for i = 0…4095 (EIP-4844's bit-reversed evaluation
 * form), each value 32-byte big-endian.
 */
export function zkBlobToBlob(zkBlob: Uint8Array): Uint8Array {
  const { twiddles, reversed } = rootsDomain()
  const coefficients = zkBlobCoefficients(zkBlob)
  const n = FIELD_ELEMENTS_PER_BLOB
  // The FFT wants its input bit-reversed and yields p(ω^j) in natural order; the blob holds p(ω^brp(i)).
  const a = new Array<bigint>(n)
  for (let i = 0; i < n; i++) a[i] = coefficients[reversed[i]!]!
  fftBitReversedInput(a, twiddles)
  const blob = new Uint8Array(BLOB_BYTES)
  for (let i = 0; i < n; i++) writeBytes(a[reversed[i]!]!, blob, 32 * i, 32, false)
  return blob
}

/**
 * The zkBlob inside an EIP-4844 blob (inverse of zkBlobToBlob): inverse FFT to the coefficients, each of which
 * must fit in 31 bytes. Throws InputError when the blob is not 131,072 bytes, holds a non-canonical field
 * element, or is not a ZKsync blob (a coefficient of 32 bytes).
 */
export function blobToZkBlob(blob: Uint8Array): Uint8Array {
  if (blob.length !== BLOB_BYTES) throw new InputError(`blob: ${blob.length} bytes, expected ${BLOB_BYTES}`)
  const { inverseTwiddles, inverseN } = rootsDomain()
  const n = FIELD_ELEMENTS_PER_BLOB
  // blob[i] = p(ω^brp(i)), so the natural-order values are blob[brp(j)], and the FFT's bit-reversed input is blob.
  const a = new Array<bigint>(n)
  for (let i = 0; i < n; i++) {
    const v = readBigEndian32(blob, 32 * i)
    if (v >= R) throw new InputError(`blob: field element ${i} is not below the BLS modulus`)
    a[i] = v
  }
  fftBitReversedInput(a, inverseTwiddles)
  const zk = new Uint8Array(ZK_BLOB_BYTES)
  const limit = 1n << 248n
  for (let k = 0; k < n; k++) {
    const c = (a[k]! * inverseN) % R
    if (c >= limit)
      throw new InputError(`blob: coefficient ${k} needs 32 bytes; a ZKsync blob packs 31 bytes per element`)
    if (c !== 0n) writeBytes(c, zk, (n - 1 - k) * PUBDATA_BYTES_PER_ELEMENT, PUBDATA_BYTES_PER_ELEMENT, true)
  }
  return zk
}

/** EIP-4844 `kzg_to_versioned_hash`: 0x01 ‖ sha256(commitment)[1:]. */
export function kzgToVersionedHash(commitment: Uint8Array): Uint8Array {
  if (commitment.length !== 48)
    throw new InputError(`KZG commitment: ${commitment.length} bytes, expected 48`)
  const h = sha256(commitment)
  h[0] = VERSIONED_HASH_VERSION_KZG
  return h
}

/**
 * ZKsync's opening point: the last 16 bytes of keccak256(linearHash ‖ versionedHash) (era-contracts
 * `PUBDATA_COMMITMENT_CLAIMED_VALUE_OFFSET`, ZE `KzgInfo::new`), returned as those 16 bytes.
 */
export function blobOpeningPoint(linearHash: Uint8Array, versionedHash: Uint8Array): Uint8Array {
  return keccak_256(concatBytes(linearHash, versionedHash)).slice(16, 32)
}

/** y = p(z) by Horner on the zkBlob's 31-byte chunks, highest coefficient (chunk 0) first; 32 bytes big-endian. */
export function evaluateZkBlob(zkBlob: Uint8Array, z: Uint8Array): Uint8Array {
  checkZkBlob(zkBlob)
  const x = bytesToBigint(z) % R
  let acc = 0n
  for (let chunk = 0; chunk < FIELD_ELEMENTS_PER_BLOB; chunk++) {
    const c = readLittleEndian(zkBlob, chunk * PUBDATA_BYTES_PER_ELEMENT, PUBDATA_BYTES_PER_ELEMENT)
    acc = (acc * x + c) % R
  }
  return bigintToBytes32(acc)
}
