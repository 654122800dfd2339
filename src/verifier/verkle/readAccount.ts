import { bytesToHex } from '../encoding/hex'
import {
  BASIC_DATA_LEAF_KEY,
  CODE_HASH_LEAF_KEY,
  LEGACY_ACCOUNT_SUFFIXES,
  type LeafLayout,
} from './constants'
import { decodeBasicData, decodeLittleEndian } from './decodeLeaf'
import type { ExecutionWitness, SuffixDiff } from './parseWitness'

/**
 * An account's header fields as a witness states them (research/verkle.md §4 "Reading a balance"). This only
 * decodes: the pre-state fields are proven only when the witness verified against a trusted pre-state root,
 * and the post-state fields are never proven by a pre-state witness.
 */
export interface AccountState {
  version?: bigint
  balance?: bigint
  nonce?: bigint
  codeSize?: bigint
  codeHash?: string
}

export interface AccountRead {
  /**
   * `present`: some header field has a value; `absent`: the listed header fields are all absent (the account
   * does not exist); `not-in-witness`: the witness lists no header field of this stem, so it says nothing.
   */
  status: 'present' | 'absent' | 'not-in-witness'
  /** Pre-state, from currentValue. Fields the witness does not list are left out. */
  current: AccountState
  /** Post-state as claimed by newValue (unchanged fields are left out). Not proven. */
  claimedNew: AccountState
}

function decodeFields(layout: LeafLayout, values: Map<number, Uint8Array | null>): AccountState {
  const out: AccountState = {}
  if (layout === 'basic-data') {
    const basic = values.get(BASIC_DATA_LEAF_KEY)
    if (basic) Object.assign(out, decodeBasicData(basic))
    const codeHash = values.get(CODE_HASH_LEAF_KEY)
    if (codeHash) out.codeHash = bytesToHex(codeHash)
    return out
  }
  for (const [name, suffix] of Object.entries(LEGACY_ACCOUNT_SUFFIXES)) {
    const v = values.get(suffix)
    if (!v) continue
    if (name === 'codeHash') out.codeHash = bytesToHex(v)
    else out[name as 'version' | 'balance' | 'nonce' | 'codeSize'] = decodeLittleEndian(v)
  }
  return out
}

function headerSuffixes(layout: LeafLayout): number[] {
  return layout === 'basic-data'
    ? [BASIC_DATA_LEAF_KEY, CODE_HASH_LEAF_KEY]
    : Object.values(LEGACY_ACCOUNT_SUFFIXES).map(Number)
}

export function readAccount(witness: ExecutionWitness, stem: Uint8Array, layout: LeafLayout): AccountRead {
  const stemHex = bytesToHex(stem)
  const entry = witness.stateDiff.find((s) => bytesToHex(s.stem) === stemHex)
  const listed: SuffixDiff[] = entry
    ? entry.suffixDiffs.filter((d) => headerSuffixes(layout).includes(d.suffix))
    : []
  if (listed.length === 0) return { status: 'not-in-witness', current: {}, claimedNew: {} }
  const current = new Map(listed.map((d) => [d.suffix, d.currentValue]))
  const next = new Map(listed.filter((d) => d.newValue !== null).map((d) => [d.suffix, d.newValue]))
  return {
    status: listed.some((d) => d.currentValue !== null) ? 'present' : 'absent',
    current: decodeFields(layout, current),
    claimedNew: decodeFields(layout, next),
  }
}

function stateFacts(s: AccountState): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(s)) out[k] = typeof v === 'bigint' ? v.toString() : String(v)
  return out
}

/**
 * JSON-safe account facts for a report: integers as decimal strings. `proven` is the caller's verdict: the
 * pre-state fields are proven only by a verified witness, and `claimedNew` never is.
 */
export function accountFacts(
  address: string,
  stem: Uint8Array,
  read: AccountRead,
  proven: boolean,
): { [key: string]: string | boolean | Record<string, string> } {
  return {
    address,
    stem: bytesToHex(stem),
    status: read.status,
    proven: proven && read.status !== 'not-in-witness',
    current: stateFacts(read.current),
    claimedNew: stateFacts(read.claimedNew),
  }
}
