import { z } from 'zod'
import { dataRaw, RawItemSchema, rawBytes } from '../evidence/schema'
import { verifyCommitCalldata } from '../zksync/batches/verifyCommitCalldata'
import type { EvidenceKind } from './evidenceKind'
import { FREE, NONE, fact } from './binding/derive'
import { COMMIT_CALLDATA_SECTIONS } from './chainSections'
import { commitCalldataAnswer } from './answers'

export const commitCalldataKind = {
  kind: 'commit-calldata',
  title: 'ZKsync Era commit calldata (decoded, self-consistent; not bound to L1)',
  trustKind: 'none',
  schema: z.object({ calldata: RawItemSchema }),
  verify: (e) => verifyCommitCalldata(rawBytes(dataRaw(e, 'calldata'))),
  worker: 'in-process',
  checkIds: ['zksync.calldata.*', 'zksync.commit.*', 'evidence.*'],
  answer: commitCalldataAnswer,
  sections: COMMIT_CALLDATA_SECTIONS,
  view: 'report',
  binding: {
    question: {
      ...FREE,
      transaction: { unverified: 'the transaction the calldata was taken from' },
      calldataKeccak: { derive: (ctx) => fact(ctx, 'calldataKeccak') },
    },
    // Calldata alone is bound to nothing on L1, whatever the file's `trust` says.
    chainsTo: () => ({ root: NONE }),
  },
} as const satisfies EvidenceKind
