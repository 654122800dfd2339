import { z } from 'zod'
import { InputError } from '../../shared/errors'
import type { BinaryProofDescription } from '../binarytree/describeBinaryProof'
import { bigintToBytes32, bytesToHex } from '../encoding/hex'
import type { LosslessJson } from '../encoding/json'
import { parseEthGetProof } from '../mpt/parseEthGetProof'
import type { WitnessDescription } from '../verkle/describeWitness'
import { parseZksProofFile } from '../zksync/stateTree/parseZksProof'

/**
 * The structure of an opened file as the Inspector and `lightproof inspect` show it: one pure function, so the
 * UI and the CLI cannot describe the same file differently. A structure says what the file CLAIMS — nothing
 * here is verified; the report of the kind's verifier says what is proven. JSON-safe throughout (hex strings,
 * integers as decimal strings).
 */
export type FileStructure =
  | { kind: 'verkle-witness'; witness: WitnessDescription }
  | { kind: 'mpt-proof'; proof: EthProofDescription }
  | { kind: 'zks-tree-proof'; proof: ZksProofDescription }
  | { kind: 'beacon-objects'; beacon: BeaconDescription }
  | { kind: 'binary-tree'; proof: BinaryProofDescription }
  | { kind: 'evidence'; evidence: EvidenceDescription }
  /** The file looked like its kind but did not parse; `error` says why. */
  | { kind: 'invalid'; error: string }

export interface ProofNodes {
  nodes: number
  bytes: number
  /** Byte size of each node, root first. */
  nodeSizes: number[]
}

export interface EthProofDescription {
  address: string
  /** The account as the endpoint claims it (proven only by a verified report). */
  claimed: { balance: string; nonce: string; codeHash: string; storageHash: string }
  accountProof: ProofNodes
  storage: ({ key: string; value: string } & ProofNodes)[]
  totals: { nodes: number; bytes: number }
}

export interface ZksProofDescription {
  address: string
  entries: {
    key: string
    value: string
    /** Enumeration index (u64, decimal); 0 = the slot is not in the tree. */
    index: string
    /** Siblings given; the tree has depth 256, the leaf-side empty ones are trimmed. */
    siblings: number
    trimmed: number
  }[]
}

export interface BeaconHeaderSummary {
  slot: string
  proposerIndex: string
  executionBlockNumber?: string
  executionBlockHash?: string
  executionStateRoot?: string
}

export interface BeaconObjectSummary {
  type: 'bootstrap' | 'update' | 'finality-update' | 'optimistic-update'
  /** The `version` the file names (its fork), when it names one. */
  fork: string | null
  header: BeaconHeaderSummary
  finalized?: BeaconHeaderSummary
  signatureSlot?: string
  /** Sync-committee signers of the attested header. */
  participation?: { signers: number; size: number; percent: number }
  /** Whether an update carries the next sync committee (it must, to advance a period). */
  nextSyncCommittee?: boolean
  committeeSize?: number
}

export interface BeaconDescription {
  objects: BeaconObjectSummary[]
}

export interface EvidenceDescription {
  kind: string
  createdAt: string
  tool: string
  trust: { kind: string; value: string }
  questionKeys: string[]
  sources: number
  data: { name: string; encoding: string; bytes: number }[]
  /** Structure of the main item the evidence carries, when its kind has one. */
  inner?: FileStructure
}

/** The 256-level ZKsync Era tree (zksync.md §3.2). */
const ZKS_TREE_DEPTH = 256

const sizes = (nodes: Uint8Array[]): ProofNodes => ({
  nodes: nodes.length,
  bytes: nodes.reduce((n, x) => n + x.length, 0),
  nodeSizes: nodes.map((x) => x.length),
})

export function describeEthProof(json: LosslessJson): EthProofDescription {
  const p = parseEthGetProof(json)
  const accountProof = sizes(p.accountProof)
  const storage = p.storageProof.map((s) => ({
    key: bytesToHex(s.key),
    value: bytesToHex(bigintToBytes32(s.value)),
    ...sizes(s.proof),
  }))
  return {
    address: bytesToHex(p.address),
    claimed: {
      balance: p.balance.toString(),
      nonce: p.nonce.toString(),
      codeHash: bytesToHex(p.codeHash),
      storageHash: bytesToHex(p.storageHash),
    },
    accountProof,
    storage,
    totals: {
      nodes: accountProof.nodes + storage.reduce((n, s) => n + s.nodes, 0),
      bytes: accountProof.bytes + storage.reduce((n, s) => n + s.bytes, 0),
    },
  }
}

