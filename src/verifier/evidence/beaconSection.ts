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
import type { Report } from '../report'
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
 * Verifies a beacon section from its checkpoint. `createdAt` (the evidence's own time) bounds which slots may
 * be signed, as a live client's clock would: the verifier itself has no clock.
 */
export function verifyBeaconSection(
  section: BeaconSection,
  checkpointHex: string,
  createdAt: string | undefined,
  bls?: BlsBackend,
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
  const ok = report.verdict === 'verified' && store !== null
  return {
    report,
    store,
    network,
    finalized: ok ? trustedExecutionHead(store.finalizedHeader) : null,
    optimistic: ok ? trustedExecutionHead(store.optimisticHeader) : null,
  }
}
