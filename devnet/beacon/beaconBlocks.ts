import { LeafNode, Tree } from '@chainsafe/persistent-merkle-tree'
import { ssz, type altair, type deneb, type electra, type phase0 } from '@lodestar/types'
import { LIGHTPROOF_DEVNET } from './devnetNetwork'
import type { WorldCommittee } from './syncCommittees'
import { hexToBytes } from '../../src/verifier/encoding/hex'

/**
 * Electra beacon blocks and states of the test world, built with @lodestar/types' SSZ containers so that every
 * root the light client checks is a real hash_tree_root and every branch a real Merkle proof:
 *  - BeaconBlockBody: all fields at their defaults except randao, graffiti and the execution payload, whose
 *    subtree (gindex 25) is the caller's ExecutionPayloadHeader root — hash_tree_root(ExecutionPayload) equals
 *    hash_tree_root(ExecutionPayloadHeader) by construction of the header (consensus-specs bellatrix).
 *  - BeaconState: a full Electra state (empty validator registry) with slot, fork, latest block header,
 *    finalized checkpoint, both sync committees and the latest execution payload header set; the light-client
 *    gindices are read from the containers (getPathInfo), not copied from the verifier's table.
 */
export const STATE_GINDEX = {
  currentSyncCommittee: ssz.electra.BeaconState.getPathInfo(['currentSyncCommittee']).gindex,
  nextSyncCommittee: ssz.electra.BeaconState.getPathInfo(['nextSyncCommittee']).gindex,
  finalizedRoot: ssz.electra.BeaconState.getPathInfo(['finalizedCheckpoint', 'root']).gindex,
} as const
export const EXECUTION_PAYLOAD_GINDEX = ssz.electra.BeaconBlockBody.getPathInfo(['executionPayload']).gindex

export type ExecutionPayloadHeaderValue = electra.ExecutionPayloadHeader

export interface BlockSpec {
  slot: bigint
  proposerIndex: number
  parentRoot: Uint8Array
  execution: ExecutionPayloadHeaderValue
  currentSyncCommittee: WorldCommittee
  nextSyncCommittee: WorldCommittee
  finalizedCheckpoint: phase0.Checkpoint
  randaoReveal: Uint8Array
  graffiti: Uint8Array
}

export interface WorldBlock {
  slot: bigint
  /** hash_tree_root(BeaconBlockHeader): the block root that checkpoints and signatures refer to. */
  root: Uint8Array
  header: phase0.BeaconBlockHeader
  lightClientHeader: deneb.LightClientHeader
  spec: BlockSpec
  /** A branch of the block's post-state at a gindex, leaf to root. */
  stateBranch(gindex: number | bigint): Uint8Array[]
}

let baseState: ReturnType<typeof ssz.electra.BeaconState.defaultViewDU> | undefined
/** The devnet's genesis-like state, hashed once: later states are clones, so only changed paths rehash. */
function devnetBaseState() {
  if (!baseState) {
    const state = ssz.electra.BeaconState.defaultViewDU()
    const electraVersion = LIGHTPROOF_DEVNET.forks.find((f) => f.name === 'electra')!.version
    state.genesisTime = Number(LIGHTPROOF_DEVNET.genesisTime)
    state.genesisValidatorsRoot = hexToBytes(LIGHTPROOF_DEVNET.genesisValidatorsRoot)
    state.fork = ssz.phase0.Fork.toViewDU({
      previousVersion: hexToBytes(electraVersion),
      currentVersion: hexToBytes(electraVersion),
      epoch: 0,
    })
    state.commit()
    state.hashTreeRoot()
    baseState = state
  }
  return baseState
}

const committeeViews = new WeakMap<WorldCommittee, ReturnType<typeof ssz.altair.SyncCommittee.toViewDU>>()
function committeeView(committee: WorldCommittee) {
  let view = committeeViews.get(committee)
  if (!view) {
    const value: altair.SyncCommittee = {
      pubkeys: committee.pubkeys,
      aggregatePubkey: committee.aggregatePubkey,
    }
    view = ssz.altair.SyncCommittee.toViewDU(value)
    committeeViews.set(committee, view)
  }
  return view
}

export function syncCommitteeValue(committee: WorldCommittee): altair.SyncCommittee {
  return { pubkeys: committee.pubkeys, aggregatePubkey: committee.aggregatePubkey }
}

/** Builds one block: body, post-state, header, and the LightClientHeader with its execution branch. */
export function buildBlock(spec: BlockSpec): WorldBlock {
  const body = ssz.electra.BeaconBlockBody.defaultViewDU()
  body.randaoReveal = spec.randaoReveal
  body.graffiti = spec.graffiti
  body.commit()
  const bodyTree = new Tree(body.node)
  const executionRoot = ssz.electra.ExecutionPayloadHeader.hashTreeRoot(spec.execution)
  bodyTree.setNode(EXECUTION_PAYLOAD_GINDEX, LeafNode.fromRoot(executionRoot))
  const bodyRoot = bodyTree.root
  const executionBranch = bodyTree.getSingleProof(EXECUTION_PAYLOAD_GINDEX)

  const slot = Number(spec.slot)
  const state = devnetBaseState().clone()
  state.slot = slot
  // The state after processing a block holds its header with state_root zeroed (process_block_header).
  state.latestBlockHeader = ssz.phase0.BeaconBlockHeader.toViewDU({
    slot,
    proposerIndex: spec.proposerIndex,
    parentRoot: spec.parentRoot,
    stateRoot: new Uint8Array(32),
    bodyRoot,
  })
  state.finalizedCheckpoint = ssz.phase0.Checkpoint.toViewDU(spec.finalizedCheckpoint)
  state.currentSyncCommittee = committeeView(spec.currentSyncCommittee)
  state.nextSyncCommittee = committeeView(spec.nextSyncCommittee)
  state.latestExecutionPayloadHeader = ssz.electra.ExecutionPayloadHeader.toViewDU(spec.execution)
  state.commit()
  const stateRoot = state.hashTreeRoot()
  const stateTree = new Tree(state.node)

  const header: phase0.BeaconBlockHeader = {
    slot,
    proposerIndex: spec.proposerIndex,
    parentRoot: spec.parentRoot,
    stateRoot,
    bodyRoot,
  }
  return {
    slot: spec.slot,
    root: ssz.phase0.BeaconBlockHeader.hashTreeRoot(header),
    header,
    lightClientHeader: { beacon: header, execution: spec.execution, executionBranch },
    spec,
    stateBranch: (gindex) => stateTree.getSingleProof(BigInt(gindex)),
  }
}
