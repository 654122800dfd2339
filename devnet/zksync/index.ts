/**
 * The ZKsync Era part of the test world (issue 10): a seeded L2 with real Blake2s state roots, batches whose
 * StoredBatchInfo, commit calldata and commitment agree with the verifier, the diamond storage and operations an
 * L1 world must carry, and a JSON-RPC server that can lie.
 */
export {
  buildZksyncWorld,
  DEVNET_CHAIN_ID,
  ERA_DIAMOND,
  PROTOCOL_VERSION,
  type BatchWrite,
  type L1BatchDetailsJson,
  type L1BatchLocators,
  type L1Operation,
  type ZksyncBatch,
  type ZksyncWorld,
  type ZksyncWorldOptions,
} from './buildZksyncWorld'
export {
  createZksyncRpc,
  lieAboutProof,
  startZksyncRpcServer,
  ZKSYNC_LIE_HELP,
  ZKSYNC_LIES,
  type ZksyncLie,
  type ZksyncRpc,
  type ZksyncRpcOptions,
  type ZksyncRpcServer,
  type ZksyncRpcServerOptions,
} from './zksyncRpcServer'
export {
  SparseTreeBuilder,
  TreeSnapshot,
  storageTreeKey,
  zksProofJson,
  type TreeEntryProof,
  type ZksProofJson,
  type ZksStorageProofJson,
} from './sparseTree'
export { EXECUTOR_EVENTS, type MetaHashes } from './batchArtifacts'
