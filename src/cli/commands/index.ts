import type { CommandSpec } from '../command'
import { verifyBeaconCommand } from './verifyBeacon'
import { verifyCommitCalldataCommand } from './verifyCommitCalldata'
import { verifyEvidenceFileCommand } from './verifyEvidenceFile'
import { verifyL1ProofCommand } from './verifyL1Proof'
import { verifySnarkCommand } from './verifySnark'
import { verifyZksProofCommand } from './verifyZksProof'
import { verifyVerkleCommand } from './verifyVerkle'
import { verifyPubdataCommand } from './verifyPubdata'
import { inspectCommand } from './inspect'
import { syncCommand } from './sync'
import { l1BalanceCommand } from './l1Balance'
import { zksyncBatchCommand } from './zksyncBatch'
import { zksyncBalanceCommand } from './zksyncBalance'
import { zksyncBatchesCommand } from './zksyncBatches'
import { zksyncWithdrawalCommand } from './zksyncWithdrawal'
import { reportMergeCommand } from './reportMerge'

/**
 * Every `lightproof` command, in the order --help lists them. A new command is one file in this folder and
 * one line here.
 */
export const COMMANDS: CommandSpec[] = [
  verifyEvidenceFileCommand,
  verifyBeaconCommand,
  verifyL1ProofCommand,
  verifyZksProofCommand,
  verifyCommitCalldataCommand,
  verifySnarkCommand,
  verifyVerkleCommand,
  verifyPubdataCommand,
  inspectCommand,
  syncCommand,
  l1BalanceCommand,
  zksyncBatchCommand,
  zksyncBatchesCommand,
  zksyncBalanceCommand,
  zksyncWithdrawalCommand,
  reportMergeCommand,
]
