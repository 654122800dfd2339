import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../../tests/support/fixtures'
import { bytesToHex, hexToBytes } from '../../encoding/hex'
import { parseJsonLossless, type LosslessJson } from '../../encoding/json'
import type { Report } from '../../report'
import { parseZksProofFile } from './parseZksProof'
import type { ZksProof } from './types'
import { verifyZksProof } from './verifyZksProof'

interface RpcEntry {
  key: string
  value: string
  index: number
  proof: string[]
}
const M = readFixtureJson<{ address: string; storageProof: RpcEntry; expectedRoot: string }>(
  'zksync/derived/zks_getproof_mainnet_vector.json',
)
const V = readFixtureJson<{ syntheticTree: { root: string; cases: (RpcEntry & { address: string })[] } }>(
  'zksync/derived/state_tree_vectors.json',
)

/** The mainnet vector as the endpoint answers it: a JSON-RPC response around `{ address, storageProof: [...] }`. */
const mainnetResponse = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  result: { address: M.address, storageProof: [M.storageProof] },
})
const mainnetRoot = hexToBytes(M.expectedRoot)
const parseMainnet = (): ZksProof => parseZksProofFile(parseJsonLossless(mainnetResponse))

function check(r: Report, id: string) {
  const c = r.checks.find((x) => x.id === id)
  if (!c) throw new Error(`no check ${id}`)
  return c
}

describe('verifyZksProof report', () => {
  it('verifies the mainnet answer with the DESIGN.md §4 facts', () => {
    const r = verifyZksProof(parseMainnet(), mainnetRoot)
    expect(r.verdict).toBe('verified')
    expect(r.subject).toEqual({
      kind: 'zks-tree-proof',
      description: expect.stringContaining('0x0000000000000000000000000000000000008003'),
      trustRoot: { kind: 'zksync-tree-root', value: M.expectedRoot },
    })
    expect(r.facts).toEqual({
      address: '0x0000000000000000000000000000000000008003',
      storage: [
        {
          key: '0x8b65c0cf1012ea9f393197eb24619fd814379b298b238285649e14f936a5eb12',
          value: '0x0000000000000000000000000000000000000000000000000000000000000081',
          index: '27900957',
        },
      ],
    })
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ['zks.address', 'skip'],
      ['zks.storage', 'pass'],
      ['zks.storage[0].key', 'skip'],
      ['zks.storage[0].length', 'pass'],
      ['zks.storage[0].index', 'pass'],
      ['zks.storage[0].proof', 'pass'],
    ])
  })

  it('verifies several slots in one answer (the synthetic tree, 0x800a balances)', () => {
    const cases = V.syntheticTree.cases.filter(
      (c) => c.address === '0x000000000000000000000000000000000000800a',
    )
    const proof = parseZksProofFile({
      address: cases[0]!.address,
      storageProof: cases,
    } as unknown as LosslessJson)
    const r = verifyZksProof(proof, hexToBytes(V.syntheticTree.root), {
      request: { address: proof.address, keys: cases.map((c) => hexToBytes(c.key)) },
    })
    expect(r.verdict).toBe('verified')
    expect((r.facts.storage as unknown[]).length).toBe(cases.length)
    expect(check(r, 'zks.address').status).toBe('pass')
    expect(check(r, `zks.storage[${cases.length - 1}].key`).status).toBe('pass')
  })

  it('fails the proof check for a tampered value, naming the entry', () => {
    const p = parseMainnet()
    p.storageProof[0]!.value[31] = 0x82
    const r = verifyZksProof(p, mainnetRoot)
    expect(r.verdict).toBe('failed')
    expect(check(r, 'zks.storage[0].proof').status).toBe('fail')
  })

  it('fails when a second entry is tampered even though the first holds', () => {
    const cases = V.syntheticTree.cases.filter(
      (c) => c.address === '0x000000000000000000000000000000000000800a',
    )
    const proof = parseZksProofFile({
      address: cases[0]!.address,
      storageProof: cases,
    } as unknown as LosslessJson)
    proof.storageProof[1]!.proof[0]![0]! ^= 1
    const r = verifyZksProof(proof, hexToBytes(V.syntheticTree.root))
    expect(r.verdict).toBe('failed')
    expect(check(r, 'zks.storage[0].proof').status).toBe('pass')
    expect(check(r, 'zks.storage[1].proof').status).toBe('fail')
  })

  it('fails a wrong root', () => {
    const r = verifyZksProof(parseMainnet(), hexToBytes(V.syntheticTree.root))
    expect(r.verdict).toBe('failed')
    expect(check(r, 'zks.storage[0].proof').status).toBe('fail')
    expect(r.subject.trustRoot?.value).toBe(V.syntheticTree.root)
  })

  it('checks the request: account, slot and count', () => {
    const p = parseMainnet()
    const key = hexToBytes(M.storageProof.key)
    const other = key.slice()
    other[0]! ^= 1
    const wrongAccount = verifyZksProof(p, mainnetRoot, {
      request: { address: new Uint8Array(20), keys: [key] },
    })
    expect(wrongAccount.verdict).toBe('failed')
    expect(check(wrongAccount, 'zks.address').status).toBe('fail')
    const wrongKey = verifyZksProof(p, mainnetRoot, { request: { address: p.address, keys: [other] } })
    expect(wrongKey.verdict).toBe('failed')
    expect(check(wrongKey, 'zks.storage[0].key').status).toBe('fail')
    const missing = verifyZksProof(p, mainnetRoot, { request: { address: p.address, keys: [key, other] } })
    expect(missing.verdict).toBe('failed')
    expect(check(missing, 'zks.storage').status).toBe('fail')
    const ok = verifyZksProof(p, mainnetRoot, { request: { address: p.address, keys: [key] } })
    expect(ok.verdict).toBe('verified')
  })

  it('checks the index against the batch when its last enumeration index is known', () => {
    const r = verifyZksProof(parseMainnet(), mainnetRoot, { maxIndex: 27900000n })
    expect(r.verdict).toBe('failed')
    expect(check(r, 'zks.storage[0].index').status).toBe('fail')
  })

  it('is incomplete, never verified, for an answer without storage proofs', () => {
    const r = verifyZksProof(parseZksProofFile({ address: M.address, storageProof: [] }), mainnetRoot)
    expect(r.verdict).toBe('incomplete')
    expect(check(r, 'zks.storage').status).toBe('error')
    expect(r.facts.storage).toEqual([])
  })

  it('keeps facts exact for an index above 2^53', () => {
    const big = 2n ** 60n + 1n
    const text = mainnetResponse.replace('"index":27900957', `"index":${big}`)
    const r = verifyZksProof(parseZksProofFile(parseJsonLossless(text)), mainnetRoot)
    expect((r.facts.storage as { index: string }[])[0]!.index).toBe(big.toString())
    expect(r.verdict).toBe('failed')
    expect(bytesToHex(mainnetRoot)).toBe(M.expectedRoot)
  })
})
