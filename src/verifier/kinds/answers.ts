import { factAt, type Answer, type Facts, type Report } from '../report'

/**
 * The answer cards of the kinds (issue 23): what a report answers, in a headline and a few lines, read from the
 * facts the verifier established. A descriptor's `answer` picks one; verifyEvidence attaches it, and the app
 * shows it above the chain of trust — as the answer when the report verified, as the unproven claim otherwise.
 */
type Read = (...path: string[]) => string | undefined

function reader(facts: Facts): Read {
  return (...path) => {
    const v = factAt(facts, ...path)
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined
  }
}

const lines = (...xs: (string | false | undefined)[]): string[] => xs.filter((x): x is string => !!x)

function storageLines(facts: Facts): string[] {
  const list = Array.isArray(facts.storage) ? facts.storage : []
  const shown = list.slice(0, 4).map((e) => {
    const r = reader((e ?? {}) as Facts)
    return `slot ${r('key') ?? '?'} = ${r('value') ?? '?'}`
  })
  return list.length > 4 ? [...shown, `and ${list.length - 4} more slot(s)`] : shown
}

type AnswerOf = (report: Report) => Answer | undefined

export const l1ProofAnswer: AnswerOf = ({ facts }) => {
  const f = reader(facts)
  const address = f('account', 'address')
  if (!address) return undefined
  return {
    headline:
      f('accountExists') === 'false'
        ? `Account ${address} does not exist at this state root`
        : `Account ${address}: balance ${f('account', 'balance') ?? '?'} wei, nonce ${f('account', 'nonce') ?? '?'}`,
    lines: storageLines(facts),
  }
}

export const l1BalanceAnswer: AnswerOf = ({ facts }) => {
  const f = reader(facts)
  const amount = f('formatted') ?? f('value')
  if (!amount) return undefined
  return {
    headline: amount,
    lines: lines(
      f('address') && `${f('address')} at L1 block ${f('blockNumber') ?? '?'}`,
      f('balance') && `exactly ${f('balance')} ${f('mode') === 'eth' ? 'wei' : 'base units'}`,
    ),
  }
}

export const zksProofAnswer: AnswerOf = ({ facts }) => {
  const address = reader(facts)('address')
  if (!address) return undefined
  const n = Array.isArray(facts.storage) ? facts.storage.length : 0
  return { headline: `${n} storage slot(s) of ${address} on ZKsync`, lines: storageLines(facts) }
}

export const commitCalldataAnswer: AnswerOf = ({ facts }) => {
  const batches = Array.isArray(facts.batches) ? facts.batches : []
  const f = reader(facts)
  const first = reader((batches[0] ?? {}) as Facts)('batchNumber')
  const last = reader((batches.at(-1) ?? {}) as Facts)('batchNumber')
  if (!first) return undefined
  return {
    headline: `Batches ${first}${last && last !== first ? `–${last}` : ''}: decoded, internally consistent`,
    lines: lines(
      f('encoding', 'signature') && `${f('encoding', 'signature')} (${f('encoding', 'protocols') ?? '?'})`,
      'not bound to L1: the calldata alone proves nothing about what L1 accepted',
    ),
  }
}

export const snarkAnswer: AnswerOf = ({ facts }) => {
  const f = reader(facts)
  const system = f('proofSystem')
  if (!system) return undefined
  const name = f('verificationKeyName')
  return {
    headline: `${system.toUpperCase()} proof against key ${name && name !== 'unlisted' ? name : (f('verificationKeyHash') ?? '?')}`,
    lines: lines(f('publicInput') && `public input ${f('publicInput')}`),
  }
}

export const verkleAnswer: AnswerOf = ({ facts }) => {
  const f = reader(facts)
  if (!f('stems')) return undefined
  return {
    headline: `Witness: ${f('stems')} stems, ${f('proven') ?? '?'} values proven, ${f('absent') ?? '?'} proven absent`,
    lines: lines(f('claimedNewValues') && `${f('claimedNewValues')} post-state values claimed, not proven`),
  }
}

