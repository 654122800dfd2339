import { verifyZksyncWatchEvidence, ZksyncWatchDataSchema } from '../zksync/watch/watchEvidence'
import type { EvidenceKind } from './evidenceKind'
import { l1AnchorChainsTo, l1AnchoredQuestion } from './binding/derive'
import { ZKSYNC_WATCH_SECTIONS } from './chainSections'
import { zksyncWatchAnswer } from './answers'

/**
 * The ZKsync Era upgrade watch (issue 21): who can change the chain and what would change — the diamond's
 * protocol version, verifier and its key, admins, settlement layer, facets and their code, the ChainTypeManager's
 * pending upgrade and the ValidatorTimelock's execution delay — each proven from L1 storage at the beacon-verified
 * head (watchEvidence.ts). Verification runs the verifier's proven code in a local EVM, so it is async.
 */
export const zksyncWatchKind = {
  kind: 'zksync-watch',
  title: 'ZKsync Era upgrade watch: verifier, key, admins, facets, delays, proven from L1 storage',
  trustKind: 'beacon-checkpoint',
  schema: ZksyncWatchDataSchema,
  verify: (e) => verifyZksyncWatchEvidence(e),
  worker: 'in-process',
  checkIds: ['beacon.*', 'zksync.l1.*', 'zksync.watch.*', 'zksync.verifier.*', 'evidence.*'],
  answer: zksyncWatchAnswer,
  sections: ZKSYNC_WATCH_SECTIONS,
  view: 'report',
  binding: { question: l1AnchoredQuestion(), chainsTo: l1AnchorChainsTo },
} as const satisfies EvidenceKind
