import { InputError } from '../../shared/errors'
import type { BlsBackend } from '../beacon/blsBackend'
import type { TrustedExecutionHead } from '../beacon/lightClientHeader'
import { bytesToHex, equalBytes } from '../encoding/hex'
import { describeAge, slotAgeSeconds, withCheckpointChecks } from '../evidence/beaconCheckpoint'
import { MAX_HEAD_AGE_MS, verifyBeaconSection, type BeaconSectionResult } from '../evidence/beaconSection'
import { bindHeaderAnswer, checkChainId, type EndpointAnswer } from '../evidence/endpointAnswers'
import { rawBytes, rawJson } from '../evidence/schema'
import { parseEthGetProof, type EthGetProof } from '../mpt/parseEthGetProof'
import { verifyEthGetProof } from '../mpt/verifyEthGetProof'
import { ReportBuilder, type Check, type FactValue, type Report } from '../report'
import {
  amountOf,
  balanceTarget,
  formatAmount,
  tokenTableMismatch,
  type BalanceTarget,
} from './balanceQuestion'
import { chainOfTrust } from './chainOfTrust'
import type { L1BalanceInput } from './l1BalanceEvidence'
import { verifySignedBlockHead, type RebuiltHeader } from './verifySignedBlockHead'

/**
 * The L1 balance evidence kind (kinds/l1BalanceKind.ts): an ETH balance, an ERC-20 balance or a raw storage slot on Ethereum,
 * proven from a trusted beacon checkpoint down to the value (DESIGN.md §1):
 *
 *   checkpoint → bootstrap + updates (beacon.*) → trusted head (finalized header, or a block signed by the
 *   sync committee in its child: l1.head.*) → EL state root, with each endpoint's header of that block bound to
 *   the verified hash (l1.el-header.hash) and its chain id checked (l1.proof[i].chain-id) → each endpoint's
 *   eth_getProof against that root (l1.proof[i].*) → the value; several
 *   endpoints must agree (l1.endpoints.agree), a disagreement fails and names both, never a majority vote.
 *
 * Facts come only from verified proofs. The report's `chain` fact lists the steps with the checks behind each.
 *
 * @example
 *   const report = await verifyL1Balance(parseL1BalanceEvidence(evidence))
 */
export async function verifyL1Balance(
  input: L1BalanceInput,
  options: { bls?: BlsBackend } = {},
): Promise<Report> {
  const { question, data } = input
  const target = balanceTarget(question)
  const b = new ReportBuilder({
    kind: 'l1-state',
    description: describe(target),
    trustRoot: { kind: 'beacon-checkpoint', value: input.checkpoint.toLowerCase() },
  })

  // 1. The beacon chain from the checkpoint (its checks keep their beacon.* ids).
  // The answer rests on the head chosen below, which may be newer than the section's own: its age is checked
  // there (l1.head.age), required, so a stopped chain cannot pass.
  const beacon = verifyBeaconSection(data.beacon, input.checkpoint, input.createdAt, options.bls, {
    freshness: 'caller',
  })
  const withCheckpoint = withCheckpointChecks(
    beacon.report,
    beacon.network,
    data.beacon.bootstrap,
    input.checkpoint,
    input.createdAt,
    question as Record<string, unknown>,
  )
  addChecks(b, withCheckpoint.checks)

  // 2. The trusted head: the finalized header, or a block signed by the committee in its child block.
  const head = await trustedHead(b, beacon, input, options.bls)

  if (head) headAge(b, beacon, head, input.createdAt)

  // 3. The state root is the verified head's; each endpoint's header of that block must bind to its hash.
  const stateRoot = head ? head.stateRoot : null
  if (head) headHeaders(b, head, input)
  const network = typeof data.beacon.network === 'string' ? data.beacon.network : null

  // 4. The token row against the built-in table.
  if (target.token) {
    if (target.known) {
      const mismatch = tokenTableMismatch(target.token, target.known)
      b.expect(
        'l1.token.table',
        'Token matches the built-in table',
        mismatch === null,
        `${target.known.symbol}: ${target.known.decimals} decimals, balances at slot ${target.known.balanceSlot}`,
        `the question's token row disagrees with the table: ${mismatch}`,
      )
    } else {
      b.skip(
        'l1.token.table',
        'Token matches the built-in table',
        `${bytesToHex(target.account)} is not in the table: its balance slot and decimals are as given, not checked`,
        { required: false },
      )
    }
  }

  // 5. Every endpoint's answer, each against the same trusted state root.
  const answers = data.proofs.map((p, i) => verifyAnswer(b, i, p, target, head, stateRoot, network))
  if (answers.length === 0)
    b.skip(
      'l1.proof',
      'eth_getProof answers',
      'no L1 endpoint was asked: there was no trusted head to ask at',
    )

  // 6. Endpoints agree (on what they claim and on what their proofs establish).
  agreement(b, answers, target)

  const proven = answers.find((a) => a.proven !== null)?.proven ?? null
  const verifiedValue = proven !== null && !b.hasFailure()
  b.expect(
    'l1.value',
    target.mode === 'slot' ? 'Slot value established' : 'Balance established',
    verifiedValue,
    proven !== null ? `${formatAmount(target, proven)} at EL block ${head?.blockNumber}` : '',
    proven === null
      ? 'no endpoint answered with a proof that verifies against the trusted state root'
      : 'a check on the way to the value failed',
  )

  const report = b.build()
  report.facts = facts(report, target, head, stateRoot, proven, answers, input)
  return report
}

