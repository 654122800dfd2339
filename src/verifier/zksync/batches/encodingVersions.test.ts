import { AbiCoder, id, solidityPackedKeccak256, ZeroAddress } from 'ethers'
import { describe, expect, it } from 'vitest'
import { InputError } from '../../../shared/errors'
import { concatBytes, hexToBytes } from '../../encoding/hex'
import { decodeProveCalldata } from '../batchProof/decodeProveCalldata'
import { decodeCommitCalldata } from './decodeCommitCalldata'
import { decodeExecuteCalldata, EXECUTE_ENCODINGS } from './decodeExecuteCalldata'
import {
  BATCH_DATA_ENCODING_VERSIONS,
  UNSUPPORTED_CODE,
  UnsupportedEncodingVersionError,
} from './encodingVersions'
import { storedBatchInfoType } from './executorStructs'
import { verifyCommitCalldata } from './verifyCommitCalldata'

/**
 * One vector per encoding version of commit, prove and execute calldata, built the way era-contracts' own
 * BatchDecoder tests build theirs: EC draft-v31 4859b6fd456eaf943b80c6934cb24fab9026f035
 * `l1-contracts/test/foundry/l1/unit/concrete/Libraries/BatchDecoder.t.sol` (`_createStoredBatchInfo(n)`:
 * batchHash = keccak(abi.encodePacked(uint64 n)), timestamp = n·100, everything else zero;
 * `_createCommitBatchInfo(n)`; `test_decode…_basicValues`: batches 11 and 12 on top of 10, proof [1, 2, 3], two
 * empty entries per execute member). The v33 (encoding 5/6) vectors follow the same test as changed by EC PR
 * #2451: StoredBatchInfo gains `airbenderCommitment`, CommitBatchInfo gains `airbenderBootloaderHeapHash` after
 * `eventsQueueStateHash`.
 */
const coder = AbiCoder.defaultAbiCoder()
const ZERO = '0x' + '00'.repeat(32)
const sel = (signature: string) => hexToBytes(id(signature).slice(0, 10), 'selector', 4)

function storedBatch(n: number, fields: 8 | 9 | 10): unknown[] {
  const batchHash = solidityPackedKeccak256(['uint64'], [n])
  const base = [n, batchHash, 0, 0, ZERO]
  const tail = [ZERO, BigInt(n) * 100n, ZERO]
  if (fields === 8) return [...base, ...tail]
  const nine = [...base, ZERO, ...tail]
  return fields === 9 ? nine : [...nine, ZERO]
}
function commitBatch(n: number, airbender: boolean): unknown[] {
  const head = [n, BigInt(n) * 100n, 0, ZERO, 0, ZERO, ZERO, ZERO]
  return airbender ? [...head, ZERO, '0x', '0x'] : [...head, '0x', '0x']
}
const SBI = (fields: 8 | 9 | 10) =>
  fields === 10
    ? '(uint64,bytes32,uint64,uint256,bytes32,bytes32,bytes32,uint256,bytes32,bytes32)'
    : storedBatchInfoType(fields)
const CBI = (airbender: boolean) =>
  airbender
    ? '(uint64,uint64,uint64,bytes32,uint256,bytes32,bytes32,bytes32,bytes32,bytes,bytes)'
    : '(uint64,uint64,uint64,bytes32,uint256,bytes32,bytes32,bytes32,bytes,bytes)'

const payload = (version: number, types: string[], values: unknown[]) =>
  concatBytes(Uint8Array.of(version), hexToBytes(coder.encode(types, values), 'payload'))

function rangeCall(signature: string, chain: unknown, data: Uint8Array, from = 11, to = 12): Uint8Array {
  const chainType = signature.includes('(address') ? 'address' : 'uint256'
  return concatBytes(
    sel(signature),
    hexToBytes(coder.encode([chainType, 'uint256', 'uint256', 'bytes'], [chain, from, to, data]), 'call'),
  )
}

