import type { deneb, electra } from '@lodestar/types'
import { hexToBytes } from '../../src/verifier/encoding/hex'
import { syncCommitteeValue } from './beaconBlocks'
import {
  buildBeaconWorld,
  devnetForkVersion,
  syncCommitteeSigningRoot,
  type BeaconWorld,
} from './buildBeaconWorld'
import { deriveBeaconBytes, deriveSecretKey, drawCommittee, signWithKey } from './syncCommittees'

/**
 * Data lies of the beacon API (transport faults live in devServer.ts). Each lie is what a malicious or broken
 * beacon node could serve; each must end in a failed verdict naming the check in BEACON_LIE_CHECK. Lies about
 * the head touch the head period's update, the finality update and the optimistic update, so a client is
 * caught whichever of them it fetches; the checkpoint's bootstrap stays honest (it is pinned by the user).
 */
export const BEACON_LIES = [
  'wrong-state-root',
  'forged-signature',
  'low-participation',
  'wrong-fork-version',
  'stale-head',
  'swapped-committee',
  'equivocate',
  'frozen-head',
] as const
export type BeaconLie = (typeof BEACON_LIES)[number]

export const BEACON_LIE_HELP: Record<BeaconLie, string> = {
  'wrong-state-root':
    "the head's execution stateRoot is altered; its Merkle branch into body_root no longer matches",
  'forged-signature': 'head updates carry a well-formed BLS signature by a key outside the sync committee',
  'low-participation':
    'head updates are really signed, but by only 200 of 512 members (below 2/3 and the safety threshold)',
  'wrong-fork-version': "head updates are signed in mainnet Electra's domain instead of the devnet's",
  'stale-head': 'finality and optimistic updates are the previous period ones, older than the served updates',
  'swapped-committee':
    "every update's next sync committee is replaced by another set of keys (branch unchanged)",
  equivocate:
    'alternates per request between the honest chain and a self-consistent chain signed by an unknown committee',
  'frozen-head':
    'a consistent chain that stopped a period ago (newest update withheld): only a wall-clock freshness check catches it',
}

/**
 * The check id (pattern) a verification fails when the lie is served; what the tests assert. `frozen-head`
 * serves a valid, merely old chain, which verifyBeaconChain alone accepts (it has no clock); the evidence's
 * own time catches it in verifyBeaconSection (`beacon.head.fresh`), or on the head a caller uses.
 */
export const BEACON_LIE_CHECK: Record<BeaconLie, RegExp> = {
  'wrong-state-root': /^beacon\.[^.]+\.(finalized|attested)-execution-branch$/,
  'forged-signature': /^beacon\.[^.]+\.signature$/,
  'low-participation': /^beacon\.[^.]+\.participation$/,
  'wrong-fork-version': /^beacon\.[^.]+\.signature$/,
  'stale-head': /^beacon\.(finality|optimistic)\.(period|relevance|head)$/,
  'swapped-committee': /^beacon\.update\[[0-9]+\]\.next-committee-branch$/,
  equivocate: /^beacon\.[^.]+\.signature$/,
  'frozen-head': /^(beacon\.head\.fresh|l1\.head\.age)$/,
}

export function isBeaconLie(value: string): value is BeaconLie {
  return (BEACON_LIES as readonly string[]).includes(value)
}

/** What a beacon API serves: the honest world, or a lie over it. */
export interface BeaconSource {
  bootstrap(blockRoot: string): electra.LightClientBootstrap | undefined
  updates(startPeriod: bigint, count: bigint): electra.LightClientUpdate[]
  finalityUpdate(): electra.LightClientFinalityUpdate
  optimisticUpdate(): electra.LightClientOptimisticUpdate
}

export function honestSource(world: BeaconWorld): BeaconSource {
  return {
    bootstrap: (root) => world.bootstrapFor(root),
    updates: (start, count) => world.updatesByRange(start, count),
    finalityUpdate: () => world.finalityUpdate,
    optimisticUpdate: () => world.optimisticUpdate,
  }
}

/** mainnet's ELECTRA_FORK_VERSION: a real domain, just not this network's. */
const MAINNET_ELECTRA_VERSION = hexToBytes('0x05000000')
const LOW_PARTICIPANTS = 200

type SyncAggregate = electra.LightClientUpdate['syncAggregate']
type Signed = { attestedHeader: deneb.LightClientHeader; signatureSlot: number; syncAggregate: SyncAggregate }

/**
 * A source that tells one lie over the honest world. Lies are built once, here; `equivocate` builds a second,
 * self-consistent world from another seed (another validator set, another head payload) at the same slots.
 */
