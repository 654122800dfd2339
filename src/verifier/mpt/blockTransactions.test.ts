import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../tests/support/fixtures'
import { InputError } from '../../shared/errors'
import { bytesToHex } from '../encoding/hex'
import type { LosslessJson } from '../encoding/json'
import { parseBlockHeader, verifyBlockHeader } from './blockHeader'
import { parseBlockTransactions, verifyTransactionsRoot } from './blockTransactions'

const NIMBUS = 'l1/nimbus/nimbus_verified_proxy/tests/data'
type TxJson = Record<string, unknown> & { hash: string; type: string }
type BlockJson = Record<string, unknown> & { transactions: TxJson[] }

function block(name: string): BlockJson {
  return readFixtureJson<BlockJson>(`${NIMBUS}/${name}.json`)
}

describe('transactions trie on real mainnet blocks', () => {
  // Types 0–4 between them: block_0x17a2d23 (0, 2, 3, 4), proof_block (0, 1, 2, 4), London (0, 1), Cancun.
  for (const name of ['block_0x17a2d23', 'proof_block', 'Prague', 'Cancun', 'Shanghai', 'London', 'Paris'])
    it(`${name}: every envelope hashes to its JSON hash and the trie rebuilds the header's transactionsRoot`, () => {
      const json = block(name)
      const header = parseBlockHeader(json as unknown as LosslessJson)
      expect(verifyBlockHeader(header).status).toBe('pass')
      const txs = parseBlockTransactions(json as unknown as LosslessJson)
      expect(txs).toHaveLength(json.transactions.length)
      txs.forEach((t, i) => expect(bytesToHex(t.hash), `tx ${i}`).toBe(json.transactions[i]!.hash))
      expect(verifyTransactionsRoot(txs, header.transactionsRoot)).toMatchObject({ status: 'pass' })
    })

  it('a changed field, a dropped or swapped transaction changes the root', () => {
    const json = block('block_0x17a2d23')
    const root = parseBlockHeader(json as unknown as LosslessJson).transactionsRoot
    const edits: ((b: BlockJson) => void)[] = [
      (b) => (b.transactions[3]!.value = '0x1'),
      (b) =>
        ((b.transactions.find((t) => t.type === '0x4')!.authorizationList as { nonce: string }[])[0]!.nonce =
          '0x9'),
      (b) => (b.transactions.find((t) => t.type === '0x3')!.blobVersionedHashes as string[]).pop(),
      (b) => b.transactions.pop(),
      (b) => {
        const [a, c] = [b.transactions[1]!, b.transactions[2]!]
        b.transactions[1] = { ...c, transactionIndex: '0x1' }
        b.transactions[2] = { ...a, transactionIndex: '0x2' }
      },
    ]
    for (const edit of edits) {
      const copy = structuredClone(json)
      edit(copy)
      const r = verifyTransactionsRoot(parseBlockTransactions(copy as unknown as LosslessJson), root)
      expect(r.status).toBe('fail')
    }
  })

  it('refuses hashes-only blocks, unknown types, a missing field and a misplaced index', () => {
    const json = block('Cancun')
    const hashes = { ...json, transactions: json.transactions.map((t) => t.hash) }
    expect(() => parseBlockTransactions(hashes as unknown as LosslessJson)).toThrow(/hashes only/)
    const typed = structuredClone(json)
    typed.transactions[0]!.type = '0x7'
    expect(() => parseBlockTransactions(typed as unknown as LosslessJson)).toThrow(InputError)
    const missing = structuredClone(json)
    const dyn = missing.transactions.find((t) => t.type === '0x2')!
    delete dyn.maxFeePerGas
    expect(() => parseBlockTransactions(missing as unknown as LosslessJson)).toThrow(/maxFeePerGas/)
    const moved = structuredClone(json)
    moved.transactions[0]!.transactionIndex = '0x5'
    expect(() => parseBlockTransactions(moved as unknown as LosslessJson)).toThrow(/transactionIndex/)
  })
})
