import { InputError } from '../../../shared/errors'
import { verdictOf, type Check, type Report, type TrustRoot } from '../../report'
import type { Evidence } from '../../evidence/schema'

/**
 * The binding rule every evidence kind follows (issue 15): an evidence file is a claim handed from person to
 * person, so it may not say more than its data proves. Each field of `question` is either
 *
 * - derived: the value the data (or the verified report) answers, checked equal — a mismatch is a failed
 *   check `evidence.question.<field>` naming both values; a list (storage keys) must be answered exactly, so
 *   dropping the proof of an asked key fails rather than shrinking the question; or
 * - input: a parameter the kind's verifier reads and holds every proof to (e.g. the l1-balance address, checked
 *   by `l1.proof[i].address`): the data answers exactly it, or the kind's own checks fail; or
 * - unverified: free text (a note, a file name, where a checkpoint came from), shown as an unverified claim in
 *   a non-required check and never part of what was verified.
 *
 * Any other field is refused before verifying (InputError `evidence.question`, exit 2). The trust root in the
 * report is the one the data chains to, computed by the kind (`chainsTo`), never copied from the file; a
 * `trust` field that disagrees is a failed check `evidence.trust` naming both.
 */
export interface BindingContext {
  evidence: Evidence
  report: Report
}

/** What the data answers for a derived field: a value, a list, or undefined when the data did not establish it. */
export type Derived = string | string[] | undefined

export type QuestionField =
  | {
      derive: (ctx: BindingContext) => Derived
      /** How a question value is read for comparison (default: normaliseScalar). Undefined: not readable. */
      normalise?: (value: unknown) => string | undefined
    }
  | { unverified: string }
  /**
   * A parameter the kind's verifier asks the data for and itself holds every proof to: `boundBy` matches the
   * ids of the kind's checks that do so; when one of them failed, the data does not answer this field.
   */
  | { input: string; boundBy: RegExp }

export type ChainsTo =
  | { root: TrustRoot }
  /**
   * The data alone names no root; the verifier held every proof to the root it was given. `by` matches the ids
   * of the kind's checks that fold the data to that root: one of them failing means the data does not chain to it.
   */
  | { heldTo: TrustRoot; by: RegExp }
  | { unknown: string }

export interface KindBinding {
  question: Readonly<Record<string, QuestionField>>
  /** The trust root the evidence's data chains to, computed from the data and the verifier's report. */
  chainsTo(ctx: BindingContext): ChainsTo
}

const MAX_SHOWN = 200

/** A question value as a comparable string: 0x-hex lowercased, integers in decimal, other values as JSON. */
export function normaliseScalar(value: unknown): string | undefined {
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined
  if (typeof value !== 'string') return value === null ? 'null' : undefined
  if (/^0x[0-9a-fA-F]*$/.test(value)) return value.toLowerCase()
  if (/^\d{1,78}$/.test(value)) return BigInt(value).toString()
  return value
}

/** An integer question value (decimal, 0x-quantity or JSON number) in decimal. */
export function normaliseInteger(value: unknown): string | undefined {
  if (typeof value === 'bigint') return value >= 0n ? value.toString() : undefined
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined
  if (typeof value === 'string' && /^(0x[0-9a-fA-F]{1,64}|\d{1,78})$/.test(value))
    return BigInt(value).toString()
  return undefined
}

function show(value: unknown): string {
  const text =
    typeof value === 'string'
      ? value
      : JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
  return text === undefined ? String(value) : text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text
}

/** Refuses, before verifying, a question field the kind does not know: its meaning would be nobody's. */
export function checkQuestionFields(evidence: Evidence, binding: KindBinding): void {
  const known = Object.keys(binding.question)
  for (const field of Object.keys(evidence.question)) {
    if (!Object.hasOwn(binding.question, field))
      throw new InputError(
        `evidence question field "${field}" is not one a ${evidence.kind} evidence asks (known: ${known.join(', ') || 'none'})`,
        'evidence.question',
      )
  }
}

function listCheck(
  id: string,
  title: string,
  asked: unknown,
  answered: string[],
  normalise: (v: unknown) => string | undefined,
): Check {
  const base = { id, title, required: true }
  if (!Array.isArray(asked))
    return { ...base, status: 'fail', detail: `the question gives ${show(asked)}, not a list` }
  const wanted = asked.map(normalise)
  const unreadable = wanted.findIndex((w) => w === undefined)
  if (unreadable >= 0)
    return {
      ...base,
      status: 'fail',
      detail: `question entry ${show(asked[unreadable])} is not a value this field takes`,
    }
  const dupes = answered.filter((a, i) => answered.indexOf(a) !== i)
  if (dupes.length > 0)
    return { ...base, status: 'fail', detail: `the data answers ${dupes[0]} more than once` }
  const missing = (wanted as string[]).filter((w) => !answered.includes(w))
  const extra = answered.filter((a) => !(wanted as string[]).includes(a))
  if (missing.length > 0)
    return {
      ...base,
      status: 'fail',
      detail: `the question asks about ${missing.join(', ')}, which no proof in the data answers (the data answers [${answered.join(', ')}])`,
    }
  if (extra.length > 0 || new Set(wanted).size !== wanted.length)
    return {
      ...base,
      status: 'fail',
      detail: `the question asks [${(wanted as string[]).join(', ')}], the data answers [${answered.join(', ')}]`,
    }
  return { ...base, status: 'pass', detail: `every one of [${answered.join(', ')}] is answered by a proof` }
}

