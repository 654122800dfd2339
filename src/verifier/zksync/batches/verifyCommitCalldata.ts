import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex, equalBytes } from '../../encoding/hex'
import { ReportBuilder, type FactValue, type Report } from '../../report'
import {
  checkLogFormat,
  checkPrevBatchHash,
  checkPriorityOps,
  checkRepeatedIndex,
  checkSequence,
  checkTimestamps,
  indexBatchLogs,
  type BatchLogs,
} from './checkCommitBatches'
import { LAYOUT_VERSIONS } from './commitEncodings'
import { deriveDataAvailability, type DataAvailability } from './dataAvailability'
import { decodeCommitCalldata, parseCalldataInput } from './decodeCommitCalldata'
import { UnsupportedEncodingVersionError } from './encodingVersions'
import { commitmentRuleFor, recomputeCommitment, type MetaParameters } from './recomputeCommitment'
import { bindStoredBatchInfo, storedBatchInfoHash } from './storedBatchInfo'
import type { DecodedCommitCalldata, StoredBatchInfo } from './types'

/**
 * Values that only L1 state can vouch for. The offline CLI has none of them, so the checks that need them are
 * skipped and marked optional; the online batch service passes them after proving them with eth_getProof.
 */
export interface CommitCalldataTrusted {
  /** storedBatchHashes[lastCommitted.batchNumber] from the diamond. */
  lastCommittedStoredBatchHash?: Uint8Array
  /** Protocol version in force when the batch was committed (diamond slot 33, minor part). */
  protocolVersion?: number
  /** L1 meta parameters at the commit block (slots 25, 23, 24, 58). */
  meta?: MetaParameters
  /** The commitment each batch must have, from its bound StoredBatchInfo or BlockCommit event. */
  commitments?: ReadonlyMap<bigint, Uint8Array>
  /** The commit transaction's blobVersionedHashes, for batches that publish blobs. */
  blobVersionedHashes?: readonly Uint8Array[]
}

const hex = bytesToHex
const dec = (v: bigint) => v.toString()

function storedBatchInfoFacts(sbi: StoredBatchInfo): Record<string, FactValue> {
  return {
    batchNumber: dec(sbi.batchNumber),
    batchHash: hex(sbi.batchHash),
    indexRepeatedStorageChanges: dec(sbi.indexRepeatedStorageChanges),
    numberOfLayer1Txs: dec(sbi.numberOfLayer1Txs),
    priorityOperationsHash: hex(sbi.priorityOperationsHash),
    ...(sbi.dependencyRootsRollingHash
      ? { dependencyRootsRollingHash: hex(sbi.dependencyRootsRollingHash) }
      : {}),
    l2LogsTreeRoot: hex(sbi.l2LogsTreeRoot),
    timestamp: dec(sbi.timestamp),
    commitment: hex(sbi.commitment),
    storedBatchInfoFields: sbi.dependencyRootsRollingHash ? 9 : 8,
    storedBatchHash: hex(storedBatchInfoHash(sbi)),
  }
}

function describe(d: DecodedCommitCalldata): string {
  const first = d.batches[0]?.batchNumber
  const last = d.batches[d.batches.length - 1]?.batchNumber
  const range =
    first === undefined ? 'no batches' : first === last ? `batch ${first}` : `batches ${first}–${last}`
  return `ZKsync Era commit calldata: ${range} (${d.selector}, protocol ${d.encoding.protocols})`
}

/**
 * Decodes commit calldata and checks that it is internally consistent: canonical ABI, batch numbers and state
 * roots chain from the last committed batch, system logs are well formed and agree with the batch fields and
 * the pubdata. `verified` means exactly that — the calldata is self-consistent — not that L1 accepted it: the
 * binding to `storedBatchHashes` and the commitment recomputation need L1 values (see CommitCalldataTrusted)
 * and are skipped (optional) without them, and required when they are given.
 *
 * Throws InputError for malformed input and unsupported selectors. A commit selector with a version byte that is
 * not decoded (yet) gives an incomplete report (`zksync.commit.encoding`, "encoding version N not supported yet").
 */
export function verifyCommitCalldata(
  input: string | Uint8Array,
  trusted: CommitCalldataTrusted = {},
): Report {
  // What the report is about, fixed: other calldata is another answer, which a question can name and bind
  // (question.calldataKeccak), since calldata alone is bound to nothing on L1.
  const calldataKeccak = bytesToHex(keccak_256(parseCalldataInput(input)))
  let decoded: DecodedCommitCalldata
  try {
    decoded = decodeCommitCalldata(input)
  } catch (err) {
    // A known commit selector whose version byte Lightproof does not decode (yet): incomplete, with the reason —
    // the calldata may be valid for an Executor Lightproof does not know, so it is never failed.
    if (!(err instanceof UnsupportedEncodingVersionError)) throw err
    return new ReportBuilder({
      kind: 'commit-batches',
      description: `ZKsync commit calldata with encoding version ${err.version}`,
      trustRoot: {
        kind: 'none',
        value: 'no trust root: internal consistency only (calldata, not bound to L1 storage)',
      },
    })
      .fact('calldataKeccak', calldataKeccak)
      .fact('encoding', { encodingVersion: err.version })
      .error('zksync.commit.encoding', 'Encoding version is one Lightproof decodes', err.message)
      .build()
  }
  const report = verifyDecodedCommit(decoded, trusted)
  return { ...report, facts: { calldataKeccak, ...report.facts } }
}

