import { InputError } from '../../../shared/errors'
import { decodeStrict, type AbiValues as Values } from '../../encoding/abi'
import { bytesToHex } from '../../encoding/hex'
import { parseCalldataInput } from '../batches/decodeCommitCalldata'
import { UNSUPPORTED_CODE } from '../batches/encodingVersions'
import {
  storedBatchInfoAbi,
  storedBatchInfoFromValues,
  storedBatchInfoType,
} from '../batches/executorStructs'
import { decodeSharedBridgeArgs } from '../batches/sharedBridgeArgs'
import type { StoredBatchInfo } from '../batches/types'
import type { ProofLayout } from '../../snark/routeProof'

/**
 * Prove-call selectors and their calldata encodings, as data (zksync.md §2.2; selectors from fixtures
 * zksync/derived/constants.json, re-derived in decodeProveCalldata.test.ts). A new protocol era is a row.
 */
export interface ProveEncoding {
  selector: string
  signature: string
  protocols: string
  /**
   * - `proof-input`: `(SBI prev, SBI[] committed, ProofInput{uint256[] recursiveAggregationInput,
   *   uint256[] serializedProof})`, optionally after a chain id (release-v18 … v25 `IExecutor.sol`);
   * - `range-bytes`: `(chain, uint256 from, uint256 to, bytes data)` with `data = version byte ‖
   *   abi.encode(SBI prev, SBI[] proved, uint256[] proof)` (EC `BatchDecoder._decodeProofData`).
   */
  args: 'proof-input' | 'range-bytes'
  /** `proof-input` only: whether a `uint256 chainId` comes first (v23–v25 shared bridge). */
  chainIdFirst?: boolean
  chainArg?: 'uint256' | 'address'
  /** `range-bytes`: the only `SUPPORTED_ENCODING_VERSION` the Executor of that era accepts. */
  encodingVersion?: number
  storedBatchInfoFields: 8 | 9
  /**
   * First protocol version whose verifier is the DualVerifier, i.e. whose proof starts with the verifier type
   * (v27). The v26–v28 selector spans both: v26 batches carry a bare PLONK proof.
   */
  dualFrom: number
}

const SBI8 = storedBatchInfoType(8)

export const PROVE_ENCODINGS: readonly ProveEncoding[] = [
  {
    selector: '0x7f61885c',
    signature: `proveBatches(${SBI8},${SBI8}[],(uint256[],uint256[]))`,
    protocols: 'v18–v22',
    args: 'proof-input',
    storedBatchInfoFields: 8,
    dualFrom: 27,
  },
  {
    selector: '0xc37533bb',
    signature: `proveBatchesSharedBridge(uint256,${SBI8},${SBI8}[],(uint256[],uint256[]))`,
    protocols: 'v23–v25',
    args: 'proof-input',
    chainIdFirst: true,
    storedBatchInfoFields: 8,
    dualFrom: 27,
  },
  {
    selector: '0xe12a6137',
    signature: 'proveBatchesSharedBridge(uint256,uint256,uint256,bytes)',
    protocols: 'v26–v28',
    args: 'range-bytes',
    chainArg: 'uint256',
    encodingVersion: 0,
    storedBatchInfoFields: 8,
    dualFrom: 27,
  },
  {
    selector: '0x9271e450',
    signature: 'proveBatchesSharedBridge(address,uint256,uint256,bytes)',
    protocols: 'v29+',
    args: 'range-bytes',
    chainArg: 'address',
    encodingVersion: 1,
    storedBatchInfoFields: 9,
    dualFrom: 27,
  },
]

export interface DecodedProveCalldata {
  selector: string
  encoding: ProveEncoding
  chainId?: bigint
  chainAddress?: string
  processFrom?: bigint
  processTo?: bigint
  encodingVersion?: number
  prevBatch: StoredBatchInfo
  provedBatches: StoredBatchInfo[]
  /** The proof words as the Executor passes them to the verifier. */
  proof: bigint[]
  /** `proof-input` encodings: `ProofInput.recursiveAggregationInput`. */
  recursiveAggregationInput?: bigint[]
  /** Re-encoding the decoded values gives back the input exactly. */
  canonical: boolean
}

/** Prove calldata is a few kilobytes (two StoredBatchInfos and ≤ 45 words per batch); 1 MiB bounds hostile input. */
export const MAX_PROVE_CALLDATA_BYTES = 1024 * 1024
/**
 * Words of a proof array: the longest layout is the v33 envelope, 1 type word + 24 FFLONK + 44 PLONK words
 * (routeProof.ts); 128 bounds hostile input well above it.
 */
const MAX_PROOF_ARRAY_WORDS = 128

const PROOF_INPUT = 'tuple(uint256[],uint256[])'

const uint = (v: unknown, what: string): bigint => {
  if (typeof v !== 'bigint') throw new InputError(`${what}: expected an integer`)
  return v
}

const toStoredBatchInfo = storedBatchInfoFromValues

function words(v: unknown, what: string): bigint[] {
  const list = v as unknown[]
  if (!Array.isArray(list)) throw new InputError(`${what}: expected an array of words`)
  if (list.length > MAX_PROOF_ARRAY_WORDS)
    throw new InputError(`${what}: ${list.length} words is more than any ZKsync verifier takes`)
  return list.map((w, i) => uint(w, `${what}[${i}]`))
}

