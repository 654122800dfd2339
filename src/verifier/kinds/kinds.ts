import { z } from 'zod'
import { InputError } from '../../shared/errors'
import { hexToBytes } from '../encoding/hex'
import { parseEthGetProof } from '../mpt/parseEthGetProof'
import { verifyEthGetProof } from '../mpt/verifyEthGetProof'
import { parseL1BalanceEvidence } from '../l1/l1BalanceEvidence'
import { verifyL1Balance } from '../l1/verifyL1Balance'
import type { Report } from '../report'
import { parseZksProofFile } from '../zksync/stateTree/parseZksProof'
import { verifyZksProof } from '../zksync/stateTree/verifyZksProof'
import { verifySnarkEvidence } from '../snark/evidence/snarkEvidence'
import { parseExecutionWitness } from '../verkle/parseWitness'
import { verifyVerkleQuery } from '../verkle/verifyVerkleQuery'
import type { LeafLayout } from '../verkle/constants'
import { loadVerkleWasmBackend } from '../verkle/wasmBackend'
import { withCheckpointChecks } from '../evidence/beaconCheckpoint'
import { parseBeaconSection, verifyBeaconSection } from '../evidence/beaconSection'
import { verifyCommitCalldata } from '../zksync/batches/verifyCommitCalldata'
import {
  verifyZksyncBalanceEvidence,
  verifyZksyncBatchEvidence,
  verifyZksyncCountersEvidence,
} from '../zksync/evidence/zksyncEvidence'
import { dataRaw, rawBytes, rawJson, type Evidence } from '../evidence/schema'
import { parseBinaryProofFile } from '../binarytree/parseBinaryProof'
import { verifyBinaryProof } from '../binarytree/verifyBinaryProof'

/** What a kind may need from its host that a pure module cannot create itself (e.g. a loaded wasm module). */
export type EvidenceDeps = Record<string, unknown>

export interface EvidenceKind {
  kind: string
  /** Shown in history and reports, e.g. `L1 account and storage proof`. */
  title: string
  /** The trust-root kind this evidence must rest on. */
  trustKind: string
  verify(evidence: Evidence, deps: EvidenceDeps): Report | Promise<Report>
}

const VerkleQuestionSchema = z.object({
  addresses: z.array(z.string()).max(256).optional(),
  layout: z.enum(['basic-data', 'legacy-per-field']).optional(),
})

function trustedRoot(evidence: Evidence, kind: string): Uint8Array {
  if (evidence.trust.kind !== kind) {
    throw new InputError(
      `evidence of kind ${evidence.kind} must rest on a ${kind}, not a ${evidence.trust.kind}`,
      'evidence.trust',
    )
  }
  return hexToBytes(evidence.trust.value, `trust.${kind}`, 32)
}

/**
 * Every kind of evidence Lightproof verifies, as a table: a new subject is one row. Each row calls the same
 * verifier its `lightproof verify …` command uses, so a saved file and a live run cannot disagree.
 */
export const EVIDENCE_KINDS: readonly EvidenceKind[] = [
  {
    kind: 'commit-calldata',
    title: 'ZKsync Era commit calldata (decoded, self-consistent; not bound to L1)',
    trustKind: 'none',
    verify: (e) => verifyCommitCalldata(rawBytes(dataRaw(e, 'calldata'))),
  },
  {
    kind: 'beacon',
    title: 'Beacon chain light-client sync',
    trustKind: 'beacon-checkpoint',
    verify: (e) => {
      trustedRoot(e, 'beacon-checkpoint')
      const section = parseBeaconSection(e.data.beacon)
      const result = verifyBeaconSection(section, e.trust.value, e.createdAt)
      return withCheckpointChecks(
        result.report,
        result.network,
        section.bootstrap,
        e.trust.value,
        e.createdAt,
        e.question,
      )
    },
  },
  {
    kind: 'l1-proof',
    title: 'L1 account and storage proof (eth_getProof)',
    trustKind: 'state-root',
    verify: (e) =>
      verifyEthGetProof(parseEthGetProof(rawJson(dataRaw(e, 'proof'))), trustedRoot(e, 'state-root')),
  },
  {
    kind: 'l1-balance',
    title: 'L1 balance or storage slot, from the beacon checkpoint to the value',
    trustKind: 'beacon-checkpoint',
    verify: (e) => verifyL1Balance(parseL1BalanceEvidence(e)),
  },
  {
    kind: 'zks-proof',
    title: 'ZKsync Era storage proof (zks_getProof)',
    trustKind: 'zksync-tree-root',
    verify: (e) =>
      verifyZksProof(parseZksProofFile(rawJson(dataRaw(e, 'proof'))), trustedRoot(e, 'zksync-tree-root')),
  },
  {
    kind: 'verkle',
    title: 'EIP-6800 (Verkle) execution witness',
    trustKind: 'pre-state-root',
    verify: async (e) => {
      const root = trustedRoot(e, 'pre-state-root')
      const parsed = parseExecutionWitness(rawJson(dataRaw(e, 'witness')))
      const q = VerkleQuestionSchema.parse(e.question)
      return verifyVerkleQuery(parsed, root, await loadVerkleWasmBackend(), {
        addresses: q.addresses?.map((a) => hexToBytes(a, 'question.addresses', 20)),
        layout: q.layout as LeafLayout | undefined,
      })
    },
  },
  {
    kind: 'snark',
    title: 'ZKsync Era batch SNARK (PLONK / FFLONK)',
    trustKind: 'verification-key',
    verify: (e) => verifySnarkEvidence(e),
  },
  {
    kind: 'zksync-batch',
    title: 'ZKsync Era batch on L1: status, StoredBatchInfo bound to storedBatchHashes[n], commitment',
    trustKind: 'beacon-checkpoint',
    verify: (e, deps) => verifyZksyncBatchEvidence(e, deps),
  },
  {
    kind: 'zksync-balance',
    title: 'ZKsync Era balance and nonce, from the beacon checkpoint through the batch root (zks_getProof)',
    trustKind: 'beacon-checkpoint',
    verify: (e) => verifyZksyncBalanceEvidence(e),
  },
  {
    kind: 'zksync-counters',
    title: 'ZKsync Era batch counters on L1 (committed, proven, executed)',
    trustKind: 'beacon-checkpoint',
    verify: (e) => verifyZksyncCountersEvidence(e),
  },
  {
    kind: 'binary-tree-proof',
    title: 'EIP-7864 binary-tree single-key proof (draft spec)',
    trustKind: 'binary-tree-root',
    verify: (e) =>
      verifyBinaryProof(
        parseBinaryProofFile(rawJson(dataRaw(e, 'proof'))),
        trustedRoot(e, 'binary-tree-root'),
      ),
  },
]

export function findEvidenceKind(kind: string): EvidenceKind | undefined {
  return EVIDENCE_KINDS.find((k) => k.kind === kind)
}