export function describeZksProof(json: LosslessJson): ZksProofDescription {
  const p = parseZksProofFile(json)
  return {
    address: bytesToHex(p.address),
    entries: p.storageProof.map((e) => ({
      key: bytesToHex(e.key),
      value: bytesToHex(e.value),
      index: e.index.toString(),
      siblings: e.proof.length,
      trimmed: Math.max(0, ZKS_TREE_DEPTH - e.proof.length),
    })),
  }
}

// Beacon objects are only summarised here (slots, fork, participation): reading them fully needs the network's
// fork schedule, which the verifier applies. Only the fields shown are validated.
const uint = z.union([z.string().regex(/^[0-9]{1,20}$/), z.number().int().nonnegative()])
const hex = z.string().regex(/^0x([0-9a-fA-F]{2})*$/)
const headerSchema = z.object({
  beacon: z.object({ slot: uint, proposer_index: uint }),
  execution: z.object({ block_number: uint, block_hash: hex, state_root: hex }).optional(),
})
const objectSchema = z.object({
  header: headerSchema.optional(),
  current_sync_committee: z.object({ pubkeys: z.array(z.unknown()).max(4096) }).optional(),
  attested_header: headerSchema.optional(),
  finalized_header: headerSchema.optional(),
  next_sync_committee: z.unknown().optional(),
  sync_aggregate: z.object({ sync_committee_bits: hex.max(2 + 2 * 512) }).optional(),
  signature_slot: uint.optional(),
})
const envelopeSchema = z.object({ version: z.string().max(32).optional(), data: z.unknown() })

function headerSummary(h: z.infer<typeof headerSchema>): BeaconHeaderSummary {
  return {
    slot: String(h.beacon.slot),
    proposerIndex: String(h.beacon.proposer_index),
    ...(h.execution
      ? {
          executionBlockNumber: String(h.execution.block_number),
          executionBlockHash: h.execution.block_hash.toLowerCase(),
          executionStateRoot: h.execution.state_root.toLowerCase(),
        }
      : {}),
  }
}

function popcount(hexBits: string): { signers: number; size: number } {
  let signers = 0
  for (let i = 2; i < hexBits.length; i += 2) {
    let b = parseInt(hexBits.slice(i, i + 2), 16)
    while (b) {
      signers += b & 1
      b >>= 1
    }
  }
  return { signers, size: ((hexBits.length - 2) / 2) * 8 }
}

function summariseBeaconObject(value: unknown, what: string): BeaconObjectSummary {
  const env = envelopeSchema.safeParse(value)
  const data = env.success && env.data.data !== undefined ? env.data.data : value
  const fork = env.success && env.data.version !== undefined ? env.data.version : null
  const parsed = objectSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new InputError(
      `${what}: ${issue ? `${issue.path.join('.') || '(top level)'}: ${issue.message}` : 'invalid'}`,
      'input.beacon',
    )
  }
  const o = parsed.data
  if (o.header && o.current_sync_committee) {
    return {
      type: 'bootstrap',
      fork,
      header: headerSummary(o.header),
      committeeSize: o.current_sync_committee.pubkeys.length,
    }
  }
  if (!o.attested_header || !o.sync_aggregate)
    throw new InputError(`${what}: neither a bootstrap nor an update`, 'input.beacon')
  const { signers, size } = popcount(o.sync_aggregate.sync_committee_bits)
  const finalized =
    o.finalized_header && o.finalized_header.beacon.slot.toString() !== '0'
      ? headerSummary(o.finalized_header)
      : undefined
  return {
    type:
      o.next_sync_committee !== undefined
        ? 'update'
        : o.finalized_header
          ? 'finality-update'
          : 'optimistic-update',
    fork,
    header: headerSummary(o.attested_header),
    ...(finalized ? { finalized } : {}),
    ...(o.signature_slot !== undefined ? { signatureSlot: String(o.signature_slot) } : {}),
    participation: { signers, size, percent: size === 0 ? 0 : Math.round((10000 * signers) / size) / 100 },
    ...(o.next_sync_committee !== undefined ? { nextSyncCommittee: o.next_sync_committee !== null } : {}),
  }
}

export function describeBeacon(json: LosslessJson): BeaconDescription {
  const items = Array.isArray(json) ? json : [json]
  if (items.length > 1024) throw new InputError('more than 1024 beacon objects', 'input.too-large')
  return {
    objects: items.map((item, i) => summariseBeaconObject(item, Array.isArray(json) ? `[${i}]` : 'object')),
  }
}
