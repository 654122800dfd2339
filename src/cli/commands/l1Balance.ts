import { errorMessage, UsageError } from '../../shared/errors'
import { saveEvidence } from '../evidenceIo'
import { proveL1Balance } from '../../main/services/l1Service'
import type { CommandSpec } from '../command'
import { stringOption } from '../command'
import { cliOperation, cliServices, ignoredOnlineOptions, ONLINE_OPTIONS, overridesFrom } from '../online'

/**
 * `lightproof l1 balance ADDRESS [--token ADDRESS|SYMBOL] [--slot S] [--decimals N] [--head finalized|latest]
 * [ONLINE_OPTIONS] [--json]`: an ETH or ERC-20 balance (or, with --slot and no token, a raw storage slot) proven
 * from the trusted checkpoint down to the value, eth_getProof asked at the trusted head's block from every
 * --l1-rpc (cross-checked). Exit 0 verified, 1 failed (a lie or a disagreement), 2 bad input, 3 an endpoint
 * could not answer (unreachable, no eth_getProof, state pruned).
 */
export const l1BalanceCommand: CommandSpec = {
  usage: 'ADDRESS [--token ADDRESS|SYMBOL] [--slot S] [--decimals N] [--head finalized|latest] [--save FILE]',
  options: {
    token: { type: 'string', help: 'T  token symbol of the built-in table (WETH, USDC, …) or 0x-address' },
    slot: {
      type: 'string',
      help: 'S  with --token: the balance mapping slot of an unlisted token; alone: a raw storage slot',
    },
    decimals: { type: 'string', help: 'N  decimals of an unlisted token (to show whole units)' },
    head: {
      type: 'string',
      help: 'H  finalized (default) or latest (the newest block, signed by the sync committee; not final)',
    },
    ...Object.fromEntries(Object.entries(ONLINE_OPTIONS).filter(([name]) => name !== 'zksync-rpc')),
    // Accepted and ignored, so one set of endpoint flags serves a whole session.
    ...ignoredOnlineOptions('zksync-rpc'),
  },
  positionals: { min: 1, max: 1, names: 'ADDRESS' },
  async run({ values, positionals }, ctx) {
    const head = stringOption(values, 'head') ?? 'finalized'
    if (head !== 'finalized' && head !== 'latest')
      throw new UsageError(`--head ${head}: expected finalized or latest`)
    const decimalsText = stringOption(values, 'decimals')
    if (decimalsText !== undefined && !/^\d{1,3}$/.test(decimalsText))
      throw new UsageError(`--decimals ${decimalsText}: expected a whole number`)
    const slot = stringOption(values, 'slot')
    if (slot !== undefined && !/^0x[0-9a-fA-F]{1,64}$/.test(slot))
      throw new UsageError(`--slot ${slot}: expected 0x followed by at most 64 hex digits`)
    const services = await cliServices(ctx)
    const op = cliOperation(services, ctx, 'l1 balance')
    const save = stringOption(values, 'save')
    try {
      const { outcome } = await proveL1Balance(
        services.context,
        op,
        {
          address: positionals[0]!,
          token: stringOption(values, 'token') ?? null,
          slot: slot ?? null,
          decimals: decimalsText === undefined ? null : Number(decimalsText),
          head,
        },
        overridesFrom(values),
        save
          ? async (evidence) => {
              await saveEvidence(save, evidence)
              ctx.progress(`l1 balance: evidence saved to ${save}`)
            }
          : undefined,
      )
      op.finish(outcome.report.verdict)
      return outcome.report
    } catch (err) {
      op.fail(`failed: ${errorMessage(err)}`)
      throw err
    }
  },
}
