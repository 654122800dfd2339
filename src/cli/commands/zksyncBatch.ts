import { errorMessage, UsageError } from '../../shared/errors'
import { collectZksyncBatch } from '../../main/services/zksync/zksyncFlows'
import type { CommandSpec } from '../command'
import { verifyAndMaybeSave } from '../evidenceIo'
import { cliOperation, cliServices, GATEWAY_OPTION, ONLINE_OPTIONS, overridesFrom } from '../online'

/** A batch number on the command line: a decimal integer, below 2^64. */
export function batchNumberArg(value: string, what: string): bigint {
  if (!/^\d{1,20}$/.test(value) || BigInt(value) >= 1n << 64n)
    throw new UsageError(`${what} must be a batch number (a decimal integer), got '${value}'`)
  return BigInt(value)
}

/**
 * `lightproof zksync batch N [--save FILE]` (online): from the beacon checkpoint to the L1 head, the ZKsync
 * diamond's counters and storedBatchHashes[N] are proven with eth_getProof, N's status follows from the counters,
 * its commit calldata is decoded and its StoredBatchInfo (commitment recomputed) is bound to the stored hash.
 * `--blobs` adds the batch's data (issue 20): its blobs fetched from the beacon endpoints, each checked against the
 * linear hash, versioned hash and opening its bound commitment fixes, and the pubdata decoded (evidence of the
 * zksync pubdata kind). `--proof` adds the SNARK: the prove call's StoredBatchInfos bound to storedBatchHashes[N−1] and [N], the public
 * input derived from their commitments, the proof verified with the key pinned for the protocol version. A proof
 * that cannot be checked (not proven yet, unsupported verifier type, a key only an eth_call names) leaves the
 * verdict incomplete. A batch that settled on ZKsync Gateway is incomplete from L1 alone; `--gateway-rpc URL`
 * proves it through Gateway (the Gateway hop). Exit 0 verified, 1 failed or incomplete, 2 usage, 3 endpoint
 * unreachable.
 */
export const zksyncBatchCommand: CommandSpec = {
  usage:
    'N [--proof | --blobs] [--beacon URL] [--l1-rpc URL] [--zksync-rpc URL] [--gateway-rpc URL] [--checkpoint R] [--network N] [--save FILE]',
  options: {
    proof: { type: 'boolean', help: 'also check the batch’s validity proof (SNARK) locally' },
    blobs: {
      type: 'boolean',
      help: 'also fetch the batch’s blobs from the beacon endpoints: prove them published and decode the pubdata',
    },
    ...ONLINE_OPTIONS,
    ...GATEWAY_OPTION,
  },
  positionals: { min: 1, max: 1, names: 'N: the batch number' },
  async run({ values, positionals }, ctx) {
    const n = batchNumberArg(positionals[0]!, 'N')
    const services = await cliServices(ctx)
    const proof = values.proof === true
    const blobs = values.blobs === true
    if (proof && blobs) throw new UsageError('--proof and --blobs are separate checks: give one of them')
    const op = cliOperation(services, ctx, `zksync batch ${n}`)
    try {
      const evidence = await collectZksyncBatch(services.context, op, n, {
        overrides: overridesFrom(values),
        proof,
        blobs,
      })
      const report = await verifyAndMaybeSave(evidence, values, ctx)
      op.finish(report.verdict)
      return report
    } catch (err) {
      op.fail(`failed: ${errorMessage(err)}`)
      throw err
    }
  },
}