function describe(t: BalanceTarget): string {
  const who = bytesToHex(t.address)
  if (t.mode === 'eth') return `ETH balance of ${who} on Ethereum`
  if (t.mode === 'erc20') return `${t.token!.symbol} balance of ${who} on Ethereum`
  return `storage slot ${bytesToHex(t.storageKey!)} of ${who} on Ethereum`
}

function addChecks(b: ReportBuilder, checks: readonly Check[], prefix = ''): void {
  for (const c of checks) b.add(prefix + c.id, c.title, c.status, c.detail, { required: c.required })
}

/** The evidence's own time as a slot: bounds which slots may have been signed, as a live clock would. */
function currentSlotOf(beacon: BeaconSectionResult, createdAt: string): bigint | undefined {
  const created = Date.parse(createdAt)
  const n = beacon.network
  if (!Number.isFinite(created) || n.genesisTime <= 0n) return undefined
  return (BigInt(created) - n.genesisTime * 1000n) / BigInt(n.slotDurationMs)
}

export type HeadSource = 'finalized' | 'signed-block'

/** A finalized head is ~13 min (2 epochs) behind; beyond an hour the endpoints serve a stalled or old chain. */
const MAX_HEAD_AGE_SECONDS = MAX_HEAD_AGE_MS / 1000

/**
 * How old the answer was when the evidence was made. Optional: an old head still proves the value at its
 * block, but the user should know the balance may have changed since.
 */
function headAge(
  b: ReportBuilder,
  beacon: BeaconSectionResult,
  head: TrustedExecutionHead,
  createdAt: string,
): void {
  const age = slotAgeSeconds(beacon.network, head.slot, Date.parse(createdAt))
  const title = 'The head is recent'
  if (age === null) {
    // Required: an answer whose freshness cannot be checked is not verified (an inline network without a
    // genesis time, or evidence without a usable creation time).
    b.skip(
      'l1.head.age',
      title,
      beacon.network.genesisTime > 0n
        ? 'the evidence has no usable time, so the head’s age is unknown'
        : `network ${beacon.network.name} has no genesis time, so the head’s age is unknown: give genesisTime in the network definition`,
    )
    return
  }
  const text = `head slot ${head.slot} was ${describeAge(age)} old when the evidence was made`
  b.add(
    'l1.head.age',
    title,
    age <= MAX_HEAD_AGE_SECONDS ? 'pass' : 'fail',
    age <= MAX_HEAD_AGE_SECONDS
      ? text
      : `${text}: the endpoints serve a stopped or old chain, so the value may have changed since`,
  )
}

async function trustedHead(
  b: ReportBuilder,
  beacon: BeaconSectionResult,
  input: L1BalanceInput,
  bls: BlsBackend | undefined,
): Promise<(TrustedExecutionHead & { source: HeadSource; signers?: number }) | null> {
  const blocks = input.data.headBlock
  if (beacon.report.verdict !== 'verified' || beacon.store === null) {
    b.skip('l1.head', 'Trusted execution head', 'the beacon chain from the checkpoint did not verify')
    return null
  }
  if (!blocks) {
    const f = beacon.finalized!
    b.pass(
      'l1.head.finalized',
      'Finalized execution head',
      `finalized beacon slot ${f.slot} (${bytesToHex(f.beaconRoot)}): EL block ${f.blockNumber}, state root ${bytesToHex(f.stateRoot)}`,
    )
    return { ...f, source: 'finalized' }
  }
  const r = await verifySignedBlockHead(
    beacon.network,
    beacon.store,
    rawBytes(blocks.block),
    rawBytes(blocks.child),
    {
      bls,
      currentSlot: currentSlotOf(beacon, input.createdAt),
    },
  )
  addChecks(b, r.checks)
  return r.head ? { ...r.head, source: 'signed-block', signers: r.signers } : null
}

