import { bytesToBigint, bytesToHex, equalBytes } from '../../encoding/hex'
import type { CommitLayout } from './commitEncodings'
import { parseSystemLogs, systemSender, type SystemLog } from './systemLogs'
import { keyFor, SYSTEM_LOG_KEYS } from './systemLogKeys'
import type { CommitBatchInfo, StoredBatchInfo } from './types'

/**
 * The rules `Executor._commitOneBatch` / `_processL2Logs` apply to each new batch, evaluated on the calldata
 * alone (zksync.md §1.4): batches follow the last committed one, the PREV_BATCH_HASH log links state roots,
 * the packed timestamp log matches the batch timestamp, and the bootloader's priority-op logs match the
 * batch's priority fields. Each rule is one check over all batches so check ids stay stable.
 */
export interface RuleResult {
  ok: boolean
  detail: string
}

export interface BatchLogs {
  batch: CommitBatchInfo
  /** Undefined when the systemLogs bytes are malformed. */
  logs?: SystemLog[]
  byKey: Map<number, SystemLog>
  problems: string[]
}

/** The previous batch as the commit sees it: lastCommitted for the first new batch, then the batch before. */
interface Previous {
  batchNumber: bigint
  stateRoot: Uint8Array
  timestamp: bigint
}

function label(b: CommitBatchInfo): string {
  return `batch ${b.batchNumber}`
}

/** Parses and indexes each batch's system logs, recording what `_processL2Logs` would reject. */
export function indexBatchLogs(batch: CommitBatchInfo, layout: CommitLayout): BatchLogs {
  const parsed = parseSystemLogs(batch.systemLogs)
  const byKey = new Map<number, SystemLog>()
  if (!parsed.ok) return { batch, byKey, problems: [`systemLogs ${parsed.reason}`] }
  const specs = SYSTEM_LOG_KEYS[layout]
  const problems: string[] = []
  for (const log of parsed.logs) {
    const spec = log.key < 256n ? specs.find((s) => BigInt(s.key) === log.key) : undefined
    if (!spec) {
      problems.push(`unexpected system log key ${log.key}`)
      continue
    }
    if (byKey.has(spec.key)) problems.push(`system log key ${spec.key} appears twice`)
    if (spec.sender !== null && systemSender(log.sender) !== spec.sender)
      problems.push(`key ${spec.key} from ${bytesToHex(log.sender)}, expected 0x${spec.sender.toString(16)}`)
    byKey.set(spec.key, log)
  }
  for (const s of specs)
    if (s.required && !byKey.has(s.key)) problems.push(`missing system log key ${s.key} (${s.role})`)
  return { batch, logs: parsed.logs, byKey, problems }
}

function summarise(batches: readonly BatchLogs[], failures: string[], okText: string): RuleResult {
  return failures.length === 0
    ? { ok: true, detail: `${batches.length} batch(es): ${okText}` }
    : { ok: false, detail: failures.join('; ') }
}

export function checkLogFormat(batches: readonly BatchLogs[]): RuleResult {
  const failures = batches.flatMap((b) => b.problems.map((p) => `${label(b.batch)}: ${p}`))
  return summarise(
    batches,
    failures,
    'every system log key known, once, from its system contract; required keys present',
  )
}

function previousOf(lastCommitted: StoredBatchInfo, batches: readonly BatchLogs[], i: number): Previous {
  const prev = batches[i - 1]?.batch
  return prev
    ? { batchNumber: prev.batchNumber, stateRoot: prev.newStateRoot, timestamp: prev.timestamp }
    : {
        batchNumber: lastCommitted.batchNumber,
        stateRoot: lastCommitted.batchHash,
        timestamp: lastCommitted.timestamp,
      }
}

export function checkSequence(lastCommitted: StoredBatchInfo, batches: readonly BatchLogs[]): RuleResult {
  const failures: string[] = []
  batches.forEach((b, i) => {
    const prev = previousOf(lastCommitted, batches, i)
    if (b.batch.batchNumber !== prev.batchNumber + 1n)
      failures.push(`${label(b.batch)} follows ${prev.batchNumber}, expected ${prev.batchNumber + 1n}`)
  })
  if (batches.length === 0) failures.push('no batches')
  return summarise(batches, failures, `consecutive after last committed batch ${lastCommitted.batchNumber}`)
}

/**
 * `indexRepeatedStorageChanges` is the state tree's enumeration counter after the batch: every new storage key
 * takes the next index, so it never decreases from one batch to the next (lastCommitted first). A commit
 * whose counters go backwards describes no possible tree history.
 */
