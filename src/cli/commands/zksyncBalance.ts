import { errorMessage, UsageError } from '../../shared/errors'
import { collectZksyncBalance } from '../../main/services/zksync/zksyncFlows'
import type { CommandSpec } from '../command'
import { stringOption } from '../command'
import { verifyAndMaybeSave } from '../evidenceIo'
import { cliOperation, cliServices, GATEWAY_OPTION, ONLINE_OPTIONS, overridesFrom } from '../online'
import { batchNumberArg } from './zksyncBatch'

/**
 * `lightproof zksync balance ADDRESS [--token T] [--batch N] [--save FILE]` (online): the account's ETH (and
 * token) balance and nonce on ZKsync Era from zks_getProof, folded to the state root of batch N (default: the
 * latest executed batch), whose StoredBatchInfo is bound to L1 storage proven from the beacon checkpoint. A batch
 * that is not yet executed gives `incomplete`: the balance is not final.
 */
export const zksyncBalanceCommand: CommandSpec = {
  usage:
    'ADDRESS [--token T] [--batch N] [--beacon URL] [--l1-rpc URL] [--zksync-rpc URL] [--gateway-rpc URL] [--save FILE]',
  options: {
    token: {
      type: 'string',
      help: 'T  a token of the built-in table (USDC, USDT, WETH, ZK…), an L2 address, or address:slot:decimals',
    },
    batch: { type: 'string', help: 'N  the batch to read at (default: the latest executed batch on L1)' },
    ...ONLINE_OPTIONS,
    ...GATEWAY_OPTION,
  },
  positionals: { min: 1, max: 1, names: 'ADDRESS: the L2 account' },
  async run({ values, positionals }, ctx) {
    const address = positionals[0]!
    if (!/^0x[0-9a-fA-F]{40}$/.test(address))
      throw new UsageError(`ADDRESS must be a 20-byte 0x-hex address, got '${address}'`)
    const batch = stringOption(values, 'batch')
    const token = stringOption(values, 'token')
    const services = await cliServices(ctx)
    const op = cliOperation(services, ctx, 'zksync balance')
    try {
      const evidence = await collectZksyncBalance(
        services.context,
        op,
        {
          address,
          ...(token ? { token } : {}),
          ...(batch !== undefined ? { batch: batchNumberArg(batch, '--batch') } : {}),
        },
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
