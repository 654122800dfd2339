import { z } from 'zod'
import { InputError } from '../../shared/errors'
import { chainIdsOf } from '../chainIds'
import { bytesToHex, equalBytes, parseQuantity } from '../encoding/hex'
import { unwrapJsonRpc } from '../encoding/rpc'
import { parseBlockHeader, verifyBlockHeader } from '../mpt/blockHeader'
import type { ReportBuilder } from '../report'
import { rawJson, RawItemSchema, type RawItem } from './schema'

/**
 * What an endpoint said about itself and about the trusted head, kept in the evidence beside the proofs so a
 * saved file re-verifies the same: its eth_chainId answer and its eth_getBlockByNumber(head, false) answer.
 * None of it is trusted; the checks below hold it against the network's chain ids (chainIds.ts) and against
 * the head the beacon chain verified. A lie here (another chain, a reorged or equivocating node, a header with
 * another state root) fails the report even when the proofs themselves verify.
 */
export const EndpointAnswerSchema = z
  .object({
    /** Scheme and host of the endpoint that answered (for naming it in the report). */
    endpoint: z.string().min(1).max(512),
    /** The whole JSON-RPC response body, as received. */
    answer: RawItemSchema,
  })
  .strict()
export type EndpointAnswer = z.infer<typeof EndpointAnswerSchema>

export type ChainRole = 'l1' | 'zksync'

const ROLE_NAME: Record<ChainRole, string> = { l1: 'L1', zksync: 'ZKsync' }

/**
 * Checks one endpoint's eth_chainId answer against the network's expected id. `network` is the name of a
 * built-in network (null for a custom definition: its ids are unknown).
 *
 * Without an answer (evidence made before chain ids were recorded) the check is skipped and not required: the
 * endpoint's chain then shows only in its proofs verifying against the trusted root, which no wrong chain can
 * fake. With an answer it is required: a wrong id fails, naming the endpoint and both ids.
 */
export function checkChainId(
  r: ReportBuilder,
  id: string,
  role: ChainRole,
  item: EndpointAnswer | undefined,
  network: string | null,
): boolean {
  const title = item
    ? `${item.endpoint}: serves the ${ROLE_NAME[role]} chain of ${network ?? 'the network'}`
    : `${ROLE_NAME[role]} endpoint serves the network's chain`
  if (!item) {
    r.skip(
      id,
      title,
      `the evidence holds no eth_chainId answer of the ${ROLE_NAME[role]} endpoint (made before chain ids were recorded); ` +
        'its chain shows only in its proofs verifying against the trusted root',
      { required: false },
    )
    return false
  }
  const expected = network === null ? undefined : chainIdsOf(network)?.[role]
  if (expected === undefined || expected === null) {
    r.skip(
      id,
      title,
      network === null
        ? 'a custom network definition: no expected chain id is known'
        : `no ${ROLE_NAME[role]} chain id is known for ${network}`,
      { required: false },
    )
    return false
  }
  let claimed: bigint
  try {
    claimed = chainIdOf(item.answer)
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    r.fail(id, title, `${item.endpoint} answered eth_chainId with no chain id: ${err.message}`)
    return false
  }
  return r.expect(
    id,
    title,
    claimed === expected,
    `eth_chainId ${claimed} = ${network}'s ${ROLE_NAME[role]} chain id`,
    `${item.endpoint} reports chain id ${claimed}; ${network}'s ${ROLE_NAME[role]} chain is ${expected}: ` +
      'it serves another chain',
  )
}

/** The chain id of an eth_chainId response (a QUANTITY; a bare result or the whole response). */
export function chainIdOf(item: RawItem): bigint {
  const result = unwrapJsonRpc(rawJson(item))
  if (typeof result !== 'string')
    throw new InputError('eth_chainId: expected a 0x-quantity', 'input.chain-id')
  return parseQuantity(result, 'eth_chainId')
}

/** The trusted head an endpoint's header is held against (from the verified beacon chain). */
export interface TrustedHeadRef {
  blockNumber: bigint
  blockHash: Uint8Array
  stateRoot: Uint8Array
}

export type HeaderBinding = { status: 'pass'; detail: string } | { status: 'fail' | 'skip'; detail: string }

/**
 * Binds one endpoint's eth_getBlockByNumber(head, false) answer to the trusted head: keccak256(RLP(header))
 * must be the verified execution block hash (blockHeader.ts; this also refuses a header whose fields do not
 * produce its own `hash`), its number the head's, and its stateRoot the beacon's. A reorged node, an
 * equivocating one or one that reports another state root fails here, named; a node that does not know the
 * block (null) is a skip: it cannot be bound, so nothing it says is vouched for.
 */
export function bindHeaderAnswer(item: EndpointAnswer, head: TrustedHeadRef): HeaderBinding {
  const who = item.endpoint
  let header
  try {
    const result = unwrapJsonRpc(rawJson(item.answer))
    if (result === null)
      return { status: 'skip', detail: `${who} does not know block ${head.blockNumber} (it answered null)` }
    header = parseBlockHeader(result)
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    return {
      status: 'fail',
      detail: `${who}: its header of block ${head.blockNumber} is malformed: ${err.message}`,
    }
  }
  if (header.number !== head.blockNumber)
    return {
      status: 'fail',
      detail: `${who} answered with block ${header.number} when asked for the trusted head ${head.blockNumber}`,
    }
  const bound = verifyBlockHeader(header, head.blockHash)
  if (bound.status === 'fail')
    return {
      status: 'fail',
      detail: `${who}: its header of block ${head.blockNumber}: ${bound.detail} (another block, or altered fields)`,
    }
  if (!equalBytes(header.stateRoot, head.stateRoot))
    return {
      status: 'fail',
      detail: `${who}: header stateRoot ${bytesToHex(header.stateRoot)}, the verified head's is ${bytesToHex(head.stateRoot)}`,
    }
  return {
    status: 'pass',
    detail: `${who}: keccak256(RLP(${bound.fork} header of block ${header.number})) = ${bytesToHex(bound.hash)}, stateRoot ${bytesToHex(header.stateRoot)}`,
  }
}
