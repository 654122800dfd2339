import { ssz } from '@lodestar/types'
import { describe, expect, it } from 'vitest'
import { readFixture, readFixtureText } from '../../../tests/support/fixtures'
import { rawFromBytes, type Evidence } from '../evidence/schema'
import { verifyEvidence } from '../kinds/verifyEvidence'
import { createEvidence } from '../evidence/createEvidence'
import { rawBytes, type RawItem } from '../evidence/schema'
import type { Report } from '../report'
import { COLIBRI_BALANCE, COLIBRI_STORAGE, colibriEvidence } from '../../../tests/support/colibriCases'
import { parseL1BalanceEvidence, type L1BalanceData } from './l1BalanceEvidence'
import { verifyL1Balance } from './verifyL1Balance'
import type { ChainStep } from './chainOfTrust'

/**
 * The composite verifier on Colibri's recorded mainnet chains (fixtures l1/PROVENANCE.md set C), and each
 * link of it tampered with: every tamper must fail the named check, never verify.
 */
const balance = () => colibriEvidence(COLIBRI_BALANCE, readFixture)
const data = (e: Evidence) => e.data as L1BalanceData

const verify = (e: Evidence): Promise<Report> => verifyL1Balance(parseL1BalanceEvidence(e))
const status = (r: Report, id: string) => r.checks.find((c) => c.id === id)?.status
const detail = (r: Report, id: string) => r.checks.find((c) => c.id === id)?.detail ?? ''
const chain = (r: Report) => r.facts.chain as unknown as ChainStep[]

/** Edits the JSON-RPC answer of proofs[i] (its `result`). */
function editAnswer(item: RawItem, edit: (result: Record<string, unknown>) => void): RawItem {
  const json = JSON.parse(new TextDecoder().decode(rawBytes(item))) as { result: Record<string, unknown> }
  edit(json.result)
  return rawFromBytes(new TextEncoder().encode(JSON.stringify(json)), true)
}

/** Re-encodes an Electra SignedBeaconBlock after an edit (tests only: lodestar types as the SSZ codec). */
function editBlock(
  item: RawItem,
  edit: (block: ReturnType<typeof ssz.electra.SignedBeaconBlock.deserialize>) => void,
) {
  const block = ssz.electra.SignedBeaconBlock.deserialize(rawBytes(item))
  edit(block)
  return rawFromBytes(ssz.electra.SignedBeaconBlock.serialize(block), false)
}

describe('verifyL1Balance on the real colibri chain', () => {
  it('ETH balance: checkpoint → signed head → state root → account → value, verified', async () => {
    const r = await verify(balance())
    expect(r.verdict).toBe('verified')
    expect(r.subject).toMatchObject({ kind: 'l1-state', trustRoot: { kind: 'beacon-checkpoint' } })
    expect(r.facts).toMatchObject({
      mode: 'eth',
      address: COLIBRI_BALANCE.address,
      token: null,
      balance: COLIBRI_BALANCE.expected.toString(),
      formatted: '19.685532618934027846 ETH',
      blockNumber: '22432278',
      stateRoot: COLIBRI_BALANCE.stateRoot,
      head: { source: 'signed-block', slot: '11650268', beaconRoot: COLIBRI_BALANCE.headRoot, signers: 504 },
    })
    const steps = chain(r)
    expect(steps.map((s) => s.step)).toEqual(['checkpoint', 'head', 'state-root', 'account', 'value'])
    expect(steps.every((s) => s.status === 'pass')).toBe(true)
    expect(steps[2]!.value).toBe(COLIBRI_BALANCE.stateRoot)
    expect(steps[4]!.value).toBe('19685532618934027846')
    expect(status(r, 'l1.head.signature')).toBe('pass')
    expect(status(r, 'l1.endpoints.agree')).toBe('skip')
  })

  it('storage-slot mode: the USDC proxy implementation slot, through its own signed head', async () => {
    const r = await verify(colibriEvidence(COLIBRI_STORAGE, readFixture))
    expect(r.verdict).toBe('verified')
    expect(r.facts).toMatchObject({
      mode: 'slot',
      slot: COLIBRI_STORAGE.slot,
      value: '0x00000000000000000000000043506849d7c04f9138d1a2050bbf3a0c054402dd',
      blockNumber: '22432097',
    })
    expect(chain(r).map((s) => s.step)).toEqual([
      'checkpoint',
      'head',
      'state-root',
      'account',
      'storage-slot',
      'value',
    ])
    expect(chain(r).every((s) => s.status === 'pass')).toBe(true)
  })

  it('two endpoints with the same answer agree', async () => {
    const e = balance()
    const first = data(e).proofs[0]!
    data(e).proofs.push({ ...first, endpoint: 'second.example' })
    const r = await verify(e)
    expect(r.verdict).toBe('verified')
    expect(status(r, 'l1.endpoints.agree')).toBe('pass')
    expect(status(r, 'l1.proof[1].mpt.account.proof')).toBe('pass')
  })

  it('a head far older than the evidence is a stopped chain: failed, naming l1.head.age', async () => {
    const e = balance()
    expect(status(await verify(e), 'l1.head.age')).toBe('pass')
    e.createdAt = '2025-05-09T14:00:00.000Z'
    const r = await verify(e)
    expect(r.verdict).toBe('failed')
    expect(status(r, 'l1.head.age')).toBe('fail')
    expect(detail(r, 'l1.head.age')).toContain('stopped or old chain')
  })

  it('the evidence re-verifies through the kinds table (verifyEvidence)', async () => {
    const r = await verifyEvidence(balance())
    expect(r.verdict).toBe('verified')
  })
})

