import { keccak_256 } from '@noble/hashes/sha3.js'
import { beaconBlockRoot } from '../../beacon/lightClientHeader'
import { parseBootstrap } from '../../beacon/parseBeacon'
import { bytesToHex } from '../../encoding/hex'
import type { LosslessJson } from '../../encoding/json'
import { parseEthGetProof } from '../../mpt/parseEthGetProof'
import type { FactValue, TrustRoot } from '../../report'
import { parsePublicInput } from '../../snark/parseSnarkProof'
import { bigintToBytes32 } from '../../encoding/hex'
import { parseZksProofFile } from '../../zksync/stateTree/parseZksProof'
import { verifyZksStorageProof } from '../../zksync/stateTree/verifyZksStorageProof'
import { parseBeaconSection, sectionNetwork } from '../../evidence/beaconSection'
import { rawBytes, rawJson, RawItemSchema, type Evidence } from '../../evidence/schema'
import {
  normaliseInteger,
  type BindingContext,
  type ChainsTo,
  type Derived,
  type KindBinding,
  type QuestionField,
} from './bindEvidence'
import { zksyncPubdataKind } from '../zksyncPubdataKind'
import { zksyncWithdrawalKind } from '../zksyncWithdrawalKind'
import { zksyncDepositKind } from '../zksyncDepositKind'
import { zksyncWatchKind } from '../zksyncWatchKind'

/**
 * The binding of each evidence kind (bindEvidence.ts): which question fields its data answers, which are free
 * text, and what trust root its data chains to. A new kind is one entry; a kind without one cannot be verified.
 */

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v)

/** Free text any kind may carry: shown as unverified, never checked. */
const FREE: Record<string, QuestionField> = {
  note: { unverified: 'a note' },
  file: { unverified: 'the file it was read from' },
  files: { unverified: 'the files it was read from' },
}
const PROVENANCE: QuestionField = { unverified: 'where the checkpoint came from (provenance)' }
const L1_LOCATOR: QuestionField = {
  unverified: 'the L1 block the trusted state root was taken at (a locator; the root is the trust)',
}

/** A fact of the verified report, as a string; undefined when the verifier did not establish it. */
function fact(ctx: BindingContext, ...path: string[]): string | undefined {
  let v: FactValue | undefined = ctx.report.facts
  for (const p of path) v = isObj(v) ? (v as Record<string, FactValue>)[p] : undefined
  return typeof v === 'string' ? v.toLowerCase() : typeof v === 'number' ? String(v) : undefined
}

/** The `key` of each entry of a report's `storage` fact list. */
function storageKeys(ctx: BindingContext): Derived {
  const list = ctx.report.facts.storage
  if (!Array.isArray(list)) return undefined
  return list.map((e) => (isObj(e) && typeof e.key === 'string' ? e.key.toLowerCase() : '?'))
}

/** Canonical JSON (sorted keys), so an inline network definition compares by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (isObj(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`
  return typeof value === 'bigint' ? value.toString() : JSON.stringify(value)
}

/** Runs a derivation over untrusted data; a part that does not parse derives nothing. */
function tryDerive<T>(f: () => T): T | undefined {
  try {
    return f()
  } catch {
    return undefined
  }
}

/** The beacon block root a section's bootstrap header hashes to: the checkpoint the data chains to. */
function bootstrapRoot(beacon: unknown): ChainsTo {
  const root = tryDerive(() => {
    const section = parseBeaconSection(beacon)
    return bytesToHex(
      beaconBlockRoot(parseBootstrap(rawBytes(section.bootstrap), sectionNetwork(section)).header),
    )
  })
  return root
    ? { root: { kind: 'beacon-checkpoint', value: root } }
    : { unknown: 'the beacon bootstrap does not parse' }
}

/** The state root an eth_getProof answer's first account-proof node hashes to. */
function mptRoot(item: unknown): ChainsTo {
  const root = tryDerive(() => {
    const proof = parseEthGetProof(rawJson(RawItemSchema.parse(item)))
    const first = proof.accountProof[0]
    return first ? bytesToHex(keccak_256(first)) : undefined
  })
  return root
    ? { root: { kind: 'state-root', value: root } }
    : { unknown: 'the eth_getProof answer holds no account proof to hash' }
}

