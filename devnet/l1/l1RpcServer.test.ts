import { keccak_256 } from '@noble/hashes/sha3.js'
import { Transaction } from 'ethers'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
import type { LosslessJson } from '../../src/verifier/encoding/json'
import { parseBlockHeader, verifyBlockHeader } from '../../src/verifier/mpt/blockHeader'
import { parseEthGetProof } from '../../src/verifier/mpt/parseEthGetProof'
import { verifyEthGetProof } from '../../src/verifier/mpt/verifyEthGetProof'
import type { Report } from '../../src/verifier/report'
import { erc20BalanceSlot } from './demoErc20'
import { BLOCK_COMMIT_TOPIC, exampleL1World, exampleL1WorldSpec, ZKSYNC_DIAMOND } from './exampleL1World'
import { L1_LIE_HELP, L1_LIES, startL1RpcServer, type L1RpcServer } from './l1RpcServer'

const world = exampleL1World('rpc-test', 12)
const spec = exampleL1WorldSpec('rpc-test', 12)
const account = spec.accounts[3]!.address
const holderSlot = erc20BalanceSlot(world.erc20!.holders[3]!.address)
let server: L1RpcServer

beforeAll(async () => {
  server = await startL1RpcServer(world)
})
afterAll(async () => {
  await server.close()
})
beforeEach(() => {
  server.setLie(undefined)
  server.setFault(undefined)
})

let nextId = 1
async function post(body: unknown): Promise<Response> {
  return fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}
async function rpc(
  method: string,
  params: unknown[] = [],
): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
  const res = await post({ jsonrpc: '2.0', id: nextId++, method, params })
  return (await res.json()) as { result?: unknown; error?: { code: number; message: string } }
}
async function result<T = Record<string, unknown>>(method: string, params: unknown[] = []): Promise<T> {
  const r = await rpc(method, params)
  if (r.error) throw new Error(`${method}: ${r.error.message}`)
  return r.result as T
}

/** The client's route: a block whose header hashes to its hash, then eth_getProof against its stateRoot. */
async function verifiedProof(
  address: string,
  slots: string[],
  tag: string,
  trustedRoot?: Uint8Array,
): Promise<Report> {
  const proof = await result('eth_getProof', [address, slots, tag])
  const root =
    trustedRoot ?? world.blockByNumber(tag === 'latest' ? world.head.number : BigInt(tag))!.state.root
  return verifyEthGetProof(parseEthGetProof(proof as LosslessJson), root)
}
const status = (r: Report, id: string) => r.checks.find((c) => c.id === id)?.status

