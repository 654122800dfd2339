import { z } from 'zod'
import { bytesToHex, hexToBytes } from '../encoding/hex'
import type { LosslessJson } from '../encoding/json'
import { ReportBuilder, type FactValue, type Report } from '../report'
import { BeaconBlockHeaderType } from './sszTypes'

/**
 * A fresh start without a trusted root (issue 23, item 3): ask several independent checkpoint-sync providers for
 * their finalized block and take a root only when at least two of them vouch for it. This is not a proof — a
 * checkpoint is the one thing a light client must take on trust — but it turns "one server said so" into "these
 * independent operators said the same", and every answer is shown so the user can judge, confirm or pin their own.
 *
 * A provider vouches for root R when its finalized header hashes to R, or when it serves the header of R as
 * canonical (a provider one epoch behind or ahead still confirms the other's root). A served header that does
 * not hash to the root it is served under, or that the provider calls non-canonical, contradicts; a provider
 * that does not know a root (checkpointz keeps only some epochs) neither vouches nor contradicts.
 */

/** What one provider answered, exactly as received (the collector fetches; nothing here is trusted). */
export interface ProviderAnswer {
  provider: string
  /** `GET /eth/v1/beacon/headers/finalized`, or why it could not be had. */
  finalized: { json: LosslessJson } | { error: string }
  /** `GET /eth/v1/beacon/headers/{root}` for roots other providers named; `notFound` for a 404. */
  byRoot: Record<string, { json: LosslessJson } | { notFound: true } | { error: string }>
}

const Hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/)
const Uint = z.union([z.string().regex(/^[0-9]{1,20}$/), z.bigint(), z.number().int().nonnegative()])

const HeaderResponse = z.object({
  data: z.object({
    root: Hex32,
    canonical: z.boolean().optional(),
    header: z.object({
      message: z.object({
        slot: Uint,
        proposer_index: Uint,
        parent_root: Hex32,
        state_root: Hex32,
        body_root: Hex32,
      }),
    }),
  }),
})

interface ServedHeader {
  /** The root the provider named. */
  root: string
  /** hash_tree_root of the header it served. */
  computedRoot: string
  slot: bigint
  canonical: boolean
}

function readHeader(json: LosslessJson): ServedHeader | string {
  const parsed = HeaderResponse.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return `not a beacon header response (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`
  }
  const { root, canonical, header } = parsed.data.data
  const m = header.message
  const computed = BeaconBlockHeaderType.hashTreeRoot({
    slot: BigInt(m.slot),
    proposerIndex: BigInt(m.proposer_index),
    parentRoot: hexToBytes(m.parent_root),
    stateRoot: hexToBytes(m.state_root),
    bodyRoot: hexToBytes(m.body_root),
  })
  return {
    root: root.toLowerCase(),
    computedRoot: bytesToHex(computed),
    slot: BigInt(m.slot),
    canonical: canonical ?? true,
  }
}

export interface CheckpointAgreementInput {
  network: string
  answers: readonly ProviderAnswer[]
  /** How many providers must vouch for the same root (at least 2). */
  minAgree?: number
}

/** The verdict on the providers' answers: verified with facts.root and facts.slot when enough of them agree. */
export function judgeCheckpointProviders(input: CheckpointAgreementInput): Report {
  const minAgree = Math.max(2, input.minAgree ?? 2)
  const r = new ReportBuilder({
    kind: 'checkpoint-providers',
    description: `A finalized checkpoint for ${input.network}, as ${input.answers.length} checkpoint providers answer`,
  })
  const finalized = new Map<string, ServedHeader>()
  const summary: FactValue[] = []
  input.answers.forEach((a, i) => {
    const id = `checkpoint.provider[${i}].header`
    const title = 'Provider’s finalized header hashes to the root it names'
    if ('error' in a.finalized) {
      r.skip(id, title, `${a.provider}: no answer (${a.finalized.error})`, { required: false })
      summary.push({ provider: a.provider, error: a.finalized.error })
      return
    }
    const h = readHeader(a.finalized.json)
    if (typeof h === 'string') {
      r.fail(id, title, `${a.provider}: ${h}`)
      summary.push({ provider: a.provider, error: h })
      return
    }
    if (h.computedRoot !== h.root) {
      r.fail(id, title, `${a.provider} names ${h.root} but its header hashes to ${h.computedRoot}`)
      summary.push({
        provider: a.provider,
        root: h.root,
        slot: String(h.slot),
        error: 'header does not hash to root',
      })
      return
    }
    r.pass(id, title, `${a.provider}: ${h.root} at slot ${h.slot}`)
    finalized.set(a.provider, h)
    summary.push({ provider: a.provider, root: h.root, slot: String(h.slot) })
  })
  r.fact('providers', summary)

  const title = `At least ${minAgree} providers vouch for the same finalized root, none contradicting it`
  if (finalized.size < minAgree) {
    r.skip(
      'checkpoint.agreement',
      title,
      `only ${finalized.size} of ${input.answers.length} provider(s) gave a usable finalized header; ${minAgree} must agree`,
    )
    return r.build()
  }

  // Newest first: the freshest root enough providers vouch for.
  const candidates = [...new Map([...finalized.values()].map((h) => [h.root, h])).values()].sort((a, b) =>
    a.slot === b.slot ? 0 : a.slot > b.slot ? -1 : 1,
  )
  const contradictions: string[] = []
  for (const c of candidates) {
    const vouchers: string[] = []
    const against: string[] = []
    for (const a of input.answers) {
      const own = finalized.get(a.provider)
      if (!own) continue
      if (own.root === c.root) {
        vouchers.push(a.provider)
        continue
      }
      const served = a.byRoot[c.root]
      if (!served || 'notFound' in served || 'error' in served) continue
      const h = readHeader(served.json)
      if (typeof h === 'string') against.push(`${a.provider}: ${h}`)
      else if (h.root !== c.root || h.computedRoot !== c.root)
        against.push(`${a.provider} serves another header under ${c.root} (it hashes to ${h.computedRoot})`)
      else if (!h.canonical) against.push(`${a.provider} says ${c.root} is not canonical`)
      else if (h.slot !== c.slot)
        against.push(`${a.provider} puts ${c.root} at slot ${h.slot}, not ${c.slot}`)
      else vouchers.push(a.provider)
    }
    if (against.length > 0) {
      contradictions.push(...against)
      continue
    }
    if (vouchers.length >= minAgree) {
      r.pass(
        'checkpoint.agreement',
        title,
        `${c.root} at slot ${c.slot}, vouched for by ${vouchers.join(', ')}`,
      )
      r.fact('root', c.root).fact('slot', String(c.slot)).fact('agreedBy', vouchers)
      return r.build()
    }
  }
  r.fail(
    'checkpoint.agreement',
    title,
    `the providers disagree: ${input.answers
      .filter((a) => finalized.has(a.provider))
      .map(
        (a) =>
          `${a.provider} says ${finalized.get(a.provider)!.root} (slot ${finalized.get(a.provider)!.slot})`,
      )
      .join(
        '; ',
      )}${contradictions.length > 0 ? `; ${contradictions.join('; ')}` : ''}; no root is vouched for by ${minAgree}`,
  )
  return r.build()
}
