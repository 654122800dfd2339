import { z } from 'zod'
import { InputError } from '../../shared/errors'
import { bytesToHex, hexToBytes } from '../encoding/hex'
import { LIGHT_CLIENT_FORKS, type LightClientFork } from './forks'
import type { Network } from './networks'
import { CommitteeKeyCache, type LightClientStore } from './store'
import { forkTypes } from './sszTypes'
import type { LightClientHeader, LightClientUpdate, SyncCommittee } from './types'

/**
 * A LightClientStore as JSON, so a service can persist the last verified state and resume from it instead of
 * re-syncing from the checkpoint. Containers are kept as their fork's SSZ (hex), counters as decimal strings.
 * A restored store is a trust root of its own (its finalized header is a verified checkpoint): keep the file
 * where only this app writes it.
 */
const HEX = z
  .string()
  .regex(/^0x(?:[0-9a-fA-F]{2})*$/)
  .max(200_000)
const FORKED = z.object({ fork: z.enum(LIGHT_CLIENT_FORKS), ssz: HEX }).strict()

export const STORE_JSON = z
  .object({
    version: z.literal(1),
    network: z.string().max(64),
    finalizedHeader: FORKED,
    optimisticHeader: FORKED,
    currentSyncCommittee: HEX,
    nextSyncCommittee: HEX.nullable(),
    bestValidUpdate: FORKED.nullable(),
    previousMaxActiveParticipants: z
      .number()
      .int()
      .nonnegative()
      .max(1 << 20),
    currentMaxActiveParticipants: z
      .number()
      .int()
      .nonnegative()
      .max(1 << 20),
  })
  .strict()

export type StoreJson = z.infer<typeof STORE_JSON>

export function storeToJson(store: LightClientStore, network: Network): StoreJson {
  const header = (h: LightClientHeader) => ({
    fork: h.fork,
    ssz: bytesToHex(forkTypes(h.fork, network.preset).LightClientHeader.serialize(h)),
  })
  const committee = (c: SyncCommittee) =>
    bytesToHex(forkTypes('capella', network.preset).SyncCommittee.serialize(c))
  const update = (u: LightClientUpdate) => ({
    fork: u.fork,
    ssz: bytesToHex(forkTypes(u.fork, network.preset).LightClientUpdate.serialize(u)),
  })
  return {
    version: 1,
    network: network.name,
    finalizedHeader: header(store.finalizedHeader),
    optimisticHeader: header(store.optimisticHeader),
    currentSyncCommittee: committee(store.currentSyncCommittee),
    nextSyncCommittee: store.nextSyncCommittee ? committee(store.nextSyncCommittee) : null,
    bestValidUpdate: store.bestValidUpdate ? update(store.bestValidUpdate) : null,
    previousMaxActiveParticipants: store.previousMaxActiveParticipants,
    currentMaxActiveParticipants: store.currentMaxActiveParticipants,
  }
}

function decode<T>(what: string, f: () => unknown): T {
  try {
    return f() as T
  } catch (err) {
    throw new InputError(`stored light-client state: ${what}: ${(err as Error).message}`, 'input.store')
  }
}

export function storeFromJson(value: unknown, network: Network): LightClientStore {
  const parsed = STORE_JSON.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new InputError(
      `stored light-client state: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`,
      'input.store',
    )
  }
  const json = parsed.data
  if (json.network !== network.name) {
    throw new InputError(
      `stored light-client state is for ${json.network}, not ${network.name}`,
      'input.store',
    )
  }
  const header = (what: string, h: { fork: LightClientFork; ssz: string }): LightClientHeader => ({
    ...decode<Omit<LightClientHeader, 'fork'>>(what, () =>
      forkTypes(h.fork, network.preset).LightClientHeader.deserialize(hexToBytes(h.ssz)),
    ),
    fork: h.fork,
  })
  const committee = (what: string, hex: string): SyncCommittee =>
    decode(what, () => forkTypes('capella', network.preset).SyncCommittee.deserialize(hexToBytes(hex)))
  const best = json.bestValidUpdate
  return {
    finalizedHeader: header('finalizedHeader', json.finalizedHeader),
    optimisticHeader: header('optimisticHeader', json.optimisticHeader),
    currentSyncCommittee: committee('currentSyncCommittee', json.currentSyncCommittee),
    nextSyncCommittee: json.nextSyncCommittee ? committee('nextSyncCommittee', json.nextSyncCommittee) : null,
    bestValidUpdate: best
      ? (() => {
          const u = decode<Omit<LightClientUpdate, 'fork'>>('bestValidUpdate', () =>
            forkTypes(best.fork, network.preset).LightClientUpdate.deserialize(hexToBytes(best.ssz)),
          )
          return {
            ...u,
            fork: best.fork,
            attestedHeader: { ...u.attestedHeader, fork: best.fork },
            finalizedHeader: { ...u.finalizedHeader, fork: best.fork },
          }
        })()
      : null,
    previousMaxActiveParticipants: json.previousMaxActiveParticipants,
    currentMaxActiveParticipants: json.currentMaxActiveParticipants,
    committeeKeys: new CommitteeKeyCache(),
  }
}
