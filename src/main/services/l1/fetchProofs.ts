import { EndpointError } from '../../../shared/errors'
import { bytesToHex } from '../../../verifier/encoding/hex'
import { rawFromBytes, type Evidence } from '../../../verifier/evidence/schema'
import type { ProofAnswer } from '../../../verifier/l1/l1BalanceEvidence'
import { JsonRpcClient } from '../../net/jsonRpc'
import type { ServiceContext } from '../context'
import type { Operation } from '../operations'

/** Error texts of nodes that no longer keep a block's state (geth, erigon, nethermind, reth, besu wording). */
const PRUNED =
  /missing trie node|state.*not available|pruned|header not found|unknown block|historical state|state.*unavailable|distance to target block exceeds/i

export interface FetchedProofs {
  proofs: ProofAnswer[]
  sources: Evidence['sources']
}

/**
 * From every configured L1 endpoint: eth_chainId, eth_getBlockByNumber(head, false) and eth_getProof(account,
 * keys, head), each its own request, at the trusted head's number — never "latest", so every answer must prove
 * against the one trusted state root and every header must hash to the one verified block hash (a node on a
 * reorged or equivocating view fails there, even when its proof is honest). Answers are kept byte-exact; the
 * verifier checks and compares them. An endpoint that cannot answer stops the run with a clear EndpointError
 * (exit 3): a cross-check that silently drops an endpoint is no cross-check.
 */
export async function fetchProofs(
  ctx: ServiceContext,
  op: Operation,
  urls: string[],
  account: Uint8Array,
  keys: Uint8Array[],
  blockNumber: bigint,
): Promise<FetchedProofs> {
  const block = `0x${blockNumber.toString(16)}`
  const params = [bytesToHex(account), keys.map(bytesToHex), block]
  op.progress(0, urls.length, `asking ${urls.length} L1 endpoint(s) for eth_getProof at block ${blockNumber}`)
  let done = 0
  const answers = await Promise.all(
    urls.map(async (url) => {
      const client = new JsonRpcClient(url, ctx.limits)
      try {
        const chainId = await client.call('eth_chainId', [], op.signal)
        const header = await client.call('eth_getBlockByNumber', [block, false], op.signal)
        const answer = await client.call('eth_getProof', params, op.signal)
        op.progress(++done, urls.length, `${client.label} answered`)
        return { client, answer, chainId, header }
      } catch (err) {
        throw explain(err, client.label, blockNumber)
      }
    }),
  )
  return {
    proofs: answers.map(({ client, answer, chainId, header }) => ({
      endpoint: client.label,
      block,
      answer: rawFromBytes(answer.raw, true),
      chainId: rawFromBytes(chainId.raw, true),
      header: rawFromBytes(header.raw, true),
    })),
    sources: answers.flatMap(({ client }) => [
      { role: 'l1-rpc', endpoint: client.label, request: 'eth_chainId []' },
      { role: 'l1-rpc', endpoint: client.label, request: `eth_getBlockByNumber ["${block}", false]` },
      { role: 'l1-rpc', endpoint: client.label, request: `eth_getProof ${JSON.stringify(params)}` },
    ]),
  }
}

function explain(err: unknown, label: string, blockNumber: bigint): unknown {
  if (!(err instanceof EndpointError)) return err
  if (err.code === 'endpoint.method-unsupported')
    return new EndpointError(
      label,
      'does not offer eth_getProof (EIP-1186), so it cannot prove anything: use an endpoint that does',
      'endpoint.method-unsupported',
    )
  if (err.code === 'endpoint.rpc-error' && PRUNED.test(err.message))
    return new EndpointError(
      label,
      `no longer has the state of block ${blockNumber} (pruned): ${err.message.replace(`${label}: `, '')}. ` +
        'Use an archive endpoint, or sync to a fresher head',
      'endpoint.block-pruned',
    )
  return err
}
