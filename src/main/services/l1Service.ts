import type { HandlersOf } from '../../shared/api'
import type { VerificationOutcome } from '../../shared/contract/common'
import type { KnownTokenView, L1BalanceRequest } from '../../shared/contract/l1'
import { UsageError } from '../../shared/errors'
import type { L1_METHODS } from '../../shared/methods'
import type { TrustedExecutionHead } from '../../verifier/beacon/lightClientHeader'
import { createEvidence } from '../../verifier/evidence/createEvidence'
import { l1BalanceKind } from '../../verifier/kinds/l1BalanceKind'
import type { Evidence } from '../../verifier/evidence/schema'
import { balanceTarget } from '../../verifier/l1/balanceQuestion'
import type { L1BalanceData } from '../../verifier/l1/l1BalanceEvidence'
import { KNOWN_TOKENS } from '../../verifier/mpt/erc20'
import { syncBeaconChain } from './beacon/syncBeaconChain'
import type { ServiceContext } from './context'
import { resolveEndpoints, type EndpointOverrides } from './endpoints'
import { collectSignedHead } from './l1/collectSignedHead'
import { fetchProofs } from './l1/fetchProofs'
import { resolveQuestion } from './l1/resolveQuestion'
import type { Operation } from './operations'
import { runVerification } from './runVerification'

export interface L1BalanceRun {
  evidence: Evidence
  outcome: VerificationOutcome
}

/**
 * One L1 balance question, end to end (issue 4): checkpoint → trusted head (finalized, or the latest block
 * signed by the sync committee) → eth_getProof at that head's number from every configured L1 endpoint →
 * evidence → runVerification (history). The endpoints only deliver data; the verifier decides. `beforeVerify`
 * lets the CLI save the evidence first, so even a failed run leaves the file that shows why.
 */
export async function proveL1Balance(
  ctx: ServiceContext,
  op: Operation,
  request: L1BalanceRequest,
  overrides: EndpointOverrides = {},
  beforeVerify?: (evidence: Evidence) => Promise<void>,
): Promise<L1BalanceRun> {
  const question = resolveQuestion(request)
  const target = balanceTarget(question)
  const endpoints = await resolveEndpoints(ctx, overrides)
  if (endpoints.l1Rpc.length === 0)
    throw new UsageError('no L1 RPC endpoint configured: add one in Settings or pass --l1-rpc', 'l1.no-rpc')

  let head: TrustedExecutionHead | null
  let beacon: Pick<L1BalanceData, 'beacon' | 'headBlock'>
  let collected: { checkpoint: string; createdAt: string; provenance: unknown; sources: Evidence['sources'] }
  if (request.head === 'latest') {
    const c = await collectSignedHead(ctx, op, overrides)
    head = c.head
    beacon = { beacon: c.section, headBlock: c.headBlock }
    collected = c
  } else {
    const c = await syncBeaconChain(ctx, op, overrides)
    head = c.result.finalized
    beacon = { beacon: c.section }
    collected = c
  }

  let proofs: L1BalanceData['proofs'] = []
  let sources = collected.sources
  if (head) {
    const keys = target.storageKey ? [target.storageKey] : []
    const fetched = await fetchProofs(ctx, op, endpoints.l1Rpc, target.account, keys, head.blockNumber)
    proofs = fetched.proofs
    sources = [...sources, ...fetched.sources]
  } else {
    op.progress(1, 1, 'the beacon chain did not verify: no trusted block to ask eth_getProof at')
  }

  const evidence = createEvidence({
    kind: l1BalanceKind.kind,
    createdAt: collected.createdAt,
    question: {
      ...question,
      ...(head ? { blockNumber: head.blockNumber.toString() } : {}),
      checkpoint: collected.provenance,
    },
    trust: { kind: 'beacon-checkpoint', value: collected.checkpoint },
    data: { ...beacon, proofs } satisfies L1BalanceData,
    sources,
  })
  if (beforeVerify) await beforeVerify(evidence)
  op.progress(1, 1, 'verifying the evidence')
  const outcome = await runVerification(ctx, evidence)
  return { evidence, outcome }
}

export function knownTokenViews(): KnownTokenView[] {
  return KNOWN_TOKENS.map((t) => ({
    symbol: t.symbol,
    name: t.name,
    address: t.address,
    decimals: t.decimals,
    balanceSlot: t.balanceSlot.toString(),
    unit: t.unit,
  }))
}

/** The l1 area's services; its methods are declared in src/shared/contract/l1.ts. */
export function createL1Handlers(ctx: ServiceContext): HandlersOf<(typeof L1_METHODS)[number]> {
  return {
    async l1Balance(request) {
      const op = ctx.operations.start('l1Balance', 'L1 balance')
      try {
        return (await proveL1Balance(ctx, op, request)).outcome
      } finally {
        op.finish()
      }
    },
    async l1Tokens() {
      return knownTokenViews()
    },
  }
}
