import { keccak_256 } from '@noble/hashes/sha3.js'
import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../../tests/support/fixtures'
import { bytesToHex, hexToBytes } from '../../encoding/hex'
import {
  commitmentMatches,
  commitmentRuleFor,
  recomputeCommitment,
  type CommitmentInput,
} from './recomputeCommitment'
import { stateDiffsHash } from './stateDiffs'
import { serializeSystemLogs } from './systemLogs'

/* The six zksync-era commitment vectors (core/lib/types/src/commitment/tests/*.json @ 3e29e4a0). */
const DIR = 'zksync/zksync-era/commitment/'
const VECTORS = [
  'pre_boojum_test.json',
  'post_boojum_1_4_1_test.json',
  'post_boojum_1_4_2_test.json',
  'post_boojum_1_5_0_test.json',
  'post_boojum_1_5_0_test_with_evm.json',
  'post_gateway_test.json',
] as const

interface LogJson {
  shard_id: number
  is_service: boolean
  tx_number_in_block: number
  sender: string
  key: string
  value: string
}
interface DiffJson {
  address: string
  key: string
  derived_key: number[]
  enumeration_index: number
  initial_value: string
  final_value: string
}
interface Common {
  rollup_last_leaf_index: number
  rollup_root_hash: string
  protocol_version: string
}
interface Vector {
  input: {
    PostBoojum?: {
      common: Common
      system_logs: LogJson[]
      state_diffs: DiffJson[]
      aux_commitments: { events_queue_commitment: string; bootloader_initial_content_commitment: string }
      blob_hashes: { commitment: string; linear_hash: string }[]
    }
    PreBoojum?: { common: Common }
  }
  meta_parameters: {
    zkporter_is_available: boolean
    bootloader_code_hash: string
    default_aa_code_hash: string
    evm_emulator_code_hash?: string
  }
  auxiliary_output: {
    PostBoojum?: { system_logs_linear_hash: string; state_diffs_hash: string }
    PreBoojum?: {
      common: { l2_l1_logs_merkle_root: string }
      l2_l1_logs_linear_hash: string
      initial_writes_hash: string
      repeated_writes_hash: string
    }
  }
  hashes: { pass_through_data: string; meta_parameters: string; aux_output: string; commitment: string }
}

const h32 = (s: string) => hexToBytes(s, 'vector', 32)

/** Builds our input from the vector's raw parts: system logs and state diffs are re-serialized and re-hashed. */
function inputFrom(v: Vector): CommitmentInput {
  const common = (v.input.PostBoojum ?? v.input.PreBoojum)!.common
  const meta = {
    zkPorterIsAvailable: v.meta_parameters.zkporter_is_available,
    bootloaderHash: h32(v.meta_parameters.bootloader_code_hash),
    defaultAAHash: h32(v.meta_parameters.default_aa_code_hash),
    ...(v.meta_parameters.evm_emulator_code_hash
      ? { evmEmulatorHash: h32(v.meta_parameters.evm_emulator_code_hash) }
      : {}),
  }
  const base = {
    protocolVersion: Number(common.protocol_version.replace('Version', '')),
    indexRepeatedStorageChanges: BigInt(common.rollup_last_leaf_index),
    newStateRoot: h32(common.rollup_root_hash),
    meta,
  }
  const pre = v.auxiliary_output.PreBoojum
  if (pre) {
    return {
      ...base,
      aux: {
        kind: 'pre-boojum',
        l2LogsMerkleRoot: h32(pre.common.l2_l1_logs_merkle_root),
        l2LogsLinearHash: h32(pre.l2_l1_logs_linear_hash),
        initialWritesHash: h32(pre.initial_writes_hash),
        repeatedWritesHash: h32(pre.repeated_writes_hash),
      },
    }
  }
  const post = v.input.PostBoojum!
  const systemLogs = serializeSystemLogs(
    post.system_logs.map((l) => ({
      shardId: l.shard_id,
      isService: l.is_service ? 1 : 0,
      txNumberInBlock: l.tx_number_in_block,
      sender: hexToBytes(l.sender, 'sender', 20),
      key: BigInt(l.key),
      value: h32(l.value),
    })),
  )
  const diffs = post.state_diffs.map((d) => ({
    address: hexToBytes(d.address, 'address', 20),
    key: BigInt(d.key),
    derivedKey: Uint8Array.from(d.derived_key),
    enumerationIndex: BigInt(d.enumeration_index),
    initialValue: BigInt(d.initial_value),
    finalValue: BigInt(d.final_value),
  }))
  return {
    ...base,
    aux: {
      kind: 'boojum',
      systemLogs,
      stateDiffHash: stateDiffsHash(diffs),
      bootloaderHeapInitialContentsHash: h32(post.aux_commitments.bootloader_initial_content_commitment),
      eventsQueueStateHash: h32(post.aux_commitments.events_queue_commitment),
      blobs: post.blob_hashes.map((b) => ({ linearHash: h32(b.linear_hash), commitment: h32(b.commitment) })),
    },
  }
}

