import { describe, expect, it } from 'vitest'
import { InputError } from '../../../shared/errors'
import { readFixtureJson } from '../../../../tests/support/fixtures'
import { parseJsonLossless, type LosslessJson } from '../../encoding/json'
import { MAX_PROOF_SIBLINGS, MAX_STORAGE_ENTRIES, parseZksProof, parseZksProofFile } from './parseZksProof'

const M = readFixtureJson<{
  address: string
  storageProof: { key: string; value: string; index: number; proof: string[] }
}>('zksync/derived/zks_getproof_mainnet_vector.json')
const good = () => ({
  address: M.address,
  storageProof: [{ ...M.storageProof, proof: [...M.storageProof.proof] }],
})

function inputError(value: LosslessJson, pattern: RegExp) {
  let err: unknown
  try {
    parseZksProofFile(value)
  } catch (e) {
    err = e
  }
  expect(err).toBeInstanceOf(InputError)
  expect((err as Error).message).toMatch(pattern)
}

describe('parseZksProof', () => {
  it('parses the bare result and the whole JSON-RPC response alike', () => {
    const bare = parseZksProofFile(good())
    const wrapped = parseZksProofFile({ jsonrpc: '2.0', id: 7, result: good() })
    expect(wrapped).toEqual(bare)
    expect(bare.address).toHaveLength(20)
    expect(bare.storageProof[0]!.index).toBe(27900957n)
    expect(bare.storageProof[0]!.proof).toHaveLength(29)
  })

  it('accepts the index as a number, a bigint from lossless JSON, or a 0x-quantity', () => {
    const text = JSON.stringify(good()).replace('27900957', '18446744073709551615')
    expect(parseZksProof(parseJsonLossless(text)).storageProof[0]!.index).toBe(2n ** 64n - 1n)
    const hex = { ...good(), storageProof: [{ ...good().storageProof[0]!, index: '0x1a9bc1d' }] }
    expect(parseZksProof(hex).storageProof[0]!.index).toBe(27900957n)
  })

  it('refuses null (batch not in the tree) and JSON-RPC errors with a clear message', () => {
    inputError(null, /not in the tree yet/)
    inputError({ jsonrpc: '2.0', id: 1, result: null }, /not in the tree yet/)
    inputError(
      { jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'Method not found' } },
      /Method not found/,
    )
  })

  it('refuses malformed fields, naming them', () => {
    const entry = () => good().storageProof[0]!
    inputError({ storageProof: [] }, /address/)
    inputError({ address: '0x1234', storageProof: [] }, /address/)
    inputError({ address: M.address }, /storageProof/)
    inputError({ address: M.address, storageProof: [{ ...entry(), key: '0x12' }] }, /storageProof\.0\.key/)
    inputError(
      { address: M.address, storageProof: [{ ...entry(), value: '0x81' }] },
      /storageProof\.0\.value/,
    )
    inputError({ address: M.address, storageProof: [{ ...entry(), value: '0x' + 'zz'.repeat(32) }] }, /value/)
    inputError({ address: M.address, storageProof: [{ ...entry(), index: -1 }] }, /index/)
    inputError({ address: M.address, storageProof: [{ ...entry(), index: 1.5 }] }, /index/)
    inputError({ address: M.address, storageProof: [{ ...entry(), index: 2n ** 64n }] }, /u64/)
    inputError({ address: M.address, storageProof: [{ ...entry(), index: '0x' + 'f'.repeat(17) }] }, /index/)
    inputError(
      { address: M.address, storageProof: [{ ...entry(), proof: ['0x00'] }] },
      /storageProof\.0\.proof\.0/,
    )
    inputError({ address: M.address, storageProof: [{ ...entry(), proof: 'x' }] }, /proof/)
    inputError([good()], /result/)
    inputError('0x00', /result/)
  })

  it('bounds sizes: entries and siblings', () => {
    const sib = M.storageProof.proof[0]!
    inputError(
      {
        address: M.address,
        storageProof: [{ ...good().storageProof[0]!, proof: Array(MAX_PROOF_SIBLINGS + 1).fill(sib) }],
      },
      /proof/,
    )
    inputError(
      { address: M.address, storageProof: Array(MAX_STORAGE_ENTRIES + 1).fill(good().storageProof[0]!) },
      /storageProof/,
    )
    // 257 siblings still parse, so that the verifier's length check names the problem
    const long = {
      address: M.address,
      storageProof: [{ ...good().storageProof[0]!, proof: Array(257).fill(sib) }],
    }
    expect(parseZksProof(long).storageProof[0]!.proof).toHaveLength(257)
  })
})