/**
 * The EL header of the trusted head, as each L1 endpoint gives it (eth_getBlockByNumber(head, false)), bound to
 * the verified block hash and state root: an endpoint on another fork (a reorg), an equivocating one, or one
 * whose headers carry another state root fails here, named — even when its eth_getProof answer is honest.
 * Older evidence without endpoint headers: the signed block's execution payload rebuilt into a header
 * (signed-block heads), else a skip, so such a file is at best incomplete. A `block` with no endpoint named
 * (older evidence) is held to the same hash.
 *
 * Check: `l1.el-header.hash` (required).
 */
function headHeaders(
  b: ReportBuilder,
  head: TrustedExecutionHead & { rebuiltHeader?: RebuiltHeader },
  input: L1BalanceInput,
): void {
  const title = 'EL header of the trusted head hashes to its verified block hash'
  const items: EndpointAnswer[] = input.data.proofs.flatMap((p) =>
    p.header ? [{ endpoint: p.endpoint, answer: p.header }] : [],
  )
  // Older evidence's one `block` stood for the head's header; its endpoints were not asked for their own.
  if (input.data.block) items.push({ endpoint: 'the evidence’s EL block', answer: input.data.block })
  const missing = input.data.block ? [] : input.data.proofs.filter((p) => !p.header).map((p) => p.endpoint)
  if (items.length === 0) {
    const rebuilt = head.rebuiltHeader
    if (rebuilt) {
      b.expect(
        'l1.el-header.hash',
        title,
        rebuilt.ok,
        `no endpoint header in the evidence; the signed block's execution payload rebuilt into a header: ${rebuilt.detail}`,
        `the signed block's execution payload rebuilt into a header: ${rebuilt.detail}`,
      )
      return
    }
    b.skip(
      'l1.el-header.hash',
      title,
      'the evidence holds no eth_getBlockByNumber answer of the head (made before headers were asked), ' +
        'so no L1 endpoint is shown to be on the verified chain',
    )
    return
  }
  const bound = items.map((item) => bindHeaderAnswer(item, head))
  const failed = bound.filter((x) => x.status === 'fail')
  const unbound = [
    ...bound.filter((x) => x.status === 'skip').map((x) => x.detail),
    ...missing.map((e) => `${e} gave no header`),
  ]
  if (failed.length > 0) b.fail('l1.el-header.hash', title, failed.map((x) => x.detail).join('; '))
  else if (unbound.length > 0) b.skip('l1.el-header.hash', title, unbound.join('; '))
  else b.pass('l1.el-header.hash', title, bound.map((x) => x.detail).join('; '))
}

interface AnswerResult {
  endpoint: string
  /** What the endpoint claims the value is (unproven), if its answer parsed. */
  claimed: bigint | null
  /** The value its proof establishes against the trusted root, if every check of this answer passed. */
  proven: bigint | null
  accountHash: string | null
  /** The proven account fields (verifyEthGetProof's `account` fact), when the proof verified. */
  account: { [key: string]: FactValue } | null
}

function verifyAnswer(
  b: ReportBuilder,
  i: number,
  p: L1BalanceInput['data']['proofs'][number],
  target: BalanceTarget,
  head: TrustedExecutionHead | null,
  stateRoot: Uint8Array | null,
  network: string | null,
): AnswerResult {
  const id = `l1.proof[${i}]`
  const out: AnswerResult = {
    endpoint: p.endpoint,
    claimed: null,
    proven: null,
    accountHash: null,
    account: null,
  }
  // Only a value every check of this answer passed for counts as proven.
  let own = true
  // The endpoint must serve the network's chain (an answer kept since chain ids are asked; chainIds.ts).
  checkChainId(
    b,
    `${id}.chain-id`,
    'l1',
    p.chainId ? { endpoint: p.endpoint, answer: p.chainId } : undefined,
    network,
  )
  // eth_getProof must be asked at the head's number: a proof "at latest" may be for any block.
  if (head) {
    own =
      b.expect(
        `${id}.block`,
        `${p.endpoint}: asked at the trusted head's block`,
        BigInt(p.block) === head.blockNumber,
        `eth_getProof at block ${BigInt(p.block)}`,
        `eth_getProof was asked at block ${BigInt(p.block)}, the trusted head is block ${head.blockNumber}`,
      ) && own
  }
  let proof: EthGetProof
  try {
    proof = parseEthGetProof(rawJson(p.answer))
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    b.fail(`${id}.parse`, `${p.endpoint}: eth_getProof answer is well-formed`, err.message)
    return out
  }
  out.claimed = claimedValue(proof, target)
  own =
    b.expect(
      `${id}.address`,
      `${p.endpoint}: proof is for the asked account`,
      equalBytes(proof.address, target.account),
      `account ${bytesToHex(target.account)}`,
      `the proof is for ${bytesToHex(proof.address)}, the question asks ${bytesToHex(target.account)}`,
    ) && own
  const keys = proof.storageProof.map((s) => bytesToHex(s.key))
  const wanted = target.storageKey ? [bytesToHex(target.storageKey)] : []
  own =
    b.expect(
      `${id}.storage-key`,
      `${p.endpoint}: proven storage key is the asked slot`,
      keys.length === wanted.length && keys.every((k, j) => k === wanted[j]),
      wanted.length === 0 ? 'no storage slot (account balance only)' : `slot ${wanted[0]}`,
      `the proof is for storage key(s) [${keys.join(', ')}], the question needs [${wanted.join(', ')}]`,
    ) && own
  if (!stateRoot) {
    b.skip(`${id}.mpt`, `${p.endpoint}: proof against the trusted state root`, 'no trusted state root')
    return out
  }
  const sub = verifyEthGetProof(proof, stateRoot)
  addChecks(b, sub.checks, `${id}.`)
  if (sub.verdict !== 'verified' || !own) return out
  const account = sub.facts.account as { balance: string; storageHash: string }
  out.account = sub.facts.account as { [key: string]: FactValue }
  out.accountHash = JSON.stringify(sub.facts.account)
  if (target.mode === 'eth') out.proven = BigInt(account.balance)
  else {
    const word = (sub.facts.storage as { value: string }[])[0]?.value
    if (word !== undefined)
      out.proven = target.mode === 'erc20' ? amountOf(target, BigInt(word)) : BigInt(word)
  }
  return out
}

