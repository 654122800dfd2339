import { keccak_256 } from '@noble/hashes/sha3.js'
import { describe, expect, it } from 'vitest'
import { buildBatchLogs } from '../../../../devnet/zksync/batchLogs'
import { NEW_PRIORITY_REQUEST, worldDeposit } from '../../../../devnet/zksync/deposits'
import { bytesToHex, hexToBytes } from '../../encoding/hex'
import { l2ToL1LogLeaf } from './l2ToL1Log'
import {
  canonicalTxHash,
  depositStatusLog,
  encodePriorityRequestData,
  NEW_PRIORITY_REQUEST_TOPIC,
  priorityRequestFacts,
  priorityRequestLogs,
  readPriorityRequest,
} from './priorityRequest'

const seededBytes = (...label: (string | number)[]) =>
  keccak_256(new TextEncoder().encode(['priority-request-test', ...label].join('/')))
const deposit = (kind: 'eth' | 'token', txId = 7n) =>
  worldDeposit({ seededBytes, txId, kind, succeeded: kind === 'eth', expiration: 1_750_086_400n })

describe('NewPriorityRequest and the canonical L2 transaction hash', () => {
  it('topic0 is the one era-contracts and zksync-era filter by, and the test world’s', () => {
    // era-contracts `extractPriorityOpFromLogs` (deploy-scripts) and zksync-era `extract_priority_ops` both hard-code
    // 0x4531cd57…a382 for the diamond's NewPriorityRequest. (research next-wave.md §1.5 quotes 0x45ed88b4…4487ad:
    // that is the hash of a 15-field tuple with one uint256 too few; L2CanonicalTransaction has 16 fields.)
    expect(bytesToHex(NEW_PRIORITY_REQUEST_TOPIC)).toBe(
      '0x4531cd5795773d7101c17bdeb9f5ab7f47d7056017506f937083be5d6e77a382',
    )
    expect(bytesToHex(NEW_PRIORITY_REQUEST_TOPIC)).toBe(NEW_PRIORITY_REQUEST)
  })

  for (const kind of ['eth', 'token'] as const)
    it(`${kind} deposit: decodes the world’s event, and the hash recomputed here is the one ethers made there`, () => {
      const d = deposit(kind)
      const read = readPriorityRequest(hexToBytes(d.eventData))
      expect(read.ok).toBe(true)
      if (!read.ok) return
      const p = read.request
      expect(p.canonical).toBe(true)
      expect(p.txId).toBe(7n)
      expect(p.transaction.txType).toBe(255n)
      expect(p.transaction.reserved[0]).toBe(d.mintValue)
      expect(bytesToHex(canonicalTxHash(p.transaction))).toBe(d.l2TxHash)
      expect(bytesToHex(p.claimedTxHash)).toBe(d.l2TxHash)
      expect(priorityRequestFacts(p, canonicalTxHash(p.transaction))).toMatchObject({
        txId: '7',
        l2TxHash: d.l2TxHash,
        mintValue: d.mintValue.toString(),
        refundRecipient: d.l2Receiver,
        ...(kind === 'token' ? { l2Selector: '0x9c884fd1' } : { l2Contract: d.l2Receiver }),
      })
      expect(bytesToHex(encodePriorityRequestData({ ...p, txHash: p.claimedTxHash }))).toBe(d.eventData)
    })

  it('any changed field of the transaction changes the hash; malformed data is refused, not thrown', () => {
    const d = deposit('eth')
    const data = hexToBytes(d.eventData)
    // Word 5 of the tuple (after its offset at word 3) is gasLimit… change a byte in every head word of the tuple.
    const tupleStart = 32 * 5
    for (let word = 0; word < 10; word++) {
      const copy = data.slice()
      copy[tupleStart + 32 * word + 31]! ^= 0x01
      const read = readPriorityRequest(copy)
      expect(read.ok).toBe(true)
      if (read.ok) expect(bytesToHex(canonicalTxHash(read.request.transaction))).not.toBe(d.l2TxHash)
    }
    expect(readPriorityRequest(data.subarray(0, data.length - 32)).ok).toBe(false)
    expect(readPriorityRequest(new Uint8Array(31)).ok).toBe(false)
  })

  it('only the diamond’s NewPriorityRequest logs count', () => {
    const diamond = hexToBytes('0x32400084c286cf3e17e7b677ea9583e60a000324')
    const data = hexToBytes(deposit('eth').eventData)
    const log = { address: diamond, topics: [NEW_PRIORITY_REQUEST_TOPIC], data }
    expect(priorityRequestLogs([log], diamond)).toHaveLength(1)
    expect(priorityRequestLogs([{ ...log, address: new Uint8Array(20) }], diamond)).toHaveLength(0)
    expect(priorityRequestLogs([{ ...log, topics: [new Uint8Array(32)] }], diamond)).toHaveLength(0)
    expect(
      priorityRequestLogs([{ ...log, topics: [NEW_PRIORITY_REQUEST_TOPIC, diamond] }], diamond),
    ).toHaveLength(0)
  })

  it('the status log leaf is the one the world’s batch logs tree holds, for success and for failure', () => {
    const [ok, failed] = [deposit('eth', 1n), deposit('token', 2n)]
    const logs = buildBatchLogs({
      seededBytes,
      batch: 5n,
      priorityTxHashes: [hexToBytes(ok.l2TxHash), hexToBytes(failed.l2TxHash)],
      priorityStatuses: [true, false],
      chainId: 270n,
      withdrawals: [],
    })
    const leaf = (i: number) => bytesToHex(keccak_256(logs.encoded[i]!))
    expect(bytesToHex(l2ToL1LogLeaf(depositStatusLog(0, hexToBytes(ok.l2TxHash), true)))).toBe(leaf(0))
    expect(bytesToHex(l2ToL1LogLeaf(depositStatusLog(1, hexToBytes(failed.l2TxHash), false)))).toBe(leaf(1))
    expect(bytesToHex(l2ToL1LogLeaf(depositStatusLog(1, hexToBytes(failed.l2TxHash), true)))).not.toBe(
      leaf(1),
    )
  })
})
