import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex } from '../../verifier/encoding/hex'
import {
  MAX_COMMIT_CALLDATA_BYTES,
  parseCalldataInput,
} from '../../verifier/zksync/batches/decodeCommitCalldata'
import { commitCalldataKind } from '../../verifier/kinds/commitCalldataKind'
import type { CommandSpec } from '../command'
import { fileEvidence, SAVE_OPTION, verifyAndMaybeSave } from '../evidenceIo'

/**
 * `lightproof verify commit-calldata F` (DESIGN.md §4): the input of a ZKsync Era commit transaction, as hex
 * text (with or without 0x) or raw bytes, decoded for every commit selector and encoding version and checked
 * for internal consistency. No network and no L1 state: `verified` means "decoded and self-consistent", and the
 * binding to storedBatchHashes and the commitment recomputation are reported as skipped. An unsupported selector
 * or encoding version (e.g. pre-Boojum commitBlocks) is exit 2, like any malformed file.
 */
export const verifyCommitCalldataCommand: CommandSpec = {
  usage: 'F [--save FILE]',
  options: { ...SAVE_OPTION },
  positionals: { min: 1, max: 1, names: 'F: commit tx input, hex text or raw bytes (- for stdin)' },
  async run({ positionals, values }, ctx) {
    const path = positionals[0]!
    // Hex text takes two characters a byte, plus a prefix and whitespace.
    const bytes = await ctx.readInput(path, 2 * MAX_COMMIT_CALLDATA_BYTES + 4096)
    // The saved file names the calldata it answers about, so that no other calldata can pass as its answer.
    const calldataKeccak = tryKeccak(bytes)
    const evidence = fileEvidence({
      kind: commitCalldataKind.kind,
      ...(calldataKeccak ? { question: { calldataKeccak } } : {}),
      trust: { kind: 'none', value: '' },
      files: { calldata: { path, bytes, text: false } },
    })
    return verifyAndMaybeSave(evidence, values, ctx)
  },
}

/** keccak256 of the calldata the file holds; undefined when it does not parse (the verifier then says why). */
function tryKeccak(bytes: Uint8Array): string | undefined {
  try {
    return bytesToHex(keccak_256(parseCalldataInput(bytes)))
  } catch {
    return undefined
  }
}