describe('verifyL1Balance rejects tampering with the named check', () => {
  it('one byte flipped in an account proof node', async () => {
    const e = balance()
    const p = data(e).proofs[0]!
    p.answer = editAnswer(p.answer, (res) => {
      const nodes = res.accountProof as string[]
      const n = nodes[2]!
      const at = 200
      nodes[2] = n.slice(0, at) + (n[at] === '0' ? '1' : '0') + n.slice(at + 1)
    })
    const r = await verify(e)
    expect(r.verdict).toBe('failed')
    expect(status(r, 'l1.proof[0].mpt.account.proof')).toBe('fail')
    expect(r.facts.balance).toBeUndefined()
    expect(chain(r).find((s) => s.step === 'account')!.status).toBe('fail')
  })

  it('a changed balance claim', async () => {
    const e = balance()
    const p = data(e).proofs[0]!
    p.answer = editAnswer(p.answer, (res) => {
      res.balance = '0x211310f9e55ed8646'
    })
    const r = await verify(e)
    expect(r.verdict).toBe('failed')
    expect(status(r, 'l1.proof[0].mpt.account.fields')).toBe('fail')
    expect(detail(r, 'l1.proof[0].mpt.account.fields')).toContain('balance')
  })

  it('a different state root: the head block with another payload stateRoot no longer is the signed block', async () => {
    const e = balance()
    const blocks = data(e).headBlock!
    blocks.block = editBlock(blocks.block, (b) => {
      b.message.body.executionPayload.stateRoot = Uint8Array.from(
        b.message.body.executionPayload.stateRoot,
        (x, i) => (i === 0 ? x ^ 1 : x),
      )
    })
    const r = await verify(e)
    expect(r.verdict).toBe('failed')
    expect(status(r, 'l1.head.parent')).toBe('fail')
    expect(r.facts.stateRoot).toBeUndefined()
    expect(chain(r).find((s) => s.step === 'head')!.status).toBe('fail')
  })

  it('a different state root through the EL header path: another block’s header does not hash to the head', async () => {
    const e = balance()
    data(e).block = rawFromBytes(
      readFixture('l1/nimbus/nimbus_verified_proxy/tests/data/proof_block.json'),
      true,
    )
    const r = await verify(e)
    expect(r.verdict).toBe('failed')
    expect(status(r, 'l1.el-header.hash')).toBe('fail')
    // The proofs are still held to the verified head's root; the lying header alone fails the answer.
    expect(r.facts.balance).toBeUndefined()
  })

  it('a forged sync aggregate signature in the child block', async () => {
    const e = balance()
    const blocks = data(e).headBlock!
    blocks.child = editBlock(blocks.child, (b) => {
      const sig = b.message.body.syncAggregate.syncCommitteeSignature
      b.message.body.syncAggregate.syncCommitteeSignature = Uint8Array.from(sig, (x, i) =>
        i === 50 ? x ^ 1 : x,
      )
    })
    const r = await verify(e)
    expect(r.verdict).toBe('failed')
    expect(status(r, 'l1.head.signature')).toBe('fail')
  })

  it('without the period update the signing committee (period 1422) is unknown: l1.head.period', async () => {
    const e = balance()
    data(e).beacon.updates = []
    const r = await verify(e)
    expect(r.verdict).toBe('failed')
    expect(status(r, 'l1.head.period')).toBe('fail')
    expect(detail(r, 'l1.head.period')).toContain('next committee not known')
  })

  it('a sync aggregate with too few signers: l1.head.participation', async () => {
    const e = balance()
    const blocks = data(e).headBlock!
    blocks.child = editBlock(blocks.child, (b) => {
      const bits = b.message.body.syncAggregate.syncCommitteeBits
      for (let i = 0; i < 200; i++) bits.set(i, false)
    })
    const r = await verify(e)
    expect(r.verdict).toBe('failed')
    expect(status(r, 'l1.head.participation')).toBe('fail')
  })

  it('a disagreeing second endpoint fails and names both endpoints (no majority vote)', async () => {
    const e = balance()
    const first = data(e).proofs[0]!
    data(e).proofs.push(
      { ...first, endpoint: 'honest.example' },
      {
        ...first,
        endpoint: 'liar.example',
        answer: editAnswer(first.answer, (res) => {
          res.balance = '0x1'
        }),
      },
    )
    const r = await verify(e)
    expect(r.verdict).toBe('failed')
    expect(status(r, 'l1.endpoints.agree')).toBe('fail')
    expect(detail(r, 'l1.endpoints.agree')).toMatch(/colibri recording.*liar\.example|liar\.example.*colibri/)
    expect(status(r, 'l1.proof[2].mpt.account.fields')).toBe('fail')
    expect(r.facts.balance).toBeUndefined()
  })

  it('a proof for another block: eth_getProof asked at a different number', async () => {
    const e = balance()
    data(e).proofs[0]!.block = '0x1564966'
    const r = await verify(e)
    expect(r.verdict).toBe('failed')
    expect(status(r, 'l1.proof[0].block')).toBe('fail')
  })

  it('a proof for another block: a real proof taken at block 22432097 does not verify at 22432278', async () => {
    const e = balance()
    e.question = { address: COLIBRI_STORAGE.address, slot: COLIBRI_STORAGE.slot }
    data(e).proofs[0]!.answer = rawFromBytes(readFixture(COLIBRI_STORAGE.proof), true)
    const r = await verify(e)
    expect(r.verdict).toBe('failed')
    expect(status(r, 'l1.proof[0].address')).toBe('pass')
    expect(status(r, 'l1.proof[0].mpt.account.proof')).toBe('fail')
  })

  it('a proof for another account than the question asks', async () => {
    const e = balance()
    e.question = { address: '0x0000000000000000000000000000000000000001' }
    const r = await verify(e)
    expect(status(r, 'l1.proof[0].address')).toBe('fail')
    expect(r.verdict).toBe('failed')
  })

  it('ERC-20: the proven storage key must be the holder’s mapping slot', async () => {
    // The question asks for a WETH balance; the answer proves some other key (the USDC implementation slot).
    const e = colibriEvidence(COLIBRI_STORAGE, readFixture)
    e.question = {
      address: COLIBRI_BALANCE.address,
      token: { address: COLIBRI_STORAGE.address, symbol: 'USDC', decimals: 6, slot: '0x9' },
    }
    const r = await verify(e)
    expect(r.verdict).toBe('failed')
    expect(status(r, 'l1.token.table')).toBe('pass')
    expect(status(r, 'l1.proof[0].storage-key')).toBe('fail')
    expect(detail(r, 'l1.proof[0].storage-key')).toContain(COLIBRI_STORAGE.slot)
  })

  it('ERC-20: a token row that disagrees with the built-in table', async () => {
    const e = colibriEvidence(COLIBRI_STORAGE, readFixture)
    e.question = {
      address: COLIBRI_BALANCE.address,
      token: { address: COLIBRI_STORAGE.address, symbol: 'USDC', decimals: 18, slot: '0x9' },
    }
    const r = await verify(e)
    expect(status(r, 'l1.token.table')).toBe('fail')
    expect(detail(r, 'l1.token.table')).toContain('decimals 18')
  })

  it('a wrong checkpoint stops the chain at its first link', async () => {
    const e = balance()
    e.trust = { kind: 'beacon-checkpoint', value: `0x${'11'.repeat(32)}` }
    const r = await verify(e)
    expect(r.verdict).toBe('failed')
    expect(status(r, 'beacon.bootstrap.root')).toBe('fail')
    expect(status(r, 'l1.head')).toBe('skip')
    expect(chain(r)[0]!.status).toBe('fail')
    expect(
      chain(r)
        .slice(1)
        .every((s) => s.status !== 'pass'),
    ).toBe(true)
  })

  it('evidence dated before the child block was signed', async () => {
    const e = balance()
    e.createdAt = '2025-05-07T14:00:00.000Z'
    const r = await verify(e)
    expect(r.verdict).toBe('failed')
    expect(status(r, 'l1.head.parent')).toBe('fail')
    expect(detail(r, 'l1.head.parent')).toContain("after the evidence's time")
  })

  it('a head block that is not SSZ fails l1.head.blocks', async () => {
    const e = balance()
    data(e).headBlock!.block = rawFromBytes(new Uint8Array(300), false)
    const r = await verify(e)
    expect(status(r, 'l1.head.blocks')).toBe('fail')
    expect(r.verdict).toBe('failed')
  })

  it('a malformed answer fails l1.proof[0].parse', async () => {
    const e = balance()
    data(e).proofs[0]!.answer = rawFromBytes(
      new TextEncoder().encode('{"jsonrpc":"2.0","id":1,"result":{}}'),
      true,
    )
    const r = await verify(e)
    expect(status(r, 'l1.proof[0].parse')).toBe('fail')
    expect(r.verdict).toBe('failed')
  })

  it('no answers at all never verifies', async () => {
    const e = balance()
    data(e).proofs = []
    const r = await verify(e)
    expect(r.verdict).toBe('failed')
    expect(status(r, 'l1.proof')).toBe('skip')
    expect(status(r, 'l1.value')).toBe('fail')
  })

  it('malformed evidence data is an InputError at the boundary', () => {
    const e = balance()
    expect(() => parseL1BalanceEvidence({ ...e, data: { ...e.data, proofs: 'x' } })).toThrow(/evidence data/)
    expect(() => parseL1BalanceEvidence({ ...e, question: { address: '0x12' } })).toThrow(/question/)
    expect(() => parseL1BalanceEvidence({ ...e, trust: { kind: 'state-root', value: '0x' } })).toThrow(
      /beacon-checkpoint/,
    )
  })
})

