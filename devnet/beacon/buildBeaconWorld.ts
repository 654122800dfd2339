import { ssz, type altair, type electra, type phase0 } from '@lodestar/types'
import { bytesToHex, concatBytes, hexToBytes } from '../../src/verifier/encoding/hex'
import { createNetwork, type Network } from '../../src/verifier/beacon/networks'
import { buildBlock, STATE_GINDEX, syncCommitteeValue, type WorldBlock } from './beaconBlocks'
import { epochOf, periodOf, planBeaconSlots, type BeaconSlotPlan } from './beaconSlotPlan'
import { DEVNET_NETWORK_NAME, LIGHTPROOF_DEVNET, unixSeconds, type WorldTime } from './devnetNetwork'
import { syntheticPayload, toExecutionPayloadHeader, type ExecutionPayloadInput } from './executionPayload'
import {
  deriveBeaconBytes,
  drawCommittee,
  participationBits,
  signAsCommittee,
  ValidatorSet,
  type WorldCommittee,
} from './syncCommittees'

/** DOMAIN_SYNC_COMMITTEE (altair/beacon-chain.md). */
const DOMAIN_SYNC_COMMITTEE = Uint8Array.of(0x07, 0x00, 0x00, 0x00)
/** Default sync participation: 480 of 512, above the 2/3 (342) a finalizing update needs. */
export const DEFAULT_PARTICIPANTS = 480
/** MAX_REQUEST_LIGHT_CLIENT_UPDATES (altair/light-client/p2p-interface.md). */
export const MAX_REQUEST_LIGHT_CLIENT_UPDATES = 128

export interface BuildBeaconWorldOptions {
  /** Everything random in the world (keys, committees, absentees, synthetic blocks) derives from it. */
  seed: string
  /** Wall-clock time the world is built for (Date, ms number, or unix seconds bigint): the head is its slot. */
  now: WorldTime
  /** The finalized head's execution payload header (e.g. `executionPayloadOf(l1.head)`). */
  executionPayload: ExecutionPayloadInput
  /** The optimistic head's payload (a later EL block); default: the finalized head's payload again. */
  optimisticExecutionPayload?: ExecutionPayloadInput
  /**
   * The head EL block's `parentBeaconBlockRoot` (EIP-4788); becomes the finalized beacon block's parent_root,
   * so the EL header and the beacon block agree. Default: the previous world block's root.
   */
  parentBeaconBlockRoot?: Uint8Array | string
  /** Sync committee members signing each honest aggregate; default 480 of 512. */
  participants?: number
}

/** An aggregate the world signs: which committee, over which block, in which domain. */
export interface SignAggregateOptions {
  /** Number of the 512 positions that sign (default: the world's participation). */
  participants?: number
  /** Fork version of the signing domain (default: the devnet's at the signature slot, i.e. Electra's). */
  forkVersion?: Uint8Array
  /** Sign with this committee instead of the one of the signature slot's period (a forger's). */
  committee?: WorldCommittee
}

export interface BeaconHead {
  slot: string
  blockRoot: string
  executionBlockNumber: string
  executionBlockHash: string
  executionStateRoot: string
}

export interface BeaconWorld {
  seed: string
  /** The network row registered in the verifier (`lightproof-devnet`). */
  network: Network
  networkName: typeof DEVNET_NETWORK_NAME
  /** Unix seconds the world was built for. */
  now: bigint
  plan: BeaconSlotPlan
  /** The trusted checkpoint: block root of the bootstrap block (0x-hex). */
  checkpoint: string
  bootstrap: electra.LightClientBootstrap
  /** One update per period, oldest first: periods plan.updates[*].period. */
  updates: electra.LightClientUpdate[]
  finalityUpdate: electra.LightClientFinalityUpdate
  optimisticUpdate: electra.LightClientOptimisticUpdate
  /** What a verified sync must end at. */
  finalized: BeaconHead
  optimistic: BeaconHead
  /** Every block built, ascending by slot. */
  blocks: WorldBlock[]
  committees: Map<bigint, WorldCommittee>
  validators: ValidatorSet
  participants: number
  /** The LightClientBootstrap of a finalized block (the checkpoint or a later one), by 0x-hex root. */
  bootstrapFor(blockRoot: string): electra.LightClientBootstrap | undefined
  /** `/light_client/updates?start_period&count`: the world's updates in that range, at most 128. */
  updatesByRange(startPeriod: bigint, count: bigint): electra.LightClientUpdate[]
  /** A sync aggregate over a block root at a signature slot (honest by default; options make lies). */
  signAggregate(
    attestedRoot: Uint8Array,
    signatureSlot: bigint,
    options?: SignAggregateOptions,
  ): altair.SyncAggregate
  blockAt(slot: bigint): WorldBlock
}