export function verifyDecodedCommit(
  decoded: DecodedCommitCalldata,
  trusted: CommitCalldataTrusted = {},
): Report {
  const { lastCommitted, batches, layout, encoding } = decoded
  const r = new ReportBuilder({
    kind: 'commit-batches',
    description: describe(decoded),
    trustRoot: {
      kind: 'none',
      value: 'no trust root: internal consistency only (calldata, not bound to L1 storage)',
    },
  })

  r.fact('selector', decoded.selector)
  r.fact('encoding', {
    signature: encoding.signature.split('(')[0]!,
    protocols: encoding.protocols,
    layout,
    ...(decoded.encodingVersion !== undefined ? { encodingVersion: decoded.encodingVersion } : {}),
  })
  if (decoded.chainId !== undefined) r.fact('chainId', dec(decoded.chainId))
  if (decoded.chainAddress !== undefined) r.fact('chainAddress', decoded.chainAddress)
  r.fact('lastCommitted', storedBatchInfoFacts(lastCommitted))
  r.fact(
    'batches',
    batches.map((b) => ({
      batchNumber: dec(b.batchNumber),
      timestamp: dec(b.timestamp),
      newStateRoot: hex(b.newStateRoot),
      indexRepeatedStorageChanges: dec(b.indexRepeatedStorageChanges),
      numberOfLayer1Txs: dec(b.numberOfLayer1Txs),
      priorityOperationsHash: hex(b.priorityOperationsHash),
    })),
  )

  r.pass(
    'zksync.commit.selector',
    'Selector is a supported Era commit',
    `${decoded.selector} ${encoding.signature.split('(')[0]} (${encoding.protocols}), ${layout} layout`,
  )
  r.expect(
    'zksync.commit.abi',
    'Calldata is canonical ABI (re-encodes to the same bytes)',
    decoded.canonical,
    `${batches.length} batch(es) decoded`,
    'decoded values re-encode to different bytes (dirty padding, trailing data or unusual offsets)',
  )

  const oneOnly = encoding.oneBatchOnly === 'always' || layout !== 'v18-v20'
  r.expect(
    'zksync.commit.batchCount',
    'Batch count is what the contract accepts',
    batches.length >= 1 && (!oneOnly || batches.length === 1),
    `${batches.length} batch(es)${oneOnly ? ' (this version commits exactly one)' : ''}`,
    batches.length === 0 ? 'no batches' : `${batches.length} batches; this version commits exactly one`,
  )

  if (decoded.processFrom !== undefined && decoded.processTo !== undefined) {
    const first = batches[0]?.batchNumber
    const last = batches[batches.length - 1]?.batchNumber
    r.expect(
      'zksync.commit.range',
      'Claimed batch range matches the batches in data',
      first === decoded.processFrom && last === decoded.processTo,
      `from ${decoded.processFrom} to ${decoded.processTo}`,
      `arguments say ${decoded.processFrom}–${decoded.processTo}, data holds ${first ?? '-'}–${last ?? '-'}`,
    )
  }

  const indexed: BatchLogs[] = batches.map((b) => indexBatchLogs(b, layout))
  const rule = (id: string, title: string, res: { ok: boolean; detail: string }) =>
    r.expect(id, title, res.ok, res.detail)
  rule(
    'zksync.commit.sequence',
    'Batch numbers follow the last committed batch',
    checkSequence(lastCommitted, indexed),
  )
  rule(
    'zksync.commit.indexRepeatedStorageChanges',
    'indexRepeatedStorageChanges never decreases (from the last committed batch on)',
    checkRepeatedIndex(lastCommitted, indexed),
  )
  rule(
    'zksync.commit.logs.format',
    'System logs are well formed (keys, senders, required set)',
    checkLogFormat(indexed),
  )
  rule(
    'zksync.commit.logs.prevBatchHash',
    "Each batch's PREV_BATCH_HASH log equals the previous state root (calldata-internal)",
    checkPrevBatchHash(lastCommitted, indexed, layout),
  )
  rule(
    'zksync.commit.logs.timestamps',
    'Batch timestamps agree with the SystemContext log',
    checkTimestamps(lastCommitted, indexed, layout),
  )
  rule(
    'zksync.commit.logs.priorityOps',
    'Priority-op hash and L1 tx count agree with the bootloader logs',
    checkPriorityOps(indexed, layout),
  )

  const das: DataAvailability[] = indexed.map((b) =>
    deriveDataAvailability(
      b.batch,
      layout,
      (k) => (k === undefined ? undefined : b.byKey.get(k)?.value),
      trusted.blobVersionedHashes,
    ),
  )
  const daFail = das.map((d, i) => ({ d, b: batches[i]! })).filter(({ d }) => d.status === 'fail')
  const daSkip = das.filter((d) => d.status === 'skip')
  const daDetail = das.map((d, i) => `batch ${batches[i]!.batchNumber}: ${d.detail}`).join('; ')
  if (daFail.length > 0)
    r.fail(
      'zksync.commit.da',
      'Pubdata / DA input agrees with the system logs',
      daFail.map(({ d, b }) => `batch ${b.batchNumber}: ${d.detail}`).join('; '),
    )
  else if (daSkip.length > 0)
    r.skip('zksync.commit.da', 'Pubdata / DA input agrees with the system logs', daDetail)
  else r.pass('zksync.commit.da', 'Pubdata / DA input agrees with the system logs', daDetail)

  // Binding of lastCommitted to L1: only with a storedBatchHash proven from the diamond.
  const bindTitle = 'lastCommitted hashes to storedBatchHashes[n] from L1'
  if (trusted.lastCommittedStoredBatchHash) {
    const binding = bindStoredBatchInfo(lastCommitted, trusted.lastCommittedStoredBatchHash)
    if (binding.bound)
      r.pass(
        'zksync.commit.lastCommitted.binding',
        bindTitle,
        `${binding.layout}-field layout matches ${hex(binding.hash)}`,
      )
    else
      r.fail(
        'zksync.commit.lastCommitted.binding',
        bindTitle,
        `expected ${hex(trusted.lastCommittedStoredBatchHash)}; ${binding.tried.map((t) => `${t.layout}-field ${hex(t.hash)}`).join(', ')}`,
      )
  } else {
    r.skip(
      'zksync.commit.lastCommitted.binding',
      bindTitle,
      'needs storedBatchHashes[n] proven from L1 (online); hash reported as a fact',
      { required: false },
    )
  }

  addCommitmentCheck(r, decoded, das, trusted)
  return r.build()
}

