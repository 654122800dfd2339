import { bytesToBigint, bytesToHex, hexToBytes } from '../../encoding/hex'
import { decodeStrict } from '../../encoding/abi'

/** L2BaseToken (`0x…800a`): sends ETH (base token) withdrawal messages (era-contracts `L2BaseToken.withdraw`). */
export const L2_BASE_TOKEN_ADDRESS = hexToBytes('0x000000000000000000000000000000000000800a')
/** L2AssetRouter (`0x…10003`, era-contracts `L2ContractAddresses.sol` L2_ASSET_ROUTER_ADDR): v26+ token withdrawals. */
export const L2_ASSET_ROUTER_ADDRESS = hexToBytes('0x0000000000000000000000000000000000010003')

/** `finalizeEthWithdrawal(uint256,uint256,uint16,bytes,bytes32[])` (IMailbox). */
export const ETH_WITHDRAWAL_SELECTOR = '0x6c0960f9'
/** `finalizeWithdrawal(uint256,uint256,uint16,bytes,bytes32[])` (IL1ERC20Bridge). */
export const LEGACY_ERC20_WITHDRAWAL_SELECTOR = '0x11a2ccc1'
/** `finalizeDeposit(uint256,bytes32,bytes)` (IAssetRouterBase). */
export const ASSET_ROUTER_SELECTOR = '0x9c884fd1'

/**
 * A withdrawal message as L1 reads it (era-contracts `L1Nullifier._parseL2WithdrawalMessage`), and the L2
 * contract that must have sent it — the `key` of its L2→L1 log, which the verifier sets itself:
 *
 * - `eth`: `0x6c0960f9 ‖ l1Receiver 20 ‖ amount 32` (56 bytes; the extended form appends `sender ‖ data`, which
 *   L1 does not read), sent by L2BaseToken.
 * - `erc20-legacy`: `0x11a2ccc1 ‖ l1Receiver 20 ‖ l1Token 20 ‖ amount 32`, exactly 76 bytes, sent by the chain's
 *   legacy L2 ERC-20 bridge.
 * - `asset-router`: `0x9c884fd1 ‖ originChainId 32 ‖ assetId 32 ‖ transferData` (≥ 68 bytes), sent by
 *   L2AssetRouter; transferData is the asset handler's, for the native token vault
 *   `abi.encode(originalCaller, receiver, originToken, amount, erc20Metadata)` (DataEncoding.encodeBridgeMintData).
 */
export type WithdrawalMessage =
  | { kind: 'eth'; receiver: string; amount: bigint }
  | { kind: 'erc20-legacy'; receiver: string; l1Token: string; amount: bigint }
  | {
      kind: 'asset-router'
      assetId: string
      /** Decoded when transferData is the native token vault's bridge-mint data; otherwise absent. */
      receiver?: string
      originToken?: string
      amount?: bigint
    }

export type DecodedMessage = { ok: true; message: WithdrawalMessage } | { ok: false; reason: string }

const addr = (b: Uint8Array) => bytesToHex(b)

export function decodeWithdrawalMessage(m: Uint8Array): DecodedMessage {
  if (m.length < 4) return { ok: false, reason: `a ${m.length}-byte message has no selector` }
  const selector = bytesToHex(m.subarray(0, 4))
  if (selector === ETH_WITHDRAWAL_SELECTOR) {
    if (m.length < 56)
      return { ok: false, reason: `an ETH withdrawal message is at least 56 bytes, this one ${m.length}` }
    return {
      ok: true,
      message: { kind: 'eth', receiver: addr(m.subarray(4, 24)), amount: bytesToBigint(m.subarray(24, 56)) },
    }
  }
  if (selector === LEGACY_ERC20_WITHDRAWAL_SELECTOR) {
    if (m.length !== 76)
      return { ok: false, reason: `a legacy ERC-20 withdrawal message is 76 bytes, this one ${m.length}` }
    return {
      ok: true,
      message: {
        kind: 'erc20-legacy',
        receiver: addr(m.subarray(4, 24)),
        l1Token: addr(m.subarray(24, 44)),
        amount: bytesToBigint(m.subarray(44, 76)),
      },
    }
  }
  if (selector === ASSET_ROUTER_SELECTOR) {
    if (m.length < 68)
      return { ok: false, reason: `an asset-router message is at least 68 bytes, this one ${m.length}` }
    const assetId = bytesToHex(m.subarray(36, 68))
    return { ok: true, message: { kind: 'asset-router', assetId, ...bridgeMintData(m.subarray(68)) } }
  }
  return { ok: false, reason: `selector ${selector} is not a withdrawal L1's bridge finalizes` }
}

/** The native token vault's bridge-mint data, when transferData is that; a custom asset handler's is left alone. */
function bridgeMintData(data: Uint8Array): { receiver?: string; originToken?: string; amount?: bigint } {
  try {
    const { values, canonical } = decodeStrict(
      ['address', 'address', 'address', 'uint256', 'bytes'],
      data,
      'transferData',
    )
    if (!canonical) return {}
    return {
      receiver: String(values[1]).toLowerCase(),
      originToken: String(values[2]).toLowerCase(),
      amount: values[3] as bigint,
    }
  } catch {
    return {}
  }
}

/** The L2 contract whose message each kind must be (the log's key); the legacy bridge's is the chain's own. */
export function requiredSender(
  kind: WithdrawalMessage['kind'],
  legacyL2Bridge: Uint8Array | null,
): Uint8Array | null {
  if (kind === 'eth') return L2_BASE_TOKEN_ADDRESS
  if (kind === 'asset-router') return L2_ASSET_ROUTER_ADDRESS
  return legacyL2Bridge
}
