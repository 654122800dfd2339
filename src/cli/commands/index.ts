import type { CommandSpec } from '../command'
import { verifyL1ProofCommand } from './verifyL1Proof'
import { verifyZksProofCommand } from './verifyZksProof'

/**
 * Every `lightproof` command, in the order --help lists them. A new command is one file in this folder and
 * one line here.
 */
export const COMMANDS: CommandSpec[] = [verifyL1ProofCommand, verifyZksProofCommand]
