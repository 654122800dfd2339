import { createMPT } from '@ethereumjs/mpt'
import { ssz } from '@lodestar/types'
import { AbiCoder, keccak256, Transaction } from 'ethers'
import { describe, expect, it } from 'vitest'
import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
import type { LosslessJson } from '../../src/verifier/encoding/json'
import type { Report } from '../../src/verifier/report'
import { parseBlockHeader, verifyBlockHeader } from '../../src/verifier/mpt/blockHeader'
import { parseEthGetProof } from '../../src/verifier/mpt/parseEthGetProof'
import { parseBlockReceipts, verifyReceiptsRoot } from '../../src/verifier/mpt/receiptsRoot'
import { encodeUint } from '../../src/verifier/mpt/rlp'
import { verifyEthGetProof } from '../../src/verifier/mpt/verifyEthGetProof'
import { buildL1World } from './buildL1World'
import { DEMO_ERC20_LAYOUT, erc20BalanceSlot } from './demoErc20'
import { exampleL1World, exampleL1WorldSpec, ZKSYNC_DIAMOND } from './exampleL1World'
import { executionPayloadOf, fullExecutionPayloadOf } from './executionPayload'
import { blockJson, receiptJson } from './l1Block'
import type { L1State } from './l1State'
import { logsBloom } from './l1Transactions'

const world = exampleL1World('build-test', 40)
const spec = exampleL1WorldSpec('build-test', 40)
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as LosslessJson

function proofReport(state: L1State, address: string, slots: string[], root = state.root): Report {
  return verifyEthGetProof(parseEthGetProof(json(state.getProof(address, slots))), root)
}

function check(report: Report, id: string) {
  return report.checks.find((c) => c.id === id)?.status
}

