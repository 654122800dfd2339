import type { HandlersOf } from '../../shared/api'
import type { OperationKind } from '../../shared/contract/common'
import type { ZKSYNC_METHODS } from '../../shared/methods'
import type { Evidence } from '../../verifier/evidence/schema'
import type { ServiceContext } from './context'
import type { Operation } from './operations'
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
  /** One flow as an operation: collect the evidence (progress under `label`), then verify and keep it. */
  async function verifyFlow(
    kind: OperationKind,
    label: string,
    collect: (op: Operation) => Promise<Evidence>,
  ) {
    const op = ctx.operations.start(kind, label)
    try {
      const evidence = await collect(op)
      op.progress(1, 1, 'verifying the evidence')
      return await runVerification(ctx, evidence)
    } finally {
      op.finish()
    }
  }
  return {
    zksyncBalance: (req) =>
      verifyFlow('zksyncBalance', `ZKsync balance of ${req.address}`, (op) =>
        collectZksyncBalance(ctx, op, {
          address: req.address,
          ...(req.token ? { token: req.token } : {}),
          ...(req.batch ? { batch: BigInt(req.batch) } : {}),
        }),
      ),
    zksyncWithdrawal: (req) =>
      verifyFlow('zksyncWithdrawal', `ZKsync withdrawal ${req.txHash}`, (op) =>
        collectZksyncWithdrawal(ctx, op, {
          txHash: req.txHash,
          ...(req.index !== undefined ? { index: req.index } : {}),
        }),
      ),
    zksyncDeposit: (req) =>
      verifyFlow('zksyncDeposit', `ZKsync deposit ${req.l1TxHash}`, (op) =>
        collectZksyncDeposit(ctx, op, { l1TxHash: req.l1TxHash }),
      ),
    async zksyncWatch() {
      const op = ctx.operations.start('zksyncWatch', 'ZKsync upgrade watch')
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
