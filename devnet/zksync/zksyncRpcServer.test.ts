import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InputError } from '../../src/shared/errors'
import { bytesToHex, hexToBytes } from '../../src/verifier/encoding/hex'
import { parseJsonLossless } from '../../src/verifier/encoding/json'
import { bindStoredBatchInfo } from '../../src/verifier/zksync/batches/storedBatchInfo'
import { ethBalanceLocation } from '../../src/verifier/zksync/stateTree/l2Balances'
import { parseZksProof, parseZksProofFile } from '../../src/verifier/zksync/stateTree/parseZksProof'
import { verifyZksProof } from '../../src/verifier/zksync/stateTree/verifyZksProof'
import { TRANSPORT_FAULTS } from '../servers/devServer'
import { buildZksyncWorld, type L1BatchLocators } from './buildZksyncWorld'
import type { ZksProofJson } from './sparseTree'
import {
  startZksyncRpcServer,
  ZKSYNC_LIE_HELP,
  ZKSYNC_LIES,
  type ZksyncLie,
  type ZksyncRpcServer,
} from './zksyncRpcServer'

const world = buildZksyncWorld({ seed: 'rpc-test' })
const N = world.latestBatch
const account = hexToBytes(world.accounts[0]!)
const late = hexToBytes(world.accounts[world.accounts.length - 1]!)
const l1TxHashes = new Map<bigint, L1BatchLocators>(
  world.batches.map((b) => [
    b.number,
    { commitTxHash: `0x${b.number.toString(16).padStart(64, 'c')}`, l1ChainId: 31337n },
  ]),
)

let server: ZksyncRpcServer
let id = 0

async function rpc(method: string, params: unknown[] = []): Promise<{ result?: unknown; error?: unknown }> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
  })
  return (await res.json()) as { result?: unknown; error?: unknown }
}

async function getProof(address: Uint8Array, slot: Uint8Array, batch: bigint): Promise<ZksProofJson | null> {
  const r = await rpc('zks_getProof', [bytesToHex(address), [bytesToHex(slot)], Number(batch)])
  return r.result as ZksProofJson | null
}

/** The verifier's report for an answer, against the root of the batch's bound StoredBatchInfo. */
function verifyAgainstWorld(answer: ZksProofJson, address: Uint8Array, slot: Uint8Array, batch: bigint) {
  const sbi = world.batches[Number(batch)]!.storedBatchInfo
  return verifyZksProof(parseZksProof(answer as never), sbi.batchHash, {
    request: { address, keys: [slot] },
    maxIndex: sbi.indexRepeatedStorageChanges,
  })
}
const statusOf = (r: { checks: { id: string; status: string }[] }, checkId: string) =>
  r.checks.find((c) => c.id === checkId)?.status

beforeAll(async () => {
  server = await startZksyncRpcServer(world, { l1TxHashes })
})
afterAll(async () => {
  await server.close()
})

describe('startZksyncRpcServer: honest', () => {
  it('answers a batch request: chain id, latest batch, details, proof', async () => {
    const eth = ethBalanceLocation(account)
    const res = await fetch(server.url, {
      method: 'POST',
      body: JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] },
        { jsonrpc: '2.0', id: 2, method: 'zks_L1BatchNumber', params: [] },
        { jsonrpc: '2.0', id: 3, method: 'zks_getL1BatchDetails', params: [2] },
        {
          jsonrpc: '2.0',
          id: 4,
          method: 'zks_getProof',
          params: [bytesToHex(eth.contract), [bytesToHex(eth.slot)], '0x2'],
        },
        { jsonrpc: '2.0', id: 5, method: 'zks_getMainContract', params: [] },
      ]),
    })
    const text = await res.text()
    const [chain, latest, details, proof, main] = JSON.parse(text) as { result: unknown }[]
    expect(chain!.result).toBe('0x10e')
    expect(latest!.result).toBe(`0x${N.toString(16)}`)
    expect(details!.result).toMatchObject({
      number: 2,
      rootHash: bytesToHex(world.batches[2]!.stateRoot),
      commitTxHash: l1TxHashes.get(2n)!.commitTxHash,
      commitChainId: 31337,
    })
    expect(main!.result).toBe(world.diamond)
    // The whole response, as a client saves it, verifies with the CLI's parser.
    const whole = parseJsonLossless(JSON.stringify(JSON.parse(text)[3]))
    const r = verifyZksProof(parseZksProofFile(whole), world.batches[2]!.stateRoot)
    expect(r.verdict).toBe('verified')
    expect(BigInt((proof!.result as ZksProofJson).storageProof[0]!.value)).toBe(
      world.ethBalance(world.accounts[0]!, 2n),
    )
  })

  it('answers null for an unknown batch and JSON-RPC errors for bad calls', async () => {
    expect((await rpc('zks_getL1BatchDetails', [Number(N) + 1])).result).toBeNull()
    expect((await rpc('zks_getProof', [world.accounts[0], [], Number(N) + 1])).result).toBeNull()
    expect((await rpc('zks_getProof', ['0x12', [], 1])).error).toMatchObject({ code: -32602 })
    expect((await rpc('zks_getProof', [world.accounts[0], ['0xzz'], 1])).error).toMatchObject({
      code: -32602,
    })
    expect((await rpc('zks_getL1BatchDetails', [-1])).error).toMatchObject({ code: -32602 })
    expect((await rpc('eth_getBalance', [])).error).toMatchObject({ code: -32601 })
  })

  it('switches transport faults from devServer on and off', async () => {
    expect(TRANSPORT_FAULTS).toContain('http-500')
    server.setFault('http-500')
    try {
      const res = await fetch(server.url, { method: 'POST', body: '{}' })
      expect(res.status).toBe(500)
    } finally {
      server.setFault(undefined)
    }
    expect((await rpc('eth_chainId')).result).toBe('0x10e')
  })
})

