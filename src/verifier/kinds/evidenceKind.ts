import type { z } from 'zod'
import type { LosslessJson } from '../encoding/json'
import type { Evidence } from '../evidence/schema'
import type { Answer, Report, TrustRoot } from '../report'
import type { SectionPlan } from '../report/sections'
import type { KindBinding } from './binding/bindEvidence'
import type { FileStructure } from './describeStructure'

/**
 * The descriptor of one evidence kind: everything Lightproof knows about the kind, in one object, so that a new
 * kind is its descriptor, its verify module, its schema, its tests and its view (README "Adding an evidence
 * kind"). The registry (registry.ts) lists the descriptors; nothing else switches on a kind's name.
 */
export interface EvidenceKind<Name extends string = string, CheckId extends string = string> {
  /** The name evidence files carry in `kind`; stable, never renamed (saved files must re-verify). */
  readonly kind: Name
  /** Shown in history and reports, e.g. `L1 account and storage proof`. */
  readonly title: string
  /** The trust-root kind this evidence must rest on (`none` when it rests on nothing). */
  readonly trustKind: TrustKind
  /** The schema of the kind's `data` (its raw items and plain parameters). */
  readonly schema: z.ZodType
  /** The kind's own verifier: the same one its `lightproof verify …` command and its online flow use. */
  readonly verify: (evidence: Evidence, deps: VerifyDeps) => Report | Promise<Report>
  /** Where verification runs: in-process, or in a worker when it is heavy (a SNARK, a Verkle witness). */
  readonly worker: WorkerRouting
  /**
   * The check ids its reports may carry, as patterns (`*` stands for one index or name, e.g.
   * `l1.proof[*].chain-id`). Tests hold every report of the kind to it.
   */
  readonly checkIds: readonly CheckId[]
  /** Its answer card: what a report of the kind answers, from its facts (kinds/answers.ts). */
  readonly answer: (report: Report) => Answer | undefined
  /** Its chain of trust, link by link: the report's sections (report/sections.ts, kinds/chainSections.ts). */
  readonly sections: SectionPlan
  /** The renderer view that shows a verified answer of this kind. */
  readonly view: ViewId
  /** Present when a raw file of this kind can be opened directly (Inspector, `lightproof inspect`). */
  readonly file?: FileKind
  /**
   * How the evidence's `question` binds to what the data proves, field by field, and the trust root the data
   * chains to (issue 15, binding/bindEvidence.ts). A field the binding does not name is refused.
   */
  readonly binding: KindBinding
  /**
   * The trust root the report names, from what the verifier established. Absent: the evidence's own trust root
   * (when it is not `none`).
   */
  readonly trustRoot?: (evidence: Evidence, report: Report) => TrustRoot | undefined
}

/** What a kind may need from its host that a pure module cannot have itself. */
export interface VerifyDeps {
  /** A monotonic clock in milliseconds; with it, heavy parts report how long they took (timings). */
  now?: () => number
}

export type TrustKind =
  | 'none'
  | 'beacon-checkpoint'
  | 'state-root'
  | 'zksync-tree-root'
  | 'pre-state-root'
  | 'verification-key'
  | 'binary-tree-root'

export type WorkerRouting = 'in-process' | 'worker' | ((evidence: Pick<Evidence, 'data'>) => boolean)

/** The renderer's views of a verified answer. */
export type ViewId = 'report' | 'l1-balance-view' | 'zksync-batch-view' | 'zksync-balance-view' | 'trust'

/** A raw file of a kind, as a user opens it. */
export interface FileKind {
  /** Recognises the file from its shape alone (`body` is the JSON-RPC `result` when the file is a response). */
  readonly detect: (body: JsonObject, how: string) => Detection | undefined
  /** Recognises a JSON array of objects (e.g. a list of beacon updates) from its first element. */
  readonly detectList?: (first: JsonObject, count: number) => Detection | undefined
  /** Its structure as the Inspector shows it; throws InputError when the file does not parse. */
  readonly describe: (json: LosslessJson) => FileStructure
  /** Detection names it gives besides the kind's own (a beacon file is a `beacon-bootstrap` or `beacon-update`). */
  readonly detectedAs?: readonly string[]
  /** The data name under which the evidence keeps the opened file (`proof`, `witness`). */
  readonly slot?: string
  /**
   * Evidence from the opened file and the root the user typed. Absent: `{ [slot]: file }` resting on the typed
   * root of the kind's trust kind.
   */
  readonly plan?: (input: FilePlanInput, detection: Detection) => Evidence | { reason: string }
}

export interface FilePlanInput {
  name: string
  bytes: Uint8Array
  /** A trusted 32-byte root as lowercase 0x-hex, or null. */
  root: string | null
  createdAt: string
  network?: string
}

/**
 * What a file a user opened looks like, judged from its shape alone: enough to pick a verifier and to say which
 * trusted root it needs. Detection never trusts anything; the chosen verifier checks everything.
 */
export interface Detection {
  /** An evidence kind's name, or `evidence`, `beacon-bootstrap`, `beacon-update`, `unknown`. */
  kind: string
  /** Plain words for the UI, e.g. `eth_getProof result (JSON-RPC response)`. */
  description: string
  /** The trust-root kind the user must supply, when the file cannot carry one itself. */
  needsRoot?: { kind: string; label: string }
  /** The evidence kind that verifies it, when there is one. */
  evidenceKind?: string
}

export type JsonObject = { [k: string]: LosslessJson }

export const isJsonObject = (v: LosslessJson | undefined): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
