import { bytesToHex } from '../encoding/hex'
import type { Report } from '../report'
import type { LeafLayout } from './constants'
import { detectLayout } from './describeWitness'
import type { ParsedWitness } from './parseWitness'
import { accountFacts, readAccount } from './readAccount'
import { getStem } from './treeKey'
import type { VerkleBackend } from './verkleBackend'
import { verifyVerkleWitness } from './verifyVerkleWitness'

export interface VerkleQuery {
  /** Accounts whose header fields to read from the witness (proven only when the witness verified). */
  addresses?: Uint8Array[]
  /** Leaf layout; detected from the witness when absent. */
  layout?: LeafLayout
}

/** A witness verified against its pre-state root, plus the accounts asked about, read in the chosen layout. */
export function verifyVerkleQuery(
  parsed: ParsedWitness,
  preStateRoot: Uint8Array,
  backend: VerkleBackend,
  query: VerkleQuery = {},
): Report {
  const report = verifyVerkleWitness(parsed, preStateRoot, backend)
  const layout = query.layout
    ? { layout: query.layout, reason: 'chosen by the caller' }
    : detectLayout(parsed)
  report.facts.layout = layout.layout
  const addresses = query.addresses ?? []
  if (addresses.length > 0) {
    const verified = report.verdict === 'verified'
    report.facts.accounts = addresses.map((address) => {
      const stem = getStem(backend, address)
      return accountFacts(
        bytesToHex(address),
        stem,
        readAccount(parsed.witness, stem, layout.layout),
        verified,
      )
    })
  }
  return report
}
