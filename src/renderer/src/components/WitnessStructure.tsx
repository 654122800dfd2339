import { useMemo, useState } from 'react'
import type {
  DescribedStem,
  DescribedSuffix,
  WitnessDescription,
} from '../../../verifier/verkle/describeWitness'
import { decodedText, shortHex } from './decodedText'
import { VirtualList } from './VirtualList'

export type WitnessDescriptionView = WitnessDescription

const ROW_HEIGHT = 44
const VIEWPORT = 440

type Row = { type: 'stem'; stem: DescribedStem } | { type: 'suffix'; stem: string; suffix: DescribedSuffix }

/**
 * A Verkle witness's structure: what it claims, stem by stem, with each 32-byte value decoded for the leaf
 * layout in use. Whether the pre-state values are proven is the report's job; post-state values never are.
 * Stems and suffixes are one windowed list, so a witness with thousands of keys stays responsive.
 */
export function WitnessStructure({ description: d }: { description: WitnessDescription }) {
  const [filter, setFilter] = useState('')
  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase()
    const out: Row[] = []
    for (const s of d.stems) {
      const suffixes = needle
        ? s.stem.includes(needle)
          ? s.suffixes
          : s.suffixes.filter((x) => x.key.includes(needle) || x.role.toLowerCase().includes(needle))
        : s.suffixes
      if (suffixes.length === 0) continue
      out.push({ type: 'stem', stem: s })
      for (const x of suffixes) out.push({ type: 'suffix', stem: s.stem, suffix: x })
    }
    return out
  }, [d, filter])

  return (
    <section className="card" data-testid="witness-structure">
      <h2>Witness structure</h2>
      <p className="muted" data-testid="witness-counts">
        {d.counts.stems} stems · {d.counts.keys} keys ({d.counts.present} present, {d.counts.absent} absent) ·{' '}
        {d.counts.claimedNewValues} claimed new values · {d.counts.commitments} commitments ·{' '}
        {d.counts.openings} openings · found at <code>{d.foundAt}</code>
      </p>
      <p className="small">
        Leaf layout: <strong>{d.layout.layout}</strong> <span className="muted">({d.layout.reason})</span>
      </p>
      <p className="banner small" data-testid="claims-note">
        <strong>Pre-state</strong> values are proven only when the report above says VERIFIED against a root
        you trust. <strong>New (post-state)</strong> values are claims of the block producer: a pre-state
        witness never proves them.
      </p>
      {d.normalisations.length > 0 && (
        <p className="warn-text small">Normalised before verifying: {d.normalisations.join('; ')}</p>
      )}
      {d.claimedParentStateRoot && (
        <p className="small muted">
          The file names a parent state root <code>{d.claimedParentStateRoot}</code> — a claim, never used as
          the trust root.
        </p>
      )}
      <div className="row">
        <label className="field" style={{ flex: 1 }}>
          <span>Filter by stem, key or role</span>
          <input
            value={filter}
            placeholder="0x… or balance"
            spellCheck={false}
            onChange={(e) => setFilter(e.target.value)}
            data-testid="witness-filter"
          />
        </label>
      </div>
      <div className="wrow wrow-head muted small">
        <span>Suffix</span>
        <span>Role</span>
        <span>Pre-state (proven if verified)</span>
        <span>New (claimed only)</span>
      </div>
      <VirtualList
        key={filter}
        items={rows}
        rowHeight={ROW_HEIGHT}
        height={VIEWPORT}
        testId="witness-rows"
        renderRow={(row) =>
          row.type === 'stem' ? <StemRow stem={row.stem} /> : <SuffixRow x={row.suffix} />
        }
      />
      {rows.length === 0 && <p className="muted">No key matches the filter.</p>}

      <details data-testid="absent-keys">
        <summary>
          Absent keys <span className="muted">({d.absentKeys.length})</span>
        </summary>
        <p className="muted small">
          Keys whose pre-state value the witness says does not exist (proven absent if verified).
        </p>
        <VirtualList
          items={d.absentKeys}
          rowHeight={26}
          height={260}
          renderRow={(k) => (
            <div className="vrow">
              <code>{k}</code>
            </div>
          )}
        />
      </details>

      <details data-testid="commitments-by-path">
        <summary>
          Commitments by path <span className="muted">({d.commitmentsByPath.length})</span>
        </summary>
        <p className="muted small">
          Tree path (bytes of the stem prefix) → the commitment the proof supplies. The root commitment is the
          root you enter, never the witness’s.
        </p>
        <VirtualList
          items={d.commitmentsByPath}
          rowHeight={26}
          height={300}
          renderRow={(c) => (
            <div className="vrow crow">
              <code>{c.path ?? '?'}</code>
              <span>{c.kind}</span>
              {c.commitment ? (
                <code title={c.commitment}>{c.commitment}</code>
              ) : (
                <span className="muted">root you enter</span>
              )}
            </div>
          )}
        />
      </details>

      <details data-testid="ipa-proof">
        <summary>
          IPA multiproof <span className="muted">({d.proof.sizes.totalBytes.toLocaleString()} bytes)</span>
        </summary>
        <table className="history-table">
          <tbody>
            <tr>
              <td>
                IPA proof (D, {d.proof.cl.length} L, {d.proof.cr.length} R, final scalar)
              </td>
              <td>{d.proof.sizes.ipaProofBytes.toLocaleString()} bytes</td>
            </tr>
            <tr>
              <td>Commitments by path ({d.counts.commitments})</td>
              <td>{d.proof.sizes.commitmentBytes.toLocaleString()} bytes</td>
            </tr>
            <tr>
              <td>Other stems ({d.counts.otherStems})</td>
              <td>{d.proof.sizes.otherStemBytes.toLocaleString()} bytes</td>
            </tr>
            <tr>
              <td>Depth/extension hints</td>
              <td>{d.proof.sizes.hintBytes.toLocaleString()} bytes</td>
            </tr>
            <tr>
              <td>D</td>
              <td>
                <code>{d.proof.d}</code>
              </td>
            </tr>
            <tr>
              <td>Final evaluation</td>
              <td>
                <code>{d.proof.finalEvaluation}</code>
              </td>
            </tr>
          </tbody>
        </table>
        <h3 className="small">Structure checks (before any cryptography)</h3>
        <ul className="fact-list small">
          {d.structure.map((c) => (
            <li key={c.id} className={c.ok ? '' : 'error-text'}>
              {c.ok ? '✓' : '✗'} {c.title} — <span className="muted">{c.detail}</span>
            </li>
          ))}
        </ul>
      </details>
    </section>
  )
}

