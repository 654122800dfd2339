import { z } from 'zod'
import { dataRaw, RawItemSchema, rawBytes } from '../evidence/schema'
import { verifyCommitCalldata } from '../zksync/batches/verifyCommitCalldata'
import type { EvidenceKind } from './evidenceKind'

export const commitCalldataKind = {
  kind: 'commit-calldata',
  title: 'ZKsync Era commit calldata (decoded, self-consistent; not bound to L1)',
  trustKind: 'none',
  schema: z.object({ calldata: RawItemSchema }),
  verify: (e) => verifyCommitCalldata(rawBytes(dataRaw(e, 'calldata'))),
  worker: 'in-process',
  checkIds: ['zksync.calldata.*', 'zksync.commit.*', 'evidence.*'],
  view: 'report',
} as const satisfies EvidenceKind