describe('startZksyncRpcServer: each lie is caught or visible', () => {
  const eth = ethBalanceLocation(account)
  const lateEth = ethBalanceLocation(late)
  const withLie = async <T>(lie: ZksyncLie, f: () => Promise<T>): Promise<T> => {
    server.setLie(lie)
    try {
      return await f()
    } finally {
      server.setLie(undefined)
    }
  }

  it('lists every lie with one line of help', () => {
    expect(Object.keys(ZKSYNC_LIE_HELP).sort()).toEqual([...ZKSYNC_LIES].sort())
  })

  it('wrong-root: the reported rootHash does not bind to storedBatchHashes[n], and honest proofs fail against it', async () => {
    const details = await withLie('wrong-root', () => rpc('zks_getL1BatchDetails', [2]))
    const claimed = (details.result as { rootHash: string }).rootHash
    expect(claimed).not.toBe(bytesToHex(world.batches[2]!.stateRoot))
    const b2 = world.batches[2]!
    const binding = bindStoredBatchInfo(
      { ...b2.storedBatchInfo, batchHash: hexToBytes(claimed) },
      b2.storedBatchHash,
    )
    expect(binding.bound).toBe(false)
    const honest = (await getProof(eth.contract, eth.slot, 2n))!
    const r = verifyZksProof(parseZksProof(honest as never), hexToBytes(claimed))
    expect(statusOf(r, 'zks.storage[0].proof')).toBe('fail')
  })

  it('forged-proof: zks.storage[0].proof fails (present and absent slots)', async () => {
    for (const [loc, batch] of [
      [eth, 3n],
      [lateEth, 1n],
    ] as const) {
      const answer = (await withLie('forged-proof', () => getProof(loc.contract, loc.slot, batch)))!
      const r = verifyAgainstWorld(answer, loc.contract, loc.slot, batch)
      expect(r.verdict).toBe('failed')
      expect(statusOf(r, 'zks.storage[0].proof')).toBe('fail')
    }
  })

  it('truncated-proof: one sibling fewer, zks.storage[0].proof fails', async () => {
    const honest = (await getProof(eth.contract, eth.slot, 3n))!
    const answer = (await withLie('truncated-proof', () => getProof(eth.contract, eth.slot, 3n)))!
    expect(answer.storageProof[0]!.proof.length).toBe(honest.storageProof[0]!.proof.length - 1)
    const r = verifyAgainstWorld(answer, eth.contract, eth.slot, 3n)
    expect(statusOf(r, 'zks.storage[0].proof')).toBe('fail')
  })

  it('changed-value: a present slot fails .proof; an absent slot fails .index (index 0 with a value)', async () => {
    const present = (await withLie('changed-value', () => getProof(eth.contract, eth.slot, 2n)))!
    expect(BigInt(present.storageProof[0]!.value)).toBe(world.ethBalance(world.accounts[0]!, 2n) + 1n)
    expect(statusOf(verifyAgainstWorld(present, eth.contract, eth.slot, 2n), 'zks.storage[0].proof')).toBe(
      'fail',
    )
    const absent = (await withLie('changed-value', () => getProof(lateEth.contract, lateEth.slot, 1n)))!
    expect(
      statusOf(verifyAgainstWorld(absent, lateEth.contract, lateEth.slot, 1n), 'zks.storage[0].index'),
    ).toBe('fail')
  })

  it('stale-batch: the latest batch is 2 behind and newer ones are unknown (null proof is an input error)', async () => {
    const [latest, proof, details] = await withLie('stale-batch', async () => [
      await rpc('zks_L1BatchNumber'),
      await getProof(eth.contract, eth.slot, N),
      await rpc('zks_getL1BatchDetails', [Number(N)]),
    ])
    expect((latest as { result: unknown }).result).toBe(`0x${(N - 2n).toString(16)}`)
    expect(proof).toBeNull()
    expect((details as { result: unknown }).result).toBeNull()
    expect(() => parseZksProof(proof as never)).toThrow(InputError)
  })

  it('wrong-chain-id: eth_chainId names another chain', async () => {
    const r = await withLie('wrong-chain-id', () => rpc('eth_chainId'))
    expect(r.result).toBe('0x144')
    expect(BigInt(r.result as string)).not.toBe(world.chainId)
  })

  it('equivocate: the same question gets two answers; the twin’s fails zks.storage[0].proof', async () => {
    const [first, second, d1, d2] = await withLie('equivocate', async () => [
      (await getProof(eth.contract, eth.slot, 2n))!,
      (await getProof(eth.contract, eth.slot, 2n))!,
      (await rpc('zks_getL1BatchDetails', [2])).result as { rootHash: string },
      (await rpc('zks_getL1BatchDetails', [2])).result as { rootHash: string },
    ])
    expect(first).not.toEqual(second)
    expect(d1.rootHash).not.toBe(d2.rootHash)
    const reports = [first, second].map((a) => verifyAgainstWorld(a, eth.contract, eth.slot, 2n))
    expect(reports.map((r) => r.verdict).sort()).toEqual(['failed', 'verified'])
    const bad = reports.find((r) => r.verdict === 'failed')!
    expect(statusOf(bad, 'zks.storage[0].proof')).toBe('fail')
  })

  it('is honest again once the lie is switched off', async () => {
    const answer = (await getProof(eth.contract, eth.slot, 3n))!
    expect(verifyAgainstWorld(answer, eth.contract, eth.slot, 3n).verdict).toBe('verified')
    expect(server.lie()).toBeUndefined()
  })
})
