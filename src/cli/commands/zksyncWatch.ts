import { errorMessage } from '../../shared/errors'
import { collectZksyncWatch } from '../../main/services/zksync/zksyncFlows'
import type { CommandSpec } from '../command'
import { verifyAndMaybeSave } from '../evidenceIo'
import { cliOperation, cliServices, ONLINE_OPTIONS, overridesFrom } from '../online'

/**
 * `lightproof zksync watch [--save FILE]` (online, issue 21): who can change the chain and what would change, at
 * the beacon-verified L1 head — protocol version, verifier and the key its proven code carries, admins, settlement
 * layer, facets and their code hashes, the ChainTypeManager's pending upgrade and the ValidatorTimelock's execution
 * delay — every fact proven from L1 storage by eth_getProof (watchEvidence.ts). Exit 0 verified, 1 failed or
 * incomplete, 2 usage, 3 endpoint unreachable.
 */
export const zksyncWatchCommand: CommandSpec = {
  path: ['zksync', 'watch'],
  summary:
    'upgrade watch: verifier, key, admins, facets, pending upgrade, execution delay, proven from L1 storage (online)',
  usage: '[--beacon URL] [--l1-rpc URL] [--zksync-rpc URL] [--checkpoint R] [--network N] [--save FILE]',
  options: { ...ONLINE_OPTIONS },
  positionals: { min: 0, max: 0 },
  async run({ values }, ctx) {
    const services = await cliServices(ctx)
    const op = cliOperation(services, ctx, 'zksync watch')
    try {
      const evidence = await collectZksyncWatch(services.context, op, { overrides: overridesFrom(values) })
      const report = await verifyAndMaybeSave(evidence, values, ctx)
      op.finish(report.verdict)
      return report
    } catch (err) {
      op.finish(`failed: ${errorMessage(err)}`)
      throw err
    }
  },
}
