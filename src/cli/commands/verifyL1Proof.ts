import { bytesToHex } from '../../verifier/encoding/hex'
import { l1ProofKind } from '../../verifier/kinds/l1ProofKind'
import type { CommandSpec } from '../command'
import { fileEvidence, SAVE_OPTION, verifyAndMaybeSave } from '../evidenceIo'
import { requireOption, rootOption } from '../inputs'

const COMMAND = 'verify l1-proof'

/**
 * `lightproof verify l1-proof --proof F --state-root R` (DESIGN.md §4): an eth_getProof result (bare or a whole
 * JSON-RPC response) checked against a state root the user trusts. A malformed file is exit 2; a proof that
 * does not hold, or a response whose claims disagree with it, is exit 1.
 */
export const verifyL1ProofCommand: CommandSpec = {
  usage: '--proof F --state-root R [--save FILE]',
  options: {
    proof: {
      type: 'string',
      help: 'F  eth_getProof result or whole JSON-RPC response (JSON file, - for stdin)',
    },
    'state-root': {
      type: 'string',
      help: 'R  trusted 32-byte state root (0x-hex) of the block the proof is for',
    },
    ...SAVE_OPTION,
  },
  positionals: { min: 0, max: 0 },
  async run({ values }, ctx) {
    const stateRoot = rootOption(values, 'state-root', COMMAND)
    const path = requireOption(values, 'proof', COMMAND)
    const evidence = fileEvidence({
      kind: l1ProofKind.kind,
      trust: { kind: 'state-root', value: bytesToHex(stateRoot) },
      files: { proof: { path, bytes: await ctx.readInput(path), text: true } },
    })
    return verifyAndMaybeSave(evidence, values, ctx)
  },
}