const COMMIT_V29 = 'commitBatchesSharedBridge(address,uint256,uint256,bytes)'
const COMMIT_V26 = 'commitBatchesSharedBridge(uint256,uint256,uint256,bytes)'
const PROVE_V29 = 'proveBatchesSharedBridge(address,uint256,uint256,bytes)'
const PROVE_V26 = 'proveBatchesSharedBridge(uint256,uint256,uint256,bytes)'
const EXECUTE_V29 = 'executeBatchesSharedBridge(address,uint256,uint256,bytes)'
const EXECUTE_V26 = 'executeBatchesSharedBridge(uint256,uint256,uint256,bytes)'

function commitData(version: number, fields: 8 | 9 | 10, airbender = false): Uint8Array {
  return payload(
    version,
    [SBI(fields), `${CBI(airbender)}[]`],
    [storedBatch(10, fields), [commitBatch(11, airbender), commitBatch(12, airbender)]],
  )
}
function proveData(version: number, fields: 8 | 9 | 10): Uint8Array {
  return payload(
    version,
    [SBI(fields), `${SBI(fields)}[]`, 'uint256[]'],
    [storedBatch(10, fields), [storedBatch(11, fields), storedBatch(12, fields)], [1n, 2n, 3n]],
  )
}
const POBI = '(bytes32[],bytes32[],bytes32[])[]'
const EMPTY_POBI = [[], [], []]
function executeData(version: number, form: 'v26' | 'v29' | 'v31' | 'v33'): Uint8Array {
  const fields = form === 'v26' ? 8 : form === 'v33' ? 10 : 9
  const batches = [storedBatch(11, fields), storedBatch(12, fields)]
  if (form === 'v26') return payload(version, [`${SBI(8)}[]`, POBI], [batches, [EMPTY_POBI, EMPTY_POBI]])
  const ir = '(uint256,uint256,bytes32[])[][]'
  if (form === 'v29')
    return payload(version, [`${SBI(9)}[]`, POBI, ir], [batches, [EMPTY_POBI, EMPTY_POBI], [[], []]])
  return payload(
    version,
    [
      `${SBI(fields)}[]`,
      POBI,
      ir,
      '(uint8,bool,uint16,address,bytes32,bytes32)[][]',
      'bytes[][]',
      'bytes32[]',
      'address',
    ],
    [batches, [EMPTY_POBI, EMPTY_POBI], [[], []], [[], []], [[], []], [ZERO, ZERO], ZeroAddress],
  )
}

function expectNotSupportedYet(fn: () => unknown, version: number): UnsupportedEncodingVersionError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(UnsupportedEncodingVersionError)
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).code).toBe(UNSUPPORTED_CODE)
    expect((err as Error).message).toMatch(new RegExp(`^encoding version ${version} not supported yet`))
    return err as UnsupportedEncodingVersionError
  }
  throw new Error(`expected "encoding version ${version} not supported yet"`)
}

describe('the encoding-version table', () => {
  it('one row per byte, each citing where era-contracts defines it', () => {
    const versions = BATCH_DATA_ENCODING_VERSIONS.map((v) => v.version)
    expect(new Set(versions).size).toBe(versions.length)
    expect(versions).toEqual([0, 1, 2, 3, 4, 5, 6])
    for (const v of BATCH_DATA_ENCODING_VERSIONS) expect(v.source).toMatch(/^EC /)
    // Only the Era layouts on release branches are decoded.
    expect(BATCH_DATA_ENCODING_VERSIONS.filter((v) => v.decoded).map((v) => v.version)).toEqual([0, 1])
  })
})

