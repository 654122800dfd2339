import { z } from 'zod'
import { InputError, LightproofError } from '../../../shared/errors'
import type { LosslessJson } from '../../encoding/json'
import { unwrapJsonRpc } from '../../encoding/rpc'
import { RawItemSchema, rawJson } from '../../evidence/schema'
import type { ReportBuilder } from '../../report'
import { addBatchProofChecks, addBatchProofChecksWithCode, type BoundBatch } from './checkBatchProof'
import { MAX_PROVE_CALLDATA_BYTES } from './decodeProveCalldata'

const Hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected 32 bytes of 0x-hex')

/**
 * The proof part of a batch evidence, as collected online (collectBatchProof): the prove transaction located
 * through `zks_getL1BatchDetails.proveTxHash` (an untrusted locator: only its input is used, and the proof in
 * it is checked against what L1 storage binds) and, optionally, the answer of an `eth_call` to the verifier's
 * `verificationKeyHash(…)` — unproven, and reported as such.
 */
export const BatchProofSectionSchema = z
  .object({
    proveTxHash: Hex32.nullable(),
    /** eth_getTransactionByHash answer as received; null when no prove transaction was located. */
    proveTx: RawItemSchema.nullable(),
    vkHashCall: z
      .object({ endpoint: z.string().max(512), request: z.string().max(4096), response: RawItemSchema })
      .strict()
      .optional(),
    /**
     * The verifier's accounts at the trusted block, as an L1 node answered: for the verifier the diamond stores
     * and (behind a DualVerifier) its FFLONK and PLONK verifiers, the eth_getProof and eth_getCode answers.
     * Untrusted: each account is proven against the state root and the code held to the proven codeHash.
     */
    verifierCode: z
      .object({
        endpoint: z.string().max(512),
        accounts: z.array(z.object({ proof: RawItemSchema, code: RawItemSchema }).strict()).max(4),
      })
      .strict()
      .optional(),
  })
  .strict()
export type BatchProofSection = z.infer<typeof BatchProofSectionSchema>

/** What the batch part of the evidence established before the proof is looked at. */
export interface BoundBatchFacts {
  batchNumber: bigint
  protocolVersion: number
  /** Normally `{ storedBatchHash }` of batch n − 1 and of batch n, both proven from the diamond's storage. */
  prev: BoundBatch
  curr: BoundBatch
  /** The trusted L1 state root and the verifier address proven from diamond slot 10: the verifier code binds to them. */
  l1?: { stateRoot: Uint8Array; verifier: string }
}

const TxSchema = z.object({ input: z.string().max(2 * MAX_PROVE_CALLDATA_BYTES + 2) })

function proveInput(json: LosslessJson): string {
  const result = unwrapJsonRpc(json)
  if (result === null)
    throw new InputError(
      'eth_getTransactionByHash returned null: the L1 node does not know the prove transaction',
    )
  const tx = TxSchema.safeParse(result)
  if (!tx.success) throw new InputError('prove transaction: no input field')
  return tx.data.input
}

function vkHashAnswer(json: LosslessJson): string {
  const result = unwrapJsonRpc(json)
  const parsed = Hex32.safeParse(result)
  if (!parsed.success) throw new InputError('verificationKeyHash() answer is not one 32-byte word')
  return parsed.data.toLowerCase()
}

/**
 * Adds the batch proof checks (`zksync.proof.*`, `snark.*`) for a collected proof section. A batch with no prove
 * transaction yet leaves a required check skipped: the verdict cannot be `verified` without the proof asked for.
 */
export async function verifyBatchProofSection(
  r: ReportBuilder,
  section: unknown,
  bound: BoundBatchFacts,
): Promise<boolean> {
  const parsed = BatchProofSectionSchema.safeParse(section)
  const title = 'Prove calldata decodes (supported selector and encoding)'
  if (!parsed.success) {
    r.fail('zksync.proof.calldata', title, `proof section: ${z.prettifyError(parsed.error).split('\n')[0]}`)
    return false
  }
  const s = parsed.data
  if (!s.proveTx) {
    r.skip(
      'zksync.proof.calldata',
      title,
      `no prove transaction was located for batch ${bound.batchNumber} (not proven yet?)`,
    )
    return false
  }
  if (s.proveTxHash) r.fact('proveTransaction', s.proveTxHash.toLowerCase())
  let calldata: string
  let onChain: string | undefined
  try {
    calldata = proveInput(rawJson(s.proveTx))
    if (s.vkHashCall) onChain = vkHashAnswer(rawJson(s.vkHashCall.response))
  } catch (err) {
    if (!(err instanceof LightproofError) || err.kind !== 'input') throw err
    r.fail('zksync.proof.calldata', title, err.message)
    return false
  }
  const { l1, ...facts } = bound
  if (s.verifierCode && l1) {
    // The key follows from L1: the verifier's proven code names it and judges the proof as a second lane.
    return addBatchProofChecksWithCode(r, {
      ...facts,
      proveCalldata: calldata,
      verifierCode: {
        stateRoot: l1.stateRoot,
        verifier: l1.verifier,
        accounts: s.verifierCode.accounts.map((a) => ({ proof: rawJson(a.proof), code: rawJson(a.code) })),
      },
    })
  }
  return addBatchProofChecks(r, {
    ...facts,
    proveCalldata: calldata,
    ...(onChain && s.vkHashCall
      ? { onChainVkHash: { hash: onChain, source: 'eth_call' as const, endpoint: s.vkHashCall.endpoint } }
      : {}),
  })
}
