import {
  ByteListType,
  ByteVectorType,
  ContainerType,
  UintBigintType,
  VectorCompositeType,
} from '@chainsafe/ssz'
import { FORK_RULES, gindexDepth, type LightClientFork } from './forks'
import type { Preset } from './networks'

/**
 * SSZ containers of the light-client protocol, built from the fork table and a preset (mainnet: 512-member
 * committees; minimal: 32, used by the consensus-spec-tests vectors). Field layout: consensus-specs
 * `capella/light-client/sync-protocol.md`, `deneb/beacon-chain.md` (ExecutionPayloadHeader),
 * `electra/light-client/sync-protocol.md` (deeper branches). Sync committee bits are typed as a byte vector:
 * a Bitvector whose length is a multiple of 8 serializes and merkleizes exactly like its bytes.
 */
const Bytes4 = new ByteVectorType(4)
const Bytes20 = new ByteVectorType(20)
const Bytes32 = new ByteVectorType(32)
const Bytes48 = new ByteVectorType(48)
const Bytes96 = new ByteVectorType(96)
const Uint64 = new UintBigintType(8)
const Uint256 = new UintBigintType(32)

export const BeaconBlockHeaderType = new ContainerType(
  { slot: Uint64, proposerIndex: Uint64, parentRoot: Bytes32, stateRoot: Bytes32, bodyRoot: Bytes32 },
  { typeName: 'BeaconBlockHeader', jsonCase: 'eth2' },
)

/** ForkData and SigningData (phase0 beacon-chain.md), hashed for the signature domain. */
export const ForkDataType = new ContainerType(
  { currentVersion: Bytes4, genesisValidatorsRoot: Bytes32 },
  { typeName: 'ForkData', jsonCase: 'eth2' },
)
export const SigningDataType = new ContainerType(
  { objectRoot: Bytes32, domain: Bytes32 },
  { typeName: 'SigningData', jsonCase: 'eth2' },
)

const executionHeaderFields = {
  parentHash: Bytes32,
  feeRecipient: Bytes20,
  stateRoot: Bytes32,
  receiptsRoot: Bytes32,
  logsBloom: new ByteVectorType(256),
  prevRandao: Bytes32,
  blockNumber: Uint64,
  gasLimit: Uint64,
  gasUsed: Uint64,
  timestamp: Uint64,
  extraData: new ByteListType(32),
  baseFeePerGas: Uint256,
  blockHash: Bytes32,
  transactionsRoot: Bytes32,
  withdrawalsRoot: Bytes32,
}
const CapellaExecutionHeader = new ContainerType(executionHeaderFields, {
  typeName: 'ExecutionPayloadHeader',
  jsonCase: 'eth2',
})
const DenebExecutionHeader = new ContainerType(
  { ...executionHeaderFields, blobGasUsed: Uint64, excessBlobGas: Uint64 },
  { typeName: 'ExecutionPayloadHeader', jsonCase: 'eth2' },
)

function buildForkTypes(fork: LightClientFork, preset: Preset) {
  const rules = FORK_RULES[fork]
  const ExecutionPayloadHeader = rules.executionBlobFields ? DenebExecutionHeader : CapellaExecutionHeader
  const branch = (gindex: number) => new VectorCompositeType(Bytes32, gindexDepth(gindex))
  const LightClientHeader = new ContainerType(
    {
      beacon: BeaconBlockHeaderType,
      execution: ExecutionPayloadHeader,
      executionBranch: branch(rules.executionPayloadGindex),
    },
    { typeName: 'LightClientHeader', jsonCase: 'eth2' },
  )
  const SyncCommittee = new ContainerType(
    { pubkeys: new VectorCompositeType(Bytes48, preset.syncCommitteeSize), aggregatePubkey: Bytes48 },
    { typeName: 'SyncCommittee', jsonCase: 'eth2' },
  )
  const SyncAggregate = new ContainerType(
    { syncCommitteeBits: new ByteVectorType(preset.syncCommitteeSize / 8), syncCommitteeSignature: Bytes96 },
    { typeName: 'SyncAggregate', jsonCase: 'eth2' },
  )
  const LightClientBootstrap = new ContainerType(
    {
      header: LightClientHeader,
      currentSyncCommittee: SyncCommittee,
      currentSyncCommitteeBranch: branch(rules.currentSyncCommitteeGindex),
    },
    { typeName: 'LightClientBootstrap', jsonCase: 'eth2' },
  )
  const LightClientUpdate = new ContainerType(
    {
      attestedHeader: LightClientHeader,
      nextSyncCommittee: SyncCommittee,
      nextSyncCommitteeBranch: branch(rules.nextSyncCommitteeGindex),
      finalizedHeader: LightClientHeader,
      finalityBranch: branch(rules.finalizedRootGindex),
      syncAggregate: SyncAggregate,
      signatureSlot: Uint64,
    },
    { typeName: 'LightClientUpdate', jsonCase: 'eth2' },
  )
  const LightClientFinalityUpdate = new ContainerType(
    {
      attestedHeader: LightClientHeader,
      finalizedHeader: LightClientHeader,
      finalityBranch: branch(rules.finalizedRootGindex),
      syncAggregate: SyncAggregate,
      signatureSlot: Uint64,
    },
    { typeName: 'LightClientFinalityUpdate', jsonCase: 'eth2' },
  )
  const LightClientOptimisticUpdate = new ContainerType(
    { attestedHeader: LightClientHeader, syncAggregate: SyncAggregate, signatureSlot: Uint64 },
    { typeName: 'LightClientOptimisticUpdate', jsonCase: 'eth2' },
  )
  return {
    ExecutionPayloadHeader,
    LightClientHeader,
    SyncCommittee,
    SyncAggregate,
    LightClientBootstrap,
    LightClientUpdate,
    LightClientFinalityUpdate,
    LightClientOptimisticUpdate,
  }
}

export type ForkTypes = ReturnType<typeof buildForkTypes>

const cache = new Map<string, ForkTypes>()

/** The fork's containers for a preset, built once. */
export function forkTypes(fork: LightClientFork, preset: Preset): ForkTypes {
  const key = `${fork}/${preset.syncCommitteeSize}`
  let types = cache.get(key)
  if (!types) {
    types = buildForkTypes(fork, preset)
    cache.set(key, types)
  }
  return types
}
