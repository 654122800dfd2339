import { z } from 'zod'
import { EndpointError } from '../../../shared/errors'
import type { LosslessJson } from '../../../verifier/encoding/json'
import { hexToBytes } from '../../../verifier/encoding/hex'
import { rawFromBytes, type Evidence } from '../../../verifier/evidence/schema'
import { evmAddressGetter } from '../../../verifier/snark/evm/evmVerifier'
import type { BatchProofSection } from '../../../verifier/zksync/batchProof/batchProofSection'
import {
  decodeProveCalldata,
  proofForVerifier,
} from '../../../verifier/zksync/batchProof/decodeProveCalldata'
import { JsonRpcClient } from '../../net/jsonRpc'
import type { ServiceContext } from '../context'
import { resolveEndpoints, type EndpointOverrides } from '../endpoints'

/** Selectors of the verifier's key-hash getters (fixtures zksync/derived/constants.json `verifier`). */
const VK_HASH = '0x9e8945d2' // verificationKeyHash()
const VK_HASH_OF_TYPE = '0xff47aa91' // verificationKeyHash(uint256) — DualVerifier, v27+

const BatchDetails = z.object({
  proveTxHash: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/)
    .nullable()
    .optional(),
})

export interface CollectBatchProofOptions {
  overrides?: EndpointOverrides
  signal?: AbortSignal
  /** The verifier address proven from diamond slot 10; when given, its verificationKeyHash is asked (eth_call). */
  verifier?: string
  /** The batch's protocol version (proven), to pick the DualVerifier getter for v27+. */
  protocolVersion?: number
  /**
   * The trusted L1 block the diamond was proven at: the verifier's accounts are asked at exactly that block
   * (eth_getProof and eth_getCode), so that the verifier can prove them against the same state root.
   */
  trustedBlock?: bigint
}

/**
 * Collects the proof part of a batch evidence: `zks_getL1BatchDetails(n).proveTxHash` from the ZKsync endpoint
 * (a locator), the prove transaction from L1 (`eth_getTransactionByHash`), and optionally the verifier's
 * `verificationKeyHash` by eth_call. Nothing here is trusted: verifyBatchProofSection checks the proof against
 * the commitments L1 storage binds, and reports the eth_call answer as unverified.
 */
export async function collectBatchProof(
  ctx: ServiceContext,
  batchNumber: bigint,
  options: CollectBatchProofOptions = {},
): Promise<{ section: BatchProofSection; sources: Evidence['sources'] }> {
  const endpoints = await resolveEndpoints(ctx, options.overrides)
  const zksUrl = endpoints.zksyncRpc[0]
  const l1Url = endpoints.l1Rpc[0]
  if (!zksUrl || !l1Url) {
    throw new EndpointError(
      '(settings)',
      'a ZKsync RPC and an L1 RPC endpoint are needed to fetch the batch proof',
    )
  }
  const zks = new JsonRpcClient(zksUrl, ctx.limits)
  const l1 = new JsonRpcClient(l1Url, ctx.limits)
  const sources: Evidence['sources'] = []

  const detailsRequest = { method: 'zks_getL1BatchDetails', params: [Number(batchNumber)] }
  const details = await zks.call(detailsRequest.method, detailsRequest.params, options.signal)
  sources.push({ role: 'prove-locator', endpoint: zks.label, request: JSON.stringify(detailsRequest) })
  const parsed = BatchDetails.safeParse(details.result)
  if (!parsed.success) {
    throw new EndpointError(
      zks.label,
      'zks_getL1BatchDetails answered without a usable proveTxHash',
      'endpoint.protocol',
    )
  }
  const proveTxHash = parsed.data.proveTxHash?.toLowerCase() ?? null
  if (!proveTxHash) return { section: { proveTxHash: null, proveTx: null }, sources }

  const txRequest = { method: 'eth_getTransactionByHash', params: [proveTxHash] }
  const tx = await l1.call(txRequest.method, txRequest.params, options.signal)
  sources.push({ role: 'prove-tx', endpoint: l1.label, request: JSON.stringify(txRequest) })
  const section: BatchProofSection = { proveTxHash, proveTx: rawFromBytes(tx.raw, true) }

  if (options.verifier) {
    const data = vkHashCalldata(tx.result, options.protocolVersion)
    const block = blockOf(tx.result)
    const callRequest = { method: 'eth_call', params: [{ to: options.verifier, data }, block] }
    try {
      const answer = await l1.call(callRequest.method, callRequest.params as LosslessJson[], options.signal)
      sources.push({
        role: 'verifier-vk-hash (unverified eth_call)',
        endpoint: l1.label,
        request: JSON.stringify(callRequest),
      })
      section.vkHashCall = {
        endpoint: l1.label,
        request: JSON.stringify(callRequest),
        response: rawFromBytes(answer.raw, true),
      }
    } catch (err) {
      // The key hash is a cross-check only (the pinned key decides): a node without eth_call, or a call that
      // reverts, leaves it out, and the report says it was not read. Cancellation still stops the run.
      if (!(err instanceof EndpointError) || options.signal?.aborted) throw err
      sources.push({
        role: 'verifier-vk-hash (eth_call failed)',
        endpoint: l1.label,
        request: JSON.stringify(callRequest),
      })
    }
  }
  if (options.verifier && options.trustedBlock !== undefined) {
    const code = await collectVerifierCode(
      l1,
      options.verifier,
      options.trustedBlock,
      sources,
      options.signal,
    )
    if (code) section.verifierCode = code
  }
  return { section, sources }
}

