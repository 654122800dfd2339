import { NETWORK_DATA } from '../../src/verifier/beacon/networks'

/**
 * The test world's consensus network. Its row lives in the verifier's network table
 * (src/verifier/beacon/networks.ts, `NETWORK_DATA['lightproof-devnet']`), so `--network lightproof-devnet` works
 * in the CLI, the services and the UI like any built-in network; this module names it and adds the clock maths
 * the world needs. The values:
 *
 * - genesis_validators_root: sha256("lightproof-devnet genesis_validators_root"), a fixed value that is no real
 *   network's, so a signature made for the devnet can never verify on mainnet or a testnet and vice versa.
 * - Fork versions `0x4c50 00 NN` ("LP", fork index): distinct from every public network's.
 * - Phase0 … Electra all active from epoch 0; Fulu and Gloas not scheduled (the verifier cross-checks Electra's
 *   fork digest in the updates-by-range framing, but not Fulu's, which mixes in the blob schedule).
 * - Genesis 2025-01-01T00:00:00Z with 12 s slots: fixed, so the network row is constant; the world places its
 *   head at the wall-clock slot of its `now`, so a head built "now" is as fresh as on a real chain.
 */
export const DEVNET_NETWORK_NAME = 'lightproof-devnet'

export const LIGHTPROOF_DEVNET = NETWORK_DATA[DEVNET_NETWORK_NAME]

export const DEVNET_GENESIS_TIME = BigInt(LIGHTPROOF_DEVNET.genesisTime)
export const DEVNET_SECONDS_PER_SLOT = BigInt(LIGHTPROOF_DEVNET.slotDurationMs / 1000)

/** A moment as unix seconds: a Date, milliseconds as `Date.now()` gives them (number), or seconds (bigint). */
export type WorldTime = Date | number | bigint

export function unixSeconds(time: WorldTime): bigint {
  if (typeof time === 'bigint') return time
  const ms = typeof time === 'number' ? time : time.getTime()
  if (!Number.isFinite(ms)) throw new RangeError('world time: not a valid time')
  return BigInt(Math.floor(ms / 1000))
}

/** The devnet slot in progress at a time (compute_slot_at_time); throws before genesis. */
export function devnetSlotAt(time: WorldTime): bigint {
  const seconds = unixSeconds(time)
  if (seconds < DEVNET_GENESIS_TIME)
    throw new RangeError('world time: before the devnet genesis (2025-01-01)')
  return (seconds - DEVNET_GENESIS_TIME) / DEVNET_SECONDS_PER_SLOT
}

/** compute_timestamp_at_slot: the time an execution payload of this slot must carry. */
export function devnetTimestampAt(slot: bigint): bigint {
  return DEVNET_GENESIS_TIME + slot * DEVNET_SECONDS_PER_SLOT
}
