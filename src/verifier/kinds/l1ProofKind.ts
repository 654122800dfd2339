import { z } from 'zod'
import { dataRaw, RawItemSchema, rawJson } from '../evidence/schema'
import { parseEthGetProof } from '../mpt/parseEthGetProof'
import { verifyEthGetProof } from '../mpt/verifyEthGetProof'
import { describeEthProof } from './describeStructure'
import type { EvidenceKind } from './evidenceKind'
import { trustedRoot } from './trustedRoot'
import { FREE, fact, mptRoot, storageKeys } from './binding/derive'
import { L1_PROOF_SECTIONS } from './chainSections'
import { l1ProofAnswer } from './answers'

export const l1ProofKind = {
  kind: 'l1-proof',
  title: 'L1 account and storage proof (eth_getProof)',
  trustKind: 'state-root',
  schema: z.object({ proof: RawItemSchema }),
  verify: (e) =>
    verifyEthGetProof(parseEthGetProof(rawJson(dataRaw(e, 'proof'))), trustedRoot(e, 'state-root')),
  worker: 'in-process',
  checkIds: ['mpt.*', 'evidence.*'],
  answer: l1ProofAnswer,
  sections: L1_PROOF_SECTIONS,
  view: 'report',
  file: {
    detect: (body, how) =>
      Array.isArray(body.accountProof) && Array.isArray(body.storageProof)
        ? {
            kind: 'l1-proof',
            description: `eth_getProof result${how}`,
            needsRoot: { kind: 'state-root', label: 'Trusted L1 state root of the block the proof is for' },
          }
        : undefined,
    describe: (json) => ({ kind: 'mpt-proof', proof: describeEthProof(json) }),
    slot: 'proof',
  },
  binding: {
    question: {
      ...FREE,
      address: { derive: (ctx) => fact(ctx, 'account', 'address') },
      storageKeys: { derive: storageKeys },
    },
    chainsTo: ({ evidence }) => mptRoot(evidence.data.proof),
  },
} as const satisfies EvidenceKind