function StemRow({ stem: s }: { stem: DescribedStem }) {
  return (
    <div className="vrow wrow-stem" data-testid="stem-row">
      <code>{s.stem}</code>
      <span className="muted small">
        {s.depth !== undefined && <> depth {s.depth}</>}
        {s.ext && (
          <>
            {' '}
            ·{' '}
            {s.ext === 'present'
              ? 'leaf present'
              : s.ext === 'none'
                ? 'absent (empty subtree)'
                : 'absent (other stem)'}
          </>
        )}
        {s.otherStem && <> · other stem {shortHex(s.otherStem)}</>}
        {' · '}
        {s.suffixes.length} keys
      </span>
    </div>
  )
}

function ValueCell({
  value,
  decoded,
  emptyText,
}: {
  value: string | null
  decoded?: Record<string, string | number>
  emptyText: string
}) {
  if (value === null) return <span className="muted">{emptyText}</span>
  const text = decodedText(decoded)
  return (
    <span className="vcell" title={value}>
      <span>{text || shortHex(value, 14)}</span>
      <code className="hexline">{value}</code>
    </span>
  )
}

function SuffixRow({ x }: { x: DescribedSuffix }) {
  return (
    <div className="vrow wrow" data-testid="suffix-row">
      <span className="muted">#{x.suffix}</span>
      <span>{x.role}</span>
      <ValueCell value={x.current} decoded={x.currentDecoded} emptyText="absent" />
      <ValueCell value={x.new} decoded={x.newDecoded} emptyText="—" />
    </div>
  )
}
