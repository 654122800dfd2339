import { z } from 'zod'
import { describeBinaryProof } from '../binarytree/describeBinaryProof'
import { parseBinaryProofFile } from '../binarytree/parseBinaryProof'
import { verifyBinaryProof } from '../binarytree/verifyBinaryProof'
import { dataRaw, RawItemSchema, rawJson } from '../evidence/schema'
import type { EvidenceKind } from './evidenceKind'
import { trustedRoot } from './trustedRoot'
import { FREE, fact, heldTo } from './binding/derive'
import { BINARY_TREE_SECTIONS } from './chainSections'
import { binaryTreeAnswer } from './answers'

export const binaryTreeProofKind = {
  kind: 'binary-tree-proof',
  title: 'EIP-7864 binary-tree single-key proof (draft spec)',
  trustKind: 'binary-tree-root',
  schema: z.object({ proof: RawItemSchema }),
  verify: (e) =>
    verifyBinaryProof(parseBinaryProofFile(rawJson(dataRaw(e, 'proof'))), trustedRoot(e, 'binary-tree-root')),
  worker: 'in-process',
  checkIds: ['binarytree.*', 'evidence.*'],
  answer: binaryTreeAnswer,
  sections: BINARY_TREE_SECTIONS,
  view: 'report',
  file: {
    // EIP-7864 single-key proof as @ethereumjs/binarytree makes it (binarytree/parseBinaryProof.ts).
    detect: (body, how) =>
      typeof body.key === 'string' && Array.isArray(body.proof)
        ? {
            kind: 'binary-tree-proof',
            description: `EIP-7864 binary-tree proof (draft spec)${how}`,
            needsRoot: { kind: 'binary-tree-root', label: 'Trusted binary-tree state root' },
          }
        : undefined,
    describe: (json) => ({
      kind: 'binary-tree',
      proof: describeBinaryProof(parseBinaryProofFile(json)),
    }),
    slot: 'proof',
  },
  binding: {
    question: { ...FREE, key: { derive: (ctx) => fact(ctx, 'key') } },
    chainsTo: (ctx) => heldTo(ctx, 'binary-tree-root', /^binarytree\.proof\.root$/),
  },
} as const satisfies EvidenceKind
