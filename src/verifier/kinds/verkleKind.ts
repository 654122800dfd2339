import { z } from 'zod'
import type { LosslessJson } from '../encoding/json'
import { hexToBytes } from '../encoding/hex'
import { dataRaw, RawItemSchema, rawJson } from '../evidence/schema'
import type { LeafLayout } from '../verkle/constants'
import { describeWitness } from '../verkle/describeWitness'
import { parseExecutionWitness } from '../verkle/parseWitness'
import { verifyVerkleQuery } from '../verkle/verifyVerkleQuery'
import { loadVerkleWasmBackend } from '../verkle/wasmBackend'
import { isJsonObject, type EvidenceKind, type JsonObject } from './evidenceKind'
import { trustedRoot } from './trustedRoot'
import { FREE, heldTo, verkleBlock } from './binding/derive'
import { normaliseInteger } from './binding/bindEvidence'
import { VERKLE_SECTIONS } from './chainSections'
import { verkleAnswer } from './answers'

const VerkleQuestionSchema = z.object({
  addresses: z.array(z.string()).max(256).optional(),
  layout: z.enum(['basic-data', 'legacy-per-field']).optional(),
})

export const verkleKind = {
  kind: 'verkle',
  title: 'EIP-6800 (Verkle) execution witness',
  trustKind: 'pre-state-root',
  schema: z.object({ witness: RawItemSchema }),
  verify: async (e) => {
    const root = trustedRoot(e, 'pre-state-root')
    const parsed = parseExecutionWitness(rawJson(dataRaw(e, 'witness')))
    const q = VerkleQuestionSchema.parse(e.question)
    return verifyVerkleQuery(parsed, root, await loadVerkleWasmBackend(), {
      addresses: q.addresses?.map((a) => hexToBytes(a, 'question.addresses', 20)),
      layout: q.layout as LeafLayout | undefined,
    })
  },
  // IPA multiproofs in WASM: seconds for large blocks.
  worker: 'worker',
  checkIds: ['verkle.*', 'evidence.*'],
  answer: verkleAnswer,
  sections: VERKLE_SECTIONS,
  view: 'report',
  file: {
    detect: (body) => {
      const at = findWitness(body)
      return at
        ? {
            kind: 'verkle',
            description: `EIP-6800 execution witness${at === '.' ? '' : ` (inside ${at})`}`,
            needsRoot: {
              kind: 'pre-state-root',
              label: 'Trusted pre-state root (the parent block’s state root)',
            },
          }
        : undefined
    },
    describe: (json) => ({ kind: 'verkle-witness', witness: describeWitness(parseExecutionWitness(json)) }),
    slot: 'witness',
  },
  binding: {
    question: {
      ...FREE,
      block: { derive: ({ evidence }) => verkleBlock(evidence), normalise: normaliseInteger },
      addresses: { input: 'the accounts read from the verified witness (facts.accounts)', boundBy: /^$/ },
      layout: { input: 'the leaf layout the witness is read in (facts.layout)', boundBy: /^$/ },
    },
    // A verkle proof's root commitment is the trusted input itself: the verifier holds the witness to it.
    chainsTo: (ctx) => heldTo(ctx, 'pre-state-root', /^verkle\.witness\.proof$/),
  },
} as const satisfies EvidenceKind

function findWitness(body: JsonObject): string | undefined {
  const has = (o: LosslessJson | undefined) => isJsonObject(o) && 'stateDiff' in o && 'verkleProof' in o
  if (has(body)) return '.'
  for (const key of ['executionWitness', 'execution_witness']) if (has(body[key])) return key
  for (const outer of ['executionPayload', 'execution_payload', 'block', 'payload']) {
    const o = body[outer]
    if (isJsonObject(o))
      for (const key of ['executionWitness', 'execution_witness']) if (has(o[key])) return `${outer}.${key}`
  }
  return undefined
}