/** A fork version of the devnet's schedule. */
export function devnetForkVersion(name: string): Uint8Array {
  const fork = LIGHTPROOF_DEVNET.forks.find((f) => f.name === name)
  if (!fork) throw new Error(`no fork ${name}`)
  return hexToBytes(fork.version)
}

/** compute_domain + compute_signing_root (phase0/beacon-chain.md), on lodestar's containers. */
export function syncCommitteeSigningRoot(objectRoot: Uint8Array, version: Uint8Array): Uint8Array {
  const genesisValidatorsRoot = hexToBytes(LIGHTPROOF_DEVNET.genesisValidatorsRoot)
  const forkDataRoot = ssz.phase0.ForkData.hashTreeRoot({ currentVersion: version, genesisValidatorsRoot })
  const domain = concatBytes(DOMAIN_SYNC_COMMITTEE, forkDataRoot.subarray(0, 28))
  return ssz.phase0.SigningData.hashTreeRoot({ objectRoot, domain })
}

function headOf(block: WorldBlock): BeaconHead {
  const e = block.lightClientHeader.execution
  return {
    slot: block.slot.toString(),
    blockRoot: bytesToHex(block.root),
    executionBlockNumber: e.blockNumber.toString(),
    executionBlockHash: bytesToHex(e.blockHash),
    executionStateRoot: bytesToHex(e.stateRoot),
  }
}

/**
 * Builds the consensus half of the test world: a validator set and one sync committee per period (drawn from
 * the seed), Electra blocks and states at the slots of `planBeaconSlots(now)`, and the light-client objects a
 * beacon node serves for them — bootstrap at the checkpoint, one update per period (next-committee and
 * finality branches), the finality update whose finalized header carries `executionPayload`, and an
 * optimistic update at the wall-clock slot. Every aggregate is a real BLS signature of 480/512 members.
 *
 * @example
 *   const world = buildBeaconWorld({ seed: 'demo', now: Date.now(), executionPayload: executionPayloadOf(head) })
 *   world.checkpoint // trust root to hand to the client, network `lightproof-devnet`
 */