export const binaryTreeAnswer: AnswerOf = ({ facts }) => {
  const f = reader(facts)
  if (!f('key')) return undefined
  return {
    headline:
      f('present') === 'true' ? `Key ${f('key')} = ${f('value') ?? '?'}` : `Key ${f('key')} is absent`,
    lines: lines(f('draftSpec') === 'true' && 'EIP-7864 is a draft: the format may change'),
  }
}

export const beaconAnswer: AnswerOf = ({ facts }) => {
  const f = reader(facts)
  if (!f('finalized', 'slot')) return undefined
  return {
    headline: `Finalized: slot ${f('finalized', 'slot')}, execution block ${f('finalized', 'executionBlockNumber') ?? '?'}`,
    lines: lines(
      f('optimistic', 'slot') &&
        `optimistic head: slot ${f('optimistic', 'slot')}, block ${f('optimistic', 'executionBlockNumber') ?? '?'}`,
      f('network') && `network ${f('network')}`,
    ),
  }
}

export const zksyncBatchAnswer: AnswerOf = ({ facts }) => {
  const f = reader(facts)
  if (!f('batchNumber')) return undefined
  return {
    headline: `Batch ${f('batchNumber')}: ${f('batchStatus') ?? f('status') ?? 'status unknown'} on L1`,
    lines: lines(
      f('storedBatchInfo', 'batchHash') && `state root ${f('storedBatchInfo', 'batchHash')}`,
      f('diamond', 'protocolVersion') && `protocol version ${f('diamond', 'protocolVersion')}`,
    ),
  }
}

export const zksyncBalanceAnswer: AnswerOf = ({ facts }) => {
  const f = reader(facts)
  const eth = f('eth', 'formatted')
  if (!eth) return undefined
  return {
    headline: eth,
    lines: lines(
      f('token', 'formatted'),
      f('nonce', 'minNonce') && `nonce ${f('nonce', 'minNonce')}`,
      f('asOf'),
    ),
  }
}

export const zksyncCountersAnswer: AnswerOf = ({ facts }) => {
  const f = reader(facts)
  if (!f('counters', 'totalBatchesCommitted')) return undefined
  return {
    headline: `Committed ${f('counters', 'totalBatchesCommitted')}, proven ${f('counters', 'totalBatchesVerified') ?? '?'}, executed ${f('counters', 'totalBatchesExecuted') ?? '?'}`,
    lines: lines(f('diamond', 'protocolVersion') && `protocol version ${f('diamond', 'protocolVersion')}`),
  }
}

export const zksyncPubdataAnswer: AnswerOf = ({ facts }) => {
  const f = reader(facts)
  if (!f('batchNumber')) return undefined
  return {
    headline: `Batch ${f('batchNumber')}: its data published (${f('daSource') ?? '?'})`,
    lines: lines(
      f('pubdata', 'stateDiffs') &&
        `${f('pubdata', 'stateDiffs')} state diffs, ${f('pubdata', 'logs') ?? '?'} logs, ${f('pubdata', 'messages') ?? '?'} messages, ${f('pubdata', 'bytecodes') ?? '?'} bytecodes`,
    ),
  }
}

/** The withdrawal and deposit kinds state their answer as one sentence (`facts.answer`). */
export const sentenceAnswer =
  (status: string): AnswerOf =>
  ({ facts }) => {
    const f = reader(facts)
    const answer = f('answer')
    return answer ? { headline: answer, lines: lines(f(status) && `status ${f(status)}`) } : undefined
  }

export const zksyncWatchAnswer: AnswerOf = ({ facts }) => {
  const f = reader(facts)
  if (!f('protocolVersion')) return undefined
  return {
    headline: `Protocol ${f('protocolVersion')}, settles on ${f('settlesOn') ?? '?'}`,
    lines: lines(
      f('verifier') && `verifier ${f('verifier')}`,
      f('admin') && `admin ${f('admin')}`,
      f('executionDelay') && `execution delay ${f('executionDelay')} s`,
      f('pendingUpgrade') && `pending upgrade ${f('pendingUpgrade')}`,
    ),
  }
}
