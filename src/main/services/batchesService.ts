import type { HandlersOf } from '../../shared/api'
import type { BATCHES_METHODS } from '../../shared/methods'
import type { ServiceContext } from './context'
import { runVerification } from './runVerification'
import { collectZksyncBatch, zksyncBatchesOverview } from './zksync/zksyncFlows'

/** The batches area's services; its methods are declared in src/shared/contract/batches.ts. */
export function createBatchesHandlers(ctx: ServiceContext): HandlersOf<(typeof BATCHES_METHODS)[number]> {
  return {
    async zksyncBatch({ batchNumber, proof }) {
      const op = ctx.operations.start(
        'zksyncBatch',
        `ZKsync batch ${batchNumber}${proof ? ' with its SNARK' : ''}`,
      )
      try {
        const evidence = await collectZksyncBatch(ctx, op, BigInt(batchNumber), { proof: proof === true })
        op.progress(
          1,
          1,
          proof ? 'verifying the evidence and the SNARK (worker thread)' : 'verifying the evidence',
        )
        // With a proof section the evidence holds a SNARK: runVerification sends it to a worker thread.
        return await runVerification(ctx, evidence, { signal: op.signal })
      } finally {
        op.finish()
      }
    },
    /** A status view, refreshed often: verified like any evidence but not kept in history. */
    async batchesOverview() {
      const op = ctx.operations.start('zksyncCounters', 'ZKsync batch counters')
      try {
        return await zksyncBatchesOverview(ctx, op)
      } finally {
        op.finish()
      }
    },
  }
}
