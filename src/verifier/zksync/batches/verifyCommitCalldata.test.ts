import { keccak_256 } from '@noble/hashes/sha3.js'
import { describe, expect, it } from 'vitest'
import { readFixture, readFixtureJson } from '../../../../tests/support/fixtures'
import { InputError } from '../../../shared/errors'
import { bigintToBytes32, bytesToHex, concatBytes, hexToBytes } from '../../encoding/hex'
import type { Report } from '../../report'
import { decodeCommitCalldata } from './decodeCommitCalldata'
import { encodeLegacyCommit, encodeRangeCommit, encodeV23Commit } from './encodeCommitCalldata'
import { recomputeCommitment, type MetaParameters } from './recomputeCommitment'
import { serializeSystemLogs, SYSTEM_LOG_SIZE, type SystemLog } from './systemLogs'
import type { CommitBatchInfo, StoredBatchInfo } from './types'
import { verifyCommitCalldata, type CommitCalldataTrusted } from './verifyCommitCalldata'

const CC = 'zksync/zksync-era/consistency_checker/'
const MAINNET = CC + 'commit_l1_batch_351000-351004_mainnet.calldata'
const SEPOLIA = CC + 'commit_l1_batch_4470_testnet_sepolia.calldata'
const decodedJson = readFixtureJson<
  Record<string, { lastCommitted: { storedBatchHash8: string }; batches: Record<string, unknown>[] }>
>('zksync/derived/consistency_checker_calldata_decoded.json')

const status = (r: Report, id: string) => r.checks.find((c) => c.id === id)?.status
const failed = (r: Report) => r.checks.filter((c) => c.required && c.status === 'fail').map((c) => c.id)

function flip(b: Uint8Array, i = 31): Uint8Array {
  const c = b.slice()
  c[i]! ^= 1
  return c
}

/** Placeholder L1 meta hashes: the fixtures hold no mainnet meta values, so commitment checks use these. */
const META: MetaParameters = {
  zkPorterIsAvailable: false,
  bootloaderHash: new Uint8Array(32).fill(1),
  defaultAAHash: new Uint8Array(32).fill(2),
}

/** Trusted inputs for the legacy fixtures: the real stored hash of lastCommitted, commitments from our formula. */
function trustedFor(name: string, batches: CommitBatchInfo[], protocolVersion = 19): CommitCalldataTrusted {
  const commitments = new Map<bigint, Uint8Array>()
  for (const b of batches) {
    const logs = new Map<number, Uint8Array>()
    for (let o = 0; o < b.systemLogs.length; o += SYSTEM_LOG_SIZE)
      logs.set(b.systemLogs[o + 55]!, b.systemLogs.slice(o + 56, o + 88))
    commitments.set(
      b.batchNumber,
      recomputeCommitment({
        protocolVersion,
        indexRepeatedStorageChanges: b.indexRepeatedStorageChanges,
        newStateRoot: b.newStateRoot,
        meta: META,
        aux: {
          kind: 'boojum',
          systemLogs: b.systemLogs,
          stateDiffHash: logs.get(2)!,
          bootloaderHeapInitialContentsHash: b.bootloaderHeapInitialContentsHash,
          eventsQueueStateHash: b.eventsQueueStateHash,
          blobs: [],
        },
      }).commitment,
    )
  }
  return {
    lastCommittedStoredBatchHash: hexToBytes(decodedJson[name]!.lastCommitted.storedBatchHash8, 'hash', 32),
    protocolVersion,
    meta: META,
    commitments,
  }
}