describe('buildL1World: blocks', () => {
  it('builds genesis plus three Prague blocks, each hashing (verifier computeBlockHash) to its hash and linked to its parent', () => {
    expect(world.blocks.map((b) => b.number)).toEqual([0n, 1n, 2n, 3n])
    for (const b of world.blocks) {
      const header = parseBlockHeader(json(blockJson(b, false)))
      const r = verifyBlockHeader(header, b.hash)
      expect(r).toMatchObject({ status: 'pass', fork: 'prague' })
      expect(header.stateRoot).toEqual(b.state.root)
      if (b.number > 0n) expect(b.header.parentHash).toEqual(world.blocks[Number(b.number) - 1]!.hash)
    }
  })

  it('a header with a changed field no longer hashes to its hash', () => {
    const j = blockJson(world.head, false)
    j.stateRoot = bytesToHex(world.blocks[1]!.state.root)
    expect(verifyBlockHeader(parseBlockHeader(json(j))).status).toBe('fail')
  })

  it('includes the calls as signed EIP-1559 transactions: ethers recovers the sender and the hash', () => {
    const operator = world.senders.get('operator')!
    world.blocks.slice(1).forEach((b, i) => {
      expect(b.transactions).toHaveLength(1)
      const tx = b.transactions[0]!
      const parsed = Transaction.from(bytesToHex(tx.envelope))
      expect(parsed.hash).toBe(bytesToHex(tx.hash))
      expect(parsed.from?.toLowerCase()).toBe(operator)
      expect(parsed.to?.toLowerCase()).toBe(ZKSYNC_DIAMOND)
      expect(parsed.data).toBe(spec.transactions[i]!.input)
      expect(parsed.chainId).toBe(world.chainId)
      expect(parsed.nonce).toBe(i)
      expect(world.transactionByHash(bytesToHex(tx.hash))).toEqual({ block: b, index: 0 })
    })
  })

  it('transactionsRoot is the root @ethereumjs/mpt builds; receiptsRoot passes the verifier receipts check', async () => {
    for (const b of world.blocks) {
      const trie = await createMPT()
      for (const [i, t] of b.transactions.entries()) await trie.put(encodeUint(BigInt(i)), t.envelope)
      expect(bytesToHex(b.header.transactionsRoot)).toBe(bytesToHex(trie.root()))
      const receipts = parseBlockReceipts(json(b.transactions.map((_, i) => receiptJson(b, i))))
      expect(verifyReceiptsRoot(receipts, b.header.receiptsRoot).status).toBe('pass')
    }
  })

  it("receipts carry the calls' events; the header bloom is the OR of the receipt blooms and holds the diamond", () => {
    const b = world.blocks[2]!
    expect(b.receipts[0]!.logs).toHaveLength(1)
    expect(b.header.logsBloom).toEqual(logsBloom(b.receipts[0]!.logs))
    expect(b.header.logsBloom).not.toEqual(new Uint8Array(256))
    expect(world.blocks[0]!.header.logsBloom).toEqual(new Uint8Array(256))
  })

  it('sends from a foreign address (the zksync operator) with a placeholder signature; it pays and its nonce counts', () => {
    const operator = '0x' + '0e'.repeat(20)
    const s = exampleL1WorldSpec('foreign', 2)
    const w = buildL1World({ ...s, transactions: s.transactions.map((t) => ({ ...t, from: operator })) })
    const tx = w.blocks[3]!.transactions[0]!
    expect(bytesToHex(tx.from)).toBe(operator)
    expect(tx.nonce).toBe(2n)
    expect(Transaction.from(bytesToHex(tx.envelope)).hash).toBe(bytesToHex(tx.hash))
    expect(w.head.state.nonce(operator)).toBe(3n)
    expect(w.head.state.balance(operator)).toBeLessThan(w.blocks[0]!.state.balance(operator))
    expect([...w.senders.keys()]).toEqual(['operator'])
  })

  it('is deterministic in its seed', () => {
    const again = exampleL1World('build-test', 40)
    expect(again.head.hash).toEqual(world.head.hash)
    expect(exampleL1World('other-seed', 40).head.hash).not.toEqual(world.head.hash)
  })

  it('calls the parent-beacon-root source block by block with the parent, and puts its answer in the header', () => {
    const seen: bigint[] = []
    const w = buildL1World({
      ...exampleL1WorldSpec('beacon-roots', 2),
      parentBeaconBlockRoot: (n, parent) => {
        seen.push(n)
        expect(parent.number).toBe(n - 1n)
        return bytesToHex(new Uint8Array(32).fill(Number(n)))
      },
    })
    expect(seen).toEqual([1n, 2n, 3n])
    expect(w.blocks.map((b) => b.header.timestamp)).toEqual([
      1_750_000_000n,
      1_750_000_012n,
      1_750_000_024n,
      1_750_000_036n,
    ])
    expect(w.blocks[2]!.header.parentBeaconBlockRoot).toEqual(new Uint8Array(32).fill(2))
    expect(verifyBlockHeader(parseBlockHeader(json(blockJson(w.head, true)))).status).toBe('pass')
    expect(w.blocks[0]!.header.parentBeaconBlockRoot).toEqual(new Uint8Array(32))
  })

  it('takes block timestamps from a function (a beacon slot time) and refuses one not after the parent', () => {
    const s = exampleL1WorldSpec('times', 1)
    const w = buildL1World({ ...s, genesisTimestamp: 1000n, timestamp: (n) => 1000n + 24n * n })
    expect(w.blocks.map((b) => b.header.timestamp)).toEqual([1000n, 1024n, 1048n, 1072n])
    expect(executionPayloadOf(w.head).timestamp).toBe(1072)
    expect(() => buildL1World({ ...s, genesisTimestamp: 1000n, timestamp: () => 1000n })).toThrow(
      /later than its parent/,
    )
  })

  it('appendBlock extends a built world (the default sender is funded even without spec transactions)', () => {
    const w = buildL1World({ ...exampleL1WorldSpec('append', 1), transactions: [] })
    const b = w.appendBlock({
      transactions: [
        {
          to: ZKSYNC_DIAMOND,
          input: '0x',
          writes: [{ address: ZKSYNC_DIAMOND, slot: '0x0b', value: '0x0' }],
        },
      ],
    })
    expect(w.head).toBe(b)
    expect(b.number).toBe(4n)
    expect(b.state.storageAt(ZKSYNC_DIAMOND, '0x0b')).toBe(0n)
    expect(verifyBlockHeader(parseBlockHeader(json(blockJson(b, true))), b.hash).status).toBe('pass')
    expect(proofReport(b.state, ZKSYNC_DIAMOND, ['0x0b']).facts.storage).toEqual([
      { key: '0x' + '00'.repeat(31) + '0b', value: '0x' + '00'.repeat(32) },
    ])
  })

  it('refuses specs it cannot honour', () => {
    const s = exampleL1WorldSpec('bad', 1)
    expect(() => buildL1World({ ...s, blocks: 1 })).toThrow(/asks for block 3/)
    expect(() => buildL1World({ ...s, accounts: [...s.accounts, s.accounts[0]!] })).toThrow(/twice/)
    expect(() =>
      buildL1World({
        ...s,
        transactions: [
          {
            to: ZKSYNC_DIAMOND,
            input: '0x',
            writes: [{ address: '0x' + '77'.repeat(20), slot: '0x1', value: '0x1' }],
          },
        ],
      }),
    ).toThrow(/not in the world/)
  })
})

