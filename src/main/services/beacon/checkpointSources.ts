import type { CheckpointSource } from '../../../verifier/evidence/beaconCheckpoint'
import type { ShippedCheckpoint } from './shippedCheckpoints'

/** The root a chain of verifications began at: the user's pin or the shipped checkpoint. */
export interface CheckpointOrigin {
  root: string
  source: 'pinned' | 'shipped'
  slot: bigint | null
}

/** One place a sync can start from, in the order of issue 3: pinned, last verified, shipped. */
export interface CheckpointChoice {
  root: string
  source: CheckpointSource
  /** Known for the shipped and the last verified root; a pinned root's slot comes with its bootstrap. */
  slot: bigint | null
  /** Shown to the user and recorded in evidence. */
  note: string
  origin: CheckpointOrigin
  /** For `last-verified`: when that state was verified. */
  verifiedAt?: string
}

/** What the persisted state contributes: its finalized root and the chain it descends from. */
export interface StoredCheckpoint {
  root: string
  slot: bigint
  origin: CheckpointOrigin
  verifiedAt: string
}

/**
 * The checkpoints to try, best first. A pinned root wins, except that the last verified state is used first
 * when it descends from that same pin (a restart resumes instead of re-syncing); a later pin of a different
 * root starts a new chain. Without a pin: the last verified state, then the shipped checkpoint. The next
 * candidate is tried only when no endpoint serves a bootstrap for the previous one.
 */
export function checkpointCandidates(
  pinned: string | null,
  stored: StoredCheckpoint | null,
  shipped: ShippedCheckpoint | null,
): CheckpointChoice[] {
  const pinnedChoice = (root: string): CheckpointChoice => ({
    root,
    source: 'pinned',
    slot: null,
    note: 'pinned by the user',
    origin: { root, source: 'pinned', slot: null },
  })
  const shippedChoice = (s: ShippedCheckpoint): CheckpointChoice => ({
    root: s.root,
    source: 'shipped',
    slot: s.slot,
    note: s.provenance,
    origin: { root: s.root, source: 'shipped', slot: s.slot },
  })
  const storedChoice = (s: StoredCheckpoint): CheckpointChoice => ({
    root: s.root,
    source: 'last-verified',
    slot: s.slot,
    note: `finalized slot ${s.slot}, verified ${s.verifiedAt}`,
    origin: s.origin,
    verifiedAt: s.verifiedAt,
  })
  if (pinned) {
    const pin = pinned.toLowerCase()
    if (stored && stored.origin.root === pin) return [storedChoice(stored), pinnedChoice(pin)]
    return [pinnedChoice(pin)]
  }
  const out: CheckpointChoice[] = []
  if (stored) out.push(storedChoice(stored))
  if (shipped && shipped.root !== stored?.root) out.push(shippedChoice(shipped))
  return out
}
