import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { errorMessage } from '../../../shared/errors'
import { bytesToHex } from '../../../verifier/encoding/hex'
import { beaconBlockRoot } from '../../../verifier/beacon/lightClientHeader'
import type { Network } from '../../../verifier/beacon/networks'
import type { LightClientStore } from '../../../verifier/beacon/store'
import { storeFromJson, storeToJson } from '../../../verifier/beacon/storeCodec'
import { CHECKPOINT_SOURCES } from '../../../verifier/evidence/beaconCheckpoint'
import { writeFileAtomic } from '../../store/atomicFile'
import type { CheckpointOrigin, StoredCheckpoint } from './checkpointSources'

/**
 * The last verified light-client state on disk, so a restart resumes from it instead of re-syncing: the
 * store (storeToJson: headers and committees as SSZ) and how it came to be trusted. Written atomically and
 * only after a verified sync. Whoever can write this file can choose the app's trust root, exactly like
 * settings.json; it lives in the user's private data folder (mode 0600).
 */
const ROOT = z.string().regex(/^0x[0-9a-f]{64}$/)
const SLOT = z.string().regex(/^[0-9]{1,20}$/)

export const BeaconStateFileSchema = z
  .object({
    format: z.literal('lightproof-beacon-store'),
    version: z.literal(1),
    network: z.string().max(64),
    /** storeToJson; validated by storeFromJson. */
    store: z.unknown(),
    /** The root the sync that produced this state started from. */
    checkpoint: z.object({ root: ROOT, source: z.enum(CHECKPOINT_SOURCES), slot: SLOT }).strict(),
    /** The root the chain of syncs began at (a pin or the shipped checkpoint). */
    origin: z.object({ root: ROOT, source: z.enum(['pinned', 'shipped']), slot: SLOT.nullable() }).strict(),
    verifiedAt: z.string().max(64),
    endpoint: z.string().max(512),
    /** Signers of the last finality and optimistic updates, out of the committee size. */
    participation: z
      .object({
        finality: z.number().int().nonnegative().nullable(),
        optimistic: z.number().int().nonnegative().nullable(),
        size: z.number().int().positive(),
      })
      .strict(),
  })
  .strict()
export type BeaconStateFile = z.infer<typeof BeaconStateFileSchema>

export interface PersistedBeaconState {
  file: BeaconStateFile
  store: LightClientStore
  /** The store's finalized block root: the next sync's checkpoint. */
  finalizedRoot: string
}

/** `beacon-store.json` for mainnet; other networks keep theirs beside it so switching loses nothing. */
export function beaconStatePath(dataDir: string, network: string): string {
  return join(dataDir, network === 'mainnet' ? 'beacon-store.json' : `beacon-store.${network}.json`)
}

export interface LoadedBeaconState {
  state: PersistedBeaconState | null
  /** Set when a file was there but unusable: it was moved aside, and why. */
  notice: string | null
}

/**
 * Reads the persisted state. A file that does not parse, fails validation, or is for another network is
 * moved aside (kept for inspection, never silently deleted) and the caller falls back to the next source.
 */
export async function loadBeaconState(dataDir: string, network: Network): Promise<LoadedBeaconState> {
  const path = beaconStatePath(dataDir, network.name)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: null, notice: null }
    return { state: null, notice: `cannot read ${path}: ${errorMessage(err)}` }
  }
  try {
    if (text.length > 4 * 1024 * 1024) throw new Error('file is over 4 MiB')
    const file = BeaconStateFileSchema.parse(JSON.parse(text))
    if (file.network !== network.name) throw new Error(`it is for ${file.network}, not ${network.name}`)
    const store = storeFromJson(file.store, network)
    return {
      state: { file, store, finalizedRoot: bytesToHex(beaconBlockRoot(store.finalizedHeader)) },
      notice: null,
    }
  } catch (err) {
    const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
    const why = err instanceof z.ZodError ? z.prettifyError(err).split('\n')[0] : errorMessage(err)
    try {
      await rename(path, aside)
    } catch {
      return {
        state: null,
        notice: `the stored light-client state is unusable (${why}) and could not be moved aside`,
      }
    }
    return {
      state: null,
      notice: `the stored light-client state was unusable (${why}); kept aside as ${aside}; the next sync starts from the next checkpoint source`,
    }
  }
}

export function storedCheckpoint(state: PersistedBeaconState): StoredCheckpoint {
  const { file } = state
  return {
    root: state.finalizedRoot,
    slot: state.store.finalizedHeader.beacon.slot,
    origin: {
      root: file.origin.root,
      source: file.origin.source,
      slot: file.origin.slot === null ? null : BigInt(file.origin.slot),
    },
    verifiedAt: file.verifiedAt,
  }
}

export async function saveBeaconState(
  dataDir: string,
  network: Network,
  store: LightClientStore,
  meta: {
    checkpoint: { root: string; source: BeaconStateFile['checkpoint']['source']; slot: bigint }
    origin: CheckpointOrigin
    verifiedAt: string
    endpoint: string
    participation: BeaconStateFile['participation']
  },
): Promise<void> {
  const file: BeaconStateFile = {
    format: 'lightproof-beacon-store',
    version: 1,
    network: network.name,
    store: storeToJson(store, network),
    checkpoint: { ...meta.checkpoint, slot: meta.checkpoint.slot.toString() },
    origin: { ...meta.origin, slot: meta.origin.slot === null ? null : meta.origin.slot.toString() },
    verifiedAt: meta.verifiedAt,
    endpoint: meta.endpoint,
    participation: meta.participation,
  }
  await writeFileAtomic(beaconStatePath(dataDir, network.name), JSON.stringify(file) + '\n')
}
