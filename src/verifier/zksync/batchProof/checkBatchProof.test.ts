import { AbiCoder } from 'ethers'
import { describe, expect, it } from 'vitest'
import { readFixtureJson, readFixtureText } from '../../../../tests/support/fixtures'
import { V5_E2E, V5_PROVE_CALLDATA, type V5EndToEnd } from '../../../../tests/support/snarkVectors'
import { bytesToHex, hexToBytes } from '../../encoding/hex'
import type { Report } from '../../report'
import { storedBatchInfoAbi, storedBatchInfoValues } from '../batches/executorStructs'
import type { StoredBatchInfo } from '../batches/types'
import { checkBatchProof, pinnedKeyFor, type BatchProofInput } from './checkBatchProof'
import { decodeProveCalldata, PROVE_ENCODINGS } from './decodeProveCalldata'
import { keccak_256 } from '@noble/hashes/sha3.js'

const e2e = readFixtureJson<V5EndToEnd>(V5_E2E)
const calldata = readFixtureText(V5_PROVE_CALLDATA).trim()
const decoded = decodeProveCalldata(calldata)
const V19_KEY = '0x750d8e21be7555a6841472a5cacd24c75a7ceb34261aea61e72bb7423a7d30fc'

const byHashes: BatchProofInput = {
  batchNumber: 1n,
  protocolVersion: 19,
  prev: { storedBatchHash: hexToBytes(e2e.prevBatch.storedBatchHash) },
  curr: { storedBatchHash: hexToBytes(e2e.provedBatch.storedBatchHash) },
  proveCalldata: calldata,
}
const byCommitments: BatchProofInput = {
  ...byHashes,
  prev: { commitment: hexToBytes(e2e.prevBatch.commitment) },
  curr: { commitment: hexToBytes(e2e.provedBatch.commitment) },
}

const check = (r: Report, id: string) => r.checks.find((c) => c.id === id)
const flipByte = (hex: string, at = 5) => {
  const b = hexToBytes(hex)
  b[at] = b[at]! ^ 0x01
  return b
}

const SBI8 = storedBatchInfoAbi(8)
const SBI9 = storedBatchInfoAbi(9)
const sbi8 = (s: StoredBatchInfo) => storedBatchInfoValues(s, 8)
/** The 9-field layout with a zero dependencyRootsRollingHash. */
const sbi9 = (s: StoredBatchInfo) => storedBatchInfoValues({ ...s, dependencyRootsRollingHash: undefined }, 9)
const coder = AbiCoder.defaultAbiCoder()

/** The v5 batch re-encoded as legacy proveBatches with another recursive input or commitment. */
function legacyCalldata(opts: { recursive?: bigint[]; currCommitment?: Uint8Array }): string {
  const curr = {
    ...decoded.provedBatches[0]!,
    ...(opts.currCommitment ? { commitment: opts.currCommitment } : {}),
  }
  const args = coder.encode(
    [SBI8, `${SBI8}[]`, 'tuple(uint256[],uint256[])'],
    [sbi8(decoded.prevBatch), [sbi8(curr)], [opts.recursive ?? [], decoded.proof]],
  )
  return '0x7f61885c' + args.slice(2)
}

/** The v5 batch re-encoded as a v29+ call (version byte 1, 9-field StoredBatchInfo). */
function v29Calldata(proof: bigint[], version = '01'): string {
  const data = coder.encode(
    [SBI9, `${SBI9}[]`, 'uint256[]'],
    [sbi9(decoded.prevBatch), [sbi9(decoded.provedBatches[0]!)], proof],
  )
  const args = coder.encode(
    ['address', 'uint256', 'uint256', 'bytes'],
    ['0x32400084c286cf3e17e7b677ea9583e60a000324', 1n, 1n, '0x' + version + data.slice(2)],
  )
  return '0x9271e450' + args.slice(2)
}

describe('decodeProveCalldata', () => {
  it('selectors are keccak256 of their signatures', () => {
    for (const e of PROVE_ENCODINGS)
      expect(bytesToHex(keccak_256(new TextEncoder().encode(e.signature)).subarray(0, 4))).toBe(e.selector)
  })

  it('decodes the real v5 legacy proveBatches: batches 0 → 1, 44 proof words, empty recursive input', () => {
    expect(decoded.selector).toBe(e2e.proveSelector)
    expect(decoded.prevBatch.batchNumber).toBe(0n)
    expect(decoded.provedBatches.map((b) => b.batchNumber)).toEqual([1n])
    expect(bytesToHex(decoded.provedBatches[0]!.commitment)).toBe(e2e.provedBatch.commitment)
    expect(decoded.proof).toHaveLength(44)
    expect(decoded.recursiveAggregationInput).toEqual([])
    expect(decoded.canonical).toBe(true)
  })

  it('decodes a v29 call and refuses another encoding version or an unknown selector', () => {
    const v29 = decodeProveCalldata(v29Calldata([1n, ...decoded.proof]))
    expect(v29.encodingVersion).toBe(1)
    expect(v29.provedBatches[0]!.dependencyRootsRollingHash).toEqual(new Uint8Array(32))
    expect(v29.proof).toHaveLength(45)
    expect(() => decodeProveCalldata(v29Calldata([1n], '00'))).toThrow(/encoding version 0/)
    expect(() => decodeProveCalldata('0xdeadbeef' + calldata.slice(10))).toThrow(
      /not a ZKsync Era prove call/,
    )
  })
})

