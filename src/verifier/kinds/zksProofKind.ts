import { z } from 'zod'
import { dataRaw, RawItemSchema, rawJson } from '../evidence/schema'
import { parseZksProofFile } from '../zksync/stateTree/parseZksProof'
import { verifyZksProof } from '../zksync/stateTree/verifyZksProof'
import { verifyZksStorageProof } from '../zksync/stateTree/verifyZksStorageProof'
import { bytesToHex } from '../encoding/hex'
import { describeZksProof } from './describeStructure'
import type { EvidenceKind } from './evidenceKind'
import { trustedRoot } from './trustedRoot'
import { FREE, fact, heldTo, storageKeys, tryDerive } from './binding/derive'
import { ZKS_PROOF_SECTIONS } from './chainSections'
import { zksProofAnswer } from './answers'

export const zksProofKind = {
  kind: 'zks-proof',
  title: 'ZKsync Era storage proof (zks_getProof)',
  trustKind: 'zksync-tree-root',
  schema: z.object({ proof: RawItemSchema }),
  verify: (e) =>
    verifyZksProof(parseZksProofFile(rawJson(dataRaw(e, 'proof'))), trustedRoot(e, 'zksync-tree-root')),
  worker: 'in-process',
  checkIds: ['zks.*', 'evidence.*'],
  answer: zksProofAnswer,
  sections: ZKS_PROOF_SECTIONS,
  view: 'report',
  file: {
    detect: (body, how) =>
      Array.isArray(body.storageProof) && typeof body.address === 'string'
        ? {
            kind: 'zks-proof',
            description: `zks_getProof result${how}`,
            needsRoot: {
              kind: 'zksync-tree-root',
              label: 'Trusted ZKsync tree root (the batch’s StoredBatchInfo.batchHash)',
            },
          }
        : undefined,
    describe: (json) => ({ kind: 'zks-tree-proof', proof: describeZksProof(json) }),
    slot: 'proof',
  },
  binding: {
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
} as const satisfies EvidenceKind