describe('verifyCommitCalldata on mainnet 351000–351004', () => {
  const raw = readFixture(MAINNET)
  const real = decodeCommitCalldata(raw)

  it('is verified (decoded and internally consistent) with the expected facts', () => {
    const r = verifyCommitCalldata(raw)
    expect(r.verdict).toBe('verified')
    expect(r.subject.kind).toBe('commit-batches')
    expect(r.facts.selector).toBe('0x701f58c5')
    const want = decodedJson['commit_l1_batch_351000-351004_mainnet']!.batches.map((b) => ({
      batchNumber: String(b.batchNumber),
      timestamp: String(b.timestamp),
      newStateRoot: b.newStateRoot,
      indexRepeatedStorageChanges: String(b.indexRepeatedStorageChanges),
      numberOfLayer1Txs: String(b.numberOfLayer1Txs),
      priorityOperationsHash: b.priorityOperationsHash,
    }))
    expect(r.facts.batches).toEqual(want)
    expect((r.facts.lastCommitted as Record<string, unknown>).storedBatchHash).toBe(
      decodedJson['commit_l1_batch_351000-351004_mainnet']!.lastCommitted.storedBatchHash8,
    )
    for (const id of [
      'zksync.commit.selector',
      'zksync.commit.abi',
      'zksync.commit.batchCount',
      'zksync.commit.sequence',
      'zksync.commit.logs.format',
      'zksync.commit.logs.prevBatchHash',
      'zksync.commit.logs.timestamps',
      'zksync.commit.logs.priorityOps',
      'zksync.commit.da',
    ])
      expect(status(r, id), id).toBe('pass')
    // Without L1 values these are skipped and optional, never passed.
    expect(r.checks.find((c) => c.id === 'zksync.commit.lastCommitted.binding')).toMatchObject({
      status: 'skip',
      required: false,
    })
    expect(r.checks.find((c) => c.id === 'zksync.commit.commitment')).toMatchObject({
      status: 'skip',
      required: false,
    })
  })

  it('with L1 values: binding and commitment pass', () => {
    const r = verifyCommitCalldata(raw, trustedFor('commit_l1_batch_351000-351004_mainnet', real.batches))
    expect(status(r, 'zksync.commit.lastCommitted.binding')).toBe('pass')
    expect(status(r, 'zksync.commit.commitment')).toBe('pass')
    expect(r.verdict).toBe('verified')
  })

  const reencode = (last: StoredBatchInfo, batches: CommitBatchInfo[]) => encodeLegacyCommit(last, batches)
  const withBatch = (i: number, patch: Partial<CommitBatchInfo>) =>
    real.batches.map((b, j) => (j === i ? { ...b, ...patch } : b))
  const logAt = (b: CommitBatchInfo, key: number) => {
    for (let o = 0; o < b.systemLogs.length; o += SYSTEM_LOG_SIZE) if (b.systemLogs[o + 55] === key) return o
    throw new Error(`no key ${key}`)
  }

  const offlineCases: [string, () => Uint8Array, string][] = [
    [
      'batch number',
      () => reencode(real.lastCommitted, withBatch(1, { batchNumber: 351002n })),
      'zksync.commit.sequence',
    ],
    [
      'lastCommitted.batchNumber',
      () => reencode({ ...real.lastCommitted, batchNumber: 350998n }, real.batches),
      'zksync.commit.sequence',
    ],
    [
      'newStateRoot',
      () => reencode(real.lastCommitted, withBatch(0, { newStateRoot: flip(real.batches[0]!.newStateRoot) })),
      'zksync.commit.logs.prevBatchHash',
    ],
    [
      'lastCommitted.batchHash',
      () => reencode({ ...real.lastCommitted, batchHash: flip(real.lastCommitted.batchHash) }, real.batches),
      'zksync.commit.logs.prevBatchHash',
    ],
    [
      'timestamp',
      () => reencode(real.lastCommitted, withBatch(2, { timestamp: real.batches[2]!.timestamp + 1n })),
      'zksync.commit.logs.timestamps',
    ],
    [
      'lastCommitted.timestamp',
      () => reencode({ ...real.lastCommitted, timestamp: 1702775082n }, real.batches),
      'zksync.commit.logs.timestamps',
    ],
    [
      // Issue 15: the first batch's counter raised above the next batch's.
      'indexRepeatedStorageChanges',
      () =>
        reencode(
          real.lastCommitted,
          withBatch(0, { indexRepeatedStorageChanges: real.batches[1]!.indexRepeatedStorageChanges + 1n }),
        ),
      'zksync.commit.indexRepeatedStorageChanges',
    ],
    [
      'lastCommitted.indexRepeatedStorageChanges',
      () =>
        reencode(
          {
            ...real.lastCommitted,
            indexRepeatedStorageChanges: real.batches[0]!.indexRepeatedStorageChanges + 1n,
          },
          real.batches,
        ),
      'zksync.commit.indexRepeatedStorageChanges',
    ],
    [
      'numberOfLayer1Txs',
      () => reencode(real.lastCommitted, withBatch(3, { numberOfLayer1Txs: 1n })),
      'zksync.commit.logs.priorityOps',
    ],
    [
      'priorityOperationsHash',
      () =>
        reencode(
          real.lastCommitted,
          withBatch(3, { priorityOperationsHash: flip(real.batches[3]!.priorityOperationsHash) }),
        ),
      'zksync.commit.logs.priorityOps',
    ],
    [
      'pubdata byte',
      () => reencode(real.lastCommitted, withBatch(4, { daInput: flip(real.batches[4]!.daInput, 1000) })),
      'zksync.commit.da',
    ],
    [
      'PREV_BATCH_HASH log value',
      () => {
        const b = real.batches[1]!
        return reencode(
          real.lastCommitted,
          withBatch(1, { systemLogs: flip(b.systemLogs, logAt(b, 4) + 70) }),
        )
      },
      'zksync.commit.logs.prevBatchHash',
    ],
    [
      'system log sender',
      () => {
        const b = real.batches[0]!
        return reencode(
          real.lastCommitted,
          withBatch(0, { systemLogs: flip(b.systemLogs, logAt(b, 0) + 22) }),
        )
      },
      'zksync.commit.logs.format',
    ],
    [
      'duplicated system log',
      () => {
        const b = real.batches[0]!
        return reencode(
          real.lastCommitted,
          withBatch(0, { systemLogs: concatBytes(b.systemLogs, b.systemLogs.subarray(0, SYSTEM_LOG_SIZE)) }),
        )
      },
      'zksync.commit.logs.format',
    ],
    [
      'truncated system logs',
      () => {
        const b = real.batches[0]!
        return reencode(real.lastCommitted, withBatch(0, { systemLogs: b.systemLogs.subarray(1) }))
      },
      'zksync.commit.logs.format',
    ],
    [
      'dirty uint64 padding',
      () => {
        const c = raw.slice()
        c[4] = 0xff
        return c
      },
      'zksync.commit.abi',
    ],
  ]
  for (const [what, build, id] of offlineCases) {
    it(`tampered ${what} fails ${id}`, () => {
      const r = verifyCommitCalldata(build())
      expect(r.verdict).toBe('failed')
      expect(failed(r)).toContain(id)
      if (what.endsWith('indexRepeatedStorageChanges')) expect(failed(r)).toEqual([id])
    })
  }

  // Fields only L1 can vouch for: caught once the L1 values are supplied.
  const onlineCases: [string, () => Uint8Array, string][] = [
    [
      'lastCommitted.commitment',
      () =>
        reencode({ ...real.lastCommitted, commitment: flip(real.lastCommitted.commitment) }, real.batches),
      'zksync.commit.lastCommitted.binding',
    ],
    [
      'lastCommitted.l2LogsTreeRoot',
      () =>
        reencode(
          { ...real.lastCommitted, l2LogsTreeRoot: flip(real.lastCommitted.l2LogsTreeRoot) },
          real.batches,
        ),
      'zksync.commit.lastCommitted.binding',
    ],
    [
      'lastCommitted.indexRepeatedStorageChanges',
      () => reencode({ ...real.lastCommitted, indexRepeatedStorageChanges: 1n }, real.batches),
      'zksync.commit.lastCommitted.binding',
    ],
    [
      'lastCommitted.priorityOperationsHash',
      () =>
        reencode(
          { ...real.lastCommitted, priorityOperationsHash: flip(real.lastCommitted.priorityOperationsHash) },
          real.batches,
        ),
      'zksync.commit.lastCommitted.binding',
    ],
    [
      // Raised by one, still in order (a decrease is caught offline: zksync.commit.indexRepeatedStorageChanges).
      'indexRepeatedStorageChanges',
      () =>
        reencode(
          real.lastCommitted,
          withBatch(2, { indexRepeatedStorageChanges: real.batches[2]!.indexRepeatedStorageChanges + 1n }),
        ),
      'zksync.commit.commitment',
    ],
    [
      'bootloaderHeapInitialContentsHash',
      () =>
        reencode(
          real.lastCommitted,
          withBatch(2, {
            bootloaderHeapInitialContentsHash: flip(real.batches[2]!.bootloaderHeapInitialContentsHash),
          }),
        ),
      'zksync.commit.commitment',
    ],
    [
      'eventsQueueStateHash',
      () =>
        reencode(
          real.lastCommitted,
          withBatch(2, { eventsQueueStateHash: flip(real.batches[2]!.eventsQueueStateHash) }),
        ),
      'zksync.commit.commitment',
    ],
    [
      'L2 logs tree root log',
      () => {
        const b = real.batches[2]!
        return reencode(
          real.lastCommitted,
          withBatch(2, { systemLogs: flip(b.systemLogs, logAt(b, 0) + 60) }),
        )
      },
      'zksync.commit.commitment',
    ],
    [
      'state diff hash log',
      () => {
        const b = real.batches[2]!
        return reencode(
          real.lastCommitted,
          withBatch(2, { systemLogs: flip(b.systemLogs, logAt(b, 2) + 60) }),
        )
      },
      'zksync.commit.commitment',
    ],
  ]
  for (const [what, build, id] of onlineCases) {
    it(`tampered ${what} passes offline but fails ${id} with L1 values`, () => {
      const input = build()
      expect(verifyCommitCalldata(input).verdict).toBe('verified')
      const r = verifyCommitCalldata(input, trustedFor('commit_l1_batch_351000-351004_mainnet', real.batches))
      expect(r.verdict).toBe('failed')
      expect(failed(r)).toContain(id)
    })
  }

  it('a protocol version that does not use this layout fails the commitment check', () => {
    const r = verifyCommitCalldata(raw, {
      ...trustedFor('commit_l1_batch_351000-351004_mainnet', real.batches),
      protocolVersion: 27,
    })
    expect(failed(r)).toEqual(['zksync.commit.commitment'])
  })
})