function questionChecks(ctx: BindingContext, binding: KindBinding): Check[] {
  const checks: Check[] = []
  for (const [field, value] of Object.entries(ctx.evidence.question)) {
    const rule = binding.question[field]!
    const id = `evidence.question.${field}`
    if ('unverified' in rule) {
      checks.push({
        id,
        title: `question.${field}: ${rule.unverified} (as recorded, not verified)`,
        status: 'skip',
        detail: `unverified claim: ${show(value)}; nothing in the data proves it and it is not part of the trust root`,
        required: false,
      })
      continue
    }
    if ('input' in rule) {
      const verified = ctx.report.verdict === 'verified'
      const broken = ctx.report.checks.find(
        (c) => c.required && c.status === 'fail' && rule.boundBy.test(c.id),
      )
      if (broken) {
        checks.push({
          id,
          title: `question.${field} is what the data answers`,
          status: 'fail',
          detail: `the data does not answer question.${field} ${show(value)}: ${broken.id} failed (${broken.detail.slice(0, MAX_SHOWN)})`,
          required: true,
        })
        continue
      }
      checks.push({
        id,
        title: `question.${field} is what the data answers`,
        status: verified ? 'pass' : 'skip',
        detail: verified
          ? `${show(value)}: ${rule.input}`
          : `${show(value)}: not established, the verification did not pass`,
        required: false,
      })
      continue
    }
    const title = `question.${field} is what the data answers`
    const normalise = rule.normalise ?? normaliseScalar
    const derived = rule.derive(ctx)
    if (derived === undefined) {
      checks.push({
        id,
        title,
        status: 'skip',
        detail: `the data did not establish ${field}, so the question's ${show(value)} is not answered`,
        required: true,
      })
    } else if (Array.isArray(derived)) {
      checks.push(listCheck(id, title, value, derived, normalise))
    } else {
      const asked = normalise(value)
      const ok = asked === derived
      checks.push({
        id,
        title,
        status: ok ? 'pass' : 'fail',
        detail: ok
          ? derived
          : `the question says ${show(value)}, the data answers ${derived}: the file claims a question it does not answer`,
        required: true,
      })
    }
  }
  return checks
}

const sameRoot = (a: TrustRoot, b: TrustRoot) =>
  a.kind === b.kind && a.value.toLowerCase() === b.value.toLowerCase()

function trustCheck(ctx: BindingContext, chains: ChainsTo): { check: Check; root?: TrustRoot } {
  const claimed = ctx.evidence.trust
  const base = {
    id: 'evidence.trust',
    title: 'The trust root the file names is the one its data chains to',
    required: true,
  }
  const named = `${claimed.kind}${claimed.value ? ` ${claimed.value}` : ''}`
  if ('unknown' in chains)
    return {
      check: {
        ...base,
        status: 'skip',
        detail: `the data did not establish a trust root: ${chains.unknown}`,
      },
    }
  const root = 'root' in chains ? chains.root : chains.heldTo
  const rootText = `${root.kind} ${root.value}`
  if ('heldTo' in chains) {
    const by = chains.by
    const broken = ctx.report.checks.find((c) => c.required && c.status === 'fail' && by.test(c.id))
    if (broken)
      return {
        check: {
          ...base,
          status: 'fail',
          detail: `the data does not chain to the file's trust root ${named}: ${broken.id} failed`,
        },
      }
  }
  const ok = claimed.kind === 'none' && root.kind === 'none' ? true : sameRoot(claimed, root)
  return {
    root,
    check: {
      ...base,
      status: ok ? 'pass' : 'fail',
      detail: ok
        ? 'root' in chains
          ? `the data chains to ${rootText}`
          : `${rootText}: every proof in the data is checked against it`
        : `the file says it rests on ${named}, but its data chains to ${rootText}`,
    },
  }
}

/**
 * Adds the binding checks to a kind's report and sets the trust root to the one the data chains to. The
 * binding can only lower a verdict: a report the kind did not verify is never made verified by these checks.
 */
export function bindEvidence(evidence: Evidence, report: Report, binding: KindBinding): Report {
  const ctx = { evidence, report }
  const trust = trustCheck(ctx, binding.chainsTo(ctx))
  const bound = [trust.check, ...questionChecks(ctx, binding)]
  const checks = [...report.checks, ...bound]
  const failed = bound.some((c) => c.required && c.status === 'fail')
  const verdict = report.verdict === 'verified' ? verdictOf(checks) : failed ? 'failed' : report.verdict
  const subject = { ...report.subject }
  if (trust.root) subject.trustRoot = trust.root
  else delete subject.trustRoot
  return { ...report, subject, checks, verdict }
}
