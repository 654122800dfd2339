import type { SectionPlan, SectionPlanEntry } from '../report/sections'

/** The check-id patterns of everything under these id roots: `l1.proof` is l1.proof, l1.proof.… and l1.proof[…. */
function under(...roots: string[]): string[] {
  return roots.flatMap((r) => [r, `${r}.*`, `${r}[*`])
}

/**
 * The links of the chains of trust the kinds' descriptors declare (`sections`), written once: a link's checks
 * are id patterns, claimed by the first link that names them. Every plan ends with what the file claims
 * (`evidence.*`); a check no link names lands in "Other checks", never dropped.
 */
const CHECKPOINT: SectionPlanEntry = {
  id: 'checkpoint',
  title: 'Trusted checkpoint: the bootstrap and its sync committee',
  checks: under('beacon.bootstrap', 'beacon.checkpoint', 'beacon.resume'),
}
/** Optional: evidence resting on a trusted L1 state root instead of a checkpoint has no beacon link. */
const BEACON: SectionPlanEntry = {
  id: 'checkpoint',
  title: 'Beacon light client: checkpoint to finalized head',
  checks: under('beacon'),
  optional: true,
}
const EVIDENCE: SectionPlanEntry = {
  id: 'evidence',
  title: 'What the file claims, held to what its data proves',
  checks: under('evidence'),
}

export const BEACON_SECTIONS: SectionPlan = [
  CHECKPOINT,
  { id: 'l1-head', title: 'Sync-committee updates to the finalized head', checks: under('beacon') },
  EVIDENCE,
]

export const L1_BALANCE_SECTIONS: SectionPlan = [
  CHECKPOINT,
  {
    id: 'l1-head',
    title: 'Beacon head and its execution block (state root)',
    checks: under('beacon', 'l1.head', 'l1.el-header'),
  },
  {
    id: 'l1-state',
    title: 'Account and storage proven under the state root (eth_getProof)',
    checks: under('l1.proof', 'l1.token'),
  },
  { id: 'value', title: 'The value', checks: under('l1.endpoints', 'l1.value') },
  EVIDENCE,
]

export const L1_PROOF_SECTIONS: SectionPlan = [
  { id: 'l1-state', title: 'Account and storage proven under the trusted state root', checks: under('mpt') },
  EVIDENCE,
]

export const ZKS_PROOF_SECTIONS: SectionPlan = [
  { id: 'l2-state', title: 'Storage proven under the trusted ZKsync tree root', checks: under('zks') },
  EVIDENCE,
]

export const COMMIT_CALLDATA_SECTIONS: SectionPlan = [
  {
    id: 'commit',
    title: 'Commit calldata: decoded and internally consistent',
    checks: under('zksync.calldata', 'zksync.commit'),
  },
  EVIDENCE,
]

export const SNARK_SECTIONS: SectionPlan = [
  { id: 'proof', title: 'The proof against the verification key', checks: ['snark.*'] },
  EVIDENCE,
]

export const VERKLE_SECTIONS: SectionPlan = [
  { id: 'witness', title: 'The witness against the trusted pre-state root', checks: ['verkle.*'] },
  EVIDENCE,
]

export const BINARY_TREE_SECTIONS: SectionPlan = [
  { id: 'witness', title: 'The proof against the trusted binary-tree root', checks: under('binarytree') },
  EVIDENCE,
]

/** The ZKsync chain from the beacon checkpoint to the batch (the links every ZKsync kind starts with). */
const ZKSYNC_BATCH_CHAIN: SectionPlan = [
  BEACON,
  { id: 'l1-head', title: 'Trusted L1 execution head', checks: under('zksync.l1') },
  {
    id: 'diamond',
    title: 'ZKsync diamond storage on L1 (eth_getProof)',
    checks: under('zksync.diamond', 'zksync.protocol'),
  },
  {
    id: 'commit',
    title: 'Commit calldata of the batch',
    checks: under('zksync.commitTx', 'zksync.commit', 'zksync.calldata'),
    optional: true,
  },
  {
    id: 'gateway',
    title: 'Gateway hop: Gateway’s batch on L1, then the batch inside Gateway’s state (zks_getProof)',
    checks: under('zksync.gateway'),
    optional: true,
  },
  {
    id: 'batch',
    title: 'Batch status and StoredBatchInfo bound to L1',
    checks: under('zksync.batch', 'zksync.node'),
  },
]

const PROOF: SectionPlanEntry = {
  id: 'proof',
  title: 'Validity proof of the batch, with the key from L1',
  checks: [...under('zksync.proof', 'zksync.verifier'), 'snark.*'],
  optional: true,
}

export const ZKSYNC_BATCH_SECTIONS: SectionPlan = [...ZKSYNC_BATCH_CHAIN, PROOF, EVIDENCE]

export const ZKSYNC_COUNTERS_SECTIONS: SectionPlan = [
  ...ZKSYNC_BATCH_CHAIN.filter((s) => s.id !== 'batch'),
  {
    id: 'batch',
    title: 'Batch counters (committed, proven, executed)',
    checks: under('zksync.batch', 'zksync.node'),
    optional: true,
  },
  EVIDENCE,
]

export const ZKSYNC_BALANCE_SECTIONS: SectionPlan = [
  ...ZKSYNC_BATCH_CHAIN,
  { id: 'finality', title: 'Finality and the batch state root', checks: under('zksync.balance') },
  {
    id: 'l2-state',
    title: 'L2 state tree path (zks_getProof)',
    checks: under('zks', 'zksync.token'),
  },
  EVIDENCE,
]

export const ZKSYNC_PUBDATA_SECTIONS: SectionPlan = [
  ...ZKSYNC_BATCH_CHAIN,
  {
    id: 'data',
    title: 'Published data: blobs and pubdata held to the commitment',
    checks: under('zksync.da'),
  },
  EVIDENCE,
]

export const ZKSYNC_WITHDRAWAL_SECTIONS: SectionPlan = [
  ...ZKSYNC_BATCH_CHAIN,
  {
    id: 'bridge',
    title: 'The withdrawal: its message, its log proof, and whether it was claimed',
    checks: under('zksync.withdrawal', 'zksync.nullifier', 'mpt'),
  },
  EVIDENCE,
]

export const ZKSYNC_DEPOSIT_SECTIONS: SectionPlan = [
  ...ZKSYNC_BATCH_CHAIN,
  {
    id: 'bridge',
    title: 'The deposit: its L1 transaction, its priority request and its outcome on L2',
    checks: under('zksync.deposit', 'zksync.nullifier', 'l1', 'mpt'),
  },
  EVIDENCE,
]

export const ZKSYNC_WATCH_SECTIONS: SectionPlan = [
  BEACON,
  { id: 'l1-head', title: 'Trusted L1 execution head', checks: under('zksync.l1') },
  {
    id: 'watch',
    title: 'Who can change the chain: every fact proven from L1 storage',
    checks: under('zksync.watch', 'zksync.verifier'),
  },
  EVIDENCE,
]