describe('recomputeCommitment on the zksync-era vectors', () => {
  for (const file of VECTORS) {
    it(`${file}: pass-through, metadata, aux and commitment hashes`, () => {
      const v = readFixtureJson<Vector>(DIR + file)
      const input = inputFrom(v)
      const got = recomputeCommitment(input)
      expect(bytesToHex(got.passThroughHash)).toBe(v.hashes.pass_through_data)
      expect(bytesToHex(got.metadataHash)).toBe(v.hashes.meta_parameters)
      expect(bytesToHex(got.auxiliaryOutputHash)).toBe(v.hashes.aux_output)
      expect(bytesToHex(got.commitment)).toBe(v.hashes.commitment)
      expect(commitmentMatches(input, h32(v.hashes.commitment)).ok).toBe(true)
    })
  }

  it('system-log linear hash and state-diff hash match the vectors (post-Boojum)', () => {
    for (const file of VECTORS.slice(1)) {
      const v = readFixtureJson<Vector>(DIR + file)
      const input = inputFrom(v)
      if (input.aux.kind !== 'boojum') throw new Error('expected boojum')
      expect(bytesToHex(keccak_256(input.aux.systemLogs))).toBe(
        v.auxiliary_output.PostBoojum!.system_logs_linear_hash,
      )
      expect(bytesToHex(input.aux.stateDiffHash)).toBe(v.auxiliary_output.PostBoojum!.state_diffs_hash)
    }
  })

  it('any changed input changes the commitment', () => {
    const v = readFixtureJson<Vector>(DIR + 'post_gateway_test.json')
    const input = inputFrom(v)
    const expected = h32(v.hashes.commitment)
    if (input.aux.kind !== 'boojum') throw new Error('expected boojum')
    const aux = input.aux
    const flip = (b: Uint8Array, i = 0) => {
      const c = b.slice()
      c[i]! ^= 1
      return c
    }
    const variants: CommitmentInput[] = [
      { ...input, indexRepeatedStorageChanges: input.indexRepeatedStorageChanges + 1n },
      { ...input, newStateRoot: flip(input.newStateRoot, 31) },
      { ...input, meta: { ...input.meta, zkPorterIsAvailable: true } },
      { ...input, meta: { ...input.meta, bootloaderHash: flip(input.meta.bootloaderHash) } },
      { ...input, meta: { ...input.meta, evmEmulatorHash: new Uint8Array(32) } },
      { ...input, aux: { ...aux, systemLogs: flip(aux.systemLogs, 100) } },
      { ...input, aux: { ...aux, stateDiffHash: flip(aux.stateDiffHash) } },
      { ...input, aux: { ...aux, eventsQueueStateHash: flip(aux.eventsQueueStateHash) } },
      {
        ...input,
        aux: { ...aux, bootloaderHeapInitialContentsHash: flip(aux.bootloaderHeapInitialContentsHash) },
      },
      {
        ...input,
        aux: { ...aux, blobs: [{ ...aux.blobs[0]!, commitment: flip(aux.blobs[0]!.commitment) }] },
      },
      {
        ...input,
        aux: { ...aux, blobs: [{ ...aux.blobs[0]!, linearHash: flip(aux.blobs[0]!.linearHash) }] },
      },
      { ...input, protocolVersion: 22 },
    ]
    for (const [i, variant] of variants.entries()) {
      let ok: boolean
      try {
        ok = commitmentMatches(variant, expected).ok
      } catch {
        ok = false // 16 blobs for a 2-blob version is refused outright
      }
      expect(ok, `variant ${i}`).toBe(false)
    }
  })

  it('refuses protocol versions it has no rule for', () => {
    expect(() => commitmentRuleFor(32)).toThrow(/unsupported protocol version 32/)
    expect(commitmentRuleFor(31).blobPairs).toBe(16)
    expect(commitmentRuleFor(20).blobPairs).toBe(2)
    expect(commitmentRuleFor(19).blobPairs).toBe(0)
  })
})