describe('verifyCommitCalldata: every calldata byte matters (sepolia 4470)', () => {
  it('flipping any byte outside the pubdata (and every 8th pubdata byte) gives an InputError or a failed report', () => {
    const raw = readFixture(SEPOLIA)
    const real = decodeCommitCalldata(raw)
    const trusted = trustedFor('commit_l1_batch_4470_testnet_sepolia', real.batches)
    expect(verifyCommitCalldata(raw, trusted).verdict).toBe('verified')
    // The pubdata is the last dynamic field; keccak covers each of its bytes alike, so sampling it is enough.
    const pubdataLength = real.batches[0]!.daInput.length
    const pubdataStart = raw.length - Math.ceil(pubdataLength / 32) * 32
    const escaped: number[] = []
    for (let i = 0; i < raw.length; i++) {
      if (i >= pubdataStart && i < pubdataStart + pubdataLength && (i - pubdataStart) % 8 !== 0) continue
      const c = raw.slice()
      c[i]! ^= 0x01
      try {
        if (verifyCommitCalldata(c, trusted).verdict !== 'failed') escaped.push(i)
      } catch (err) {
        if (!(err instanceof InputError)) throw err
      }
    }
    expect(escaped).toEqual([])
  })
})

describe('verifyCommitCalldata on the shared-bridge encodings', () => {
  const real = decodeCommitCalldata(readFixture(SEPOLIA))

  it('v23: more than one batch fails zksync.commit.batchCount', () => {
    const next = { ...real.batches[0]!, batchNumber: 4471n }
    const r = verifyCommitCalldata(encodeV23Commit(300n, real.lastCommitted, [real.batches[0]!, next]))
    expect(failed(r)).toContain('zksync.commit.batchCount')
  })

  it('v23: logs without the six blob-hash keys fail zksync.commit.logs.format (L1 demands keys 0–12)', () => {
    const r = verifyCommitCalldata(encodeV23Commit(300n, real.lastCommitted, real.batches))
    expect(failed(r)).toContain('zksync.commit.logs.format')
    expect(r.checks.find((c) => c.id === 'zksync.commit.logs.format')?.detail).toMatch(
      /missing system log key 7/,
    )
  })

  it('v26: a range argument that disagrees with data fails zksync.commit.range', () => {
    const r = verifyCommitCalldata(
      encodeRangeCommit('v26', 300n, real.lastCommitted, real.batches, { to: 4471n }),
    )
    expect(failed(r)).toContain('zksync.commit.range')
  })
})

