import { errorMessage, UsageError } from '../../shared/errors'
import { collectZksyncWithdrawal } from '../../main/services/zksync/zksyncFlows'
import type { CommandSpec } from '../command'
import { stringOption } from '../command'
import { verifyAndMaybeSave } from '../evidenceIo'
import { cliOperation, cliServices, ONLINE_OPTIONS, overridesFrom } from '../online'

/**
 * `lightproof zksync withdrawal TXHASH [--index I] [--save FILE]` (online, issue 19): is this withdrawal final,
 * can it be claimed, has it been claimed? The L2 receipt (a locator) says which batch and which message; the
 * L2→L1 log leaf is built from that message, folded up the node's zks_getL2ToL1LogProof path and held to the
 * root L1 keeps for the batch (l2LogsRootHashes[n] once executed; the bound StoredBatchInfo's while only
 * committed), all proven from the beacon checkpoint; the L1Nullifier's isWithdrawalFinalized says whether it was
 * claimed. `facts.withdrawalStatus`: final-claimable, final-claimed or included-not-executed (all verified);
 * anything that cannot be established is incomplete, naming the link. Exit 0 verified, 1 failed or
 * incomplete, 2 usage, 3 endpoint unreachable.
 */
export const zksyncWithdrawalCommand: CommandSpec = {
  usage:
    'TXHASH [--index I] [--beacon URL] [--l1-rpc URL] [--zksync-rpc URL] [--checkpoint R] [--network N] [--save FILE]',
  options: {
    index: {
      type: 'string',
      help: 'I  the L2→L1 log among the transaction’s (default: its first withdrawal message)',
    },
    ...ONLINE_OPTIONS,
  },
  positionals: { min: 1, max: 1, names: 'TXHASH: the L2 transaction that withdrew' },
  async run({ values, positionals }, ctx) {
    const txHash = positionals[0]!
    if (!/^0x[0-9a-fA-F]{64}$/.test(txHash))
      throw new UsageError(`TXHASH must be a 32-byte 0x-hex transaction hash, got '${txHash}'`)
    const indexText = stringOption(values, 'index')
    if (indexText !== undefined && (!/^\d{1,5}$/.test(indexText) || Number(indexText) > 16383))
      throw new UsageError(`--index must be an L2→L1 log index (0 to 16383), got '${indexText}'`)
    const services = await cliServices(ctx)
    const op = cliOperation(services, ctx, `zksync withdrawal ${txHash}`)
    try {
      const evidence = await collectZksyncWithdrawal(
        services.context,
        op,
        { txHash, ...(indexText !== undefined ? { index: Number(indexText) } : {}) },
        { overrides: overridesFrom(values) },
      )
      const report = await verifyAndMaybeSave(evidence, values, ctx)
      op.finish(report.verdict)
      return report
    } catch (err) {
      op.fail(`failed: ${errorMessage(err)}`)
      throw err
    }
  },
}