/**
 * The verifier's accounts at the trusted block: eth_getProof and eth_getCode of the verifier and, when its code
 * answers the DualVerifier getters (run locally, as locators only: the verifier runs them again on proven code),
 * of its FFLONK and PLONK verifiers. A node that cannot answer leaves the section out; the report then says the
 * key was not read from L1's code.
 */
export async function collectVerifierCode(
  l1: JsonRpcClient,
  verifier: string,
  block: bigint,
  sources: Evidence['sources'],
  signal: AbortSignal | undefined,
): Promise<BatchProofSection['verifierCode']> {
  const tag = `0x${block.toString(16)}`
  const accounts: NonNullable<BatchProofSection['verifierCode']>['accounts'] = []
  const fetchAccount = async (address: string): Promise<Uint8Array | undefined> => {
    const proofRequest = { method: 'eth_getProof', params: [address, [], tag] }
    const codeRequest = { method: 'eth_getCode', params: [address, tag] }
    const proof = await l1.call(proofRequest.method, proofRequest.params as LosslessJson[], signal)
    const code = await l1.call(codeRequest.method, codeRequest.params, signal)
    sources.push({ role: 'verifier-account', endpoint: l1.label, request: JSON.stringify(proofRequest) })
    sources.push({ role: 'verifier-code', endpoint: l1.label, request: JSON.stringify(codeRequest) })
    accounts.push({ proof: rawFromBytes(proof.raw, true), code: rawFromBytes(code.raw, true) })
    return typeof code.result === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(code.result)
      ? hexToBytes(code.result)
      : undefined
  }
  try {
    const code = await fetchAccount(verifier)
    if (code) {
      const codes = [{ address: verifier, code }]
      const inner = await Promise.all(
        ['FFLONK_VERIFIER()', 'PLONK_VERIFIER()'].map((g) =>
          evmAddressGetter(codes, verifier, g).catch(() => undefined),
        ),
      )
      for (const address of inner) if (address) await fetchAccount(address)
    }
  } catch (err) {
    if (!(err instanceof EndpointError) || signal?.aborted) throw err
    return undefined
  }
  return { endpoint: l1.label, accounts }
}

/** `verificationKeyHash(type)` for a DualVerifier proof (v27+), else `verificationKeyHash()`. */
function vkHashCalldata(tx: LosslessJson, protocolVersion: number | undefined): string {
  const input = (tx as { input?: unknown } | null)?.input
  if (typeof input === 'string' && protocolVersion !== undefined) {
    try {
      const words = proofForVerifier(decodeProveCalldata(input), protocolVersion)
      if (words.ok && words.layout === 'dual' && words.words[0] !== undefined) {
        return VK_HASH_OF_TYPE + words.words[0].toString(16).padStart(64, '0')
      }
    } catch {
      // Undecodable calldata: the verifier reports it; ask for the default key hash.
    }
  }
  return VK_HASH
}

function blockOf(tx: LosslessJson): string {
  const b = (tx as { blockNumber?: unknown } | null)?.blockNumber
  return typeof b === 'string' && /^0x[0-9a-fA-F]{1,16}$/.test(b) ? b : 'latest'
}