/** A synthetic v29 batch with post-gateway system logs and a rollup operatorDAInput (calldata source). */
function syntheticV29(last: StoredBatchInfo) {
  const pubdata = new TextEncoder().encode('synthetic pubdata for a v29 batch')
  const stateDiffHash = new Uint8Array(32).fill(0x5d)
  const linearHash = new Uint8Array(32).fill(0x11)
  const blobCommitment = new Uint8Array(32).fill(0x22)
  const header = concatBytes(stateDiffHash, keccak_256(pubdata), Uint8Array.of(1), linearHash)
  const daInput = concatBytes(header, Uint8Array.of(0), pubdata, blobCommitment)
  const sender = (n: number) => bigintToBytes32(BigInt(n)).subarray(12)
  const timestamp = last.timestamp + 10n
  const priorityHash = keccak_256(new Uint8Array(0))
  const log = (key: number, from: number, value: Uint8Array): SystemLog => ({
    shardId: 0,
    isService: 1,
    txNumberInBlock: 0,
    sender: sender(from),
    key: BigInt(key),
    value,
  })
  const systemLogs = serializeSystemLogs([
    log(0, 0x8008, new Uint8Array(32).fill(0x33)),
    log(1, 0x800b, bigintToBytes32((timestamp << 128n) | (timestamp + 2n))),
    log(2, 0x8001, priorityHash),
    log(3, 0x8001, bigintToBytes32(0n)),
    log(4, 0x800b, last.batchHash),
    log(5, 0x8008, keccak_256(header)),
    log(6, 0x8008, new Uint8Array(32)),
    log(7, 0x8001, new Uint8Array(32)),
    log(8, 0x8001, new Uint8Array(32)),
  ])
  const batch: CommitBatchInfo = {
    batchNumber: last.batchNumber + 1n,
    timestamp,
    indexRepeatedStorageChanges: last.indexRepeatedStorageChanges + 5n,
    newStateRoot: new Uint8Array(32).fill(0x44),
    numberOfLayer1Txs: 0n,
    priorityOperationsHash: priorityHash,
    bootloaderHeapInitialContentsHash: new Uint8Array(32).fill(0x55),
    eventsQueueStateHash: new Uint8Array(32).fill(0x66),
    systemLogs,
    daInput,
  }
  const commitment = recomputeCommitment({
    protocolVersion: 29,
    indexRepeatedStorageChanges: batch.indexRepeatedStorageChanges,
    newStateRoot: batch.newStateRoot,
    meta: META,
    aux: {
      kind: 'boojum',
      systemLogs,
      stateDiffHash,
      bootloaderHeapInitialContentsHash: batch.bootloaderHeapInitialContentsHash,
      eventsQueueStateHash: batch.eventsQueueStateHash,
      blobs: [{ linearHash, commitment: blobCommitment }],
    },
  }).commitment
  return { batch, commitment, headerLength: header.length }
}

