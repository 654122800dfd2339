import { parseZksProofFile } from '../../verifier/zksync/stateTree/parseZksProof'
import { verifyZksProof } from '../../verifier/zksync/stateTree/verifyZksProof'
import type { CommandSpec } from '../command'
import { readJsonFile, requireOption, rootOption } from '../inputs'

const COMMAND = 'verify zks-proof'

/**
 * `lightproof verify zks-proof --proof F --root R` (DESIGN.md §4): a ZKsync Era `zks_getProof` answer (bare
 * result or whole JSON-RPC response) checked against a tree root the user trusts — for a final answer, the
 * `StoredBatchInfo.batchHash` of an executed batch. The account is the one the answer names (there is no request
 * to hold it to). A malformed file is exit 2; a proof that does not fold to the root is exit 1.
 */
export const verifyZksProofCommand: CommandSpec = {
  path: ['verify', 'zks-proof'],
  summary: 'verify a ZKsync Era zks_getProof storage proof against a trusted state-tree root',
  usage: '--proof F --root R',
  options: {
    proof: {
      type: 'string',
      help: 'F  zks_getProof result or whole JSON-RPC response (JSON file, - for stdin)',
    },
    root: {
      type: 'string',
      help: 'R  trusted 32-byte tree root (0x-hex): the batch’s StoredBatchInfo.batchHash',
    },
  },
  positionals: { min: 0, max: 0 },
  async run({ values }, ctx) {
    const root = rootOption(values, 'root', COMMAND)
    const file = requireOption(values, 'proof', COMMAND)
    const proof = parseZksProofFile(await readJsonFile(ctx, file))
    const started = performance.now()
    const report = verifyZksProof(proof, root)
    report.timings.verify = performance.now() - started
    return report
  },
}
