import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../tests/support/fixtures'
import { InputError } from '../../shared/errors'
import { bytesToHex, hexToBytes } from '../encoding/hex'
import type { LosslessJson } from '../encoding/json'
import { HEADER_FIELDS, parseBlockHeader, verifyBlockHeader, type HeaderFork } from './blockHeader'

const N = 'l1/nimbus/nimbus_verified_proxy/tests/data'
const L = 'l1/lodestar/packages/prover/test/fixtures'

/** Every real EL block in the fixtures, with the fork its layout must be detected as. */
const BLOCKS: { file: string; fork: HeaderFork; pick?: (j: unknown) => unknown }[] = [
  { file: `${N}/Frontier.json`, fork: 'frontier' },
  { file: `${N}/London.json`, fork: 'london' },
  { file: `${N}/Paris.json`, fork: 'london' },
  { file: `${N}/Shanghai.json`, fork: 'shanghai' },
  { file: `${N}/Cancun.json`, fork: 'cancun' },
  { file: `${N}/Prague.json`, fork: 'prague' },
  { file: `${N}/block_0x17a2d23.json`, fork: 'prague' },
  { file: `${N}/proof_block.json`, fork: 'prague' },
  { file: 'l1/helios/tests/testdata/rpc/block.json', fork: 'cancun' },
  {
    file: 'l1/colibri/test/data/eth_getLogs_electra/eth_getBlockByNumber_0x1564967_false.json',
    fork: 'prague',
  },
  ...(
    [
      ['mainnet/eth_call.json', 'shanghai'],
      ['sepolia/eth_getBalance_eoa.json', 'shanghai'],
      ['sepolia/eth_getBlock_with_contractCreation.json', 'london'], // Sepolia 1893475: after the merge, before Shanghai
      ['sepolia/eth_getBlock_with_no_accessList.json', 'shanghai'],
    ] as const
  ).map(([f, fork]) => ({
    file: `${L}/${f}`,
    fork: fork as HeaderFork,
    pick: (j: unknown) => (j as { execution: { block: unknown } }).execution.block,
  })),
]

function load(b: (typeof BLOCKS)[number]): Record<string, LosslessJson> {
  const json = readFixtureJson(b.file)
  return structuredClone((b.pick ? b.pick(json) : json) as Record<string, LosslessJson>)
}

describe('EL header hash across forks', () => {
  it.each(BLOCKS.map((b) => [b.file.split('/').slice(-2).join('/'), b] as const))(
    '%s hashes to its block hash',
    (_name, b) => {
      const header = parseBlockHeader(load(b))
      const result = verifyBlockHeader(header)
      expect(result.status).toBe('pass')
      expect(header.fork).toBe(b.fork)
      expect(bytesToHex(result.hash)).toBe(bytesToHex(header.claimedHash!))
    },
  )

  it('binds Prague block 24784163 to the hash PROVENANCE.md quotes and exposes its state root', () => {
    const json = load(BLOCKS[6]!)
    const header = parseBlockHeader(json)
    expect(header.number).toBe(24784163n)
    expect(verifyBlockHeader(header, hexToBytes(json.hash as string)).status).toBe('pass')
    expect(bytesToHex(header.stateRoot)).toBe(
      '0xa9f2a53b59b64a891f12cdc1d1112ce29b659cbf9dc4b6def940e288e00ee4ef',
    )
  })

  it('colibri child header: parentHash is the hash of block 22432102 (receipts fixture)', () => {
    const header = parseBlockHeader(load(BLOCKS[9]!))
    expect(bytesToHex(header.parentHash)).toBe(
      '0x2e4b7886373b6dbb3d03b6f51527c9a4624697c69aa1e081a99fe9cb65dbebaa',
    )
  })
})

describe('EL header tampering', () => {
  const prague = BLOCKS[5]!

  it('changing any header field breaks the hash', () => {
    for (const f of HEADER_FIELDS) {
      const json = load(prague)
      const v = json[f.name] as string
      json[f.name] =
        f.kind === 'uint'
          ? '0x' + (BigInt(v) + 1n).toString(16)
          : v.slice(0, -1) + (v.endsWith('0') ? '1' : '0')
      const r = verifyBlockHeader(parseBlockHeader(json))
      expect(r.status, f.name).toBe('fail')
    }
  })

  it('a wrong trusted hash fails; a header without hash needs a trusted one', () => {
    const json = load(prague)
    const wrong = hexToBytes(json.hash as string)
    wrong[0]! ^= 1
    expect(verifyBlockHeader(parseBlockHeader(json), wrong)).toMatchObject({ status: 'fail' })
    delete json.hash
    expect(verifyBlockHeader(parseBlockHeader(json)).status).toBe('fail')
  })

  it('dropping the newest field changes the layout and the hash no longer matches', () => {
    const json = load(prague)
    delete json.requestsHash
    const header = parseBlockHeader(json)
    expect(header.fork).toBe('cancun')
    expect(verifyBlockHeader(header).status).toBe('fail')
  })

  it('a layout no fork ever had is refused as input', () => {
    const gap = load(prague)
    delete gap.withdrawalsRoot
    expect(() => parseBlockHeader(gap)).toThrow(InputError)
    const half = load(prague)
    delete half.excessBlobGas
    expect(() => parseBlockHeader(half)).toThrow(/has blobGasUsed but not excessBlobGas/)
    const bad = load(prague)
    bad.stateRoot = '0x1234'
    expect(() => parseBlockHeader(bad)).toThrow(/stateRoot: expected 32 bytes/)
  })
})
