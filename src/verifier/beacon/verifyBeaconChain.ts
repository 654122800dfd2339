import { bytesToHex } from '../encoding/hex'
import { ReportBuilder, type Facts, type FactValue, type Report } from '../report'
import type { BlsBackend } from './blsBackend'
import { trustedExecutionHead } from './lightClientHeader'
import { syncCommitteePeriodAtSlot, type Network } from './networks'
import { processFinalityUpdate } from './processFinalityUpdate'
import { processOptimisticUpdate } from './processOptimisticUpdate'
import { processUpdate } from './processUpdate'
import type { LightClientStore } from './store'
import type {
  LightClientBootstrap,
  LightClientFinalityUpdate,
  LightClientHeader,
  LightClientOptimisticUpdate,
  LightClientUpdate,
} from './types'
import { verifyBootstrap } from './verifyBootstrap'

/** Everything one light-client sync needs, already parsed (see parseBeacon.ts). */
export interface BeaconEvidence {
  network: Network
  /** The trusted beacon block root (weak-subjectivity checkpoint). */
  checkpoint: Uint8Array
  bootstrap: LightClientBootstrap
  /** Period updates, any order (applied by attested slot). */
  updates: LightClientUpdate[]
  finalityUpdate?: LightClientFinalityUpdate
  optimisticUpdate?: LightClientOptimisticUpdate
  /** Wall-clock slot from the caller, if it has a clock; see ProcessUpdateOptions.currentSlot. */
  currentSlot?: bigint
}

export interface VerifyBeaconOptions {
  bls?: BlsBackend
}

export interface BeaconChainResult {
  report: Report
  /** The store after every valid step (null when the bootstrap failed): a service resumes from it. */
  store: LightClientStore | null
}

/** The facts of DESIGN.md §4 for one header: decimal strings for integers, lowercase hex for bytes. */
export function headFacts(header: LightClientHeader): Facts {
  const head = trustedExecutionHead(header)
  return {
    slot: head.slot.toString(),
    beaconRoot: bytesToHex(head.beaconRoot),
    executionBlockNumber: head.blockNumber.toString(),
    executionBlockHash: bytesToHex(head.blockHash),
    executionStateRoot: bytesToHex(head.stateRoot),
    executionReceiptsRoot: bytesToHex(head.receiptsRoot),
    executionTimestamp: head.timestamp.toString(),
  }
}

/**
 * The whole trust chain in one call: checkpoint → bootstrap → period updates → finality → optimistic.
 * Returns a report (subject `beacon`, trust root the checkpoint) whose facts are the finalized and
 * optimistic heads; facts are omitted when any required check failed.
 *
 * @example
 *   const { report } = verifyBeaconChain({ network: NETWORKS.mainnet, checkpoint, bootstrap, updates })
 */
export function verifyBeaconChain(
  evidence: BeaconEvidence,
  options: VerifyBeaconOptions = {},
): BeaconChainResult {
  const { network } = evidence
  const report = new ReportBuilder({
    kind: 'beacon',
    description: `Ethereum ${network.name} beacon chain light-client sync`,
    trustRoot: { kind: 'beacon-checkpoint', value: bytesToHex(evidence.checkpoint) },
  })
  const addChecks = (
    checks: {
      id: string
      title: string
      status: 'pass' | 'fail' | 'skip' | 'error'
      detail: string
      required: boolean
    }[],
  ) => {
    for (const c of checks) report.add(c.id, c.title, c.status, c.detail, { required: c.required })
  }

  const boot = verifyBootstrap(network, evidence.checkpoint, evidence.bootstrap)
  addChecks(boot.checks)
  let store = boot.store
  if (!store) return { report: report.build(), store: null }

  const common = { network, bls: options.bls, currentSlot: evidence.currentSlot }
  const ordered = evidence.updates
    .map((u, i) => ({ u, i }))
    .sort((a, b) =>
      a.u.attestedHeader.beacon.slot === b.u.attestedHeader.beacon.slot
        ? a.i - b.i
        : a.u.attestedHeader.beacon.slot < b.u.attestedHeader.beacon.slot
          ? -1
          : 1,
    )
  const seen = new Map<string, number>()
  for (const { u } of ordered) {
    const period = syncCommitteePeriodAtSlot(network, u.attestedHeader.beacon.slot).toString()
    const n = (seen.get(period) ?? 0) + 1
    seen.set(period, n)
    const label = n === 1 ? `beacon.update[${period}]` : `beacon.update[${period}#${n}]`
    const result = processUpdate(store, u, { ...common, label })
    addChecks(result.checks)
    store = result.store
  }
  if (evidence.finalityUpdate) {
    const result = processFinalityUpdate(store, evidence.finalityUpdate, common)
    addChecks(result.checks)
    store = result.store
  }
  if (evidence.optimisticUpdate) {
    const result = processOptimisticUpdate(store, evidence.optimisticUpdate, common)
    addChecks(result.checks)
    store = result.store
  }

  if (!report.hasFailure()) {
    report.fact('network', network.name)
    report.fact('finalized', headFacts(store.finalizedHeader) as FactValue)
    report.fact('optimistic', headFacts(store.optimisticHeader) as FactValue)
    report.fact(
      'syncCommitteePeriod',
      syncCommitteePeriodAtSlot(network, store.finalizedHeader.beacon.slot).toString(),
    )
    report.fact('nextSyncCommitteeKnown', store.nextSyncCommittee !== null)
  }
  return { report: report.build(), store }
}