describe('commit calldata per encoding version (BatchDecoder.t.sol vectors)', () => {
  it('version 0 (v26–v28) and 1 (v29+) decode to the test’s batches', () => {
    const v0 = decodeCommitCalldata(rangeCall(COMMIT_V26, 324n, commitData(0, 8)))
    expect(v0.encodingVersion).toBe(0)
    expect(v0.lastCommitted.batchNumber).toBe(10n)
    expect(v0.batches.map((b) => b.batchNumber)).toEqual([11n, 12n])
    expect(v0.canonical).toBe(true)
    const v1 = decodeCommitCalldata(rangeCall(COMMIT_V29, ZeroAddress, commitData(1, 9)))
    expect(v1.encodingVersion).toBe(1)
    expect(v1.batches.map((b) => b.timestamp)).toEqual([1100n, 1200n])
    expect(v1.lastCommitted.dependencyRootsRollingHash).toBeDefined()
  })

  it('ZKsync OS versions 2, 3, 4, 6 and Era v33’s 5 are named, not decoded', () => {
    for (const version of [2, 3, 4, 6]) {
      const err = expectNotSupportedYet(
        () => decodeCommitCalldata(rangeCall(COMMIT_V29, ZeroAddress, commitData(version, 9))),
        version,
      )
      expect(err.message).toMatch(/ZKsync OS commit encoding/)
    }
    const v5 = expectNotSupportedYet(
      () => decodeCommitCalldata(rangeCall(COMMIT_V29, ZeroAddress, commitData(5, 10, true))),
      5,
    )
    expect(v5.message).toMatch(/v33.*airbenderCommitment/)
    expect(v5.call).toBe('commit')
  })

  it('a byte no era-contracts version uses, and a byte of the other era, are named too', () => {
    const e = expectNotSupportedYet(
      () => decodeCommitCalldata(rangeCall(COMMIT_V29, ZeroAddress, commitData(99, 9))),
      99,
    )
    expect(e.message).toMatch(/no era-contracts release or draft uses this byte/)
    expectNotSupportedYet(() => decodeCommitCalldata(rangeCall(COMMIT_V26, 324n, commitData(1, 9))), 1)
  })

  it('verify commit-calldata: an unsupported version is incomplete with the reason, never failed', () => {
    const report = verifyCommitCalldata(rangeCall(COMMIT_V29, ZeroAddress, commitData(5, 10, true)))
    expect(report.verdict).toBe('incomplete')
    const check = report.checks.find((c) => c.id === 'zksync.commit.encoding')!
    expect(check.status).toBe('error')
    expect(check.detail).toMatch(/^encoding version 5 not supported yet/)
    expect(report.checks.some((c) => c.status === 'fail')).toBe(false)
  })
})

describe('prove calldata per encoding version', () => {
  it('version 0 and 1 decode the test’s two batches and proof words', () => {
    const v0 = decodeProveCalldata(rangeCall(PROVE_V26, 324n, proveData(0, 8)))
    expect(v0.prevBatch.batchNumber).toBe(10n)
    expect(v0.provedBatches.map((b) => b.batchNumber)).toEqual([11n, 12n])
    expect(v0.proof).toEqual([1n, 2n, 3n])
    const v1 = decodeProveCalldata(rangeCall(PROVE_V29, ZeroAddress, proveData(1, 9)))
    expect(v1.encodingVersion).toBe(1)
    expect(v1.provedBatches[1]!.timestamp).toBe(1200n)
    expect(v1.canonical).toBe(true)
  })

  it('version 5 (v33) is not supported yet; so is a byte the selector’s era does not use', () => {
    const e = expectNotSupportedYet(
      () => decodeProveCalldata(rangeCall(PROVE_V29, ZeroAddress, proveData(5, 10))),
      5,
    )
    expect(e.call).toBe('prove')
    expectNotSupportedYet(() => decodeProveCalldata(rangeCall(PROVE_V26, 324n, proveData(1, 9))), 1)
    expectNotSupportedYet(() => decodeProveCalldata(rangeCall(PROVE_V29, ZeroAddress, proveData(0, 8))), 0)
  })
})