describe('startL1RpcServer: honest', () => {
  it('answers chain id, head and blocks whose headers verify (by number, by tag, by hash, with full transactions)', async () => {
    expect(await result('eth_chainId')).toBe('0x' + world.chainId.toString(16))
    expect(await result('eth_blockNumber')).toBe('0x3')
    const latest = await result('eth_getBlockByNumber', ['latest', false])
    const header = parseBlockHeader(latest as LosslessJson)
    expect(verifyBlockHeader(header, world.head.hash)).toMatchObject({ status: 'pass', fork: 'prague' })
    expect(latest.transactions).toEqual([bytesToHex(world.head.transactions[0]!.hash)])
    const byHash = await result('eth_getBlockByHash', [bytesToHex(world.blocks[1]!.hash), true])
    expect(byHash.number).toBe('0x1')
    expect((byHash.transactions as { hash: string }[])[0]!.hash).toBe(
      bytesToHex(world.blocks[1]!.transactions[0]!.hash),
    )
    expect(await result('eth_getBlockByNumber', ['0x9', false])).toBeNull()
  })

  it('eth_getProof verifies at the head and at an older block: ETH balance, ERC-20 slot, absent account, diamond slots', async () => {
    const eth = await verifiedProof(account, [], 'latest')
    expect(eth.verdict).toBe('verified')
    expect(eth.facts.account).toMatchObject({ balance: spec.accounts[3]!.balance.toString() })
    const token = await verifiedProof(world.erc20Address, [holderSlot], 'latest')
    expect(token.verdict).toBe('verified')
    expect(token.facts.storage).toEqual([
      { key: holderSlot, value: '0x' + world.erc20!.holders[3]!.balance.toString(16).padStart(64, '0') },
    ])
    expect((await verifiedProof('0x' + '5a'.repeat(20), ['0x1'], 'latest')).facts.accountExists).toBe(false)
    const old = await verifiedProof(ZKSYNC_DIAMOND, ['0x0b'], '0x1')
    expect(old.verdict).toBe('verified')
    expect((old.facts.storage as { value: string }[])[0]!.value).toBe('0x' + '00'.repeat(31) + '02')
    const byHash = await result('eth_getProof', [
      ZKSYNC_DIAMOND,
      ['0xb'],
      { blockHash: bytesToHex(world.blocks[2]!.hash) },
    ])
    expect(
      verifyEthGetProof(parseEthGetProof(byHash as LosslessJson), world.blocks[2]!.state.root).verdict,
    ).toBe('verified')
  })

  it('eth_getBalance, eth_getCode, eth_getStorageAt and eth_getTransactionCount agree with the proofs', async () => {
    expect(BigInt(await result<string>('eth_getBalance', [account, 'latest']))).toBe(
      spec.accounts[3]!.balance,
    )
    const code = await result<string>('eth_getCode', [world.erc20Address, 'latest'])
    const proof = await result('eth_getProof', [world.erc20Address, [], 'latest'])
    expect(bytesToHex(keccak_256(hexToBytes(code)))).toBe(proof.codeHash)
    expect(await result('eth_getStorageAt', [ZKSYNC_DIAMOND, '0xb', '0x2'])).toBe(
      '0x' + '00'.repeat(31) + '03',
    )
    expect(await result('eth_getTransactionCount', [world.senders.get('operator')!, 'latest'])).toBe('0x3')
  })

  it('eth_getTransactionByHash gives a standard type-2 transaction whose fields re-hash to its hash', async () => {
    const tx = world.blocks[2]!.transactions[0]!
    const t = await result<Record<string, string>>('eth_getTransactionByHash', [bytesToHex(tx.hash)])
    const rebuilt = Transaction.from({
      type: 2,
      chainId: BigInt(t.chainId!),
      nonce: Number(t.nonce),
      maxPriorityFeePerGas: BigInt(t.maxPriorityFeePerGas!),
      maxFeePerGas: BigInt(t.maxFeePerGas!),
      gasLimit: BigInt(t.gas!),
      to: t.to!,
      value: BigInt(t.value!),
      data: t.input!,
      accessList: [],
      signature: {
        r: '0x' + t.r!.slice(2).padStart(64, '0'),
        s: '0x' + t.s!.slice(2).padStart(64, '0'),
        yParity: Number(t.yParity) as 0 | 1,
      },
    })
    expect(rebuilt.hash).toBe(t.hash)
    expect(rebuilt.from?.toLowerCase()).toBe(t.from)
    expect(t).toMatchObject({
      blockNumber: '0x2',
      blockHash: bytesToHex(world.blocks[2]!.hash),
      transactionIndex: '0x0',
      type: '0x2',
    })
    const receipt = await result('eth_getTransactionReceipt', [t.hash])
    expect(receipt).toMatchObject({ status: '0x1', transactionHash: t.hash })
    expect(await result('eth_getTransactionByHash', ['0x' + '00'.repeat(32)])).toBeNull()
  })

  it('eth_getLogs filters by range, address, topics and block hash', async () => {
    const all = await result<{ transactionHash: string; logIndex: string }[]>('eth_getLogs', [
      { fromBlock: '0x0', toBlock: 'latest', address: ZKSYNC_DIAMOND, topics: [BLOCK_COMMIT_TOPIC] },
    ])
    expect(all.map((l) => l.transactionHash)).toEqual(
      world.blocks.slice(1).map((b) => bytesToHex(b.transactions[0]!.hash)),
    )
    const two = '0x' + '00'.repeat(31) + '02'
    const one = await result<unknown[]>('eth_getLogs', [{ fromBlock: '0x0', topics: [null, [two]] }])
    expect(one).toHaveLength(1)
    expect(await result('eth_getLogs', [{ blockHash: bytesToHex(world.blocks[2]!.hash) }])).toEqual(one)
    expect(await result('eth_getLogs', [{ fromBlock: '0x0', address: account }])).toEqual([])
    const receipt = await result('eth_getTransactionReceipt', [all[1]!.transactionHash])
    expect(receipt.logs).toEqual(one)
  })

  it('answers batches in order, and refuses unknown methods, bad params and unknown blocks', async () => {
    const res = await post([
      { jsonrpc: '2.0', id: 7, method: 'eth_chainId', params: [] },
      { jsonrpc: '2.0', id: 8, method: 'eth_getBalance', params: [account, '0x0'] },
      { jsonrpc: '2.0', id: 9, method: 'eth_sendRawTransaction', params: ['0x00'] },
    ])
    const answers = (await res.json()) as { id: number; result?: unknown; error?: { code: number } }[]
    expect(answers.map((a) => a.id)).toEqual([7, 8, 9])
    expect(BigInt(answers[1]!.result as string)).toBe(spec.accounts[3]!.balance)
    expect(answers[2]!.error?.code).toBe(-32601)
    expect((await rpc('eth_getBalance', ['0x1234', 'latest'])).error?.code).toBe(-32602)
    expect((await rpc('eth_getProof', [account, [], 'nonsense'])).error?.code).toBe(-32602)
    expect((await rpc('eth_getProof', [account, [], '0x99'])).error?.message).toBe('header not found')
  })

  it('transport faults come from the dev server', async () => {
    server.setFault('http-500')
    expect((await post({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] })).status).toBe(500)
  })
})

