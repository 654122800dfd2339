import { verifyZksyncPubdataEvidence, ZksyncPubdataDataSchema } from '../zksync/evidence/pubdataEvidence'
import type { EvidenceKind } from './evidenceKind'
import { initKzg } from './initBackends'
import { BATCH_NUMBER, l1AnchorChainsTo, l1AnchoredQuestion } from './binding/derive'
import { ZKSYNC_PUBDATA_SECTIONS } from './chainSections'
import { zksyncPubdataAnswer } from './answers'

/**
 * A ZKsync Era batch with its published data (issue 20): the batch chain of the batch kind, then the blobs (or
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
  answer: zksyncPubdataAnswer,
  sections: ZKSYNC_PUBDATA_SECTIONS,
  view: 'zksync-batch-view',
  binding: {
    question: l1AnchoredQuestion({
      batchNumber: BATCH_NUMBER,
      pubdataFile: { unverified: 'the pubdata or blob file given' },
    }),
    chainsTo: l1AnchorChainsTo,
  },
} as const satisfies EvidenceKind