describe('buildL1World: state and eth_getProof', () => {
  const head = world.head.state
  const holder = world.erc20!.holders[7]!

  it('proves an ETH balance (inclusion) and an absent account (exclusion) with verifyEthGetProof', () => {
    const account = spec.accounts[5]!
    const present = proofReport(head, account.address, [])
    expect(present.verdict).toBe('verified')
    expect(present.facts.account).toMatchObject({ balance: account.balance.toString(), nonce: '0' })
    expect(present.facts.accountExists).toBe(true)

    const absent = proofReport(head, '0x' + '5a'.repeat(20), ['0x0'])
    expect(absent.verdict).toBe('verified')
    expect(absent.facts.accountExists).toBe(false)
    expect(absent.facts.account).toMatchObject({ balance: '0' })
  })

  it('proves ERC-20 balances at the Solidity mapping slot, and a non-holder as an empty slot', () => {
    const slot = erc20BalanceSlot(holder.address)
    // Independent derivation: keccak256(abi.encode(holder, balancesSlot)).
    expect(slot).toBe(
      keccak256(AbiCoder.defaultAbiCoder().encode(['address', 'uint256'], [holder.address, 0])),
    )
    const nobody = erc20BalanceSlot('0x' + '5a'.repeat(20))
    const r = proofReport(head, world.erc20Address, [slot, nobody, '0x2'])
    expect(r.verdict).toBe('verified')
    const total = world.erc20!.holders.reduce((s, h) => s + h.balance, 0n)
    expect(r.facts.storage).toEqual([
      { key: slot, value: bytesToHex(hexToBytes('0x' + holder.balance.toString(16).padStart(64, '0'))) },
      { key: nobody, value: '0x' + '00'.repeat(32) },
      { key: '0x' + '00'.repeat(31) + '02', value: '0x' + total.toString(16).padStart(64, '0') },
    ])
    expect(DEMO_ERC20_LAYOUT.totalSupplySlot).toBe(2n)
  })

  it('state changes between blocks: the calls bump the diamond slot and the sender nonce, each root proves its own', () => {
    const values = world.blocks.map((b) => b.state.storageAt(ZKSYNC_DIAMOND, '0x0b'))
    expect(values).toEqual([1n, 2n, 3n, 4n])
    const operator = world.senders.get('operator')!
    expect(world.blocks.map((b) => b.state.nonce(operator))).toEqual([0n, 1n, 2n, 3n])
    const r1 = proofReport(world.blocks[1]!.state, ZKSYNC_DIAMOND, ['0x0b', '0x0c'])
    expect(r1.verdict).toBe('verified')
    expect((r1.facts.storage as { value: string }[])[0]!.value).toBe('0x' + '00'.repeat(31) + '02')
    // Block 1's proof against block 3's root: refused.
    const crossed = proofReport(world.blocks[1]!.state, ZKSYNC_DIAMOND, ['0x0b'], world.head.state.root)
    expect(check(crossed, 'mpt.account.proof')).toBe('fail')
  })

  it('the fee recipient earns the tips and the sender pays base fee plus tip', () => {
    const [b0, b1] = [world.blocks[0]!, world.blocks[1]!]
    const receipt = b1.receipts[0]!
    const operator = world.senders.get('operator')!
    expect(b0.state.balance(operator) - b1.state.balance(operator)).toBe(
      receipt.gasUsed * receipt.effectiveGasPrice,
    )
    expect(b1.state.balance(world.feeRecipient)).toBe(
      receipt.gasUsed * b1.transactions[0]!.maxPriorityFeePerGas,
    )
    expect(receipt.effectiveGasPrice).toBe(b1.header.baseFeePerGas + b1.transactions[0]!.maxPriorityFeePerGas)
  })
})