export function checkRepeatedIndex(
  lastCommitted: StoredBatchInfo,
  batches: readonly BatchLogs[],
): RuleResult {
  const failures: string[] = []
  batches.forEach((b, i) => {
    const prev = batches[i - 1]?.batch
    const before = prev ? prev.indexRepeatedStorageChanges : lastCommitted.indexRepeatedStorageChanges
    const from = prev ? `batch ${prev.batchNumber}` : `last committed batch ${lastCommitted.batchNumber}`
    if (b.batch.indexRepeatedStorageChanges < before)
      failures.push(
        `${label(b.batch)}: indexRepeatedStorageChanges ${b.batch.indexRepeatedStorageChanges} is below ${from}'s ${before}`,
      )
  })
  return summarise(batches, failures, 'indexRepeatedStorageChanges never decreases')
}

export function checkPrevBatchHash(
  lastCommitted: StoredBatchInfo,
  batches: readonly BatchLogs[],
  layout: CommitLayout,
): RuleResult {
  const key = keyFor(layout, 'prevBatchHash')!
  const failures: string[] = []
  batches.forEach((b, i) => {
    const prev = previousOf(lastCommitted, batches, i)
    const log = b.byKey.get(key)
    if (!log) failures.push(`${label(b.batch)}: no PREV_BATCH_HASH log`)
    else if (!equalBytes(log.value, prev.stateRoot))
      failures.push(
        `${label(b.batch)}: log key ${key} ${bytesToHex(log.value)} ≠ previous state root ${bytesToHex(prev.stateRoot)}`,
      )
  })
  return summarise(batches, failures, `PREV_BATCH_HASH log equals the previous batch's state root`)
}

const LOW_128 = (1n << 128n) - 1n

export function checkTimestamps(
  lastCommitted: StoredBatchInfo,
  batches: readonly BatchLogs[],
  layout: CommitLayout,
): RuleResult {
  const key = keyFor(layout, 'packedTimestamps')!
  const failures: string[] = []
  batches.forEach((b, i) => {
    const prev = previousOf(lastCommitted, batches, i)
    const log = b.byKey.get(key)
    if (!log) return failures.push(`${label(b.batch)}: no PACKED_BATCH_AND_L2_BLOCK_TIMESTAMP log`)
    const packed = bytesToBigint(log.value)
    const batchTs = packed >> 128n
    const lastL2BlockTs = packed & LOW_128
    // `_verifyBatchTimestamp`: "tb" and "h3".
    if (batchTs !== b.batch.timestamp)
      failures.push(
        `${label(b.batch)}: log batch timestamp ${batchTs} ≠ calldata timestamp ${b.batch.timestamp}`,
      )
    if (batchTs <= prev.timestamp)
      failures.push(`${label(b.batch)}: timestamp ${batchTs} not after previous batch's ${prev.timestamp}`)
    // SystemContext: an L2 block of the batch cannot be older than the batch.
    if (lastL2BlockTs < batchTs)
      failures.push(
        `${label(b.batch)}: last L2 block timestamp ${lastL2BlockTs} before batch timestamp ${batchTs}`,
      )
    return undefined
  })
  return summarise(batches, failures, 'packed timestamp log matches; timestamps increase')
}

export function checkPriorityOps(batches: readonly BatchLogs[], layout: CommitLayout): RuleResult {
  const hashKey = keyFor(layout, 'chainedPriorityTxsHash')!
  const countKey = keyFor(layout, 'numberOfLayer1Txs')!
  const failures: string[] = []
  for (const b of batches) {
    const hashLog = b.byKey.get(hashKey)
    const countLog = b.byKey.get(countKey)
    // `_commitOneBatch`: "t" and "ta".
    if (!hashLog) failures.push(`${label(b.batch)}: no CHAINED_PRIORITY_TXN_HASH log`)
    else if (!equalBytes(hashLog.value, b.batch.priorityOperationsHash))
      failures.push(`${label(b.batch)}: priorityOperationsHash ≠ log key ${hashKey}`)
    if (!countLog) failures.push(`${label(b.batch)}: no NUMBER_OF_LAYER_1_TXS log`)
    else if (bytesToBigint(countLog.value) !== b.batch.numberOfLayer1Txs)
      failures.push(
        `${label(b.batch)}: numberOfLayer1Txs ${b.batch.numberOfLayer1Txs} ≠ log key ${countKey} (${bytesToBigint(countLog.value)})`,
      )
  }
  return summarise(batches, failures, 'priority operations hash and L1 tx count match the bootloader logs')
}
