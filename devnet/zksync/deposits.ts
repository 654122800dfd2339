import { keccak_256 } from '@noble/hashes/sha3.js'
import { AbiCoder } from 'ethers'
import {
  bigintToBytes32,
  bytesToBigint,
  bytesToHex,
  concatBytes,
  hexToBytes,
} from '../../src/verifier/encoding/hex'

/**
 * The world's L1 → L2 deposits (issue 19): each a real `L2CanonicalTransaction` (era-contracts
 * `common/Messaging.sol`), whose canonical hash `keccak256(abi.encode(tx))` is what the batch's priority operations
 * and the bootloader's status log carry, and whose `NewPriorityRequest` the diamond emits on L1. Written here with
 * ethers apart from the verifier's priorityRequest.ts, so the tests compare two implementations.
 */
const coder = AbiCoder.defaultAbiCoder()
const TX_TUPLE =
  'tuple(uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256[4],bytes,bytes,uint256[],bytes,bytes)'
const EVENT_SIGNATURE = `NewPriorityRequest(uint256,bytes32,uint64,${TX_TUPLE.slice(5)},bytes[])`
export const NEW_PRIORITY_REQUEST = bytesToHex(keccak_256(new TextEncoder().encode(EVENT_SIGNATURE)))
/** L2AssetRouter: the L2 target of a token deposit (`finalizeDeposit`). */
const L2_ASSET_ROUTER = '0x0000000000000000000000000000000000010003'
/** Bridgehub `requestL2TransactionTwoBridges` / `requestL2TransactionDirect` selectors (shape only here). */
const TWO_BRIDGES = '0x24fd57fb'
const DIRECT = '0xd52471c1'
/** L1Nullifier `depositHappened` (solc storage layout, next-wave.md §1.4: slot 207). */
const DEPOSIT_HAPPENED_SLOT = 207n

export type DepositKind = 'eth' | 'token'

export interface WorldDeposit {
  /** The priority request's id: its position in the diamond's priority tree. */
  txId: bigint
  kind: DepositKind
  /** The canonical L2 transaction hash (0x-hex). */
  l2TxHash: string
  /** Whether the L2 transaction succeeded (the bootloader's status log value). */
  succeeded: boolean
  l1Sender: string
  l2Receiver: string
  mintValue: bigint
  /** The L1 call (to the Bridgehub) and the diamond's NewPriorityRequest data. */
  l1Input: string
  eventData: string
  /** What the L1Nullifier records for a token deposit (`depositHappened`); null for ETH (nothing to reclaim). */
  recordDataHash: string | null
}

