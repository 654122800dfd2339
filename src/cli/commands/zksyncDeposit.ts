import { errorMessage, UsageError } from '../../shared/errors'
import { collectZksyncDeposit } from '../../main/services/zksync/zksyncFlows'
import type { CommandSpec } from '../command'
import { verifyAndMaybeSave } from '../evidenceIo'
import { cliOperation, cliServices, ONLINE_OPTIONS, overridesFrom } from '../online'

/**
 * `lightproof zksync deposit L1TXHASH [--save FILE]` (online, issue 19): did this deposit arrive? The L1
 * transaction and its receipt are proven in a block that hangs from the verified head (transactions and receipts
 * tries rebuilt, headers linked by parentHash); the diamond's NewPriorityRequest gives the L2 transaction, whose
 * canonical hash is recomputed; the priority tree's proven counters say whether it was executed, and the
 * bootloader's status log, folded to the executed batch's proven logs root, whether it succeeded or failed (then
 * the L1Nullifier's depositHappened says whether it can be reclaimed). `facts.depositStatus`: executed-succeeded
 * or executed-failed (verified); not yet executed is incomplete, naming the link. Exit 0 verified, 1 failed or
 * incomplete, 2 usage, 3 endpoint unreachable.
 */
export const zksyncDepositCommand: CommandSpec = {
  usage:
    'L1TXHASH [--beacon URL] [--l1-rpc URL] [--zksync-rpc URL] [--checkpoint R] [--network N] [--save FILE]',
  options: { ...ONLINE_OPTIONS },
  positionals: { min: 1, max: 1, names: 'L1TXHASH: the L1 transaction that deposited' },
  async run({ values, positionals }, ctx) {
    const l1TxHash = positionals[0]!
    if (!/^0x[0-9a-fA-F]{64}$/.test(l1TxHash))
      throw new UsageError(`L1TXHASH must be a 32-byte 0x-hex transaction hash, got '${l1TxHash}'`)
    const services = await cliServices(ctx)
    const op = cliOperation(services, ctx, `zksync deposit ${l1TxHash}`)
    try {
      const evidence = await collectZksyncDeposit(
        services.context,
        op,
        { l1TxHash },
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
