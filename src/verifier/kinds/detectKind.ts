import { EVIDENCE_FORMAT } from '../evidence/schema'
import type { LosslessJson } from '../encoding/json'

/**
 * What a file a user opened looks like, judged from its shape alone: enough to pick a verifier and to say
 * which trusted root it needs. Detection never trusts anything; the chosen verifier checks everything.
 */
export type DetectedKind =
  | 'evidence'
  | 'l1-proof'
  | 'zks-proof'
  | 'verkle'
  | 'binary-tree-proof'
  | 'beacon-bootstrap'
  | 'beacon-update'
  | 'unknown'

export interface Detection {
  kind: DetectedKind
  /** Plain words for the UI, e.g. `eth_getProof result (JSON-RPC response)`. */
  description: string
  /** The trust-root kind the user must supply, when the file cannot carry one itself. */
  needsRoot?: { kind: string; label: string }
}

type Obj = { [k: string]: LosslessJson }
const isObj = (v: LosslessJson | undefined): v is Obj =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

export function detectKind(json: LosslessJson): Detection {
  if (isObj(json) && json.format === EVIDENCE_FORMAT)
    return { kind: 'evidence', description: 'Lightproof evidence file' }
  const wrapped = isObj(json) && 'jsonrpc' in json && 'result' in json
  const body = wrapped ? (json as Obj).result : json
  const how = wrapped ? ' (JSON-RPC response)' : ''
  if (isObj(body)) {
    if (Array.isArray(body.accountProof) && Array.isArray(body.storageProof)) {
      return {
        kind: 'l1-proof',
        description: `eth_getProof result${how}`,
        needsRoot: { kind: 'state-root', label: 'Trusted L1 state root of the block the proof is for' },
      }
    }
    if (Array.isArray(body.storageProof) && typeof body.address === 'string') {
      return {
        kind: 'zks-proof',
        description: `zks_getProof result${how}`,
        needsRoot: {
          kind: 'zksync-tree-root',
          label: 'Trusted ZKsync tree root (the batch’s StoredBatchInfo.batchHash)',
        },
      }
    }
    // EIP-7864 single-key proof as @ethereumjs/binarytree makes it (binarytree/parseBinaryProof.ts).
    if (typeof body.key === 'string' && Array.isArray(body.proof)) {
      return {
        kind: 'binary-tree-proof',
        description: `EIP-7864 binary-tree proof (draft spec)${how}`,
        needsRoot: { kind: 'binary-tree-root', label: 'Trusted binary-tree state root' },
      }
    }
    const witnessAt = findWitness(body)
    if (witnessAt) {
      return {
        kind: 'verkle',
        description: `EIP-6800 execution witness${witnessAt === '.' ? '' : ` (inside ${witnessAt})`}`,
        needsRoot: {
          kind: 'pre-state-root',
          label: 'Trusted pre-state root (the parent block’s state root)',
        },
      }
    }
    const data = isObj(body.data) ? body.data : body
    if (isObj(data) && 'current_sync_committee' in data && 'header' in data) {
      return {
        kind: 'beacon-bootstrap',
        description: 'beacon light-client bootstrap',
        needsRoot: { kind: 'beacon-checkpoint', label: 'Trusted beacon block root (checkpoint)' },
      }
    }
    if (isObj(data) && 'attested_header' in data && 'sync_aggregate' in data) {
      return { kind: 'beacon-update', description: 'beacon light-client update' }
    }
  }
  if (Array.isArray(body) && body.length > 0 && isObj(body[0])) {
    const first = body[0]
    const data = isObj(first.data) ? first.data : first
    if (isObj(data) && 'attested_header' in data)
      return { kind: 'beacon-update', description: `${body.length} beacon light-client updates` }
  }
  return { kind: 'unknown', description: 'not a format Lightproof knows' }
}

function findWitness(body: Obj): string | undefined {
  const has = (o: LosslessJson | undefined) => isObj(o) && 'stateDiff' in o && 'verkleProof' in o
  if (has(body)) return '.'
  for (const key of ['executionWitness', 'execution_witness']) if (has(body[key])) return key
  for (const outer of ['executionPayload', 'execution_payload', 'block', 'payload']) {
    const o = body[outer]
    if (isObj(o))
      for (const key of ['executionWitness', 'execution_witness']) if (has(o[key])) return `${outer}.${key}`
  }
  return undefined
}
