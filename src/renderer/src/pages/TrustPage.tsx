import type { Status } from '../../../shared/api'

export function TrustPage({ status }: { status: Status | null }) {
  const head = status?.trustedHead
  return (
    <section className="card" data-testid="trust-page">
      <h2>Trusted head</h2>
      {head ? (
        <dl className="facts">
          <dt>Source</dt>
          <dd>{head.source}</dd>
          <dt>Beacon slot</dt>
          <dd>{head.slot}</dd>
          <dt>EL block</dt>
          <dd>{head.executionBlockNumber}</dd>
          <dt>Block hash</dt>
          <dd>
            <code>{head.executionBlockHash}</code>
          </dd>
          <dt>State root</dt>
          <dd>
            <code>{head.executionStateRoot}</code>
          </dd>
          <dt>Verified at</dt>
          <dd>{head.verifiedAt}</dd>
        </dl>
      ) : (
        <p className="muted">
          No trusted head yet. Every answer Lightproof gives hangs from a beacon block root you trust (a
          checkpoint); the light client then follows the sync committee's signatures to a verified execution
          state root.
        </p>
      )}
    </section>
  )
}