/** nimbus' finalized Fulu chain (set B), asked about WETH; the endpoint's answers are the caller's. */
const NIMBUS = 'l1/nimbus/nimbus_verified_proxy/tests/data'
const nimbusText = (f: string) =>
  rawFromBytes(new TextEncoder().encode(readFixtureText(`${NIMBUS}/${f}`)), true)
const json = (value: unknown) => rawFromBytes(new TextEncoder().encode(JSON.stringify(value)), true)

function nimbusFinalized(extra: { block?: RawItem; proof: Record<string, unknown> }) {
  return createEvidence({
    kind: 'l1-balance',
    // after signature slot 14018020 (mainnet genesis 1606824023, 12 s slots)
    createdAt: new Date((1606824023 + 14018021 * 12) * 1000).toISOString(),
    question: { address: '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2' },
    trust: {
      kind: 'beacon-checkpoint',
      value: '0x9bcb90ec3a294591b77dd2a58e973578715cdc0e6eeeb286bc06dd120057f18b',
    },
    data: {
      beacon: {
        network: 'mainnet',
        bootstrap: nimbusText('lc_bootstrap.json'),
        updates: [nimbusText('lc_updates.json')],
        finality: nimbusText('lc_finality.json'),
        optimistic: null,
      },
      ...(extra.block ? { block: extra.block } : {}),
      proofs: [{ block: '0x17a2d23', answer: nimbusText('storage_proof.json'), ...extra.proof }],
    },
  })
}

