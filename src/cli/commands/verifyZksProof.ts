import { bytesToHex } from '../../verifier/encoding/hex'
import { zksProofKind } from '../../verifier/kinds/zksProofKind'
import type { CommandSpec } from '../command'
import { fileEvidence, SAVE_OPTION, verifyAndMaybeSave } from '../evidenceIo'
import { requireOption, rootOption } from '../inputs'

const COMMAND = 'verify zks-proof'

/**
 * `lightproof verify zks-proof --proof F --root R` (DESIGN.md §4): a ZKsync Era `zks_getProof` answer (bare
 * result or whole JSON-RPC response) checked against a tree root the user trusts — for a final answer, the
 * `StoredBatchInfo.batchHash` of an executed batch. The account is the one the answer names (there is no request
 * to hold it to). A malformed file is exit 2; a proof that does not fold to the root is exit 1.
 */
export const verifyZksProofCommand: CommandSpec = {
  usage: '--proof F --root R [--save FILE]',
  options: {
    proof: {
      type: 'string',
      help: 'F  zks_getProof result or whole JSON-RPC response (JSON file, - for stdin)',
    },
    root: {
      type: 'string',
      help: 'R  trusted 32-byte tree root (0x-hex): the batch’s StoredBatchInfo.batchHash',
    },
    ...SAVE_OPTION,
  },
  positionals: { min: 0, max: 0 },
  async run({ values }, ctx) {
    const root = rootOption(values, 'root', COMMAND)
    const path = requireOption(values, 'proof', COMMAND)
    const evidence = fileEvidence({
      kind: zksProofKind.kind,
      trust: { kind: 'zksync-tree-root', value: bytesToHex(root) },
      files: { proof: { path, bytes: await ctx.readInput(path), text: true } },
    })
    return verifyAndMaybeSave(evidence, values, ctx)
  },
}
