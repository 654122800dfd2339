import type { NetworkJson } from '../../verifier/beacon/networks'

/**
 * The test world's consensus network, as one row of the verifier's network table (src/verifier/beacon/networks.ts
 * registers it under its name). Pure data and pure functions: the verifier imports this file, so it must run in a
 * browser (no node:*, no clock).
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

export const LIGHTPROOF_DEVNET = {
  name: DEVNET_NETWORK_NAME,
  genesisValidatorsRoot: '0xbcd03d4cab35c19ca755d6564d0f9219374844a6b24c944ffd0dba4212e835d5',
  genesisTime: '1735689600',
  slotDurationMs: 12000,
  preset: 'mainnet',
  forks: [
    { name: 'phase0', version: '0x4c500000', epoch: 0 },
    { name: 'altair', version: '0x4c500001', epoch: 0 },
    { name: 'bellatrix', version: '0x4c500002', epoch: 0 },
    { name: 'capella', version: '0x4c500003', epoch: 0 },
    { name: 'deneb', version: '0x4c500004', epoch: 0 },
    { name: 'electra', version: '0x4c500005', epoch: 0 },
    { name: 'fulu', version: '0x4c500006', epoch: null },
    { name: 'gloas', version: '0x4c500007', epoch: null },
  ],
} as const satisfies NetworkJson

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
