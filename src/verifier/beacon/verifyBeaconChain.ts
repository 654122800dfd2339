import { bytesToHex } from '../encoding/hex'
import { ReportBuilder, type Check, type Facts, type FactValue, type Report } from '../report'
import type { BlsBackend } from './blsBackend'
import { beaconBlockRoot, trustedExecutionHead } from './lightClientHeader'
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
export interface BeaconEvidence extends BeaconStoreInput {
  network: Network
  /** The trusted beacon block root (weak-subjectivity checkpoint). */
  checkpoint: Uint8Array
  bootstrap: LightClientBootstrap
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

/** Period updates, then finality, then optimistic, applied to a store (a service's resume path). */
export interface BeaconStoreInput {
  /** Period updates, any order (applied by attested slot). */
  updates: LightClientUpdate[]
  finalityUpdate?: LightClientFinalityUpdate
  optimisticUpdate?: LightClientOptimisticUpdate
  /** Wall-clock slot from the caller, if it has a clock; see ProcessUpdateOptions.currentSlot. */
  currentSlot?: bigint
}

/**
 * Applies updates to a verified store and returns every check and the resulting store. Invalid updates leave
 * the store as it was and are reported; later ones are still tried (they may not need the rejected one).
 */
export function advanceBeaconStore(
  network: Network,
  store: LightClientStore,
  input: BeaconStoreInput,
  options: VerifyBeaconOptions = {},
): { store: LightClientStore; checks: Check[] } {
  const checks: Check[] = []
  const common = { network, bls: options.bls, currentSlot: input.currentSlot }
  const ordered = input.updates
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
    checks.push(...result.checks)
    store = result.store
  }
  if (input.finalityUpdate) {
    const result = processFinalityUpdate(store, input.finalityUpdate, common)
    checks.push(...result.checks)
    store = result.store
  }
  if (input.optimisticUpdate) {
    const result = processOptimisticUpdate(store, input.optimisticUpdate, common)
    checks.push(...result.checks)
    store = result.store
  }
  return { store, checks }
}

function finish(report: ReportBuilder, network: Network, store: LightClientStore): Report {
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
  return report.build()
}

function addChecks(report: ReportBuilder, checks: readonly Check[]): void {
  for (const c of checks) report.add(c.id, c.title, c.status, c.detail, { required: c.required })
}

/**
 * The whole trust chain in one call: checkpoint → bootstrap → period updates → finality → optimistic.
 * Returns a report (subject `beacon-chain`, trust root the checkpoint) whose facts are the finalized and
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
    kind: 'beacon-chain',
    description: `Ethereum ${network.name} beacon chain light-client sync`,
    trustRoot: { kind: 'beacon-checkpoint', value: bytesToHex(evidence.checkpoint) },
  })
  const boot = verifyBootstrap(network, evidence.checkpoint, evidence.bootstrap)
  addChecks(report, boot.checks)
  if (!boot.store) return { report: report.build(), store: null }
  const advanced = advanceBeaconStore(network, boot.store, evidence, options)
  addChecks(report, advanced.checks)
  return { report: finish(report, network, advanced.store), store: advanced.store }
}

/**
 * A service's resume path: updates applied to a store verified earlier (for example restored with
 * `storeFromJson`). The trust root is that store's finalized block root.
 */
export function resumeBeaconChain(
  network: Network,
  store: LightClientStore,
  input: BeaconStoreInput,
  options: VerifyBeaconOptions = {},
): BeaconChainResult {
  const report = new ReportBuilder({
    kind: 'beacon-chain',
    description: `Ethereum ${network.name} beacon chain light-client sync, resumed at finalized slot ${store.finalizedHeader.beacon.slot}`,
    trustRoot: { kind: 'beacon-checkpoint', value: bytesToHex(beaconBlockRoot(store.finalizedHeader)) },
  })
  const advanced = advanceBeaconStore(network, store, input, options)
  addChecks(report, advanced.checks)
  if (advanced.checks.length === 0) report.skip('beacon.resume', 'Nothing to apply', 'no updates were given')
  return { report: finish(report, network, advanced.store), store: advanced.store }
}