export function worldDeposit(p: {
  seededBytes: (...label: (string | number)[]) => Uint8Array
  txId: bigint
  kind: DepositKind
  succeeded: boolean
  /** When the priority request expires (L1 time). */
  expiration: bigint
}): WorldDeposit {
  const id = Number(p.txId)
  const l1Sender = p.seededBytes('depositor', id).subarray(12)
  const l2Receiver = p.seededBytes('deposit-receiver', id).subarray(12)
  const amount = 10n ** 17n + bytesToBigint(p.seededBytes('deposit-amount', id).subarray(26))
  // Mailbox aliases a contract sender; the world's depositors are accounts, so `from` is the L1 sender itself.
  const from = bytesToBigint(l1Sender)
  const l1Token = p.seededBytes('deposit-l1-token').subarray(12)
  const data =
    p.kind === 'eth'
      ? '0x'
      : bytesToHex(
          concatBytes(
            hexToBytes('0x9c884fd1'), // finalizeDeposit(uint256,bytes32,bytes)
            hexToBytes(
              coder.encode(
                ['uint256', 'bytes32', 'bytes'],
                [
                  1n,
                  bytesToHex(keccak_256(concatBytes(bigintToBytes32(1n), new Uint8Array(12), l1Token))),
                  coder.encode(
                    ['address', 'address', 'address', 'uint256', 'bytes'],
                    [bytesToHex(l1Sender), bytesToHex(l2Receiver), bytesToHex(l1Token), amount, '0x'],
                  ),
                ],
              ),
            ),
          ),
        )
  const gasFee = 10n ** 15n
  const toMint = p.kind === 'eth' ? amount + gasFee : gasFee
  const tx = [
    255n, // PRIORITY_OPERATION_L2_TX_TYPE
    from,
    p.kind === 'eth' ? bytesToBigint(l2Receiver) : BigInt(L2_ASSET_ROUTER),
    300_000n,
    800n, // REQUIRED_L2_GAS_PRICE_PER_PUBDATA
    250_000_000n,
    0n,
    0n,
    p.txId, // a priority transaction's nonce is its id
    p.kind === 'eth' ? amount : 0n,
    [toMint, bytesToBigint(l2Receiver), 0n, 0n], // reserved: toMint, refundRecipient
    data,
    '0x',
    [],
    '0x',
    '0x',
  ]
  const l2TxHash = bytesToHex(keccak_256(hexToBytes(coder.encode([TX_TUPLE], [tx]))))
  const eventData = coder.encode(
    ['uint256', 'bytes32', 'uint64', TX_TUPLE, 'bytes[]'],
    [p.txId, l2TxHash, p.expiration, tx, []],
  )
  return {
    txId: p.txId,
    kind: p.kind,
    l2TxHash,
    succeeded: p.succeeded,
    l1Sender: bytesToHex(l1Sender),
    l2Receiver: bytesToHex(l2Receiver),
    mintValue: toMint,
    l1Input: bytesToHex(
      concatBytes(hexToBytes(p.kind === 'eth' ? DIRECT : TWO_BRIDGES), p.seededBytes('deposit-call', id)),
    ),
    eventData,
    recordDataHash:
      p.kind === 'token'
        ? bytesToHex(
            keccak_256(
              hexToBytes(
                coder.encode(
                  ['address', 'address', 'uint256'],
                  [bytesToHex(l1Sender), bytesToHex(l1Token), amount],
                ),
              ),
            ),
          )
        : null,
  }
}

/** `L1Nullifier.depositHappened[chainId][l2TxHash]`. */
export function depositRecordSlot(chainId: bigint, l2TxHash: string): string {
  const inner = keccak_256(concatBytes(bigintToBytes32(chainId), bigintToBytes32(DEPOSIT_HAPPENED_SLOT)))
  return bytesToHex(keccak_256(concatBytes(hexToBytes(l2TxHash), inner)))
}

/** The L2 receipt a ZKsync node gives for a priority transaction: its batch, position, and status log. */
export function depositReceiptJson(
  d: WorldDeposit,
  batch: bigint,
  txNumberInBatch: number,
  options: { claimSuccess?: boolean } = {},
) {
  const q = (v: bigint | number) => `0x${BigInt(v).toString(16)}`
  const ok = d.succeeded || options.claimSuccess === true
  const blockNumber = batch * 10n + BigInt(txNumberInBatch)
  const common = {
    blockHash: bytesToHex(keccak_256(new TextEncoder().encode(`l2-block/${blockNumber}`))),
    blockNumber: q(blockNumber),
    l1BatchNumber: q(batch),
    transactionHash: d.l2TxHash,
    transactionIndex: '0x0',
  }
  return {
    ...common,
    from: d.l1Sender,
    to: d.l2Receiver,
    cumulativeGasUsed: '0x0',
    gasUsed: '0x30d40',
    effectiveGasPrice: '0xee6b280',
    contractAddress: null,
    l1BatchTxIndex: q(txNumberInBatch),
    logs: [],
    l2ToL1Logs: [
      {
        ...common,
        shardId: '0x0',
        isService: true,
        sender: '0x0000000000000000000000000000000000008001',
        key: d.l2TxHash,
        value: bytesToHex(bigintToBytes32(ok ? 1n : 0n)),
        transactionLogIndex: '0x0',
        txIndexInL1Batch: q(txNumberInBatch),
        logIndex: '0x0',
      },
    ],
    status: ok ? '0x1' : '0x0',
    type: '0xff',
    logsBloom: `0x${'00'.repeat(256)}`,
  }
}
