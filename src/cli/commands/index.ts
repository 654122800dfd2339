import type { CommandEntry } from '../command'

/**
 * Every `lightproof` command, in the order --help lists them: its words, its one-line summary and where its
 * code is. The code (and with it the verifier and the services) is loaded only for the command that runs, so
 * `lightproof --help` and a mistyped command answer at once. A new command is one file in this folder and one
 * entry here.
 */
export const COMMANDS: CommandEntry[] = [
  {
    path: ['verify'],
    summary: 're-verify a saved evidence file offline (no network)',
    load: async () => (await import('./verifyEvidenceFile')).verifyEvidenceFileCommand,
  },
  {
    path: ['verify', 'beacon'],
    summary: 'verify a beacon light-client sync (bootstrap, updates, finality) from a trusted checkpoint',
    load: async () => (await import('./verifyBeacon')).verifyBeaconCommand,
  },
  {
    path: ['verify', 'l1-proof'],
    summary: 'verify an eth_getProof account and storage proof against a trusted state root',
    load: async () => (await import('./verifyL1Proof')).verifyL1ProofCommand,
  },
  {
    path: ['verify', 'zks-proof'],
    summary: 'verify a ZKsync Era zks_getProof storage proof against a trusted state-tree root',
    load: async () => (await import('./verifyZksProof')).verifyZksProofCommand,
  },
  {
    path: ['verify', 'commit-calldata'],
    summary:
      'decode ZKsync Era commit calldata and check it is internally consistent (offline, not L1-bound)',
    load: async () => (await import('./verifyCommitCalldata')).verifyCommitCalldataCommand,
  },
  {
    path: ['verify', 'snark'],
    summary: 'verify a ZKsync Era batch SNARK (PLONK or FFLONK over BN254) against a verification key',
    load: async () => (await import('./verifySnark')).verifySnarkCommand,
  },
  {
    path: ['verify', 'verkle'],
    summary: 'verify an EIP-6800 (Verkle) execution witness against a trusted pre-state root',
    load: async () => (await import('./verifyVerkle')).verifyVerkleCommand,
  },
  {
    path: ['verify', 'pubdata'],
    summary:
      'check a ZKsync batch’s pubdata or blobs against a saved batch evidence file and decode it (offline)',
    load: async () => (await import('./verifyPubdata')).verifyPubdataCommand,
  },
  {
    path: ['inspect'],
    summary: 'show what a proof, witness, beacon object or evidence file holds; verify it with --root',
    load: async () => (await import('./inspect')).inspectCommand,
  },
  {
    path: ['checkpoint'],
    summary: 'a fresh finalized checkpoint that two or more checkpoint-sync providers agree on (online)',
    load: async () => (await import('./checkpoint')).checkpointCommand,
  },
  {
    path: ['sync'],
    summary: 'sync the beacon light client to the head (online) and verify it',
    load: async () => (await import('./sync')).syncCommand,
  },
  {
    path: ['l1', 'balance'],
    summary: 'prove an L1 ETH / ERC-20 balance or storage slot (online) from the beacon checkpoint',
    load: async () => (await import('./l1Balance')).l1BalanceCommand,
  },
  {
    path: ['zksync', 'batch'],
    summary:
      'prove a ZKsync Era batch on L1: status, StoredBatchInfo, commitment, and with --proof its SNARK (online)',
    load: async () => (await import('./zksyncBatch')).zksyncBatchCommand,
  },
  {
    path: ['zksync', 'batches'],
    summary: 'verify a range of ZKsync Era batches on L1, shardable across machines (online)',
    load: async () => (await import('./zksyncBatches')).zksyncBatchesCommand,
  },
  {
    path: ['zksync', 'balance'],
    summary: 'prove a ZKsync Era balance and nonce down to L1 (online)',
    load: async () => (await import('./zksyncBalance')).zksyncBalanceCommand,
  },
  {
    path: ['zksync', 'withdrawal'],
    summary:
      'is a ZKsync Era withdrawal final, claimable, already claimed? proven down to the beacon chain (online)',
    load: async () => (await import('./zksyncWithdrawal')).zksyncWithdrawalCommand,
  },
  {
    path: ['zksync', 'deposit'],
    summary:
      'did an L1 → ZKsync Era deposit arrive, succeed or fail (reclaimable)? proven down to the beacon chain (online)',
    load: async () => (await import('./zksyncDeposit')).zksyncDepositCommand,
  },
  {
    path: ['zksync', 'watch'],
    summary:
      'upgrade watch: verifier, key, admins, facets, pending upgrade, execution delay, proven from L1 storage; what changed since the last run (online)',
    load: async () => (await import('./zksyncWatch')).zksyncWatchCommand,
  },
  {
    path: ['report', 'merge'],
    summary: 'merge the journals of a sharded `zksync batches --out` audit into one summary (offline)',
    load: async () => (await import('./reportMerge')).reportMergeCommand,
  },
]
