import { createMPT } from '@ethereumjs/mpt'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../tests/support/fixtures'
import { InputError } from '../../shared/errors'
import { bytesToHex, hexToBytes } from '../encoding/hex'
import type { LosslessJson } from '../encoding/json'
import { parseBlockHeader, verifyBlockHeader } from './blockHeader'
import { buildTrieRoot } from './buildTrieRoot'
import { encodeReceipt, parseBlockReceipts, verifyReceiptsRoot, type Receipt } from './receiptsRoot'
import { encodeUint } from './rlp'
import { EMPTY_TRIE_ROOT, verifyMptProof } from './verifyMptProof'

const COLIBRI = 'l1/colibri/test/data/eth_getLogs_electra/eth_getBlockReceipts_0x1564966.json'
/**
 * receiptsRoot of mainnet block 22432102, read from the execution payload of the SSZ beacon block
 * `eth_v2_beacon_blocks_0xc742b5d7….ssz` (slot 11650091) in the same colibri folder; PROVENANCE.md set C
 * quotes it as 0xb9869a3a…6f76.
 */
const COLIBRI_RECEIPTS_ROOT = '0xb9869a3ad3ca62b94b498a7cee4755095401aa568590b30e42c95bdeec136f76'
const HELIOS = 'l1/helios/tests/testdata'

function helios(): { receipts: Receipt[]; receiptsRoot: Uint8Array } {
  const header = parseBlockHeader(readFixtureJson(`${HELIOS}/rpc/block.json`) as LosslessJson)
  expect(verifyBlockHeader(header).status).toBe('pass') // the root below is bound to the block hash
  return {
    receipts: parseBlockReceipts(readFixtureJson(`${HELIOS}/rpc/receipts.json`) as LosslessJson),
    receiptsRoot: header.receiptsRoot,
  }
}

const colibri = parseBlockReceipts(readFixtureJson(COLIBRI) as LosslessJson)

describe('receipts trie on real blocks', () => {
  it('colibri: 215 receipts of types 0–3 rebuild the Electra block receiptsRoot', () => {
    expect(colibri).toHaveLength(215)
    expect(new Set(colibri.map((r) => r.type))).toEqual(new Set([0, 1, 2, 3]))
    expect(verifyReceiptsRoot(colibri, hexToBytes(COLIBRI_RECEIPTS_ROOT))).toMatchObject({
      status: 'pass',
      count: 215,
    })
  })

  it('helios: 202 Cancun receipts rebuild the hash-verified header receiptsRoot', () => {
    const h = helios()
    expect(h.receipts).toHaveLength(202)
    expect(verifyReceiptsRoot(h.receipts, h.receiptsRoot).status).toBe('pass')
  })

  it('helios verifiable API: a single-receipt proof (key RLP(0x27)) proves the encoding of that receipt', () => {
    const h = helios()
    const v = readFixtureJson<{ receipt: LosslessJson; receiptProof: string[] }>(
      `${HELIOS}/verifiable_api/receipt.json`,
    )
    const r = verifyMptProof(
      h.receiptsRoot,
      encodeUint(0x27n),
      v.receiptProof.map((n) => hexToBytes(n)),
    )
    expect(r.status).toBe('present')
    const [receipt] = parseBlockReceipts([v.receipt])
    expect(r.status === 'present' && bytesToHex(r.value)).toBe(bytesToHex(encodeReceipt(receipt!)))
    expect(bytesToHex(encodeReceipt(h.receipts[0x27]!))).toBe(bytesToHex(encodeReceipt(receipt!)))
  })
})

describe('receipts trie rejects altered receipts', () => {
  const root = hexToBytes(COLIBRI_RECEIPTS_ROOT)
  const copy = (): Receipt[] => structuredClone(colibri)

  it('a changed log byte, status, gas, bloom or type', () => {
    const edits: ((r: Receipt[]) => void)[] = [
      (r) => (r.find((x) => x.logs.length > 0)!.logs[0]!.data[0]! ^= 1),
      (r) => (r[5]!.status = r[5]!.status === 1n ? 0n : 1n),
      (r) => (r[214]!.cumulativeGasUsed += 1n),
      (r) => (r[3]!.logsBloom[7]! ^= 0x10),
      (r) => (r.find((x) => x.type === 2)!.type = 4),
      (r) => r[10]!.logs.pop(),
    ]
    for (const edit of edits) {
      const r = copy()
      edit(r)
      expect(verifyReceiptsRoot(r, root).status).toBe('fail')
    }
  })

  it('a dropped, added or reordered receipt', () => {
    expect(verifyReceiptsRoot(copy().slice(0, -1), root).status).toBe('fail')
    const swapped = copy().map(({ transactionIndex: _drop, ...rest }) => rest as Receipt)
    ;[swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!]
    expect(verifyReceiptsRoot(swapped, root).status).toBe('fail')
    const claimed = copy()
    ;[claimed[1], claimed[2]] = [claimed[2]!, claimed[1]!]
    expect(verifyReceiptsRoot(claimed, root)).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('claims transactionIndex 2') as string,
    })
  })

  it('refuses malformed receipts as input', () => {
    const json = readFixtureJson<{ result: Record<string, LosslessJson>[] }>(COLIBRI)
    const bad = structuredClone(json.result)
    bad[0]!.type = '0x7e'
    expect(() => parseBlockReceipts(bad)).toThrow(/unsupported receipt type 126/)
    const both = structuredClone(json.result)
    both[0]!.root = '0x' + '00'.repeat(32)
    expect(() => parseBlockReceipts(both)).toThrow(InputError)
    const bloom = structuredClone(json.result)
    bloom[0]!.logsBloom = '0x00'
    expect(() => parseBlockReceipts(bloom)).toThrow(/logsBloom/)
  })

  it('type 4 (EIP-7702) uses the same body behind its type byte (no real type-4 fixture here)', () => {
    const r = { ...colibri.find((x) => x.type === 2)! }
    const two = encodeReceipt(r)
    const four = encodeReceipt({ ...r, type: 4 })
    expect(four[0]).toBe(4)
    expect(bytesToHex(four.subarray(1))).toBe(bytesToHex(two.subarray(1)))
  })
})

describe('buildTrieRoot', () => {
  it('is the empty-trie root for no entries and refuses duplicate keys', () => {
    expect(buildTrieRoot([])).toEqual(EMPTY_TRIE_ROOT)
    expect(() =>
      buildTrieRoot([
        { key: Uint8Array.of(1), value: Uint8Array.of(1) },
        { key: Uint8Array.of(1), value: Uint8Array.of(2) },
      ]),
    ).toThrow(InputError)
  })

  it('matches @ethereumjs/mpt on random tries (short and prefix keys, embedded and hashed nodes)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.record({
            key: fc.uint8Array({ minLength: 0, maxLength: 4 }),
            value: fc.uint8Array({ minLength: 1, maxLength: 40 }),
          }),
          {
            maxLength: 40,
            selector: (e) => bytesToHex(e.key),
          },
        ),
        async (entries) => {
          const trie = await createMPT()
          for (const e of entries) await trie.put(e.key, e.value)
          return bytesToHex(buildTrieRoot(entries)) === bytesToHex(trie.root())
        },
      ),
      { numRuns: 200, seed: 3 },
    )
  })
})
