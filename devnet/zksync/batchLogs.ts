import { keccak_256 } from '@noble/hashes/sha3.js'
import { AbiCoder } from 'ethers'
import { bigintToBytes32, bytesToHex, concatBytes, hexToBytes } from '../../src/verifier/encoding/hex'

/**
 * A batch's L2→L1 logs as the world's L2 emitted them, and the logs tree L1 stores the root of (issue 19): the
 * bootloader's status log for each L1→L2 (priority) transaction, then four withdrawals, one transaction each:
 * two ETH ones (L2BaseToken, `finalizeEthWithdrawal`), a legacy ERC-20 one (the legacy L2 bridge,
 * `finalizeWithdrawal`) and an asset-router one (L2AssetRouter, `finalizeDeposit` with the native token vault's
 * bridge-mint data). The tree is the v26+ one: 16384 leaves
 * (keccak of the 88-byte logs, padded with keccak of 88 zero bytes), and the batch root is
 * keccak(localRoot ‖ aggregatedRoot). Written here apart from the verifier's logsTree.ts, so the tests compare
 * two implementations.
 */
const coder = AbiCoder.defaultAbiCoder()
const L1_MESSENGER = hexToBytes('0x0000000000000000000000000000000000008008')
const L2_BASE_TOKEN = hexToBytes('0x000000000000000000000000000000000000800a')
const BOOTLOADER = hexToBytes('0x0000000000000000000000000000000000008001')
/** L2AssetRouter (era-contracts L2ContractAddresses.sol). */
const L2_ASSET_ROUTER = hexToBytes('0x0000000000000000000000000000000000010003')
/** Era mainnet's legacy L2 ERC-20 bridge (L2SharedBridgeLegacy); the world's L1Nullifier names it for its chain. */
export const LEGACY_L2_BRIDGE = '0x11f943b2c77b743ab90f4a0ae7d5a4e7fca3e102'

export type WithdrawalKind = 'eth' | 'erc20-legacy' | 'asset-router'

/** The message and its sending contract (the log's key) for each kind (era-contracts L2BaseToken, L2 bridges). */
function withdrawalMessage(
  kind: WithdrawalKind,
  w: { receiver: Uint8Array; amount: bigint; l1Token: Uint8Array; l2Sender: Uint8Array },
  chainId: bigint,
): { contract: Uint8Array; message: Uint8Array } {
  if (kind === 'eth')
    return {
      contract: L2_BASE_TOKEN,
      message: concatBytes(hexToBytes('0x6c0960f9'), w.receiver, bigintToBytes32(w.amount)),
    }
  if (kind === 'erc20-legacy')
    return {
      contract: hexToBytes(LEGACY_L2_BRIDGE),
      message: concatBytes(hexToBytes('0x11a2ccc1'), w.receiver, w.l1Token, bigintToBytes32(w.amount)),
    }
  // finalizeDeposit ‖ origin chain id ‖ assetId ‖ the native token vault's bridge-mint data.
  const mint = hexToBytes(
    coder.encode(
      ['address', 'address', 'address', 'uint256', 'bytes'],
      [bytesToHex(w.l2Sender), bytesToHex(w.receiver), bytesToHex(w.l1Token), w.amount, '0x'],
    ),
  )
  const assetId = keccak_256(concatBytes(bigintToBytes32(1n), new Uint8Array(12), w.l1Token))
  return {
    contract: L2_ASSET_ROUTER,
    message: concatBytes(hexToBytes('0x9c884fd1'), bigintToBytes32(chainId), assetId, mint),
  }
}
export const L1_MESSAGE_SENT = bytesToHex(
  keccak_256(new TextEncoder().encode('L1MessageSent(address,bytes32,bytes)')),
)
/** L2BaseToken's `Withdrawal(address indexed _l2Sender, address indexed _l1Receiver, uint256 _amount)`. */
const WITHDRAWAL_EVENT = bytesToHex(
  keccak_256(new TextEncoder().encode('Withdrawal(address,address,uint256)')),
)
const DEPTH = 14

