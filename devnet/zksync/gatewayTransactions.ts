import { keccak_256 } from '@noble/hashes/sha3.js'
import { bigintToBytes32, bytesToHex, concatBytes, hexToBytes } from '../../src/verifier/encoding/hex'
import type { GatewaySettlement } from './buildZksyncWorld'

/**
 * The hash the world gives Era's i-th operation on Gateway (a Gateway L2 transaction). Deterministic and unique
 * per operation; what a client may rely on is only that the Gateway node serves the transaction under it.
 */
export function gatewayTxHash(gw: GatewaySettlement, index: number): string {
  const op = gw.operations[index]
  if (!op) throw new RangeError(`no Gateway operation ${index}`)
  return bytesToHex(
    keccak_256(
      concatBytes(bigintToBytes32(gw.chainId), bigintToBytes32(BigInt(index)), hexToBytes(op.input)),
    ),
  )
}
