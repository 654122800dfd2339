import type { CommandSpec } from '../command'

/**
 * Every `lightproof` command, in the order --help lists them. A new command is one file in this folder and
 * one line here.
 */
export const COMMANDS: CommandSpec[] = []
