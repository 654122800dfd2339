import { useMemo, useState } from 'react'
import type { FactValue } from '../../../verifier/report'
import { downloadText } from '../download'
import { VirtualList } from './VirtualList'

/** One published state diff, as the verifier reports it in `facts.pubdata.diffs`. */
interface Diff {
  kind: string
  key: string
  op: string
  value: string
}

interface Withdrawal {
  kind: string
  receiver: string
  l1Token?: string
  amount: string
}

export interface PubdataFacts {
  bytes: number
  logs: number
  messages: number
  bytecodes: number
  stateDiffs: number
  initialWrites: number
  repeatedWrites: number
  diffOps: Record<string, number>
  diffs: Diff[]
  withdrawals: Withdrawal[]
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
const isStr = (v: unknown): v is string => typeof v === 'string'

/** The pubdata facts when the report has them in the shape this view draws; anything else is left to the facts list. */
export function pubdataFactsOf(facts: Record<string, FactValue>): PubdataFacts | undefined {
  const p = facts.pubdata
  if (!isObj(p) || !isObj(p.diffOps) || !Array.isArray(p.withdrawals)) return undefined
  const counts = ['bytes', 'logs', 'messages', 'bytecodes', 'stateDiffs', 'initialWrites', 'repeatedWrites']
  if (!counts.every((k) => typeof p[k] === 'number')) return undefined
  const diffs = Array.isArray(p.diffs)
    ? (p.diffs as unknown[]).filter(
        (d): d is Diff => isObj(d) && isStr(d.kind) && isStr(d.key) && isStr(d.op) && isStr(d.value),
      )
    : []
  const withdrawals = (p.withdrawals as unknown[]).filter(
    (w): w is Withdrawal => isObj(w) && isStr(w.kind) && isStr(w.receiver) && isStr(w.amount),
  )
  return { ...(p as unknown as PubdataFacts), diffs, withdrawals }
}

const OP_COLOURS: Record<string, string> = {
  none: '#64748b',
  add: '#16a34a',
  sub: '#dc2626',
  transform: '#2563eb',
}

/**
 * What a batch published, as an auditor reads it: the counts, the diff operations as a small chart, the
 * withdrawals its messages encode, and every state diff in a searchable table, exportable as CSV or JSON.
 * `verified` says whether the pubdata was proven to be the batch's (the facts of a failed report are not).
 */
export function PubdataView({
  pubdata,
  verified,
  name,
}: {
  pubdata: PubdataFacts
  verified: boolean
  name: string
}) {
  const [query, setQuery] = useState('')
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase()
    if (!q) return pubdata.diffs
    return pubdata.diffs.filter((d) => d.key.includes(q) || d.value.includes(q) || d.op === q || d.kind === q)
  }, [pubdata.diffs, query])

  const tiles: [string, number][] = [
    ['bytes', pubdata.bytes],
    ['L2→L1 logs', pubdata.logs],
    ['messages', pubdata.messages],
    ['bytecodes', pubdata.bytecodes],
    ['state diffs', pubdata.stateDiffs],
    ['initial writes', pubdata.initialWrites],
    ['repeated writes', pubdata.repeatedWrites],
  ]
  return (
    <section className="pubdata" data-testid="pubdata">
      <h3>Published data {!verified && <span className="warn-text">(not verified)</span>}</h3>
      <div className="pubdata-tiles">
        {tiles.map(([label, n]) => (
          <div key={label} className="tile">
            <span className="tile-number">{n.toLocaleString('en-US')}</span>
            <span className="muted small">{label}</span>
          </div>
        ))}
      </div>
      <DiffOpsChart ops={pubdata.diffOps} />
      <h4>Withdrawals ({pubdata.withdrawals.length})</h4>
      {pubdata.withdrawals.length === 0 ? (
        <p className="muted">No message of this batch encodes an ETH or legacy-bridge ERC-20 withdrawal.</p>
      ) : (
        <table className="pubdata-table" data-testid="pubdata-withdrawals">
          <thead>
            <tr>
              <th>kind</th>
              <th>L1 receiver</th>
              <th>amount (wei or token units)</th>
              <th>L1 token</th>
            </tr>
          </thead>
          <tbody>
            {pubdata.withdrawals.map((w, i) => (
              <tr key={i}>
                <td>{w.kind === 'eth' ? 'ETH' : 'ERC-20 (legacy bridge)'}</td>
                <td>
                  <code>{w.receiver}</code>
                </td>
                <td className="num">{w.amount}</td>
                <td>{w.l1Token ? <code>{w.l1Token}</code> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>
        State diffs{' '}
        <span className="muted">
          (
          {shown.length === pubdata.diffs.length
            ? shown.length
            : `${shown.length} of ${pubdata.diffs.length}`}
          )
        </span>
      </h4>
      <div className="row">
        <input
          type="search"
          placeholder="Search a key, enumeration index, value or op"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label="Search the state diffs"
          data-testid="pubdata-search"
        />
        <button type="button" onClick={() => exportCsv(name, shown)} disabled={shown.length === 0}>
          Export CSV
        </button>
        <button type="button" onClick={() => exportJson(name, pubdata)}>
          Export JSON
        </button>
      </div>
      <div className="diff-row diff-head muted small">
        <span>write</span>
        <span>derived key / enumeration index</span>
        <span>op</span>
        <span>value (full, or the delta)</span>
      </div>
      <VirtualList
        items={shown}
        rowHeight={26}
        height={320}
        testId="pubdata-diffs"
        renderRow={(d) => (
          <div className="diff-row">
            <span>{d.kind}</span>
            <code title={d.key}>{d.key}</code>
            <span style={{ color: OP_COLOURS[d.op] }}>{d.op}</span>
            <code title={d.value}>{d.value}</code>
          </div>
        )}
      />
    </section>
  )
}

/** A bar per diff operation: how the batch's state changes were compressed. */
function DiffOpsChart({ ops }: { ops: Record<string, number> }) {
  const entries = Object.entries(ops)
  const max = Math.max(1, ...entries.map(([, n]) => n))
  const width = 320
  const bar = 22
  return (
    <svg
      className="diff-ops-chart"
      width={width + 140}
      height={entries.length * (bar + 6)}
      role="img"
      aria-label={`state diff operations: ${entries.map(([op, n]) => `${op} ${n}`).join(', ')}`}
      data-testid="pubdata-ops-chart"
    >
      {entries.map(([op, n], i) => (
        <g key={op} transform={`translate(0, ${i * (bar + 6)})`}>
          <text x={0} y={bar * 0.7} className="chart-label">
            {op}
          </text>
          <rect
            x={80}
            y={0}
            width={Math.max(1, (n / max) * width)}
            height={bar}
            fill={OP_COLOURS[op] ?? '#64748b'}
          />
          <text x={86 + (n / max) * width} y={bar * 0.7} className="chart-label">
            {n}
          </text>
        </g>
      ))}
    </svg>
  )
}

function csvField(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

function exportCsv(name: string, diffs: readonly Diff[]): void {
  const lines = [
    'kind,key,op,value',
    ...diffs.map((d) => [d.kind, d.key, d.op, d.value].map(csvField).join(',')),
  ]
  downloadText(`${name}-state-diffs.csv`, 'text/csv', `${lines.join('\n')}\n`)
}

function exportJson(name: string, pubdata: PubdataFacts): void {
  downloadText(`${name}-pubdata.json`, 'application/json', `${JSON.stringify(pubdata, null, 2)}\n`)
}