export function lyingSource(world: BeaconWorld, lie: BeaconLie): BeaconSource {
  const honest = honestSource(world)
  const headPeriodUpdate = world.updates.at(-1)!
  const isHeadUpdate = (u: electra.LightClientUpdate) => u === headPeriodUpdate
  const attestedRoot = (u: Signed) => world.blockAt(BigInt(u.attestedHeader.beacon.slot)).root

  /** The head update, finality and optimistic updates rewritten by `f` (a re-signing or a header change). */
  const overHead = (f: <T extends Signed>(u: T) => T): BeaconSource => {
    const head = f(headPeriodUpdate)
    const finality = f(world.finalityUpdate)
    const optimistic = f(world.optimisticUpdate)
    return {
      bootstrap: honest.bootstrap,
      updates: (start, count) => honest.updates(start, count).map((u) => (isHeadUpdate(u) ? head : u)),
      finalityUpdate: () => finality,
      optimisticUpdate: () => optimistic,
    }
  }
  const resign = (opts: Parameters<BeaconWorld['signAggregate']>[2]) =>
    overHead((u) => ({
      ...u,
      syncAggregate: world.signAggregate(attestedRoot(u), BigInt(u.signatureSlot), opts),
    }))

  /** The finality and optimistic updates a node showed one period ago (from the previous period's update). */
  const previousHead = () => {
    const previous = world.updates.at(-2)!
    const finality: electra.LightClientFinalityUpdate = {
      attestedHeader: previous.attestedHeader,
      finalizedHeader: previous.finalizedHeader,
      finalityBranch: previous.finalityBranch,
      syncAggregate: previous.syncAggregate,
      signatureSlot: previous.signatureSlot,
    }
    const optimistic: electra.LightClientOptimisticUpdate = {
      attestedHeader: previous.attestedHeader,
      syncAggregate: previous.syncAggregate,
      signatureSlot: previous.signatureSlot,
    }
    return { finality, optimistic }
  }

  switch (lie) {
    case 'wrong-state-root': {
      const altered = deriveBeaconBytes(world.seed, 'lie/state-root')
      const alter = (h: deneb.LightClientHeader): deneb.LightClientHeader => ({
        ...h,
        execution: { ...h.execution, stateRoot: altered },
      })
      const head: electra.LightClientUpdate = {
        ...headPeriodUpdate,
        finalizedHeader: alter(headPeriodUpdate.finalizedHeader),
      }
      const finality = {
        ...world.finalityUpdate,
        finalizedHeader: alter(world.finalityUpdate.finalizedHeader),
      }
      const optimistic = {
        ...world.optimisticUpdate,
        attestedHeader: alter(world.optimisticUpdate.attestedHeader),
      }
      return {
        bootstrap: honest.bootstrap,
        updates: (start, count) => honest.updates(start, count).map((u) => (isHeadUpdate(u) ? head : u)),
        finalityUpdate: () => finality,
        optimisticUpdate: () => optimistic,
      }
    }
    case 'forged-signature': {
      const forger = deriveSecretKey(world.seed, 'lie/forger')
      return overHead((u) => ({
        ...u,
        syncAggregate: {
          syncCommitteeBits: u.syncAggregate.syncCommitteeBits,
          syncCommitteeSignature: signWithKey(
            forger,
            syncCommitteeSigningRoot(attestedRoot(u), devnetForkVersion('electra')),
          ),
        },
      }))
    }
    case 'low-participation':
      return resign({ participants: LOW_PARTICIPANTS })
    case 'wrong-fork-version':
      return resign({ forkVersion: MAINNET_ELECTRA_VERSION })
    case 'stale-head': {
      const { finality, optimistic } = previousHead()
      return { ...honest, finalityUpdate: () => finality, optimisticUpdate: () => optimistic }
    }
    case 'frozen-head': {
      const { finality, optimistic } = previousHead()
      return {
        bootstrap: honest.bootstrap,
        updates: (start, count) => honest.updates(start, count).filter((u) => !isHeadUpdate(u)),
        finalityUpdate: () => finality,
        optimisticUpdate: () => optimistic,
      }
    }
    case 'swapped-committee': {
      const attacker = syncCommitteeValue(drawCommittee(world.validators, 'lie/attacker'))
      const swapped = new Map(world.updates.map((u) => [u, { ...u, nextSyncCommittee: attacker }]))
      return {
        ...honest,
        updates: (start, count) => honest.updates(start, count).map((u) => swapped.get(u) ?? u),
      }
    }
    case 'equivocate':
      return equivocatingSource(world, honest)
  }
}

/** The other chain an equivocating node shows: same slots, other validators, another head. */
export function equivocationWorld(world: BeaconWorld): BeaconWorld {
  const head = world.finalityUpdate.finalizedHeader.execution
  return buildBeaconWorld({
    seed: `${world.seed}/equivocate`,
    now: world.now,
    participants: world.participants,
    executionPayload: {
      ...head,
      stateRoot: deriveBeaconBytes(world.seed, 'equivocate/state-root'),
      blockHash: deriveBeaconBytes(world.seed, 'equivocate/block-hash'),
    },
  })
}

/** Odd-numbered requests of each route (the 1st, 3rd, …) get the other chain, even ones the honest chain. */
function equivocatingSource(world: BeaconWorld, honest: BeaconSource): BeaconSource {
  const other = honestSource(equivocationWorld(world))
  const counts = { updates: 0, finality: 0, optimistic: 0 }
  const pick = (route: keyof typeof counts): BeaconSource => (counts[route]++ % 2 === 0 ? other : honest)
  return {
    bootstrap: (root) => honest.bootstrap(root) ?? other.bootstrap(root),
    updates: (start, count) => pick('updates').updates(start, count),
    finalityUpdate: () => pick('finality').finalityUpdate(),
    optimisticUpdate: () => pick('optimistic').optimisticUpdate(),
  }
}
