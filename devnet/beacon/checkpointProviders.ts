import { keccak_256 } from '@noble/hashes/sha3.js'
import { startDevServer, type DevServer } from '../servers/devServer'
import { beaconApiHandler, headerResponse } from './beaconApiServer'
import { honestSource } from './beaconLies'
import type { BeaconWorld } from './buildBeaconWorld'

/**
 * Checkpoint-sync providers over the world's beacon chain: independent beacon APIs a fresh client asks for a
 * finalized root (issue 23, item 3). `forged` is the provider that lies: it names a finalized header of its own
 * making (the real one with another state root, hashed honestly) and knows no other root, as a malicious provider
 * that wants a client on its chain would.
 */
export const CHECKPOINT_PROVIDER_LIES = ['forged'] as const
export type CheckpointProviderLie = (typeof CHECKPOINT_PROVIDER_LIES)[number]
export const CHECKPOINT_PROVIDER_LIE_HELP: Record<CheckpointProviderLie, string> = {
  forged:
    'the second checkpoint provider names a finalized header of its own making (another state root) and knows no other root',
}

export async function startCheckpointProviders(
  world: BeaconWorld,
  options: { count?: number; lie?: CheckpointProviderLie } = {},
): Promise<DevServer[]> {
  const source = honestSource(world)
  const honest = beaconApiHandler(world, () => source)
  const real = source.finalityUpdate().finalizedHeader.beacon
  // A new object field by field: a spread copy would carry the real header's cached hash_tree_root along.
  const forgedHeader = {
    slot: real.slot,
    proposerIndex: real.proposerIndex,
    parentRoot: real.parentRoot,
    stateRoot: keccak_256(real.stateRoot),
    bodyRoot: real.bodyRoot,
  }
  const forged = headerResponse(forgedHeader)
  const servers: DevServer[] = []
  for (let i = 0; i < (options.count ?? 2); i++) {
    const lying = options.lie === 'forged' && i === 1
    servers.push(
      await startDevServer(
        lying
          ? (req) => {
              const route = new URL(req.path, 'http://127.0.0.1').pathname.replace(/\/+$/, '')
              if (
                route === '/eth/v1/beacon/headers/finalized' ||
                route === `/eth/v1/beacon/headers/${forged.data.root}`
              )
                return {
                  status: 200,
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify(forged),
                }
              if (route.startsWith('/eth/v1/beacon/headers/'))
                return {
                  status: 404,
                  headers: { 'content-type': 'application/json' },
                  body: '{"code":404,"message":"not found"}',
                }
              return honest(req)
            }
          : honest,
      ),
    )
  }
  return servers
}