export interface WorldLog {
  txNumberInBatch: number
  sender: Uint8Array
  key: Uint8Array
  value: Uint8Array
}

export interface WorldWithdrawal {
  /** The L2 transaction hash (what `lightproof zksync withdrawal` takes). */
  txHash: string
  kind: WithdrawalKind
  /** The L2 contract that sent the message (L2BaseToken, the legacy bridge, L2AssetRouter). */
  contract: string
  l2Sender: string
  receiver: string
  amount: bigint
  txNumberInBatch: number
  message: Uint8Array
  /** Position of its log in the batch's tree (`id` of the proof; the claim key's message index). */
  id: number
}

export interface BatchLogs {
  logs: WorldLog[]
  /** The 88-byte encodings, in order: what the pubdata lists. */
  encoded: Uint8Array[]
  withdrawals: WorldWithdrawal[]
  localRoot: Uint8Array
  aggregatedRoot: Uint8Array
  /** keccak(localRoot ‖ aggregatedRoot): the batch's l2LogsTreeRoot (system log key 0, then l2LogsRootHashes[n]). */
  root: Uint8Array
  /** The local tree's sibling path of leaf `id`, leaf side first. */
  pathOf(id: number): Uint8Array[]
}

const encodeLog = (l: WorldLog) =>
  concatBytes(Uint8Array.of(0, 1, l.txNumberInBatch >> 8, l.txNumberInBatch & 0xff), l.sender, l.key, l.value)

export function buildBatchLogs(p: {
  seededBytes: (...label: (string | number)[]) => Uint8Array
  batch: bigint
  priorityTxHashes: readonly Uint8Array[]
  /** Whether each priority transaction succeeded (its status log's value); default: all did. */
  priorityStatuses?: readonly boolean[]
  chainId: bigint
  /** The withdrawals in order; the first is the batch's "user" withdrawal. */
  withdrawals: readonly {
    kind: WithdrawalKind
    receiver: Uint8Array
    amount: bigint
    l2Sender: Uint8Array
    l1Token: Uint8Array
  }[]
}): BatchLogs {
  const logs: WorldLog[] = []
  p.priorityTxHashes.forEach((h, i) =>
    logs.push({
      txNumberInBatch: i,
      sender: BOOTLOADER,
      key: h,
      value: bigintToBytes32(p.priorityStatuses?.[i] === false ? 0n : 1n),
    }),
  )
  const withdrawals: WorldWithdrawal[] = p.withdrawals.map((w, k) => {
    const txNumberInBatch = p.priorityTxHashes.length + k
    const { contract, message } = withdrawalMessage(w.kind, w, p.chainId)
    const id = logs.length
    logs.push({
      txNumberInBatch,
      sender: L1_MESSENGER,
      key: concatBytes(new Uint8Array(12), contract),
      value: keccak_256(message),
    })
    return {
      txHash: bytesToHex(p.seededBytes('withdrawal-tx', Number(p.batch), k)),
      kind: w.kind,
      contract: bytesToHex(contract),
      l2Sender: bytesToHex(w.l2Sender),
      receiver: bytesToHex(w.receiver),
      amount: w.amount,
      txNumberInBatch,
      message,
      id,
    }
  })
  const encoded = logs.map(encodeLog)
  const leaves = encoded.map((e) => keccak_256(e))
  const levels: Uint8Array[][] = [leaves]
  let empty = keccak_256(new Uint8Array(88))
  const empties = [empty]
  for (let d = 0; d < DEPTH; d++) {
    const cur = levels[d]!
    const next: Uint8Array[] = []
    for (let i = 0; i < cur.length; i += 2) next.push(keccak_256(concatBytes(cur[i]!, cur[i + 1] ?? empty)))
    empty = keccak_256(concatBytes(empty, empty))
    empties.push(empty)
    levels.push(next)
  }
  const localRoot = levels[DEPTH]![0] ?? empties[DEPTH]!
  const aggregatedRoot = p.seededBytes('aggregated-root', Number(p.batch))
  return {
    logs,
    encoded,
    withdrawals,
    localRoot,
    aggregatedRoot,
    root: keccak_256(concatBytes(localRoot, aggregatedRoot)),
    pathOf: (id) => levels.slice(0, DEPTH).map((level, d) => level[(id >> d) ^ 1] ?? empties[d]!),
  }
}

