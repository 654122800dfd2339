import { errorMessage } from '../../shared/errors'
import { collectZksyncWatch } from '../../main/services/zksync/zksyncFlows'
import {
  compareWithBaseline,
  lastWatchSnapshot,
  type WatchBaseline,
} from '../../main/services/zksync/watchHistory'
import { parseEvidence } from '../../verifier/evidence/schema'
import type { FactValue } from '../../verifier/report'
import type { WatchChange } from '../../verifier/zksync/watch/diffWatch'
import type { CommandSpec } from '../command'
import { stringOption } from '../command'
import { verifyAndMaybeSave } from '../evidenceIo'
import { cliOperation, cliServices, ONLINE_OPTIONS, overridesFrom } from '../online'

const short = (v: FactValue | null) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return s.length > 90 ? `${s.slice(0, 87)}…` : s
}

const obj = (v: FactValue | null | undefined): Record<string, FactValue> =>
  v && typeof v === 'object' && !Array.isArray(v) ? v : {}

/** One line per change; keys by name and hash, facets by count (the full values are in the JSON). */
function changeLine(c: WatchChange): string {
  if (c.field === 'verifierKey') {
    const key = (v: FactValue | null) => {
      const k = obj(v)
      const one = (x: FactValue | undefined) => `${String(obj(x).name)} ${String(obj(x).hash)}`
      return k.kind === 'dual' ? `FFLONK ${one(k.fflonk)}, PLONK ${one(k.plonk)}` : one(k)
    }
    return `${key(c.before)} → ${key(c.after)}`
  }
  if (c.field === 'facets') {
    const n = (v: FactValue | null) => (Array.isArray(v) ? v.length : 0)
    return `${n(c.before)} → ${n(c.after)} facets`
  }
  return `${short(c.before)} → ${short(c.after)}`
}

/**
 * `lightproof zksync watch [--since FILE] [--save FILE]` (online, issue 21): who can change the chain and what
 * would change, at the beacon-verified L1 head — protocol version, verifier and the key its proven code carries,
 * admins, settlement layer, facets and their code hashes, the ChainTypeManager's pending upgrade and the
 * ValidatorTimelock's execution delay — every fact proven from L1 storage by eth_getProof (watchEvidence.ts).
 * Each run is kept in the history; a verified run is compared with the newest verified snapshot there (or the
 * evidence `--since` names), re-verified from its evidence: `facts.sinceLastSnapshot` lists the changed fields
 * with both values, and stderr says so. A change is news, not a failure: exit 0 verified, 1 failed or incomplete,
 * 2 usage, 3 endpoint unreachable.
 */
export const zksyncWatchCommand: CommandSpec = {
  usage:
    '[--since FILE] [--beacon URL] [--l1-rpc URL] [--zksync-rpc URL] [--checkpoint R] [--network N] [--save FILE]',
  options: {
    since: {
      type: 'string',
      help: 'FILE  compare with this saved zksync-watch evidence (default: the last verified run in the history)',
    },
    ...ONLINE_OPTIONS,
  },
  positionals: { min: 0, max: 0 },
  async run({ values }, ctx) {
    const services = await cliServices(ctx)
    const since = stringOption(values, 'since')
    const baseline: WatchBaseline | undefined = since
      ? { source: since, createdAt: '', evidence: parseEvidence(await ctx.readInput(since)) }
      : await lastWatchSnapshot(services.context.history)
    if (baseline && since) baseline.createdAt = baseline.evidence.createdAt
    const op = cliOperation(services, ctx, 'zksync watch')
    try {
      const evidence = await collectZksyncWatch(services.context, op, { overrides: overridesFrom(values) })
      const report = await verifyAndMaybeSave(evidence, values, ctx)
      if (report.verdict === 'verified') {
        const { fact, diff } = await compareWithBaseline(report, baseline)
        report.facts.sinceLastSnapshot = fact
        if (diff && diff.changes.length === 0)
          ctx.progress(`zksync watch: no change since ${baseline!.source}`)
        const f = diff?.facets
        if (f && (f.added.length > 0 || f.removed.length > 0 || f.codeChanged.length > 0))
          ctx.progress(
            `zksync watch: facets added ${JSON.stringify(f.added.map((x) => obj(x).address))}, removed ${JSON.stringify(f.removed.map((x) => obj(x).address))}, code changed ${JSON.stringify(f.codeChanged)}`,
          )
        for (const c of diff?.changes ?? [])
          ctx.progress(
            `zksync watch: ${c.alert ? 'CHANGED' : 'changed'} ${c.what} since ${baseline!.source}: ${changeLine(c)}`,
          )
      }
      await services.context.history.add(report, evidence)
      op.finish(report.verdict)
      return report
    } catch (err) {
      op.fail(`failed: ${errorMessage(err)}`)
      throw err
    }
  },
}
