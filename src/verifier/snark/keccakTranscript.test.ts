import { keccak_256 } from '@noble/hashes/sha3.js'
import { describe, expect, it } from 'vitest'
import { bigintToBytes32, bytesToBigint, concatBytes } from '../encoding/hex'
import { FR_MASK } from './bn254'
import { KeccakTranscript } from './keccakTranscript'

/** The contract's transcript written out byte by byte, independently of the class under test. */
function reference(values: bigint[], counter: number): bigint {
  let s0: Uint8Array = new Uint8Array(32)
  let s1: Uint8Array = new Uint8Array(32)
  const dst = (b: number) => new Uint8Array([0, 0, 0, b])
  for (const v of values) {
    const n0 = keccak_256(concatBytes(dst(0), s0, s1, bigintToBytes32(v)))
    const n1 = keccak_256(concatBytes(dst(1), s0, s1, bigintToBytes32(v)))
    s0 = n0
    s1 = n1
  }
  const c = new Uint8Array(4)
  new DataView(c.buffer).setUint32(0, counter)
  return bytesToBigint(keccak_256(concatBytes(dst(2), s0, s1, c))) & FR_MASK
}

describe('KeccakTranscript', () => {
  it('matches the byte layout of updateTranscript / getTranscriptChallenge', () => {
    const values = [1n, 0n, (1n << 256n) - 1n, 0x1234n]
    const t = new KeccakTranscript()
    values.forEach((v) => t.update(v))
    expect(t.challenge(0)).toBe(reference(values, 0))
    expect(t.challenge(7)).toBe(reference(values, 7))
    // Challenges do not move the state; updates do.
    expect(t.challenge(0)).toBe(reference(values, 0))
    t.update(5n)
    expect(t.challenge(0)).toBe(reference([...values, 5n], 0))
    expect(t.challenge(0)).not.toBe(reference(values, 0))
  })

  it('masks challenges to 253 bits', () => {
    const t = new KeccakTranscript()
    for (let i = 0; i < 16; i++) expect(t.challenge(i) >> 253n).toBe(0n)
  })
})
