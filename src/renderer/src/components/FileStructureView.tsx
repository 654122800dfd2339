import type { FileStructure } from '../../../verifier/kinds/describeStructure'
import {
  BeaconStructure,
  BinaryProofStructure,
  EthProofStructure,
  ZksProofStructure,
} from './ProofStructures'
import { WitnessStructure } from './WitnessStructure'

/** The structure of an opened file (verifier/kinds/describeStructure.ts), whatever its kind. */
export function FileStructureView({ structure }: { structure: FileStructure }) {
  switch (structure.kind) {
    case 'verkle-witness':
      return <WitnessStructure description={structure.witness} />
    case 'mpt-proof':
      return <EthProofStructure proof={structure.proof} />
    case 'zks-tree-proof':
      return <ZksProofStructure proof={structure.proof} />
    case 'beacon-objects':
      return <BeaconStructure beacon={structure.beacon} />
    case 'binary-tree':
      return <BinaryProofStructure proof={structure.proof} />
    case 'invalid':
      return (
        <section className="card">
          <p className="error-text" role="alert" data-testid="structure-error">
            The file could not be read: {structure.error}
          </p>
        </section>
      )
    case 'evidence': {
      const e = structure.evidence
      return (
        <>
          <section className="card" data-testid="evidence-structure">
            <h2>Evidence file</h2>
            <table className="history-table">
              <tbody>
                <tr>
                  <td>Kind</td>
                  <td>{e.kind}</td>
                </tr>
                <tr>
                  <td>Rests on</td>
                  <td>
                    {e.trust.kind} <code>{e.trust.value}</code>
                  </td>
                </tr>
                <tr>
                  <td>Created</td>
                  <td>
                    {e.createdAt} by {e.tool}
                  </td>
                </tr>
                <tr>
                  <td>Question</td>
                  <td>{e.questionKeys.join(', ') || '—'}</td>
                </tr>
                <tr>
                  <td>Data</td>
                  <td>
                    {e.data
                      .map(
                        (x) =>
                          `${x.name} (${x.encoding}${x.bytes ? `, ${x.bytes.toLocaleString()} bytes` : ''})`,
                      )
                      .join(' · ')}{' '}
                    <span className="muted small">from {e.sources} source(s)</span>
                  </td>
                </tr>
              </tbody>
            </table>
          </section>
          {e.inner && <FileStructureView structure={e.inner} />}
        </>
      )
    }
  }
}
