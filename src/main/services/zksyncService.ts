import type { HandlersOf } from '../../shared/api'
import type { ZKSYNC_METHODS } from '../../shared/methods'
import type { ServiceContext } from './context'
import { runVerification } from './runVerification'
import { compareWithBaseline, lastWatchSnapshot, watchTimeline } from './zksync/watchHistory'
import {
  collectZksyncBalance,
  collectZksyncDeposit,
  collectZksyncWatch,
  collectZksyncWithdrawal,
} from './zksync/zksyncFlows'

/** The zksync area's services; its methods are declared in src/shared/contract/zksync.ts. */
export function createZksyncHandlers(ctx: ServiceContext): HandlersOf<(typeof ZKSYNC_METHODS)[number]> {
  return {
    async zksyncBalance(req) {
      const op = ctx.operations.start(`ZKsync balance of ${req.address}`)
      try {
        const evidence = await collectZksyncBalance(ctx, op, {
          address: req.address,
          ...(req.token ? { token: req.token } : {}),
          ...(req.batch ? { batch: BigInt(req.batch) } : {}),
        })
        op.progress(1, 1, 'verifying the evidence')
        return await runVerification(ctx, evidence)
      } finally {
        op.finish()
      }
    },
    async zksyncWithdrawal(req) {
      const op = ctx.operations.start(`ZKsync withdrawal ${req.txHash}`)
      try {
        const evidence = await collectZksyncWithdrawal(ctx, op, {
          txHash: req.txHash,
          ...(req.index !== undefined ? { index: req.index } : {}),
        })
        op.progress(1, 1, 'verifying the evidence')
        return await runVerification(ctx, evidence)
      } finally {
        op.finish()
      }
    },
    async zksyncDeposit(req) {
      const op = ctx.operations.start(`ZKsync deposit ${req.l1TxHash}`)
      try {
        const evidence = await collectZksyncDeposit(ctx, op, { l1TxHash: req.l1TxHash })
        op.progress(1, 1, 'verifying the evidence')
        return await runVerification(ctx, evidence)
      } finally {
        op.finish()
      }
    },
    async zksyncWatch() {
      const op = ctx.operations.start('ZKsync upgrade watch')
      try {
        const baseline = await lastWatchSnapshot(ctx.history)
        const evidence = await collectZksyncWatch(ctx, op, {})
        op.progress(1, 1, 'verifying the evidence')
        const outcome = await runVerification(ctx, evidence)
        if (outcome.report.verdict === 'verified')
          outcome.report.facts.sinceLastSnapshot = (await compareWithBaseline(outcome.report, baseline)).fact
        return { ...outcome, timeline: await watchTimeline(ctx.history) }
      } finally {
        op.finish()
      }
    },
  }
}