function claimedValue(proof: EthGetProof, target: BalanceTarget): bigint | null {
  if (target.mode === 'eth') return proof.balance
  const word = proof.storageProof[0]?.value
  if (word === undefined) return null
  return target.mode === 'erc20' ? amountOf(target, word) : word
}

function agreement(b: ReportBuilder, answers: AnswerResult[], target: BalanceTarget): void {
  if (answers.length < 2) {
    b.skip('l1.endpoints.agree', 'L1 endpoints agree', 'one L1 endpoint was asked: no cross-check', {
      required: false,
    })
    return
  }
  const value = (v: bigint | null) => (v === null ? 'no value' : formatAmount(target, v))
  for (let i = 0; i < answers.length; i++) {
    for (let j = i + 1; j < answers.length; j++) {
      const x = answers[i]!
      const y = answers[j]!
      const differ =
        x.claimed !== y.claimed ||
        x.proven !== y.proven ||
        (x.accountHash !== null && y.accountHash !== null && x.accountHash !== y.accountHash)
      if (differ) {
        b.fail(
          'l1.endpoints.agree',
          'L1 endpoints agree',
          `${x.endpoint} answers ${value(x.claimed)}${x.proven === null ? ' (not proven)' : ''}, ` +
            `${y.endpoint} answers ${value(y.claimed)}${y.proven === null ? ' (not proven)' : ''}`,
        )
        return
      }
    }
  }
  b.pass(
    'l1.endpoints.agree',
    'L1 endpoints agree',
    `${answers.length} endpoints (${answers.map((a) => a.endpoint).join(', ')}) gave the same proven answer`,
  )
}

function facts(
  report: Report,
  target: BalanceTarget,
  head: (TrustedExecutionHead & { source: HeadSource; signers?: number }) | null,
  stateRoot: Uint8Array | null,
  proven: bigint | null,
  answers: AnswerResult[],
  input: L1BalanceInput,
): Record<string, FactValue> {
  const verified = report.verdict === 'verified'
  const out: Record<string, FactValue> = {
    mode: target.mode,
    address: bytesToHex(target.address),
    token: target.token
      ? {
          address: target.token.address.toLowerCase(),
          symbol: target.token.symbol,
          decimals: target.token.decimals,
          slot: target.token.slot.toLowerCase(),
          unit: target.known?.unit ?? 'tokens',
        }
      : null,
  }
  if (target.storageKey) out.slot = bytesToHex(target.storageKey)
  if (verified && proven !== null && head && stateRoot) {
    if (target.mode === 'slot') out.value = formatAmount(target, proven)
    else {
      out.balance = proven.toString()
      out.formatted = formatAmount(target, proven)
    }
  }
  if (head) {
    out.blockNumber = head.blockNumber.toString()
    out.blockHash = bytesToHex(head.blockHash)
    out.head = {
      source: head.source,
      slot: head.slot.toString(),
      beaconRoot: bytesToHex(head.beaconRoot),
      ...(head.signers !== undefined ? { signers: head.signers } : {}),
    }
  }
  if (stateRoot) out.stateRoot = bytesToHex(stateRoot)
  out.endpoints = answers.map((a) => a.endpoint)
  // Endpoint labels say where the answers came from, as the file tells it: provenance, not proven.
  out.unproven = ['endpoints']
  out.chain = chainOfTrust(report, {
    target,
    checkpoint: input.checkpoint.toLowerCase(),
    head,
    stateRoot,
    account: answers.find((a) => a.account !== null)?.account ?? null,
    value: verified ? proven : null,
  })
  return out
}
