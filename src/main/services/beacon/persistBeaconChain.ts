import { bytesToHex } from '../../../verifier/encoding/hex'
import type { Network } from '../../../verifier/beacon/networks'
import { parseFinalityUpdate, parseOptimisticUpdate } from '../../../verifier/beacon/parseBeacon'
import type { SyncAggregate } from '../../../verifier/beacon/types'
import type { BeaconSectionResult } from '../../../verifier/evidence/beaconSection'
import { rawBytes } from '../../../verifier/evidence/schema'
import type { ServiceContext } from '../context'
import { saveBeaconState, type PersistedBeaconState } from './beaconStateFile'
import type { FetchedBeaconChain } from './fetchBeaconChain'

function signers(aggregate: SyncAggregate): number {
  let n = 0
  for (const byte of aggregate.syncCommitteeBits) for (let b = byte; b; b &= b - 1) n++
  return n
}

/**
 * Keeps what the verifier established, and only that: the new light-client state and the trusted head, when the
 * chain verified — unless the state on disk, from the same origin, is already further on.
 */
export async function persistVerifiedBeaconChain(
  ctx: ServiceContext,
  network: Network,
  run: {
    fetched: FetchedBeaconChain
    result: BeaconSectionResult
    stored: PersistedBeaconState | null
    createdAt: string
  },
): Promise<void> {
  const { fetched, result, stored, createdAt } = run
  const { choice, section } = fetched
  if (!result.finalized || !result.store || result.report.verdict !== 'verified') return
  const keepStored =
    stored !== null &&
    stored.file.origin.root === choice.origin.root &&
    stored.store.finalizedHeader.beacon.slot > result.store.finalizedHeader.beacon.slot
  if (keepStored) return
  await saveBeaconState(ctx.dataDir, network, result.store, {
    checkpoint: { root: choice.root, source: choice.source, slot: fetched.bootstrapSlot },
    origin:
      choice.source === 'last-verified' ? choice.origin : { ...choice.origin, slot: fetched.bootstrapSlot },
    verifiedAt: createdAt,
    endpoint: fetched.endpoint,
    participation: {
      finality: section.finality
        ? signers(parseFinalityUpdate(rawBytes(section.finality), network).syncAggregate)
        : 0,
      optimistic: section.optimistic
        ? signers(parseOptimisticUpdate(rawBytes(section.optimistic), network).syncAggregate)
        : 0,
      size: network.preset.syncCommitteeSize,
    },
  })
  await ctx.trustedHead.set({
    source: 'finalized',
    slot: result.finalized.slot.toString(),
    executionBlockNumber: result.finalized.blockNumber.toString(),
    executionBlockHash: bytesToHex(result.finalized.blockHash),
    executionStateRoot: bytesToHex(result.finalized.stateRoot),
    verifiedAt: createdAt,
  })
  ctx.events.emit('trusted-head', null)
}