export function buildBeaconWorld(options: BuildBeaconWorldOptions): BeaconWorld {
  const { seed } = options
  const participants = options.participants ?? DEFAULT_PARTICIPANTS
  const plan = planBeaconSlots(options.now)
  const network = createNetwork(LIGHTPROOF_DEVNET)
  const validators = new ValidatorSet(seed)
  const headPayload = toExecutionPayloadHeader(options.executionPayload)
  const optimisticPayload = options.optimisticExecutionPayload
    ? toExecutionPayloadHeader(options.optimisticExecutionPayload)
    : headPayload

  const committees = new Map<bigint, WorldCommittee>()
  const committee = (period: bigint): WorldCommittee => {
    let c = committees.get(period)
    if (!c) {
      c = drawCommittee(validators, `period/${period}`)
      committees.set(period, c)
    }
    return c
  }

  // Blocks in slot order; each one's parent is the previous world block (the slots between are empty).
  const blocks: WorldBlock[] = []
  const bySlot = new Map<bigint, WorldBlock>()
  let parentRoot = deriveBeaconBytes(seed, 'parent-of-first-block')
  let lastFinalized: phase0.Checkpoint = {
    epoch: Number(epochOf(plan.bootstrap) - 2n),
    root: deriveBeaconBytes(seed, 'finalized-before-bootstrap'),
  }
  const add = (
    slot: bigint,
    finalizedBy: WorldBlock | undefined,
    execution: ReturnType<typeof toExecutionPayloadHeader>,
    parent?: Uint8Array,
  ): WorldBlock => {
    const period = periodOf(slot)
    const block = buildBlock({
      slot,
      proposerIndex:
        new DataView(deriveBeaconBytes(seed, `proposer/${slot}`).buffer).getUint32(0) % validators.size,
      parentRoot: parent ?? parentRoot,
      execution,
      currentSyncCommittee: committee(period),
      nextSyncCommittee: committee(period + 1n),
      finalizedCheckpoint: finalizedBy
        ? { epoch: Number(epochOf(finalizedBy.slot)), root: finalizedBy.root }
        : lastFinalized,
      randaoReveal: concatBytes(
        deriveBeaconBytes(seed, `randao/${slot}/0`),
        deriveBeaconBytes(seed, `randao/${slot}/1`),
        deriveBeaconBytes(seed, `randao/${slot}/2`),
      ),
      graffiti: new TextEncoder().encode('lightproof devnet'.padEnd(32, ' ')),
    })
    parentRoot = block.root
    blocks.push(block)
    bySlot.set(slot, block)
    return block
  }
  const synthetic = (slot: bigint) => syntheticPayload(seed, slot, headPayload, plan.finalized)

  const bootstrapBlock = add(plan.bootstrap, undefined, synthetic(plan.bootstrap))
  const finalizedBlocks: WorldBlock[] = [bootstrapBlock]
  const periodBlocks: { finalized: WorldBlock; attested: WorldBlock; signature: bigint }[] = []
  for (const u of plan.updates) {
    const isHead = u.finalized === plan.finalized
    lastFinalized = {
      epoch: Number(epochOf(finalizedBlocks.at(-1)!.slot)),
      root: finalizedBlocks.at(-1)!.root,
    }
    const parent =
      isHead && options.parentBeaconBlockRoot !== undefined
        ? typeof options.parentBeaconBlockRoot === 'string'
          ? hexToBytes(options.parentBeaconBlockRoot, 'parentBeaconBlockRoot', 32)
          : options.parentBeaconBlockRoot
        : undefined
    const finalized = add(u.finalized, undefined, isHead ? headPayload : synthetic(u.finalized), parent)
    finalizedBlocks.push(finalized)
    const attested = add(u.attested, finalized, isHead ? optimisticPayload : synthetic(u.attested))
    periodBlocks.push({ finalized, attested, signature: u.signature })
  }
  const headBlock = periodBlocks.at(-1)!.finalized
  const optimisticBlock = add(plan.optimisticAttested, headBlock, optimisticPayload)

  const electraVersion = devnetForkVersion('electra')
  const signAggregate = (
    attestedRoot: Uint8Array,
    signatureSlot: bigint,
    opts: SignAggregateOptions = {},
  ): altair.SyncAggregate => {
    const count = opts.participants ?? participants
    const bits = participationBits(seed, `aggregate/${signatureSlot}/${count}`, count)
    const signer = opts.committee ?? committee(periodOf(signatureSlot))
    const root = syncCommitteeSigningRoot(attestedRoot, opts.forkVersion ?? electraVersion)
    return { syncCommitteeBits: bits, syncCommitteeSignature: signAsCommittee(signer, bits, root) }
  }

  const bootstrapOf = (block: WorldBlock): electra.LightClientBootstrap => ({
    header: block.lightClientHeader,
    currentSyncCommittee: syncCommitteeValue(committee(periodOf(block.slot))),
    currentSyncCommitteeBranch: block.stateBranch(STATE_GINDEX.currentSyncCommittee),
  })
  const bootstraps = new Map(finalizedBlocks.map((b) => [bytesToHex(b.root), bootstrapOf(b)]))

  const updates: electra.LightClientUpdate[] = periodBlocks.map(({ finalized, attested, signature }) => ({
    attestedHeader: attested.lightClientHeader,
    nextSyncCommittee: syncCommitteeValue(committee(periodOf(attested.slot) + 1n)),
    nextSyncCommitteeBranch: attested.stateBranch(STATE_GINDEX.nextSyncCommittee),
    finalizedHeader: finalized.lightClientHeader,
    finalityBranch: attested.stateBranch(STATE_GINDEX.finalizedRoot),
    syncAggregate: signAggregate(attested.root, signature),
    signatureSlot: Number(signature),
  }))
  const head = updates.at(-1)!
  const finalityUpdate: electra.LightClientFinalityUpdate = {
    attestedHeader: head.attestedHeader,
    finalizedHeader: head.finalizedHeader,
    finalityBranch: head.finalityBranch,
    syncAggregate: head.syncAggregate,
    signatureSlot: head.signatureSlot,
  }
  const optimisticUpdate: electra.LightClientOptimisticUpdate = {
    attestedHeader: optimisticBlock.lightClientHeader,
    syncAggregate: signAggregate(optimisticBlock.root, plan.optimisticSignature),
    signatureSlot: Number(plan.optimisticSignature),
  }

  return {
    seed,
    network,
    networkName: DEVNET_NETWORK_NAME,
    now: unixSeconds(options.now),
    plan,
    checkpoint: bytesToHex(bootstrapBlock.root),
    bootstrap: bootstraps.get(bytesToHex(bootstrapBlock.root))!,
    updates,
    finalityUpdate,
    optimisticUpdate,
    finalized: headOf(headBlock),
    optimistic: headOf(optimisticBlock),
    blocks,
    committees,
    validators,
    participants,
    bootstrapFor: (root) => bootstraps.get(root.toLowerCase()),
    updatesByRange: (startPeriod, count) => {
      const n =
        count > BigInt(MAX_REQUEST_LIGHT_CLIENT_UPDATES) ? BigInt(MAX_REQUEST_LIGHT_CLIENT_UPDATES) : count
      return updates.filter((u) => {
        const p = periodOf(BigInt(u.attestedHeader.beacon.slot))
        return p >= startPeriod && p < startPeriod + n
      })
    },
    signAggregate,
    blockAt: (slot) => {
      const b = bySlot.get(slot)
      if (!b) throw new RangeError(`no world block at slot ${slot}`)
      return b
    },
  }
}
