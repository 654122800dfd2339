import { z } from 'zod'
import { InputError } from '../../../shared/errors'
import { parseQuantity } from '../../encoding/hex'
import { unwrapJsonRpc } from '../../encoding/rpc'
import { EndpointAnswerSchema, type EndpointAnswer } from '../../evidence/endpointAnswers'
import { rawJson, RawItemSchema } from '../../evidence/schema'
import { parseEthGetProof } from '../../mpt/parseEthGetProof'
import type { ReportBuilder } from '../../report'
import { parseCommitTransaction } from './parseCommitTransaction'
import { parseZksProofFile } from '../stateTree/parseZksProof'
import type { GatewayHopEvidence } from './verifyGatewayHop'

const decimal = z.string().regex(/^\d{1,20}$/, 'expected a decimal integer')

/**
 * `data.gateway` of a zksync-batch / zksync-balance evidence (`--gateway-rpc`): every answer the Gateway hop
 * needs, raw as received. L1 answers: the Bridgehub and Gateway-diamond eth_getProofs at the trusted head and
 * Gateway's commit transaction of batch m. Gateway answers: eth_chainId, zks_getL1BatchDetails(m), the two
 * zks_getProofs at m (Bridgehub 0x…10002, the chain's diamond on Gateway) and the chain's commit transaction.
 * `chainId` and `batchNumber` are the locators the collector followed; the verifier proves what they name.
 */
export const GatewaySectionSchema = z
  .object({
    chainId: decimal,
    endpointChainId: EndpointAnswerSchema.optional(),
    bridgehubProof: RawItemSchema.nullable(),
    batchNumber: decimal,
    diamondProof: RawItemSchema.nullable(),
    commitTx: RawItemSchema.nullable(),
    batchDetails: EndpointAnswerSchema.optional(),
    registryProof: RawItemSchema.nullable(),
    chainDiamondProof: RawItemSchema.nullable(),
    chainCommitTx: RawItemSchema.nullable(),
  })
  .strict()

export type GatewaySection = z.infer<typeof GatewaySectionSchema>

/** The section, parsed into the hop's domain form (malformed answers throw InputError, like the other parts). */
export function parseGatewaySection(
  s: GatewaySection,
): GatewayHopEvidence & { endpointChainId?: EndpointAnswer } {
  return {
    settlementChainId: BigInt(s.chainId),
    bridgehubProof: s.bridgehubProof ? parseEthGetProof(rawJson(s.bridgehubProof)) : null,
    gatewayBatchNumber: BigInt(s.batchNumber),
    gatewayDiamondProof: s.diamondProof ? parseEthGetProof(rawJson(s.diamondProof)) : null,
    gatewayCommitTx: s.commitTx ? parseCommitTransaction(rawJson(s.commitTx)) : null,
    ...(s.batchDetails ? { gatewayBatchDetails: s.batchDetails } : {}),
    bridgehubOnGateway: s.registryProof ? parseZksProofFile(rawJson(s.registryProof)) : null,
    chainDiamondOnGateway: s.chainDiamondProof ? parseZksProofFile(rawJson(s.chainDiamondProof)) : null,
    chainCommitTx: s.chainCommitTx ? parseCommitTransaction(rawJson(s.chainCommitTx)) : null,
    ...(s.endpointChainId ? { endpointChainId: s.endpointChainId } : {}),
  }
}

/**
 * `zksync.gateway.node.chainId`: the Gateway endpoint says it is the settlement layer the hop proves. Its
 * answers are bound by proofs anyway; a node of another chain is named here rather than failing deep inside.
 */
export function checkGatewayChainId(r: ReportBuilder, item: EndpointAnswer | undefined, want: bigint): void {
  const id = 'zksync.gateway.node.chainId'
  const title = 'Gateway endpoint is the settlement layer’s chain (eth_chainId)'
  if (!item) {
    r.skip(id, title, 'the evidence holds no eth_chainId answer of the Gateway endpoint', { required: false })
    return
  }
  let got: bigint
  try {
    const result = unwrapJsonRpc(rawJson(item.answer))
    if (typeof result !== 'string') throw new InputError('expected a 0x-quantity', 'input.chain-id')
    got = parseQuantity(result, 'eth_chainId')
  } catch (err) {
    if (!(err instanceof InputError)) throw err
    r.fail(id, title, `${item.endpoint}: eth_chainId is malformed: ${err.message}`)
    return
  }
  r.expect(
    id,
    title,
    got === want,
    `${item.endpoint}: chain ${got}`,
    `${item.endpoint} is chain ${got}, not the settlement layer ${want}`,
  )
}
