import { z } from 'zod'
import { InputError } from '../../shared/errors'
import type { BlsBackend } from '../beacon/blsBackend'
import { trustedExecutionHead, type TrustedExecutionHead } from '../beacon/lightClientHeader'
import { createNetwork, networkByName, type Network } from '../beacon/networks'
import {
  parseBootstrap,
  parseFinalityUpdate,
  parseOptimisticUpdate,
  parseUpdates,
  MAX_UPDATES,
} from '../beacon/parseBeacon'
import { verifyBeaconChain } from '../beacon/verifyBeaconChain'
import type { LightClientStore } from '../beacon/store'
import { hexToBytes } from '../encoding/hex'
import { verdictOf, type Report } from '../report'
import { rawBytes, RawItemSchema, type RawItem } from './schema'

/**
 * The beacon part of an evidence file: the raw light-client objects from a checkpoint to a head, exactly as
 * the beacon API sent them. Every kind that rests on L1 (beacon sync, L1 balance, ZKsync batch and balance)
 * carries one, so its answer re-verifies from the checkpoint alone.
 */
export const BeaconSectionSchema = z
  .object({
    /** A built-in network name, or a whole network definition (devnets). */
    network: z.union([z.string().max(64), z.record(z.string(), z.unknown())]),
    bootstrap: RawItemSchema,
    updates: z.array(RawItemSchema).max(MAX_UPDATES),
    finality: RawItemSchema.nullable().optional(),
    optimistic: RawItemSchema.nullable().optional(),
  })
  .strict()
export type BeaconSection = z.infer<typeof BeaconSectionSchema>

export interface BeaconSectionResult {
  report: Report
  store: LightClientStore | null
  network: Network
  /** The verified heads, when every beacon check passed. */
  finalized: TrustedExecutionHead | null
  optimistic: TrustedExecutionHead | null
}

export function parseBeaconSection(value: unknown): BeaconSection {
  const parsed = BeaconSectionSchema.safeParse(value)
  if (!parsed.success)
    throw new InputError(
      `evidence beacon section: ${z.prettifyError(parsed.error).split('\n')[0]}`,
      'evidence.invalid',
    )
  return parsed.data
}

export function sectionNetwork(section: BeaconSection): Network {
  return typeof section.network === 'string' ? networkByName(section.network) : createNetwork(section.network)
}

/**
 * How far the newest verified head may lag the time the evidence was made. Finality trails the wall clock by
 * about two epochs and optimistic heads by seconds; a signed chain that simply stopped (an endpoint serving
 * a consistent but old chain) is internally valid, and only this bound reveals it. Generous, so a slow
 * network is not mistaken for a lie.
 */
export const MAX_HEAD_AGE_MS = 60 * 60 * 1000

/**
 * Whether the section itself requires its newest head to be recent. A caller whose answer rests on a newer
 * head than the section's own (a block signed by its child's sync aggregate) checks that head instead.
 */
export interface BeaconSectionOptions {
  freshness?: 'required' | 'caller'
}

function checkFreshness(report: Report, headSlot: bigint, currentSlot: bigint, network: Network): void {
  const maxSlots = BigInt(MAX_HEAD_AGE_MS / network.slotDurationMs)
  const behind = currentSlot - headSlot
  const minutes = (Number(behind) * network.slotDurationMs) / 60_000
  const fresh = behind <= maxSlots
  report.checks.push({
    id: 'beacon.head.fresh',
    title: 'The newest verified head is recent (not a stopped chain)',
    status: fresh ? 'pass' : 'fail',
    detail: fresh
      ? `head slot ${headSlot} is ${behind < 0n ? 0 : minutes.toFixed(0)} min behind the time of the evidence`
      : `head slot ${headSlot} is ${(minutes / 60).toFixed(1)} h behind the time of the evidence (at most ${MAX_HEAD_AGE_MS / 3_600_000} h): the endpoint serves a stale chain`,
    required: true,
  })
  report.verdict = verdictOf(report.checks)
  if (report.verdict !== 'verified') {
    for (const key of ['finalized', 'optimistic']) delete report.facts[key]
  }
}

/**
 * The freshness check is required: when the evidence has no usable time or its (inline) network no genesis
 * time, the head's age is unknown and the answer cannot be verified — incomplete, saying why, never a silent
 * skip beside a verified verdict.
 */
function unknownFreshness(report: Report, network: Network, created: number): void {
  report.checks.push({
    id: 'beacon.head.fresh',
    title: 'The newest verified head is recent (not a stopped chain)',
    status: 'skip',
    detail:
      network.genesisTime > 0n
        ? 'the evidence has no usable creation time, so the head’s age is unknown'
        : `network ${network.name} has no genesis time${Number.isFinite(created) ? '' : ' (and the evidence no usable creation time)'}, so the head’s age is unknown: give genesisTime in the network definition`,
    required: true,
  })
  report.verdict = verdictOf(report.checks)
  for (const key of ['finalized', 'optimistic']) delete report.facts[key]
}

/**
 * Verifies a beacon section from its checkpoint. `createdAt` (the evidence's own time) bounds which slots may
 * be signed, as a live client's clock would: the verifier itself has no clock.
 */
export function verifyBeaconSection(
  section: BeaconSection,
  checkpointHex: string,
  createdAt: string | undefined,
  bls?: BlsBackend,
  options: BeaconSectionOptions = {},
): BeaconSectionResult {
  const network = sectionNetwork(section)
  const checkpoint = hexToBytes(checkpointHex, 'beacon checkpoint', 32)
  const bytes = (item: RawItem) => rawBytes(item)
  const bootstrap = parseBootstrap(bytes(section.bootstrap), network)
  const updates = section.updates.flatMap((u, i) => parseUpdates(bytes(u), network, `updates[${i}]`))
  if (updates.length > MAX_UPDATES)
    throw new InputError(`more than ${MAX_UPDATES} updates`, 'input.too-large')
  const finalityUpdate = section.finality ? parseFinalityUpdate(bytes(section.finality), network) : undefined
  const optimisticUpdate = section.optimistic
    ? parseOptimisticUpdate(bytes(section.optimistic), network)
    : undefined
  const created = createdAt ? Date.parse(createdAt) : NaN
  const currentSlot =
    Number.isFinite(created) && network.genesisTime > 0n
      ? (BigInt(created) - network.genesisTime * 1000n) / BigInt(network.slotDurationMs)
      : undefined
  const { report, store } = verifyBeaconChain(
    { network, checkpoint, bootstrap, updates, finalityUpdate, optimisticUpdate, currentSlot },
    { bls },
  )
  if (store !== null && report.verdict === 'verified' && options.freshness !== 'caller') {
    if (currentSlot !== undefined)
      checkFreshness(report, store.optimisticHeader.beacon.slot, currentSlot, network)
    else unknownFreshness(report, network, created)
  }
  const ok = report.verdict === 'verified' && store !== null
  return {
    report,
    store,
    network,
    finalized: ok ? trustedExecutionHead(store.finalizedHeader) : null,
    optimistic: ok ? trustedExecutionHead(store.optimisticHeader) : null,
  }
}
