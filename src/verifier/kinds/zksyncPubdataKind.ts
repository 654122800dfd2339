import { verifyZksyncPubdataEvidence, ZksyncPubdataDataSchema } from '../zksync/evidence/pubdataEvidence'
import type { EvidenceKind } from './evidenceKind'
import { initKzg } from './initBackends'

/**
 * A ZKsync Era batch with its published data (issue 20): the batch chain of `zksync-batch`, then the blobs (or
 * pubdata) checked against the linear hashes, versioned hashes and openings its bound commitment fixes, and the
 * pubdata decoded. KZG is loaded on first use (initKzg): the blob commitment needs it.
 */
export const zksyncPubdataKind = {
  kind: 'zksync-pubdata',
  title: 'ZKsync Era batch data: blobs proven published on Ethereum, pubdata authenticated and decoded',
  trustKind: 'beacon-checkpoint',
  schema: ZksyncPubdataDataSchema,
  verify: async (e) => {
    await initKzg()
    return verifyZksyncPubdataEvidence(e)
  },
  // A blob commitment in pure JS is ~0.5 s: off the main thread.
  worker: 'worker',
  checkIds: ['beacon.*', 'l1.*', 'mpt.*', 'zksync.*', 'evidence.*'],
  view: 'zksync-batch-view',
} as const satisfies EvidenceKind
