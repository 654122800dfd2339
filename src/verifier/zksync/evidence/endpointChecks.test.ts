import { describe, expect, it } from 'vitest'
import { buildL1World } from '../../../../devnet/l1/buildL1World'
import { blockJson } from '../../../../devnet/l1/l1Block'
import { rawFromBytes } from '../../evidence/schema'
import { ReportBuilder, type Report } from '../../report'
import { checkL1Header } from './endpointChecks'

/**
 * zksync.l1.header on a generated L1 chain (devnet/l1, real Prague headers): the L1 endpoint's
 * eth_getBlockByNumber(head) answer must hash to the verified block hash and carry its state root.
 */
const l1 = buildL1World({ seed: 'endpoint-checks', blocks: 3, accounts: [], contracts: [], transactions: [] })
const head = { blockNumber: l1.head.number, blockHash: l1.head.hash, stateRoot: l1.head.header.stateRoot }
const item = (result: unknown) => ({
  endpoint: 'http://l1.test',
  answer: rawFromBytes(new TextEncoder().encode(JSON.stringify({ jsonrpc: '2.0', id: 1, result })), true),
})
function run(result: unknown): Report['checks'][number] {
  const r = new ReportBuilder({ kind: 'test', description: 'test' })
  checkL1Header(r, item(result), head)
  return r.build().checks[0]!
}

describe('checkL1Header', () => {
  it('the head’s own header binds', () => {
    expect(run(blockJson(l1.head, false))).toMatchObject({ status: 'pass', required: true })
  })

  it('header swapped: the parent block’s header fails, naming the endpoint', () => {
    const c = run({
      ...blockJson(l1.blockByNumber(l1.head.number - 1n)!, false),
      number: `0x${l1.head.number.toString(16)}`,
    })
    expect(c.status).toBe('fail')
    expect(c.detail).toContain('http://l1.test')
  })

  it('another block number fails', () => {
    expect(run(blockJson(l1.blockByNumber(1n)!, false)).status).toBe('fail')
  })

  it('another stateRoot, hash field kept: the fields no longer hash to it', () => {
    const json = { ...blockJson(l1.head, false), stateRoot: `0x${'22'.repeat(32)}` }
    expect(run(json).status).toBe('fail')
  })

  it('another stateRoot with the hash field dropped: does not hash to the verified hash', () => {
    const json: Record<string, unknown> = { ...blockJson(l1.head, false), stateRoot: `0x${'22'.repeat(32)}` }
    delete json.hash
    expect(run(json).status).toBe('fail')
  })

  it('a node that does not know the block (null) cannot be bound: skipped, required', () => {
    expect(run(null)).toMatchObject({ status: 'skip', required: true })
  })

  it('no answer in the evidence (older evidence): skipped, required', () => {
    const r = new ReportBuilder({ kind: 'test', description: 'test' })
    checkL1Header(r, undefined, head)
    expect(r.build().verdict).toBe('incomplete')
  })
})
