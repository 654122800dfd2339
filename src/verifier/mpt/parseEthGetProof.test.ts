import { describe, expect, it } from 'vitest'
import { readFixtureText } from '../../../tests/support/fixtures'
import { InputError } from '../../shared/errors'
import { bytesToHex } from '../encoding/hex'
import { parseJsonLossless, type LosslessJson } from '../encoding/json'
import { parseEthGetProof } from './parseEthGetProof'
import { REAL_PROOF_CASES } from '../../../tests/support/realProofCases'

const nimbusText = readFixtureText(REAL_PROOF_CASES[0]!.file)
const nimbus = () => parseJsonLossless(nimbusText) as { [k: string]: LosslessJson }

function expectInputError(json: LosslessJson, message: RegExp) {
  expect(() => parseEthGetProof(json)).toThrow(InputError)
  expect(() => parseEthGetProof(json)).toThrow(message)
}

describe('parseEthGetProof', () => {
  it('reads a bare result and a whole JSON-RPC response alike', () => {
    const bare = parseEthGetProof(nimbus())
    const wrapped = parseEthGetProof({ jsonrpc: '2.0', id: 1, result: nimbus() })
    expect(wrapped).toEqual(bare)
    expect(bytesToHex(bare.address)).toBe('0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2')
    expect(bare.balance).toBe(0x1d663f6a4afc5b01abb5dn)
    expect(bare.accountProof).toHaveLength(9)
    expect(bare.storageProof[0]!.value).toBe(0x288a82d13c3d1600n)
  })

  it('refuses a JSON-RPC error response with the endpoint message', () => {
    expectInputError(
      { jsonrpc: '2.0', id: 1, error: { code: -32000, message: 'missing trie node' } },
      /missing trie node/,
    )
  })

  it('left-pads short storage keys (QUANTITY form) to 32 bytes', () => {
    const j = nimbus()
    ;(j.storageProof as { [k: string]: LosslessJson }[])[0]!.key = '0x1'
    expect(bytesToHex(parseEthGetProof(j).storageProof[0]!.key)).toBe('0x' + '0'.repeat(63) + '1')
  })

  it('refuses malformed fields with the path of the first problem', () => {
    const cases: [(j: { [k: string]: LosslessJson }) => void, RegExp][] = [
      [(j) => (j.address = '0xc02a'), /address: expected 20 bytes/],
      [(j) => ((j.accountProof as string[])[0] = '0xabc'), /accountProof\.0: expected 0x-hex/],
      [(j) => ((j.accountProof as string[])[0] = 'f90211'), /accountProof\.0/],
      [(j) => (j.balance = '0x' + 'f'.repeat(65)), /balance/],
      [(j) => (j.nonce = '0x10000000000000000'), /nonce does not fit/],
      [(j) => delete j.storageHash, /storageHash/],
      [(j) => (j.accountProof = Array.from({ length: 81 }, () => '0x80')), /accountProof/],
      [(j) => ((j.accountProof as string[])[0] = '0x' + '00'.repeat(1025)), /more than 1024 bytes/],
      [
        (j) => ((j.storageProof as { [k: string]: LosslessJson }[])[0]!.key = '0x' + '1'.repeat(65)),
        /storageProof\.0\.key/,
      ],
    ]
    for (const [mutate, message] of cases) {
      const j = nimbus()
      mutate(j)
      expectInputError(j, message)
    }
    expectInputError([], /expected an object/)
    expectInputError('0x', /expected an object/)
  })
})
