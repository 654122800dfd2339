import { BitArray } from '@chainsafe/ssz'
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bigintToBytes32, bytesToBigint } from '../../src/verifier/encoding/hex'

/**
 * The devnet's validators and sync committees. Every secret key is derived from the world seed, so a world is
 * reproducible and its signatures are real BLS (min-pubkey-size: G1 keys, G2 signatures, POP ciphersuite —
 * consensus-specs phase0/beacon-chain.md "BLS signatures").
 *
 * Signing a sync aggregate: FastAggregateVerify checks e(Σpk_i, H(m)) = e(G1, σ). With pk_i = sk_i·G1 that is
 * e((Σsk_i)·G1, H(m)), so the aggregate of the participants' signatures equals ONE signature by the key
 * Σsk_i mod r — one hash-to-curve and one G2 multiplication per message instead of one per member.
 */
export const SYNC_COMMITTEE_SIZE = 512
/** A small validator set: every sync committee samples 512 distinct members from it, so committees rotate. */
export const VALIDATOR_COUNT = 640
export const ETH_BLS_DST = 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_'

const CURVE_ORDER = bls12_381.fields.Fr.ORDER
const G1 = bls12_381.G1.Point.BASE

/** 32 bytes from the seed and a label: the beacon world's only source of "randomness". */
export function deriveBeaconBytes(seed: string, label: string): Uint8Array {
  return sha256(new TextEncoder().encode(`lightproof/devnet/beacon/${seed}/${label}`))
}

/** A secret key in [1, r-1] from the seed and a label. */
export function deriveSecretKey(seed: string, label: string): bigint {
  return (bytesToBigint(deriveBeaconBytes(seed, `secret-key/${label}`)) % (CURVE_ORDER - 1n)) + 1n
}

export function publicKeyOf(secretKey: bigint): Uint8Array {
  return G1.multiply(secretKey).toBytes(true)
}

/** The validator set of one seed; public keys are computed once, on first use. */
export class ValidatorSet {
  private readonly secretKeys: bigint[]
  private readonly publicKeys: (Uint8Array | undefined)[]

  constructor(
    readonly seed: string,
    readonly size: number = VALIDATOR_COUNT,
  ) {
    this.secretKeys = Array.from({ length: size }, (_, i) => deriveSecretKey(seed, `validator/${i}`))
    this.publicKeys = new Array<Uint8Array | undefined>(size)
  }

  secretKey(index: number): bigint {
    const sk = this.secretKeys[index]
    if (sk === undefined) throw new RangeError(`no validator ${index}`)
    return sk
  }

  publicKey(index: number): Uint8Array {
    let pk = this.publicKeys[index]
    if (!pk) {
      pk = publicKeyOf(this.secretKey(index))
      this.publicKeys[index] = pk
    }
    return pk
  }
}

/** A sync committee with its members' keys (the value in BeaconState plus what the world signs with). */
export interface WorldCommittee {
  /** Label it was drawn with, e.g. `period/312`. */
  label: string
  /** Validator index of each of the 512 positions. */
  members: number[]
  secretKeys: bigint[]
  pubkeys: Uint8Array[]
  /** Σ pubkeys (eth2_aggregate_pubkeys), computed as (Σ sk)·G1. */
  aggregatePubkey: Uint8Array
}

/** A deterministic stream of 32-bit numbers (sha256 in counter mode). */
function numberStream(seed: string, label: string): () => number {
  let block: Uint8Array = new Uint8Array(0)
  let counter = 0
  let pos = 32
  return () => {
    if (pos + 4 > block.length) {
      block = deriveBeaconBytes(seed, `${label}/stream/${counter++}`)
      pos = 0
    }
    const n = new DataView(block.buffer, block.byteOffset + pos, 4).getUint32(0)
    pos += 4
    return n
  }
}

/** 512 distinct validators drawn by a seeded Fisher-Yates shuffle (get_next_sync_committee samples too). */
export function drawCommittee(validators: ValidatorSet, label: string): WorldCommittee {
  const next = numberStream(validators.seed, `committee/${label}`)
  const order = Array.from({ length: validators.size }, (_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = next() % (i + 1)
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  const members = order.slice(0, SYNC_COMMITTEE_SIZE)
  const secretKeys = members.map((m) => validators.secretKey(m))
  return {
    label,
    members,
    secretKeys,
    pubkeys: members.map((m) => validators.publicKey(m)),
    aggregatePubkey: publicKeyOf(sumKeys(secretKeys)),
  }
}

export function sumKeys(keys: readonly bigint[]): bigint {
  let sum = 0n
  for (const k of keys) sum = (sum + k) % CURVE_ORDER
  return sum
}

/** Which positions sign: all but `SYNC_COMMITTEE_SIZE - participants`, the absentees chosen by seed and label. */
export function participationBits(seed: string, label: string, participants: number): BitArray {
  if (!Number.isInteger(participants) || participants < 0 || participants > SYNC_COMMITTEE_SIZE) {
    throw new RangeError(`participants must be 0…${SYNC_COMMITTEE_SIZE}`)
  }
  const next = numberStream(seed, `participation/${label}`)
  const order = Array.from({ length: SYNC_COMMITTEE_SIZE }, (_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = next() % (i + 1)
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  const bits = BitArray.fromBitLen(SYNC_COMMITTEE_SIZE)
  for (const i of order.slice(0, participants)) bits.set(i, true)
  return bits
}

/** BLS Sign(sk, message) with the Ethereum DST; 96-byte compressed G2 signature. */
export function signWithKey(secretKey: bigint, message: Uint8Array): Uint8Array {
  const ls = bls12_381.longSignatures
  return ls.sign(ls.hash(message, ETH_BLS_DST), bigintToBytes32(secretKey)).toBytes(true)
}

/** The aggregate signature of the committee members whose bit is set: one signature by Σ their keys. */
export function signAsCommittee(committee: WorldCommittee, bits: BitArray, message: Uint8Array): Uint8Array {
  const keys = committee.secretKeys.filter((_, i) => bits.get(i))
  if (keys.length === 0) throw new RangeError('a sync aggregate needs at least one participant')
  return signWithKey(sumKeys(keys), message)
}
