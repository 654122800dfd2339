import { z } from 'zod'
import { dataRaw, RawItemSchema, rawJson } from '../evidence/schema'
import { parseZksProofFile } from '../zksync/stateTree/parseZksProof'
import { verifyZksProof } from '../zksync/stateTree/verifyZksProof'
import { describeZksProof } from './describeStructure'
import type { EvidenceKind } from './evidenceKind'
import { trustedRoot } from './trustedRoot'

export const zksProofKind = {
  kind: 'zks-proof',
  title: 'ZKsync Era storage proof (zks_getProof)',
  trustKind: 'zksync-tree-root',
  schema: z.object({ proof: RawItemSchema }),
  verify: (e) =>
    verifyZksProof(parseZksProofFile(rawJson(dataRaw(e, 'proof'))), trustedRoot(e, 'zksync-tree-root')),
  worker: 'in-process',
  checkIds: ['zks.*', 'evidence.*'],
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
    describe: (json) => ({ kind: 'zks-proof', proof: describeZksProof(json) }),
    slot: 'proof',
  },
} as const satisfies EvidenceKind