/** The verifier's own root (it held every proof to it) when the data alone names none. */
function heldTo(ctx: BindingContext, kind: string, by: RegExp): ChainsTo {
  const r = ctx.report.subject.trustRoot
  if (r && r.kind === kind) return { heldTo: r, by }
  return ctx.evidence.trust.kind === kind
    ? { heldTo: { kind, value: ctx.evidence.trust.value.toLowerCase() }, by }
    : { unknown: `evidence of kind ${ctx.evidence.kind} rests on a ${kind}` }
}

/** The L1 anchor of the ZKsync kinds: a beacon checkpoint, or a state root the diamond proof hashes to. */
function l1AnchorChainsTo(ctx: BindingContext): ChainsTo {
  const { evidence } = ctx
  if (evidence.trust.kind === 'state-root') return mptRoot(evidence.data.diamondProof)
  return bootstrapRoot(evidence.data.beacon)
}

const NONE: TrustRoot = {
  kind: 'none',
  value: 'no trust root: internal consistency only (calldata, not bound to L1 storage)',
}

/** The witness's own block number (`header.blockNumber` beside the witness), when the file carries one. */
function verkleBlock(e: Evidence): string | undefined {
  return tryDerive(() => {
    const json = rawJson(RawItemSchema.parse(e.data.witness)) as LosslessJson
    const header = isObj(json) ? json.header : undefined
    const n = isObj(header) ? header.blockNumber : undefined
    return normaliseInteger(n)
  })
}

function publicInputOf(value: unknown): string | undefined {
  return tryDerive(() => bytesToHex(bigintToBytes32(parsePublicInput(value))))
}