describe('checkBatchProof on the era-boojum-validator-cli v5 end-to-end vector', () => {
  it('verifies with the StoredBatchInfos bound to storedBatchHashes (≤ v22 public input, pinned v19 key)', () => {
    const r = checkBatchProof(byHashes)
    expect(r.verdict).toBe('verified')
    expect(r.facts).toMatchObject({
      proofSystem: 'plonk',
      verificationKeyHash: V19_KEY,
      publicInput: e2e.publicInput,
      proveSelector: '0x7f61885c',
    })
    expect(check(r, 'zksync.proof.publicInput')!.detail).toMatch(/recursionNodeLevelVkHash/)
    expect(check(r, 'zksync.proof.vkOnChain')).toMatchObject({ status: 'skip', required: false })
  })

  it('verifies with bound commitments; one commitment byte changed fails before the SNARK', () => {
    expect(checkBatchProof(byCommitments).verdict).toBe('verified')
    const r = checkBatchProof({
      ...byCommitments,
      curr: { commitment: flipByte(e2e.provedBatch.commitment) },
    })
    expect(r.verdict).toBe('failed')
    expect(check(r, 'zksync.proof.batchBound')!.status).toBe('fail')
  })

  it('a call whose commitment is changed no longer hashes to storedBatchHashes[n]', () => {
    const changed = legacyCalldata({ currCommitment: flipByte(e2e.provedBatch.commitment) })
    const r = checkBatchProof({ ...byHashes, proveCalldata: changed })
    expect(r.verdict).toBe('failed')
    expect(check(r, 'zksync.proof.batchBound')!.status).toBe('fail')
  })

  it('the SNARK itself rejects a public input from a commitment with one byte changed', () => {
    const commitment = flipByte(e2e.provedBatch.commitment)
    const r = checkBatchProof({
      ...byCommitments,
      curr: { commitment },
      proveCalldata: legacyCalldata({ currCommitment: commitment }),
    })
    expect(check(r, 'zksync.proof.batchBound')!.status).toBe('pass')
    expect(r.verdict).toBe('failed')
    expect(check(r, 'snark.proof.evaluation')!.status).toBe('fail')
  })

  it('the post-v22 formula (protocol v23) does not verify this proof', () => {
    const r = checkBatchProof({ ...byCommitments, protocolVersion: 23 })
    // v23 has no pinned PLONK key in the table except by on-chain hash: give the v19 one as an eth_call answer.
    const withKey = checkBatchProof({
      ...byCommitments,
      protocolVersion: 23,
      onChainVkHash: { hash: V19_KEY, source: 'eth_call', endpoint: 'https://rpc.example' },
    })
    expect(r.verdict).toBe('incomplete')
    expect(check(r, 'zksync.proof.vk')!.status).toBe('error')
    // No key is pinned for v23: the key only an eth_call names is used for information, never for a verdict.
    expect(withKey.verdict).toBe('incomplete')
    expect(check(withKey, 'zksync.proof.vk')!.status).toBe('skip')
    expect(check(withKey, 'zksync.proof.vk')!.detail).toMatch(/only an unverified eth_call answer names/)
    expect(check(withKey, 'snark.proof.evaluation')).toMatchObject({ status: 'fail', required: false })
  })

  it('a key only an eth_call names cannot make the batch verified, even when the proof verifies under it', () => {
    // v20 uses the same ≤ v22 formula, so with the v5 recursion hashes the public input is the right one; but no
    // key is pinned for v20, and only the eth_call names the v19 key.
    const r = checkBatchProof({
      ...byCommitments,
      protocolVersion: 20,
      recursionVkHashes: {
        node: hexToBytes(e2e.verifierParams.recursionNodeLevelVkHash),
        leaf: hexToBytes(e2e.verifierParams.recursionLeafLevelVkHash),
        source: 'test',
      },
      onChainVkHash: { hash: V19_KEY, source: 'eth_call' },
    })
    expect(check(r, 'snark.proof.pairing')).toMatchObject({ status: 'pass', required: false })
    expect(check(r, 'zksync.proof.vk')!.status).toBe('skip')
    expect(r.verdict).toBe('incomplete')
  })

  it('an eth_call naming another shipped key neither picks the key nor changes the verdict', () => {
    const other = '0x14f97b81e54b35fe673d8708cc1a19e1ea5b5e348e12d31e39824ed4f42bbca2' // v24–26 PLONK key
    const r = checkBatchProof({ ...byHashes, onChainVkHash: { hash: other, source: 'eth_call' } })
    expect(r.verdict).toBe('verified')
    expect(r.facts.verificationKeyHash).toBe(V19_KEY)
    expect(check(r, 'zksync.proof.vkOnChain')).toMatchObject({ status: 'fail', required: false })
  })

  it('an on-chain VK hash: matched (eth_call: not required), unknown from eth_call falls back, unknown proven is incomplete', () => {
    const matched = checkBatchProof({ ...byHashes, onChainVkHash: { hash: V19_KEY, source: 'eth_call' } })
    expect(matched.verdict).toBe('verified')
    expect(check(matched, 'zksync.proof.vkOnChain')).toMatchObject({ status: 'pass', required: false })
    expect(check(matched, 'zksync.proof.vkOnChain')!.detail).toMatch(/unverified/)
    const provenMatch = checkBatchProof({
      ...byHashes,
      onChainVkHash: { hash: V19_KEY, source: 'storage-proof' },
    })
    expect(check(provenMatch, 'zksync.proof.vkOnChain')).toMatchObject({ status: 'pass', required: true })

    const lie = '0x' + '44'.repeat(32)
    const fallback = checkBatchProof({ ...byHashes, onChainVkHash: { hash: lie, source: 'eth_call' } })
    expect(check(fallback, 'zksync.proof.vkOnChain')).toMatchObject({ status: 'fail', required: false })
    expect(fallback.verdict).toBe('verified')
    const proven = checkBatchProof({ ...byHashes, onChainVkHash: { hash: lie, source: 'storage-proof' } })
    expect(proven.verdict).toBe('incomplete')
  })

  it('an unknown DualVerifier type is "unsupported verifier type N", incomplete', () => {
    const r = checkBatchProof({
      ...byCommitments,
      protocolVersion: 29,
      proveCalldata: v29Calldata([2n, ...decoded.proof]),
    })
    expect(r.verdict).toBe('incomplete')
    expect(check(r, 'snark.proof.route')).toMatchObject({
      status: 'error',
      detail: 'unsupported verifier type 2',
    })
    const legacyTyped = checkBatchProof({
      ...byCommitments,
      proveCalldata: legacyCalldata({ recursive: [7n] }),
    })
    expect(check(legacyTyped, 'snark.proof.route')!.detail).toBe('unsupported verifier type 7')
    const bad = checkBatchProof({
      ...byCommitments,
      proveCalldata: legacyCalldata({ recursive: [1n << 200n] }),
    })
    expect(check(bad, 'zksync.proof.layout')!.status).toBe('fail')
  })

  it('wrong batch, unknown selector and truncated calldata are named', () => {
    expect(check(checkBatchProof({ ...byHashes, batchNumber: 2n }), 'zksync.proof.batch')!.status).toBe(
      'fail',
    )
    const unknown = checkBatchProof({ ...byHashes, proveCalldata: '0xdeadbeef' + calldata.slice(10) })
    expect(check(unknown, 'zksync.proof.calldata')!.status).toBe('error')
    expect(unknown.verdict).toBe('incomplete')
    const truncated = checkBatchProof({ ...byHashes, proveCalldata: calldata.slice(0, 600) })
    expect(check(truncated, 'zksync.proof.calldata')!.status).toBe('fail')
    expect(truncated.verdict).toBe('failed')
  })

  it('pins keys by protocol version from the table', () => {
    expect(pinnedKeyFor(19, 'plonk')!.hash).toBe(V19_KEY)
    expect(pinnedKeyFor(30, 'plonk')!.hash).toBe(
      '0xb2f50340e0edbe49dc657d4eb298e07f13860c1be0fe2e438e44ef8fad133d84',
    )
    expect(pinnedKeyFor(30, 'fflonk')!.hash).toBe(
      '0xc8cd705a0db89577146137de78eba6bd1f1c9c3f66dc52f7627e7c2df30895b2',
    )
    expect(pinnedKeyFor(28, 'plonk')).toBeUndefined()
  })
})

describe('pinnedKeyFor', () => {
  it('uses only the name book rows marked pinned: none for v28 (three patch keys) or v20–v23', () => {
    const pinned = (v: number, s: 'plonk' | 'fflonk') => pinnedKeyFor(v, s)?.hash
    expect(pinned(19, 'plonk')).toBe('0x750d8e21be7555a6841472a5cacd24c75a7ceb34261aea61e72bb7423a7d30fc')
    expect(pinned(25, 'plonk')).toBe('0x14f97b81e54b35fe673d8708cc1a19e1ea5b5e348e12d31e39824ed4f42bbca2')
    expect(pinned(27, 'fflonk')).toBe('0x941fd36f78a5ba753dbbe65b9123a43ae833405fafd03b5149b959eee766e03c')
    expect(pinned(30, 'plonk')).toBe('0xb2f50340e0edbe49dc657d4eb298e07f13860c1be0fe2e438e44ef8fad133d84')
    for (const v of [20, 21, 22, 23, 28]) {
      expect(pinned(v, 'plonk'), `v${v}`).toBeUndefined()
      expect(pinned(v, 'fflonk'), `v${v}`).toBeUndefined()
    }
  })
})
