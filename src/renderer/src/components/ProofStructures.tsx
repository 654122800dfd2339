import type { BinaryProofDescription } from '../../../verifier/binarytree/describeBinaryProof'
import type {
  BeaconDescription,
  EthProofDescription,
  ZksProofDescription,
} from '../../../verifier/kinds/describeStructure'
import { formatEth, shortHex } from './decodedText'

/**
 * Structure views for the proof kinds other than Verkle witnesses: what each file claims, laid out so a
 * reader can see what a verifier will walk. None of this is proven until the report says VERIFIED.
 */

const CLAIMED = 'Claimed by the file; proven only when the report above says VERIFIED.'

export function EthProofStructure({ proof: p }: { proof: EthProofDescription }) {
  return (
    <section className="card" data-testid="l1-proof-structure">
      <h2>eth_getProof structure</h2>
      <p className="muted small">{CLAIMED}</p>
      <table className="history-table">
        <tbody>
          <tr>
            <td>Address</td>
            <td>
              <code>{p.address}</code>
            </td>
          </tr>
          <tr>
            <td>Balance (claimed)</td>
            <td data-testid="l1-proof-balance">
              {formatEth(p.claimed.balance)} <span className="muted small">({p.claimed.balance} wei)</span>
            </td>
          </tr>
          <tr>
            <td>Nonce (claimed)</td>
            <td>{p.claimed.nonce}</td>
          </tr>
          <tr>
            <td>Code hash (claimed)</td>
            <td>
              <code>{p.claimed.codeHash}</code>
            </td>
          </tr>
          <tr>
            <td>Storage root (claimed)</td>
            <td>
              <code>{p.claimed.storageHash}</code>
            </td>
          </tr>
          <tr>
            <td>Account proof</td>
            <td>
              {p.accountProof.nodes} nodes, {p.accountProof.bytes.toLocaleString()} bytes{' '}
              <span className="muted small">(node sizes {p.accountProof.nodeSizes.join(', ')})</span>
            </td>
          </tr>
          <tr>
            <td>Total</td>
            <td>
              {p.totals.nodes} nodes, {p.totals.bytes.toLocaleString()} bytes
            </td>
          </tr>
        </tbody>
      </table>
      <h3>
        Storage keys <span className="muted">({p.storage.length})</span>
      </h3>
      <table className="history-table" data-testid="l1-proof-storage">
        <thead>
          <tr>
            <th>Slot key</th>
            <th>Value (claimed)</th>
            <th>Proof</th>
          </tr>
        </thead>
        <tbody>
          {p.storage.map((s, i) => (
            <tr key={`${s.key}-${i}`}>
              <td>
                <code title={s.key}>{shortHex(s.key, 12)}</code>
              </td>
              <td>
                <code title={s.value}>{shortHex(s.value, 12)}</code>
              </td>
              <td>
                {s.nodes} nodes, {s.bytes.toLocaleString()} bytes
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

export function ZksProofStructure({ proof: p }: { proof: ZksProofDescription }) {
  return (
    <section className="card" data-testid="zks-proof-structure">
      <h2>zks_getProof structure</h2>
      <p className="muted small">
        Address <code>{p.address}</code>. {CLAIMED} Each proof lists siblings root to leaf in the 256-level
        tree; the leaf-side empty ones are trimmed.
      </p>
      <table className="history-table">
        <thead>
          <tr>
            <th>Storage key</th>
            <th>Value (claimed)</th>
            <th>Enumeration index</th>
            <th>Siblings</th>
          </tr>
        </thead>
        <tbody>
          {p.entries.map((e, i) => (
            <tr key={`${e.key}-${i}`}>
              <td>
                <code title={e.key}>{shortHex(e.key, 12)}</code>
              </td>
              <td>
                <code title={e.value}>{shortHex(e.value, 12)}</code>
              </td>
              <td>{e.index === '0' ? '0 (not in the tree)' : e.index}</td>
              <td>
                {e.siblings} given, {e.trimmed} trimmed
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

export function BeaconStructure({ beacon: b }: { beacon: BeaconDescription }) {
  return (
    <section className="card" data-testid="beacon-structure">
      <h2>Beacon light-client objects</h2>
      <p className="muted small">
        Slots and participation as the file states them. A bootstrap is checked against a checkpoint you
        trust; updates are checked with the chain they extend (Trust page).
      </p>
      <table className="history-table">
        <thead>
          <tr>
            <th>Object</th>
            <th>Fork</th>
            <th>(Attested) slot</th>
            <th>Finalized slot</th>
            <th>Signature slot</th>
            <th>Participation</th>
            <th>Execution block</th>
          </tr>
        </thead>
        <tbody>
          {b.objects.map((o, i) => (
            <tr key={i}>
              <td>
                {o.type}
                {o.nextSyncCommittee && <span className="muted small"> · next committee</span>}
                {o.committeeSize !== undefined && (
                  <span className="muted small"> · {o.committeeSize} keys</span>
                )}
              </td>
              <td>{o.fork ?? '—'}</td>
              <td>{o.header.slot}</td>
              <td>{o.finalized?.slot ?? '—'}</td>
              <td>{o.signatureSlot ?? '—'}</td>
              <td>
                {o.participation
                  ? `${o.participation.signers}/${o.participation.size} (${o.participation.percent}%)`
                  : '—'}
              </td>
              <td>{o.header.executionBlockNumber ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

export function BinaryProofStructure({ proof: p }: { proof: BinaryProofDescription }) {
  return (
    <section className="card" data-testid="binary-proof-structure">
      <h2>EIP-7864 binary-tree proof</h2>
      <p className="warn-text small">
        Draft specification: the hash (BLAKE3 placeholder), the key layout and the proof encoding of EIP-7864
        may still change. Read as @ethereumjs/binarytree 10.1.3 serialises it.
      </p>
      <table className="history-table">
        <tbody>
          <tr>
            <td>Key</td>
            <td>
              <code>{p.key}</code>
            </td>
          </tr>
          <tr>
            <td>Stem · suffix</td>
            <td>
              <code>{p.stem}</code> · {p.suffix}
            </td>
          </tr>
          <tr>
            <td>Claimed root</td>
            <td>
              {p.claimedRoot ? <code>{p.claimedRoot}</code> : '—'}{' '}
              <span className="muted small">(never trusted)</span>
            </td>
          </tr>
          <tr>
            <td>Claimed value</td>
            <td>
              {p.claimedValue === null ? (
                'absent'
              ) : p.claimedValue === 'not claimed' ? (
                '—'
              ) : (
                <code>{p.claimedValue}</code>
              )}
            </td>
          </tr>
        </tbody>
      </table>
      <h3>
        Nodes root to leaf{' '}
        <span className="muted">
          ({p.nodeCount}, {p.totalBytes.toLocaleString()} bytes)
        </span>
      </h3>
      <table className="history-table">
        <thead>
          <tr>
            <th>#</th>
            <th>Type</th>
            <th>Bytes</th>
            <th>Hash</th>
            <th>Content</th>
          </tr>
        </thead>
        <tbody>
          {p.nodes.map((n) => (
            <tr key={n.index}>
              <td>{n.index}</td>
              <td>{n.type}</td>
              <td>{n.bytes}</td>
              <td>{n.hash ? <code title={n.hash}>{shortHex(n.hash, 8)}</code> : '—'}</td>
              <td>
                {n.type === 'internal' &&
                  n.children?.map((c, i) => (
                    <span key={i} className="small">
                      {i === 0 ? 'left ' : ' · right '}
                      {c ? <code title={c}>{shortHex(c, 6)}</code> : 'empty'}
                    </span>
                  ))}
                {n.type === 'stem' && (
                  <span className="small">
                    stem <code title={n.stem}>{shortHex(n.stem ?? '', 8)}</code> · {n.valueCount} values
                    {n.valueAtKey !== undefined && (
                      <>
                        {' '}
                        · slot {p.suffix}: {n.valueAtKey ? <code>{n.valueAtKey}</code> : 'empty'}
                      </>
                    )}
                  </span>
                )}
                {n.type === 'invalid' && <span className="error-text small">{n.error}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