describe('verifyCommitCalldata on a synthetic v29 rollup batch', () => {
  const chain = '0x32400084c286cf3e17e7b677ea9583e60a000324'
  const real = decodeCommitCalldata(readFixture(SEPOLIA))
  const last = { ...real.lastCommitted, dependencyRootsRollingHash: new Uint8Array(32).fill(9) }
  const { batch, commitment, headerLength } = syntheticV29(last)
  const trusted: CommitCalldataTrusted = {
    protocolVersion: 29,
    meta: META,
    commitments: new Map([[batch.batchNumber, commitment]]),
  }

  it('is consistent, and its commitment recomputes from operatorDAInput', () => {
    const r = verifyCommitCalldata(encodeRangeCommit('v29', chain, last, [batch]), trusted)
    expect(failed(r)).toEqual([])
    expect(status(r, 'zksync.commit.da')).toBe('pass')
    expect(status(r, 'zksync.commit.commitment')).toBe('pass')
    expect((r.facts.lastCommitted as Record<string, unknown>).storedBatchInfoFields).toBe(9)
  })

  it('a changed DA header byte fails zksync.commit.da', () => {
    const bad = { ...batch, daInput: flip(batch.daInput, 0) }
    expect(failed(verifyCommitCalldata(encodeRangeCommit('v29', chain, last, [bad]), trusted))).toContain(
      'zksync.commit.da',
    )
  })

  it('a changed pubdata byte fails zksync.commit.da', () => {
    const bad = { ...batch, daInput: flip(batch.daInput, headerLength + 3) }
    expect(failed(verifyCommitCalldata(encodeRangeCommit('v29', chain, last, [bad]), trusted))).toContain(
      'zksync.commit.da',
    )
  })

  it('a changed blob commitment fails zksync.commit.commitment', () => {
    const bad = { ...batch, daInput: flip(batch.daInput, batch.daInput.length - 1) }
    expect(failed(verifyCommitCalldata(encodeRangeCommit('v29', chain, last, [bad]), trusted))).toEqual([
      'zksync.commit.commitment',
    ])
  })

  it('pre-gateway logs under a v29 selector fail zksync.commit.logs.format', () => {
    const r = verifyCommitCalldata(encodeRangeCommit('v29', chain, real.lastCommitted, real.batches))
    expect(failed(r)).toContain('zksync.commit.logs.format')
  })

  it('the lastCommitted 9-field hash is a fact', () => {
    const r = verifyCommitCalldata(encodeRangeCommit('v29', chain, last, [batch]))
    const facts = r.facts.lastCommitted as Record<string, string>
    expect(facts.dependencyRootsRollingHash).toBe(bytesToHex(last.dependencyRootsRollingHash))
    expect(facts.storedBatchHash).toMatch(/^0x[0-9a-f]{64}$/)
  })
})
