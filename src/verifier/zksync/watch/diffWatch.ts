import type { FactValue, Report } from '../../report'

/**
 * "What changed since my last snapshot?" (issue 21): the watched facts of two verified zksync-watch reports,
 * field by field. Both reports come from verifying evidence (the earlier one re-verified from its saved evidence,
 * never read from a stored report), so each value shown rests on its own proof. Pure: no clock, no store.
 */

/** The facts the watch compares, in the order a change is listed; `alert` marks what an auditor must look at. */
export const WATCHED_FIELDS: readonly { path: string; alert: boolean; what: string }[] = [
  { path: 'protocolVersion', alert: true, what: 'protocol version' },
  { path: 'verifier', alert: true, what: 'verifier contract' },
  { path: 'verifierCodeHash', alert: true, what: 'verifier code hash' },
  { path: 'verifierKey', alert: true, what: 'verification key' },
  { path: 'admin', alert: true, what: 'chain admin' },
  { path: 'pendingAdmin', alert: true, what: 'pending chain admin' },
  { path: 'settlementLayer', alert: true, what: 'settlement layer' },
  { path: 'isPermanentRollup', alert: true, what: 'permanent-rollup flag' },
  { path: 'facets', alert: true, what: 'facets' },
  { path: 'isFrozen', alert: true, what: 'frozen flag' },
  { path: 'bootloaderHash', alert: false, what: 'L2 bootloader hash' },
  { path: 'defaultAAHash', alert: false, what: 'L2 default account hash' },
  { path: 'daValidators', alert: false, what: 'DA validators' },
  { path: 'pendingUpgrade', alert: true, what: 'pending upgrade' },
  { path: 'chainTypeManager.address', alert: true, what: 'ChainTypeManager' },
  { path: 'chainTypeManager.protocolVersion', alert: false, what: 'latest protocol version (CTM)' },
  { path: 'chainTypeManager.upgradeCutHash', alert: true, what: 'upgrade cut for the chain’s version (CTM)' },
  {
    path: 'chainTypeManager.protocolVersionDeadline',
    alert: true,
    what: 'deadline of the chain’s version (CTM)',
  },
  { path: 'chainTypeManager.owner', alert: true, what: 'ChainTypeManager owner' },
  { path: 'chainTypeManager.admin', alert: true, what: 'ChainTypeManager admin' },
  { path: 'validatorTimelock.address', alert: true, what: 'ValidatorTimelock' },
  { path: 'validatorTimelock.owner', alert: false, what: 'ValidatorTimelock owner' },
  { path: 'validatorTimelock.isValidator', alert: true, what: 'ValidatorTimelock listed as validator' },
  { path: 'executionDelay', alert: true, what: 'execution delay (seconds)' },
]

export interface WatchChange {
  field: string
  what: string
  alert: boolean
  /** The value in each snapshot; null when that snapshot did not establish it. */
  before: FactValue | null
  after: FactValue | null
}

export interface WatchDiff {
  /** The L1 block each snapshot was proven at (facts.asOf). */
  before: { asOf: string | null }
  after: { asOf: string | null }
  changes: WatchChange[]
  /** Facets added and removed, by address (with the code hash each had). */
  facets?: { added: FactValue[]; removed: FactValue[]; codeChanged: string[] }
}

function at(facts: Report['facts'], path: string): FactValue | null {
  let v: FactValue | undefined = facts
  for (const p of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return null
    v = v[p]
  }
  return v === undefined ? null : v
}

/** Canonical JSON (sorted keys), so equal facts compare equal whatever their key order. */
function canonical(v: FactValue | null): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v)
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(v[k]!)}`)
    .join(',')}}`
}

function facetsOf(v: FactValue | null): Map<string, FactValue> {
  const m = new Map<string, FactValue>()
  if (!Array.isArray(v)) return m
  for (const f of v)
    if (f && typeof f === 'object' && !Array.isArray(f) && typeof f.address === 'string') m.set(f.address, f)
  return m
}

/** The watched fields that differ between two verified watch reports, `before` the earlier one. */
export function diffWatchReports(before: Report, after: Report): WatchDiff {
  const changes: WatchChange[] = []
  for (const f of WATCHED_FIELDS) {
    const a = at(before.facts, f.path)
    const b = at(after.facts, f.path)
    if (canonical(a) !== canonical(b))
      changes.push({ field: f.path, what: f.what, alert: f.alert, before: a, after: b })
  }
  const out: WatchDiff = {
    before: { asOf: typeof before.facts.asOf === 'string' ? before.facts.asOf : null },
    after: { asOf: typeof after.facts.asOf === 'string' ? after.facts.asOf : null },
    changes,
  }
  if (changes.some((c) => c.field === 'facets')) {
    const old = facetsOf(at(before.facts, 'facets'))
    const now = facetsOf(at(after.facts, 'facets'))
    const code = (f: FactValue | undefined) =>
      f && typeof f === 'object' && !Array.isArray(f) ? (f.codeHash ?? null) : null
    out.facets = {
      added: [...now].filter(([a]) => !old.has(a)).map(([, f]) => f),
      removed: [...old].filter(([a]) => !now.has(a)).map(([, f]) => f),
      codeChanged: [...now.keys()].filter((a) => old.has(a) && code(old.get(a)) !== code(now.get(a))),
    }
  }
  return out
}