describe('execute calldata per encoding version', () => {
  it('every execute selector is keccak(signature)[0..4]', () => {
    for (const e of EXECUTE_ENCODINGS) expect(id(e.signature).slice(0, 10)).toBe(e.selector)
  })

  it('version 0: v26–v28 (batches, priority ops)', () => {
    const d = decodeExecuteCalldata(rangeCall(EXECUTE_V26, 324n, executeData(0, 'v26')))
    expect(d.encodingVersion).toBe(0)
    expect(d.chainId).toBe(324n)
    expect(d.batches.map((b) => b.batchNumber)).toEqual([11n, 12n])
    expect(d.memberCounts).toEqual({ priorityOpsData: 2 })
    expect(d.canonical).toBe(true)
  })

  it('version 1 carries two layouts: v29–v30 and v31 (the draft-v31 test vector), told apart by the table', () => {
    const v29 = decodeExecuteCalldata(rangeCall(EXECUTE_V29, ZeroAddress, executeData(1, 'v29')))
    expect(v29.layout!.fromProtocolVersion).toBe(29)
    expect(v29.memberCounts).toEqual({ priorityOpsData: 2, dependencyRoots: 2 })
    expect(v29.canonical).toBe(true)
    const v31 = decodeExecuteCalldata(rangeCall(EXECUTE_V29, ZeroAddress, executeData(1, 'v31')))
    expect(v31.layout!.fromProtocolVersion).toBe(31)
    expect(v31.batches.map((b) => b.timestamp)).toEqual([1100n, 1200n])
    expect(v31.memberCounts).toMatchObject({ logs: 2, messages: 2, multichainBatchRoots: 2 })
    expect(v31.settlementFeePayer).toBe(ZeroAddress)
    expect(v31.canonical).toBe(true)
    // With the protocol version given, the table decides: the v31 bytes read as v29–v30 are not canonical.
    const asV30 = decodeExecuteCalldata(rangeCall(EXECUTE_V29, ZeroAddress, executeData(1, 'v31')), 30)
    expect(asV30.layout!.fromProtocolVersion).toBe(29)
    expect(asV30.canonical).toBe(false)
  })

  it('version 5 (v33) and unknown bytes are not supported yet', () => {
    const e = expectNotSupportedYet(
      () => decodeExecuteCalldata(rangeCall(EXECUTE_V29, ZeroAddress, executeData(5, 'v33'))),
      5,
    )
    expect(e.call).toBe('execute')
    expectNotSupportedYet(
      () => decodeExecuteCalldata(rangeCall(EXECUTE_V29, ZeroAddress, executeData(7, 'v31'))),
      7,
    )
  })

  it('legacy and v23–v25 execute calls (no version byte) decode their batches', () => {
    const legacy = concatBytes(
      sel(EXECUTE_ENCODINGS[0]!.signature),
      hexToBytes(coder.encode([`${SBI(8)}[]`], [[storedBatch(11, 8)]]), 'call'),
    )
    expect(decodeExecuteCalldata(legacy).batches[0]!.batchNumber).toBe(11n)
    const v23 = concatBytes(
      sel(EXECUTE_ENCODINGS[1]!.signature),
      hexToBytes(coder.encode(['uint256', `${SBI(8)}[]`], [324n, [storedBatch(11, 8)]]), 'call'),
    )
    expect(decodeExecuteCalldata(v23).chainId).toBe(324n)
  })

  it('refuses other selectors, empty data and garbage as input errors, never a crash', () => {
    expect(() => decodeExecuteCalldata('0x12345678')).toThrow(/not a ZKsync Era execute call/)
    expect(() => decodeExecuteCalldata(rangeCall(EXECUTE_V29, ZeroAddress, new Uint8Array(0)))).toThrow(
      /EmptyData/,
    )
    expect(() => decodeExecuteCalldata(rangeCall(EXECUTE_V29, ZeroAddress, Uint8Array.of(1, 2, 3)))).toThrow(
      InputError,
    )
  })
})