function addCommitmentCheck(
  r: ReportBuilder,
  decoded: DecodedCommitCalldata,
  das: readonly DataAvailability[],
  trusted: CommitCalldataTrusted,
): void {
  const id = 'zksync.commit.commitment'
  const title = 'Recomputed batch commitment equals the L1 commitment'
  const { protocolVersion, meta, commitments } = trusted
  if (protocolVersion === undefined || !meta || !commitments) {
    r.skip(id, title, 'needs protocol version, L1 meta hashes and the bound commitment (online)', {
      required: false,
    })
    return
  }
  const range = LAYOUT_VERSIONS[decoded.layout]
  if (protocolVersion < range.from || protocolVersion > range.to) {
    r.fail(
      id,
      title,
      `protocol version ${protocolVersion} does not use the ${decoded.layout} calldata layout`,
    )
    return
  }
  commitmentRuleFor(protocolVersion)
  const failures: string[] = []
  const missing: string[] = []
  const computed: FactValue[] = []
  decoded.batches.forEach((b, i) => {
    const da = das[i]!
    const expected = commitments.get(b.batchNumber)
    if (!expected) return missing.push(`batch ${b.batchNumber}: no L1 commitment given`)
    if (!da.stateDiffHash || !da.blobs)
      return missing.push(`batch ${b.batchNumber}: ${da.blobsMissing ?? da.detail}`)
    const hashes = recomputeCommitment({
      protocolVersion,
      indexRepeatedStorageChanges: b.indexRepeatedStorageChanges,
      newStateRoot: b.newStateRoot,
      meta,
      aux: {
        kind: 'boojum',
        systemLogs: b.systemLogs,
        stateDiffHash: da.stateDiffHash,
        bootloaderHeapInitialContentsHash: b.bootloaderHeapInitialContentsHash,
        eventsQueueStateHash: b.eventsQueueStateHash,
        blobs: da.blobs,
      },
    })
    computed.push({ batchNumber: dec(b.batchNumber), commitment: hex(hashes.commitment) })
    if (!equalBytes(hashes.commitment, expected))
      failures.push(`batch ${b.batchNumber}: recomputed ${hex(hashes.commitment)} ≠ L1 ${hex(expected)}`)
    return undefined
  })
  if (computed.length > 0) r.fact('recomputedCommitments', computed)
  if (failures.length > 0) r.fail(id, title, failures.join('; '))
  else if (missing.length > 0) r.skip(id, title, missing.join('; '))
  else r.pass(id, title, `${decoded.batches.length} batch(es) at protocol v${protocolVersion}`)
}
