import { InputError } from '../../../shared/errors'
import { decodeStrict } from '../../encoding/abi'
import { hexToBytes } from '../../encoding/hex'
import { requireEncodingVersion, type BatchCall } from './encodingVersions'

/** The selector row a shared-bridge call was recognised by (commitEncodings, proveEncodings, executeEncodings). */
interface SharedBridgeSelector {
  selector: string
  protocols: string
  encodingVersion?: number
  chainArg?: 'uint256' | 'address'
}

/** The chain a shared-bridge call names: an id, or (v26's Gateway-era selectors) the chain's address. */
export type SharedBridgeChain = { chainId: bigint } | { chainAddress: string }

export interface SharedBridgeArgs {
  chain: SharedBridgeChain
  processFrom: bigint
  processTo: bigint
  /** The payload's version byte, already held to the selector's encoding version. */
  encodingVersion: number
  /** The payload after its version byte. */
  payload: Uint8Array
  canonical: boolean
}

const uint = (v: unknown, what: string): bigint => {
  if (typeof v !== 'bigint') throw new InputError(`${what}: expected an integer`)
  return v
}

/**
 * The arguments every `…BatchesSharedBridge(chain, processFrom, processTo, bytes data)` call shares (era-contracts
 * Executor), and BatchDecoder's first step on `data`: a version byte, EmptyData on nothing, and a byte this
 * selector's era does not decode refused by name (requireEncodingVersion), never guessed.
 */
export function decodeSharedBridgeArgs(
  call: BatchCall,
  fn: string,
  args: Uint8Array,
  encoding: SharedBridgeSelector,
): SharedBridgeArgs {
  const outer = decodeStrict(
    [encoding.chainArg ?? 'uint256', 'uint256', 'uint256', 'bytes'],
    args,
    `${fn} arguments`,
  )
  const data = hexToBytes(outer.values[3], 'data')
  if (data.length === 0) throw new InputError(`${fn}: empty data (EmptyData)`)
  const version = data[0]!
  requireEncodingVersion(call, version, encoding)
  const chain = outer.values[0]
  return {
    chain:
      encoding.chainArg === 'address'
        ? { chainAddress: String(chain).toLowerCase() }
        : { chainId: uint(chain, 'chainId') },
    processFrom: uint(outer.values[1], 'processFrom'),
    processTo: uint(outer.values[2], 'processTo'),
    encodingVersion: version,
    payload: data.subarray(1),
    canonical: outer.canonical,
  }
}
