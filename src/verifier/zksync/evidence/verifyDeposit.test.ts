import { keccak_256 } from '@noble/hashes/sha3.js'
import { describe, expect, it } from 'vitest'
import { buildL1World, type L1World } from '../../../../devnet/l1/buildL1World'
import { blockJson, receiptJson } from '../../../../devnet/l1/l1Block'
import { NEW_PRIORITY_REQUEST, worldDeposit } from '../../../../devnet/zksync/deposits'
import { bytesToHex, hexToBytes } from '../../encoding/hex'
import type { LosslessJson } from '../../encoding/json'
import { parseBlockHeader } from '../../mpt/blockHeader'
import { parseBlockTransactions } from '../../mpt/blockTransactions'
import { parseBlockReceipts } from '../../mpt/receiptsRoot'
import { ReportBuilder, type Report } from '../../report'
import { MAX_HEADER_WALK, verifyDeposit, type DepositInput } from './verifyDeposit'

/**
 * The L1 half of verifyDeposit on generated blocks (the rest runs in tests/integration/worldDeposits.test.ts):
 * a deposit in the head block itself, an event whose hash is not its transaction's, a log from another contract,
 * a block after the head or too far below it, and an unproven diamond.
 */
const DIAMOND = '0x32400084c286cf3e17e7b677ea9583e60a000324'
const seededBytes = (...label: (string | number)[]) =>
  keccak_256(new TextEncoder().encode(['verify-deposit-test', ...label].join('/')))
const good = worldDeposit({ seededBytes, txId: 0n, kind: 'eth', succeeded: true, expiration: 1n })

function worldWith(logs: { address: string; topics: string[]; data: string }[]): L1World {
  return buildL1World({
    seed: 'verify-deposit',
    accounts: [],
    contracts: [],
    erc20: false,
    blocks: 2,
    transactions: [{ to: '0x303a465b659cbb0ab36ee643ea362c509eeb5213', input: good.l1Input, logs, block: 2 }],
  })
}

function inputOf(world: L1World, patch: Partial<DepositInput> = {}): DepositInput {
  const b = world.head
  const json = blockJson(b, true) as unknown as LosslessJson
  return {
    l1TxHash: b.transactions[0]!.hash,
    head: { blockNumber: b.number, blockHash: b.hash, stateRoot: b.header.stateRoot },
    block: { header: parseBlockHeader(json), transactions: parseBlockTransactions(json) },
    chain: [],
    receipts: parseBlockReceipts(b.transactions.map((_, i) => receiptJson(b, i)) as unknown as LosslessJson),
    diamond: DIAMOND,
    diamondProof: undefined,
    batchNumber: 0n,
    batch: undefined,
    l2Receipt: null,
    logProof: null,
    nullifierProof: null,
    nullifier: { ok: true, address: '0xd7f9f54194c633f36ccd5f3da84ad4a1c38cb2cb' },
    ...patch,
  }
}

function run(input: DepositInput): Report {
  const r = new ReportBuilder({ kind: 'zksync-deposit', description: 'test' })
  verifyDeposit(r, input)
  return r.build()
}
const status = (r: Report, id: string) => r.checks.find((c) => c.id === id)?.status

describe('verifyDeposit: the L1 transaction, its receipt and event', () => {
  const event = { address: DIAMOND, topics: [NEW_PRIORITY_REQUEST], data: good.eventData }

  it('a deposit in the verified head block: block, transaction, receipt, event and hash pass', () => {
    const r = run(inputOf(worldWith([event])))
    for (const id of ['l1Block', 'l1Tx', 'l1Receipt', 'event', 'txHash'])
      expect(status(r, `zksync.deposit.${id}`), id).toBe('pass')
    expect(r.checks.find((c) => c.id === 'zksync.deposit.l1Block')?.detail).toMatch(/is the verified head/)
    expect((r.facts.deposit as { l2TxHash: string }).l2TxHash).toBe(good.l2TxHash)
    // Without a proven diamond nothing says whether it was executed: incomplete, not failed.
    expect(status(r, 'zksync.deposit.executed')).toBe('skip')
    expect(r.verdict).toBe('incomplete')
  })

  it('an event whose txHash is not its transaction’s canonical hash fails zksync.deposit.txHash', () => {
    const data = hexToBytes(good.eventData)
    data.set(keccak_256(new Uint8Array([1])), 32) // the second head word: txHash
    const r = run(inputOf(worldWith([{ ...event, data: bytesToHex(data) }])))
    expect(status(r, 'zksync.deposit.txHash')).toBe('fail')
    expect(r.verdict).toBe('failed')
  })

  it('the same event from another contract is not a deposit to this chain (incomplete)', () => {
    const r = run(inputOf(worldWith([{ ...event, address: `0x${'42'.repeat(20)}` }])))
    expect(status(r, 'zksync.deposit.event')).toBe('skip')
    expect(r.facts.answer).toMatch(/not shown to be a deposit/)
  })

  it('an event that does not decode fails zksync.deposit.event', () => {
    const r = run(inputOf(worldWith([{ ...event, data: '0x1234' }])))
    expect(status(r, 'zksync.deposit.event')).toBe('fail')
  })

  it('a block after the head or too far below it, a header that is not the head: named', () => {
    const world = worldWith([event])
    const input = inputOf(world)
    const n = input.head.blockNumber!
    expect(
      status(run({ ...input, head: { ...input.head, blockNumber: n - 1n } }), 'zksync.deposit.l1Block'),
    ).toBe('skip')
    const far = run({ ...input, head: { ...input.head, blockNumber: n + BigInt(MAX_HEADER_WALK) + 1n } })
    expect(far.checks.find((c) => c.id === 'zksync.deposit.l1Block')?.detail).toMatch(/EIP-2935/)
    const other = run({ ...input, head: { ...input.head, blockHash: new Uint8Array(32) } })
    expect(status(other, 'zksync.deposit.l1Block')).toBe('fail')
    // The block before the head, linked to it by the head's parentHash: the walk holds, the transaction is not there.
    const parent = blockJson(world.blocks[1]!, true) as unknown as LosslessJson
    const linked = run({
      ...input,
      block: { header: parseBlockHeader(parent), transactions: parseBlockTransactions(parent) },
      chain: [input.block!.header],
    })
    expect(status(linked, 'zksync.deposit.l1Block')).toBe('pass')
    expect(status(linked, 'zksync.deposit.l1Tx')).toBe('skip') // the transaction is not in block 1
  })
})
