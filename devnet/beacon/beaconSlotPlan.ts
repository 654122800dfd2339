import { devnetSlotAt, type WorldTime } from './devnetNetwork'

/**
 * Where the world's beacon blocks sit, from the wall-clock slot of `now` (mainnet preset: 32-slot epochs,
 * 8192-slot sync-committee periods). A light client syncing from the checkpoint walks:
 *
 *   bootstrap (period P-2) → update P-2 → update P-1 → update P (finalizes the head) → finality → optimistic
 *
 * - bootstrap: an epoch-boundary block early in period P-2 (the checkpoint, ~2 days old);
 * - one LightClientUpdate per period P-2 and P-1, attested mid-period, finalizing 2 epochs back, each carrying
 *   the next period's committee (rotation);
 * - update P and the finality update share the head: finalized `finalized` (an epoch boundary ~3 epochs
 *   before now, carrying the caller's execution payload), attested 2 epochs later, signed one slot after;
 * - the optimistic update attests `now - 1` and is signed at `now`, possibly already in period P+1 (the
 *   store knows that committee from update P).
 * Update P, the finality update and the attested block are kept inside period P, so update P is signed by a
 * committee the store already knows.
 */
export const SLOTS_PER_EPOCH = 32n
export const SLOTS_PER_PERIOD = 8192n

export interface PeriodUpdateSlots {
  period: bigint
  finalized: bigint
  attested: bigint
  signature: bigint
}

export interface BeaconSlotPlan {
  /** The wall-clock slot of `now`: the optimistic update's signature slot. */
  currentSlot: bigint
  bootstrap: bigint
  /** Periods P-2, P-1 and P, in order; the last one's slots are the head's. */
  updates: PeriodUpdateSlots[]
  /** The head: the block carrying the caller's execution payload. */
  finalized: bigint
  attested: bigint
  signature: bigint
  optimisticAttested: bigint
  optimisticSignature: bigint
}

export function periodOf(slot: bigint): bigint {
  return slot / SLOTS_PER_PERIOD
}

export function epochOf(slot: bigint): bigint {
  return slot / SLOTS_PER_EPOCH
}

export function planBeaconSlots(now: WorldTime): BeaconSlotPlan {
  const current = devnetSlotAt(now)
  if (current < 3n * SLOTS_PER_PERIOD + 256n) {
    throw new RangeError('world time: the devnet needs 3 sync-committee periods of history (about 3.5 days)')
  }
  // The head: an epoch boundary 96–127 slots back, so finality trails "now" as it does on mainnet.
  let finalized = ((current - 96n) / SLOTS_PER_EPOCH) * SLOTS_PER_EPOCH
  if (periodOf(finalized + 65n) !== periodOf(finalized)) {
    finalized = periodOf(finalized + 65n) * SLOTS_PER_PERIOD - 3n * SLOTS_PER_EPOCH
  }
  const attested = finalized + 2n * SLOTS_PER_EPOCH
  const signature = attested + 1n
  const headPeriod = periodOf(finalized)
  const updates: PeriodUpdateSlots[] = []
  for (let period = headPeriod - 2n; period < headPeriod; period++) {
    const mid = period * SLOTS_PER_PERIOD + SLOTS_PER_PERIOD / 2n
    updates.push({ period, finalized: mid - 2n * SLOTS_PER_EPOCH, attested: mid, signature: mid + 1n })
  }
  updates.push({ period: headPeriod, finalized, attested, signature })
  return {
    currentSlot: current,
    bootstrap: (headPeriod - 2n) * SLOTS_PER_PERIOD + 2n * SLOTS_PER_EPOCH,
    updates,
    finalized,
    attested,
    signature,
    optimisticAttested: current - 1n,
    optimisticSignature: current,
  }
}
