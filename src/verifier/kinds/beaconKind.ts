import { z } from 'zod'
import { withCheckpointChecks } from '../evidence/beaconCheckpoint'
import { BeaconSectionSchema, parseBeaconSection, verifyBeaconSection } from '../evidence/beaconSection'
import { createEvidence } from '../evidence/createEvidence'
import { rawFromBytes } from '../evidence/schema'
import { describeBeacon } from './describeStructure'
import { isJsonObject, type EvidenceKind } from './evidenceKind'
import { trustedRoot } from './trustedRoot'
import { FREE, PROVENANCE, bootstrapRoot, canonical, fact, tryDerive } from './binding/derive'
import { BEACON_SECTIONS } from './chainSections'
import { beaconAnswer } from './answers'

export const beaconKind = {
  kind: 'beacon',
  title: 'Beacon chain light-client sync',
  trustKind: 'beacon-checkpoint',
  schema: z.object({ beacon: BeaconSectionSchema }),
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
  worker: 'in-process',
  checkIds: ['beacon.*', 'evidence.*'],
  answer: beaconAnswer,
  sections: BEACON_SECTIONS,
  view: 'trust',
  file: {
    detect: (body) => {
      const data = isJsonObject(body.data) ? body.data : body
      if ('current_sync_committee' in data && 'header' in data) {
        return {
          kind: 'beacon-bootstrap',
          description: 'beacon light-client bootstrap',
          needsRoot: { kind: 'beacon-checkpoint', label: 'Trusted beacon block root (checkpoint)' },
        }
      }
      if ('attested_header' in data && 'sync_aggregate' in data)
        return { kind: 'beacon-update', description: 'beacon light-client update' }
      return undefined
    },
    detectList: (first, count) => {
      const data = isJsonObject(first.data) ? first.data : first
      return 'attested_header' in data
        ? { kind: 'beacon-update', description: `${count} beacon light-client updates` }
        : undefined
    },
    detectedAs: ['beacon-bootstrap', 'beacon-update'],
    describe: (json) => ({ kind: 'beacon-objects', beacon: describeBeacon(json) }),
    plan: (input, detection) => {
      if (detection.kind === 'beacon-update') {
        return {
          reason:
            'A beacon update is verified together with the bootstrap it follows: use the Trust page or `lightproof verify beacon`.',
        }
      }
      // A bootstrap alone is checked against a checkpoint (header root, committee and execution branches);
      // the chain to a later head needs updates as well (the Trust page, `lightproof verify beacon`).
      if (!input.root)
        return { reason: `Enter the ${detection.needsRoot?.label ?? 'trusted root'} to verify it.` }
      return createEvidence({
        kind: 'beacon',
        createdAt: input.createdAt,
        question: { file: input.name },
        sources: [{ role: 'file', request: input.name }],
        trust: { kind: 'beacon-checkpoint', value: input.root },
        data: {
          beacon: {
            network: input.network ?? 'mainnet',
            bootstrap: rawFromBytes(input.bytes, true),
            updates: [],
          },
        },
      })
    },
  },
  binding: {
    question: {
      ...FREE,
      network: {
        derive: ({ evidence }) =>
          tryDerive(() => canonical(parseBeaconSection(evidence.data.beacon).network)),
        normalise: canonical,
      },
      checkpoint: PROVENANCE,
      // The answer itself: a file cut short (an update dropped) proves an older head and must not pass as
      // the file that named this one.
      finalizedSlot: { derive: (ctx) => fact(ctx, 'finalized', 'slot') },
    },
    chainsTo: ({ evidence }) => bootstrapRoot(evidence.data.beacon),
  },
} as const satisfies EvidenceKind