/** `zks_getL2ToL1LogProof` of a withdrawal in the v26+ format: metadata word, 14 siblings, the aggregated root. */
export function logProofJson(
  logs: BatchLogs,
  id: number,
  settledOnL1: boolean,
): { proof: string[]; id: number; root: string } {
  const metadata = new Uint8Array(32)
  metadata.set([1, DEPTH + 1, 0, settledOnL1 ? 1 : 0])
  // Settled on Gateway: the proof goes on through the Gateway batch (not final); stand-ins follow the log path.
  const tail = settledOnL1 ? [] : [new Uint8Array(32), bigintToBytes32(9075n)]
  return {
    proof: [metadata, ...logs.pathOf(id), logs.aggregatedRoot, ...tail].map(bytesToHex),
    id,
    root: bytesToHex(logs.root),
  }
}

/** The L2 receipt a ZKsync node gives for a withdrawal transaction (ZE `TransactionReceipt`, camelCase). */
export function withdrawalReceiptJson(
  w: WorldWithdrawal,
  batch: bigint,
  blockNumber: bigint,
  options: { withoutMessageEvent?: boolean } = {},
) {
  const q = (v: bigint | number) => `0x${BigInt(v).toString(16)}`
  const blockHash = bytesToHex(keccak_256(new TextEncoder().encode(`l2-block/${blockNumber}`)))
  const pad = (a: string) => bytesToHex(concatBytes(new Uint8Array(12), hexToBytes(a)))
  const common = {
    blockHash,
    blockNumber: q(blockNumber),
    l1BatchNumber: q(batch),
    transactionHash: w.txHash,
    transactionIndex: '0x0',
  }
  const messageEvent = {
    ...common,
    address: bytesToHex(L1_MESSENGER),
    topics: [L1_MESSAGE_SENT, pad(w.contract), bytesToHex(keccak_256(w.message))],
    data: coder.encode(['bytes'], [w.message]),
    logIndex: '0x0',
    transactionLogIndex: '0x0',
    logType: null,
    removed: false,
  }
  const withdrawalEvent = {
    ...common,
    address: w.contract,
    topics: [WITHDRAWAL_EVENT, pad(w.l2Sender), pad(w.receiver)],
    data: bytesToHex(bigintToBytes32(w.amount)),
    logIndex: '0x1',
    transactionLogIndex: '0x1',
    logType: null,
    removed: false,
  }
  return {
    ...common,
    from: w.l2Sender,
    to: w.contract,
    cumulativeGasUsed: '0x0',
    gasUsed: '0x2dc6c',
    effectiveGasPrice: '0x2b275d0',
    contractAddress: null,
    l1BatchTxIndex: q(w.txNumberInBatch),
    logs: options.withoutMessageEvent ? [withdrawalEvent] : [messageEvent, withdrawalEvent],
    l2ToL1Logs: [
      {
        ...common,
        shardId: '0x0',
        isService: true,
        sender: bytesToHex(L1_MESSENGER),
        key: pad(w.contract),
        value: bytesToHex(keccak_256(w.message)),
        transactionLogIndex: '0x0',
        txIndexInL1Batch: q(w.txNumberInBatch),
        logIndex: '0x0',
      },
    ],
    status: '0x1',
    type: '0x2',
    logsBloom: `0x${'00'.repeat(256)}`,
  }
}