describe('executionPayloadOf', () => {
  it('gives the beacon ExecutionPayloadHeader: the same SSZ root as the full payload, the EL header values', () => {
    for (const b of world.blocks) {
      const header = executionPayloadOf(b)
      const full = fullExecutionPayloadOf(b)
      expect(ssz.deneb.ExecutionPayloadHeader.hashTreeRoot(header)).toEqual(
        ssz.deneb.ExecutionPayload.hashTreeRoot(full),
      )
      expect(ssz.electra.ExecutionPayloadHeader.hashTreeRoot(header)).toEqual(
        ssz.deneb.ExecutionPayloadHeader.hashTreeRoot(header),
      )
      expect(header.blockHash).toEqual(b.hash)
      expect(header.stateRoot).toEqual(b.header.stateRoot)
      expect(header.receiptsRoot).toEqual(b.header.receiptsRoot)
      expect(header.prevRandao).toEqual(b.header.mixHash)
      expect(BigInt(header.blockNumber)).toBe(b.number)
      expect(BigInt(header.timestamp)).toBe(b.header.timestamp)
      expect(header.baseFeePerGas).toBe(b.header.baseFeePerGas)
      // transactions_root is SSZ over the envelopes, not the EL trie root.
      expect(header.transactionsRoot).toEqual(
        ssz.bellatrix.Transactions.hashTreeRoot(b.transactions.map((t) => t.envelope)),
      )
      if (b.transactions.length > 0) expect(header.transactionsRoot).not.toEqual(b.header.transactionsRoot)
      expect(header.withdrawalsRoot).toEqual(ssz.capella.Withdrawals.hashTreeRoot([]))
    }
  })
})

describe('reorg sibling and equivocating twin', () => {
  it('siblingOf shares the parent but not the hash, and drops the transactions', () => {
    const sibling = world.siblingOf(3n)
    expect(sibling.header.parentHash).toEqual(world.blocks[2]!.hash)
    expect(sibling.hash).not.toEqual(world.head.hash)
    expect(sibling.transactions).toHaveLength(0)
    expect(sibling.state.storageAt(ZKSYNC_DIAMOND, '0x0b')).toBe(3n)
    expect(verifyBlockHeader(parseBlockHeader(json(blockJson(sibling, false)))).status).toBe('pass')
    expect(world.siblingOf(3n)).toBe(sibling)
  })

  it('the twin is a consistent world where every account is 1 ETH richer', () => {
    const twin = world.equivocatingTwin()
    expect(twin.blocks).toHaveLength(world.blocks.length)
    const a = spec.accounts[0]!.address
    expect(twin.head.state.balance(a)).toBe(world.head.state.balance(a) + 10n ** 18n)
    expect(twin.head.hash).not.toEqual(world.head.hash)
    expect(proofReport(twin.head.state, a, []).verdict).toBe('verified')
    expect(check(proofReport(twin.head.state, a, [], world.head.state.root), 'mpt.account.proof')).toBe(
      'fail',
    )
  })
})
