import { keccak_256 } from '../crypto/backends'
import { bigintToBytes32, bytesToBigint } from '../encoding/hex'
import { FR_MASK } from './bn254'

/**
 * The Fiat–Shamir transcript both ZKsync L1 verifiers use (`updateTranscript` / `getTranscriptChallenge` in
 * L1VerifierPlonk.sol, `update_transcript` / `get_challenge` in L1VerifierFflonk.sol; the same code).
 *
 * The contract keeps a 4-byte prefix whose last byte is a domain separator, then two 32-byte states:
 *   update(v):    state0 = keccak(0x00000000 ‖ state0 ‖ state1 ‖ v)
 *                 state1 = keccak(0x00000001 ‖ state0 ‖ state1 ‖ v)   (both from the old states)
 *   challenge(n): keccak(0x00000002 ‖ state0 ‖ state1 ‖ uint32_be(n)) & FR_MASK
 * Challenges do not change the state; the counter `n` is supplied by the caller, as in the contract.
 */
export class KeccakTranscript {
  /** 4 + 32 + 32 + 32 bytes: the contract's TRANSCRIPT_BEGIN_SLOT … TRANSCRIPT_CHALLENGE_SLOT + 32. */
  private readonly buf = new Uint8Array(100)

  update(value: bigint): void {
    this.buf.set(bigintToBytes32(value), 68)
    this.buf[3] = 0
    const s0 = keccak_256(this.buf)
    this.buf[3] = 1
    const s1 = keccak_256(this.buf)
    this.buf.set(s0, 4)
    this.buf.set(s1, 36)
  }

  challenge(counter: number): bigint {
    const pre = this.buf.slice(0, 72)
    pre[3] = 2
    new DataView(pre.buffer).setUint32(68, counter, false)
    return bytesToBigint(keccak_256(pre)) & FR_MASK
  }
}
