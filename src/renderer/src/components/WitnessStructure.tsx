import { useState } from 'react'
import type { WitnessDescription } from '../../../verifier/verkle/describeWitness'

export type WitnessDescriptionView = WitnessDescription

/** Rows rendered per step: large witnesses (thousands of stems) stay responsive. */
const PAGE = 100

/** A Verkle witness's structure: what it claims, stem by stem. Whether it is proven is the report's job. */
export function WitnessStructure({ description: d }: { description: WitnessDescription }) {
  const [shown, setShown] = useState(PAGE)
  if (!d.counts) return null
  return (
    <section className="card" data-testid="witness-structure">
      <h2>Witness structure</h2>
      <p className="muted">
        {d.counts.stems} stems · {d.counts.keys} keys ({d.counts.present} present, {d.counts.absent} absent) ·{' '}
        {d.counts.claimedNewValues} claimed new values · {d.counts.commitments} commitments · IPA proof{' '}
        {d.proof.sizes.ipaProofBytes} bytes · layout {d.layout.layout}
      </p>
      {d.normalisations.length > 0 && (
        <p className="warn-text small">Normalised before verifying: {d.normalisations.join('; ')}</p>
      )}
      <table className="history-table">
        <thead>
          <tr>
            <th>Stem / suffix</th>
            <th>Role</th>
            <th>Pre-state (proven if verified)</th>
            <th>New (claimed only)</th>
          </tr>
        </thead>
        <tbody>
          {d.stems.slice(0, shown).flatMap((s) => [
            <tr key={s.stem}>
              <td colSpan={4}>
                <code>{s.stem}</code>
                {s.ext && <span className="muted small"> · {s.ext}</span>}
                {s.otherStem && (
                  <span className="muted small">
                    {' '}
                    · absent, other stem <code>{s.otherStem}</code>
                  </span>
                )}
              </td>
            </tr>,
            ...s.suffixes.map((x) => (
              <tr key={`${s.stem}-${x.suffix}`}>
                <td className="muted">#{x.suffix}</td>
                <td>{x.role}</td>
                <td>
                  {x.current === null ? <span className="muted">absent</span> : <code>{x.current}</code>}
                </td>
                <td>{x.new === null ? <span className="muted">—</span> : <code>{x.new}</code>}</td>
              </tr>
            )),
          ])}
        </tbody>
      </table>
      {shown < d.stems.length && (
        <button type="button" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, d.stems.length - shown)} more of {d.stems.length - shown} remaining stems
        </button>
      )}
    </section>
  )
}