export const KIND_BINDINGS: Readonly<Record<string, KindBinding>> = {
  'commit-calldata': {
    question: {
      ...FREE,
      transaction: { unverified: 'the transaction the calldata was taken from' },
      calldataKeccak: { derive: (ctx) => fact(ctx, 'calldataKeccak') },
    },
    // Calldata alone is bound to nothing on L1, whatever the file's `trust` says.
    chainsTo: () => ({ root: NONE }),
  },
  beacon: {
    question: {
      ...FREE,
      network: {
        derive: ({ evidence }) =>
          tryDerive(() => canonical(parseBeaconSection(evidence.data.beacon).network)),
        normalise: canonical,
      },
      checkpoint: PROVENANCE,
      // The answer itself: a file cut short (an update dropped) proves an older head and must not pass as
      // the file that named this one.
      finalizedSlot: { derive: (ctx) => fact(ctx, 'finalized', 'slot') },
    },
    chainsTo: ({ evidence }) => bootstrapRoot(evidence.data.beacon),
  },
  'l1-proof': {
    question: {
      ...FREE,
      address: { derive: (ctx) => fact(ctx, 'account', 'address') },
      storageKeys: { derive: storageKeys },
    },
    chainsTo: ({ evidence }) => mptRoot(evidence.data.proof),
  },
  'l1-balance': {
    question: {
      address: {
        input: 'every proof is checked to be for it (l1.proof[i].address)',
        boundBy: /^l1\.proof\[\d+\]\.address$/,
      },
      token: {
        input: 'its balance slot is the storage key every proof must answer (l1.proof[i].storage-key)',
        boundBy: /^(l1\.proof\[\d+\]\.storage-key|l1\.token\.table)$/,
      },
      slot: {
        input: 'the storage key every proof must answer (l1.proof[i].storage-key)',
        boundBy: /^l1\.proof\[\d+\]\.storage-key$/,
      },
      blockNumber: { derive: (ctx) => fact(ctx, 'blockNumber'), normalise: normaliseInteger },
      checkpoint: PROVENANCE,
    },
    chainsTo: ({ evidence }) => bootstrapRoot(evidence.data.beacon),
  },
  'zks-proof': {
    question: {
      ...FREE,
      address: { derive: (ctx) => fact(ctx, 'address') },
      storageKeys: { derive: storageKeys },
    },
    chainsTo: (ctx) => {
      // The root the first entry's path folds to (the fold needs no trusted root to be computed).
      const root = tryDerive(() => {
        const proof = parseZksProofFile(rawJson(RawItemSchema.parse(ctx.evidence.data.proof)))
        const entry = proof.storageProof[0]
        if (!entry) return undefined
        const folded = verifyZksStorageProof(new Uint8Array(32), proof.address, entry.key, entry).computedRoot
        return folded ? bytesToHex(folded) : undefined
      })
      return root
        ? { root: { kind: 'zksync-tree-root', value: root } }
        : heldTo(ctx, 'zksync-tree-root', /^zks\.storage\[\d+\]\.proof$/)
    },
  },
  verkle: {
    question: {
      ...FREE,
      block: { derive: ({ evidence }) => verkleBlock(evidence), normalise: normaliseInteger },
      addresses: { input: 'the accounts read from the verified witness (facts.accounts)', boundBy: /^$/ },
      layout: { input: 'the leaf layout the witness is read in (facts.layout)', boundBy: /^$/ },
    },
    // A verkle proof's root commitment is the trusted input itself: the verifier holds the witness to it.
    chainsTo: (ctx) => heldTo(ctx, 'pre-state-root', /^verkle\.witness\.proof$/),
  },
  snark: {
    question: {
      ...FREE,
      publicInput: { derive: (ctx) => fact(ctx, 'publicInput'), normalise: publicInputOf },
      vk: { unverified: 'the verification key file(s) given' },
      proof: { unverified: 'the proof file given' },
    },
    // The key's hash is computed from the key in the data (snark.vk.trust holds the file to it).
    chainsTo: (ctx) => {
      const r = ctx.report.subject.trustRoot
      return r ? { root: r } : { unknown: 'no verification key in the data could be hashed' }
    },
  },
  'zksync-batch': {
    question: {
      note: FREE.note!,
      batchNumber: { derive: (ctx) => fact(ctx, 'batchNumber'), normalise: normaliseInteger },
      checkpoint: PROVENANCE,
      l1Block: L1_LOCATOR,
    },
    chainsTo: l1AnchorChainsTo,
  },
  'zksync-balance': {
    question: {
      note: FREE.note!,
      batchNumber: { derive: (ctx) => fact(ctx, 'batchNumber'), normalise: normaliseInteger },
      address: { derive: (ctx) => fact(ctx, 'account') },
      token: {
        derive: ({ evidence }) => {
          const t = evidence.data.token
          return isObj(t) && typeof t.symbol === 'string' ? t.symbol : t === null ? 'null' : undefined
        },
        normalise: (v) => (typeof v === 'string' ? v : v === null ? 'null' : undefined),
      },
      checkpoint: PROVENANCE,
      l1Block: L1_LOCATOR,
    },
    chainsTo: l1AnchorChainsTo,
  },
  [zksyncPubdataKind.kind]: {
    question: {
      note: FREE.note!,
      batchNumber: { derive: (ctx) => fact(ctx, 'batchNumber'), normalise: normaliseInteger },
      checkpoint: PROVENANCE,
      l1Block: L1_LOCATOR,
      pubdataFile: { unverified: 'the pubdata or blob file given' },
    },
    chainsTo: l1AnchorChainsTo,
  },
  [zksyncWithdrawalKind.kind]: {
    question: {
      note: FREE.note!,
      txHash: { derive: (ctx) => fact(ctx, 'txHash') },
      // The L2→L1 log asked for among the transaction's; absent, the first withdrawal message.
      index: {
        derive: ({ evidence }) =>
          typeof evidence.data.index === 'number' ? String(evidence.data.index) : undefined,
        normalise: normaliseInteger,
      },
      batchNumber: { derive: (ctx) => fact(ctx, 'batchNumber'), normalise: normaliseInteger },
      checkpoint: PROVENANCE,
      l1Block: L1_LOCATOR,
    },
    chainsTo: l1AnchorChainsTo,
  },
  [zksyncDepositKind.kind]: {
    question: {
      note: FREE.note!,
      l1TxHash: { derive: (ctx) => fact(ctx, 'l1TxHash') },
      batchNumber: { derive: (ctx) => fact(ctx, 'batchNumber'), normalise: normaliseInteger },
      checkpoint: PROVENANCE,
      l1Block: L1_LOCATOR,
    },
    chainsTo: l1AnchorChainsTo,
  },
  [zksyncWatchKind.kind]: {
    question: { note: FREE.note!, checkpoint: PROVENANCE, l1Block: L1_LOCATOR },
    chainsTo: l1AnchorChainsTo,
  },
  'zksync-counters': {
    question: { note: FREE.note!, checkpoint: PROVENANCE, l1Block: L1_LOCATOR },
    chainsTo: l1AnchorChainsTo,
  },
  'binary-tree-proof': {
    question: { ...FREE, key: { derive: (ctx) => fact(ctx, 'key') } },
    chainsTo: (ctx) => heldTo(ctx, 'binary-tree-root', /^binarytree\.proof\.root$/),
  },
}

export function bindingOf(kind: string): KindBinding | undefined {
  return Object.hasOwn(KIND_BINDINGS, kind) ? KIND_BINDINGS[kind] : undefined
}