describe('verifyL1Balance on the finalized path (nimbus Fulu chain, set B)', () => {
  it('finalized head + EL header bound to its hash; a proof of another block then fails against that root', async () => {
    const e = nimbusFinalized({
      block: nimbusText('block_0x17a2d23.json'),
      proof: { endpoint: 'nimbus recording' },
    })
    const r = await verify(e)
    expect(status(r, 'l1.head.finalized')).toBe('pass')
    expect(status(r, 'l1.el-header.hash')).toBe('pass')
    expect(r.facts.stateRoot).toBe('0xa9f2a53b59b64a891f12cdc1d1112ce29b659cbf9dc4b6def940e288e00ee4ef')
    expect(r.facts.blockNumber).toBe('24784163')
    expect(status(r, 'l1.proof[0].block')).toBe('pass')
    // storage_proof.json was taken at block 23223655, not at the finalized head.
    expect(status(r, 'l1.proof[0].mpt.account.proof')).toBe('fail')
    expect(r.verdict).toBe('failed')
  })
})

describe('verifyL1Balance: what each endpoint says about itself and the head', () => {
  const text = nimbusText
  /** nimbus' finalized chain with the head's EL header as the endpoint's eth_getBlockByNumber answer. */
  const finalized = (header: RawItem | undefined, chainId?: RawItem) =>
    nimbusFinalized({
      proof: {
        endpoint: 'https://node.example',
        ...(header ? { header } : {}),
        ...(chainId ? { chainId } : {}),
      },
    })

  it('the colibri recording has no endpoint header: the signed payload rebuilt into a header binds the hash', async () => {
    const r = await verify(balance())
    expect(status(r, 'l1.el-header.hash')).toBe('pass')
    expect(detail(r, 'l1.el-header.hash')).toMatch(/execution payload rebuilt into a header/)
    // No eth_chainId was recorded: shown, not required (the proof against the signed root speaks for the chain).
    const chainCheck = r.checks.find((c) => c.id === 'l1.proof[0].chain-id')!
    expect(chainCheck).toMatchObject({ status: 'skip', required: false })
    expect(r.verdict).toBe('verified')
  })

  it('an endpoint header of the finalized head binds to the verified hash and state root', async () => {
    const r = await verify(
      finalized(text('block_0x17a2d23.json'), json({ jsonrpc: '2.0', id: 1, result: '0x1' })),
    )
    expect(status(r, 'l1.el-header.hash')).toBe('pass')
    expect(detail(r, 'l1.el-header.hash')).toContain('https://node.example')
    expect(status(r, 'l1.proof[0].chain-id')).toBe('pass')
  })

  it('header swapped: another block’s header from the endpoint fails l1.el-header.hash, naming it', async () => {
    const r = await verify(finalized(text('proof_block.json')))
    expect(r.verdict).toBe('failed')
    expect(status(r, 'l1.el-header.hash')).toBe('fail')
    expect(detail(r, 'l1.el-header.hash')).toContain('https://node.example')
  })

  it('header with another stateRoot (its hash field kept): the fields no longer hash to it', async () => {
    const block = JSON.parse(readFixtureText(`${NIMBUS}/block_0x17a2d23.json`)) as Record<string, unknown>
    const result = (block.result ?? block) as Record<string, string>
    result.stateRoot = `0x${'00'.repeat(31)}01`
    const r = await verify(finalized(json(block)))
    expect(status(r, 'l1.el-header.hash')).toBe('fail')
    expect(r.verdict).toBe('failed')
  })

  it('no header at all on a finalized head (older evidence): skipped, required, so never verified', async () => {
    const r = await verify(finalized(undefined))
    const c = r.checks.find((x) => x.id === 'l1.el-header.hash')!
    expect(c).toMatchObject({ status: 'skip', required: true })
    expect(r.verdict).not.toBe('verified')
  })

  it('chain id wrong: an endpoint that reports Sepolia on mainnet fails l1.proof[0].chain-id', async () => {
    const r = await verify(
      finalized(text('block_0x17a2d23.json'), json({ jsonrpc: '2.0', id: 1, result: '0xaa36a7' })),
    )
    expect(status(r, 'l1.proof[0].chain-id')).toBe('fail')
    expect(detail(r, 'l1.proof[0].chain-id')).toMatch(/11155111.*mainnet.*1\b/)
    expect(r.verdict).toBe('failed')
  })

  it('chain id not a quantity fails too', async () => {
    const r = await verify(
      finalized(text('block_0x17a2d23.json'), json({ jsonrpc: '2.0', id: 1, result: 1 })),
    )
    expect(status(r, 'l1.proof[0].chain-id')).toBe('fail')
  })
})