export function proveEncodingFor(selector: string): ProveEncoding | undefined {
  return PROVE_ENCODINGS.find((e) => e.selector === selector)
}

/**
 * Decodes a ZKsync Era prove transaction's input for every prove selector and encoding version: legacy
 * `proveBatches`, v23–v25 `proveBatchesSharedBridge(uint256, SBI, SBI[], ProofInput)`, and the v26–v28 / v29+
 * `proveBatchesSharedBridge(…, bytes data)` with encoding versions 0 and 1. Anything else is refused as
 * unsupported, never guessed; another version byte throws UnsupportedEncodingVersionError ("encoding version N
 * not supported yet", encodingVersions.ts).
 */
export function decodeProveCalldata(input: string | Uint8Array): DecodedProveCalldata {
  const data = parseCalldataInput(input)
  if (data.length > MAX_PROVE_CALLDATA_BYTES)
    throw new InputError(
      `prove calldata: ${data.length} bytes is over the ${MAX_PROVE_CALLDATA_BYTES}-byte limit`,
    )
  if (data.length < 4) throw new InputError(`prove calldata: ${data.length} bytes, too short for a selector`)
  const selector = bytesToHex(data.subarray(0, 4))
  const encoding = proveEncodingFor(selector)
  if (!encoding) {
    throw new InputError(
      `unsupported prove calldata: selector ${selector} is not a ZKsync Era prove call (supported: ${PROVE_ENCODINGS.map((e) => e.selector).join(', ')})`,
      UNSUPPORTED_CODE,
    )
  }
  const args = data.subarray(4)
  const sbi = storedBatchInfoAbi(encoding.storedBatchInfoFields)

  if (encoding.args === 'proof-input') {
    const types = [...(encoding.chainIdFirst ? ['uint256'] : []), sbi, `${sbi}[]`, PROOF_INPUT]
    const { values, canonical } = decodeStrict(types, args, `${encoding.signature.split('(')[0]} arguments`)
    const o = encoding.chainIdFirst ? 1 : 0
    const committed = values[1 + o] as Values
    const proofInput = values[2 + o] as Values
    return {
      selector,
      encoding,
      ...(encoding.chainIdFirst ? { chainId: uint(values[0], 'chainId') } : {}),
      prevBatch: toStoredBatchInfo(values[o] as Values, encoding.storedBatchInfoFields, 'prevBatch'),
      provedBatches: Array.from(committed, (b, i) =>
        toStoredBatchInfo(b as Values, encoding.storedBatchInfoFields, `committedBatches[${i}]`),
      ),
      recursiveAggregationInput: words(proofInput[0], 'recursiveAggregationInput'),
      proof: words(proofInput[1], 'serializedProof'),
      canonical,
    }
  }

  // BatchDecoder._decodeProofData: version byte first, EmptyData on nothing.
  const shared = decodeSharedBridgeArgs('prove', 'proveBatchesSharedBridge', args, encoding)
  const inner = decodeStrict([sbi, `${sbi}[]`, 'uint256[]'], shared.payload, 'proof data')
  return {
    selector,
    encoding,
    ...shared.chain,
    processFrom: shared.processFrom,
    processTo: shared.processTo,
    encodingVersion: shared.encodingVersion,
    prevBatch: toStoredBatchInfo(inner.values[0] as Values, encoding.storedBatchInfoFields, 'prevBatch'),
    provedBatches: Array.from(inner.values[1] as Values, (b, i) =>
      toStoredBatchInfo(b as Values, encoding.storedBatchInfoFields, `provedBatches[${i}]`),
    ),
    proof: words(inner.values[2], 'proof'),
    canonical: shared.canonical && inner.canonical,
  }
}

/**
 * The proof words and layout the verifier receives, per encoding and the batch's protocol version:
 *  - ≤ v25 (`ProofInput`): the serialized proof, bare; release-v25 `Verifier.loadProof` requires an empty
 *    recursive part. ZE `prove_batches.rs` puts `[verifierType]` there when a post-FFLONK verifier proves a
 *    pre-gateway batch, so one small word there is read as the DualVerifier type;
 *  - v26: a bare 44-word PLONK proof; v27+: `[verifierType, ...words]` for the DualVerifier.
 */
export function proofForVerifier(
  decoded: DecodedProveCalldata,
  protocolVersion: number,
): { ok: true; words: bigint[]; layout: ProofLayout } | { ok: false; reason: string } {
  const recursive = decoded.recursiveAggregationInput ?? []
  if (recursive.length > 0) {
    if (recursive.length === 1 && recursive[0]! < 1n << 32n)
      return { ok: true, words: [recursive[0]!, ...decoded.proof], layout: 'dual' }
    return {
      ok: false,
      reason: `recursiveAggregationInput has ${recursive.length} words; the L1 verifier requires it empty (or one verifier-type word)`,
    }
  }
  return {
    ok: true,
    words: decoded.proof,
    layout: protocolVersion >= decoded.encoding.dualFrom ? 'dual' : 'bare',
  }
}