describe('startL1RpcServer: lies', () => {
  it('lists every lie with a line of help', () => {
    expect(Object.keys(L1_LIE_HELP).sort()).toEqual([...L1_LIES].sort())
  })

  it('wrong-state-root: the header no longer hashes to its hash', async () => {
    server.setLie('wrong-state-root')
    const block = await result('eth_getBlockByNumber', ['latest', false])
    expect(block.stateRoot).not.toBe(bytesToHex(world.head.state.root))
    const header = parseBlockHeader(block as LosslessJson)
    expect(verifyBlockHeader(header).status).toBe('fail')
    expect(verifyBlockHeader({ ...header, claimedHash: undefined } as never, world.head.hash).status).toBe(
      'fail',
    )
  })

  it('forged-proof: mpt.account.proof fails (hash mismatch)', async () => {
    server.setLie('forged-proof')
    const r = await verifiedProof(world.erc20Address, [holderSlot], 'latest')
    expect(r.verdict).toBe('failed')
    expect(status(r, 'mpt.account.proof')).toBe('fail')
    expect(r.checks.find((c) => c.id === 'mpt.account.proof')?.detail).toMatch(/hash-mismatch/)
  })

  it('truncated-proof: mpt.account.proof fails (missing node)', async () => {
    server.setLie('truncated-proof')
    const r = await verifiedProof(account, [], 'latest')
    expect(status(r, 'mpt.account.proof')).toBe('fail')
    expect(r.checks.find((c) => c.id === 'mpt.account.proof')?.detail).toMatch(/missing-node/)
  })

  it('changed-value: proofs pass but mpt.account.fields and mpt.storage[0].value fail; eth_getBalance is off by one', async () => {
    server.setLie('changed-value')
    const r = await verifiedProof(world.erc20Address, [holderSlot], 'latest')
    expect(status(r, 'mpt.account.proof')).toBe('pass')
    expect(status(r, 'mpt.account.fields')).toBe('fail')
    expect(status(r, 'mpt.storage[0].proof')).toBe('pass')
    expect(status(r, 'mpt.storage[0].value')).toBe('fail')
    expect(BigInt(await result<string>('eth_getBalance', [account, 'latest']))).toBe(
      spec.accounts[3]!.balance + 1n,
    )
  })

  it('stale-head: the head is two blocks old and newer blocks are unknown', async () => {
    server.setLie('stale-head')
    expect(await result('eth_blockNumber')).toBe('0x1')
    expect((await result('eth_getBlockByNumber', ['latest', false])).hash).toBe(
      bytesToHex(world.blocks[1]!.hash),
    )
    expect(await result('eth_getBlockByNumber', ['0x3', false])).toBeNull()
    expect(
      await result('eth_getTransactionByHash', [bytesToHex(world.head.transactions[0]!.hash)]),
    ).toBeNull()
  })

  it('reorg: the head block changes between two calls; a proof from the other branch fails against the first root', async () => {
    server.setLie('reorg')
    const first = await result('eth_getBlockByNumber', ['0x3', false])
    const second = await result('eth_getBlockByNumber', ['0x3', false])
    expect(second.hash).not.toBe(first.hash)
    expect(second.parentHash).toBe(first.parentHash)
    for (const b of [first, second])
      expect(verifyBlockHeader(parseBlockHeader(b as LosslessJson)).status).toBe('pass')
    // Call 3 is canonical again, call 4 reorged: the proof comes from the sibling's state.
    await result('eth_chainId')
    const r = await verifiedProof(ZKSYNC_DIAMOND, ['0x0b'], '0x3', hexToBytes(first.stateRoot as string))
    expect(status(r, 'mpt.account.proof')).toBe('fail')
  })

  it('wrong-chain-id: eth_chainId names another chain', async () => {
    server.setLie('wrong-chain-id')
    expect(BigInt(await result<string>('eth_chainId'))).not.toBe(world.chainId)
  })

  it('equivocate: answers alternate between two worlds; the second answer fails against the first root', async () => {
    server.setLie('equivocate')
    const a = BigInt(await result<string>('eth_getBalance', [account, 'latest']))
    const b = BigInt(await result<string>('eth_getBalance', [account, 'latest']))
    expect(b - a).toBe(10n ** 18n)
    const block = await result('eth_getBlockByNumber', ['latest', false])
    expect(verifyBlockHeader(parseBlockHeader(block as LosslessJson)).status).toBe('pass')
    const r = await verifiedProof(account, [], 'latest', hexToBytes(block.stateRoot as string))
    expect(status(r, 'mpt.account.proof')).toBe('fail')
  })
})
