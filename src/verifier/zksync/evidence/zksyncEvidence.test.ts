import { describe, expect, it } from 'vitest'
import { verifyEvidence } from '../../kinds/verifyEvidence'
import type { Report } from '../../report'
import { verifyZksyncBalanceEvidence, verifyZksyncBatchEvidence } from './zksyncEvidence'
import {
  balanceEvidence,
  batchEvidence,
  composeZksyncWorld,
  honestBatchParts,
  honestZksProofs,
} from '../../../../tests/integration/zksyncTestWorld'
import { mappingSlotHex, slotHex, DIAMOND_SLOT_NUMBERS as S } from '../../../../devnet/zksync/batchArtifacts'
import { buildL1World } from '../../../../devnet/l1/buildL1World'
import { bytesToHex } from '../../encoding/hex'
import { batchSlotRequests } from './proveDiamondStorage'

// One world for the whole file: 4 batches, 4 committed, 3 proven, 2 executed.
const w = composeZksyncWorld('zksync-evidence-test', 4)
const account = w.zk.accounts[0]!

const check = (r: Report, id: string) => r.checks.find((c) => c.id === id)
const failedIds = (r: Report) => r.checks.filter((c) => c.required && c.status === 'fail').map((c) => c.id)

type Json = Record<string, unknown>
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

/** An L1 world like w.l1 whose diamond storage differs: `edit` changes the final storage map. */
function l1WithStorage(edit: (m: Map<string, string>) => void) {
  const storage = w.zk.diamondStorageAt(w.zk.operations.length)
  edit(storage)
  return buildL1World({
    seed: 'zksync-evidence-test',
    accounts: [],
    contracts: [{ address: w.zk.diamond, code: '0x60006000fd', storage }],
    transactions: w.zk.operations.map((op) => ({ to: op.to, input: op.input })),
    erc20: false,
  })
}

describe('zksync-batch evidence on the generated world (state-root trust)', () => {
  it('an executed batch verifies with every check passing and its StoredBatchInfo bound', async () => {
    const r = await verifyZksyncBatchEvidence(batchEvidence(w, 2n))
    expect(failedIds(r)).toEqual([])
    expect(r.checks.filter((c) => c.required && c.status !== 'pass')).toEqual([])
    expect(r.verdict).toBe('verified')
    expect(r.facts.status).toBe('executed')
    const sbi = r.facts.storedBatchInfo as Json
    expect(sbi.batchHash).toBe(bytesToHex(w.zk.batches[2]!.stateRoot))
    expect(sbi.commitment).toBe(bytesToHex(w.zk.batches[2]!.storedBatchInfo.commitment))
    expect(sbi.fields).toBe(9)
    expect(r.facts.recomputedCommitment).toBe(sbi.commitment)
  })

  it('reports proven and committed batches with their status', async () => {
    expect((await verifyZksyncBatchEvidence(batchEvidence(w, 3n))).facts.status).toBe('proven')
    const r = await verifyZksyncBatchEvidence(batchEvidence(w, 4n))
    expect(r.facts.status).toBe('committed')
    expect(r.verdict).toBe('verified')
  })

  it('runs through the evidence kinds table', async () => {
    const r = await verifyEvidence(batchEvidence(w, 1n))
    expect(r.verdict).toBe('verified')
  })

  it('a batch above totalBatchesCommitted is not reported as committed', async () => {
    const parts = honestBatchParts(w, 5n)
    const r = await verifyZksyncBatchEvidence(
      batchEvidence(w, 5n, { ...parts, commitTx: honestBatchParts(w, 4n).commitTx }),
    )
    expect(r.verdict).toBe('failed')
    expect(failedIds(r)).toContain('zksync.batch.committed')
  })

  it('a wrong stored hash fails the binding', async () => {
    const l1 = l1WithStorage((m) => m.set(mappingSlotHex(2n, S.storedBatchHashes), '0x' + '11'.repeat(32)))
    const parts = honestBatchParts(w, 2n)
    parts.diamondProof = l1.head.state.getProof(
      w.zk.diamond,
      batchSlotRequests(2n).map((s) => bytesToHex(s.key)),
    )
    const e = batchEvidence(w, 2n, parts)
    e.trust.value = bytesToHex(l1.head.header.stateRoot)
    const r = await verifyZksyncBatchEvidence(e)
    expect(r.verdict).toBe('failed')
    expect(failedIds(r)).toEqual(['zksync.batch.sbiBinding'])
    expect(r.facts.storedBatchInfo).toBeUndefined()
  })

  it('a lying counter in the answer fails that slot', async () => {
    const parts = honestBatchParts(w, 3n)
    const p = clone(parts.diamondProof) as { storageProof: { key: string; value: string }[] }
    const executed = p.storageProof.find((s) => s.key === slotHex(S.totalBatchesExecuted))!
    executed.value = '0x3'
    const r = await verifyZksyncBatchEvidence(batchEvidence(w, 3n, { ...parts, diamondProof: p }))
    expect(r.verdict).toBe('failed')
    expect(failedIds(r)).toEqual(['zksync.diamond.storage.totalBatchesExecuted'])
  })

  it('a lying counter proven in L1 state is caught by the counter order check', async () => {
    const l1 = l1WithStorage((m) => m.set(slotHex(S.totalBatchesExecuted), '0x' + '09'.padStart(64, '0')))
    const parts = honestBatchParts(w, 2n)
    parts.diamondProof = l1.head.state.getProof(
      w.zk.diamond,
      batchSlotRequests(2n).map((s) => bytesToHex(s.key)),
    )
    const e = batchEvidence(w, 2n, parts)
    e.trust.value = bytesToHex(l1.head.header.stateRoot)
    const r = await verifyZksyncBatchEvidence(e)
    expect(failedIds(r)).toContain('zksync.diamond.counters')
  })

  it('a settlement layer other than L1 is incomplete, never verified', async () => {
    const l1 = l1WithStorage((m) =>
      m.set(slotHex(S.settlementLayer), '0x' + '77'.repeat(20).padStart(64, '0')),
    )
    const parts = honestBatchParts(w, 2n)
    parts.diamondProof = l1.head.state.getProof(
      w.zk.diamond,
      batchSlotRequests(2n).map((s) => bytesToHex(s.key)),
    )
    const e = batchEvidence(w, 2n, parts)
    e.trust.value = bytesToHex(l1.head.header.stateRoot)
    const r = await verifyZksyncBatchEvidence(e)
    expect(r.verdict).toBe('incomplete')
    expect(check(r, 'zksync.diamond.settlementLayer')?.status).toBe('skip')
    expect(check(r, 'zksync.diamond.settlementLayer')?.detail).toMatch(/settle there/)
  })

  it('a flipped byte in the commit calldata is caught (binding or calldata checks)', async () => {
    const parts = honestBatchParts(w, 2n)
    const tx = clone(parts.commitTx) as { input: string }
    // Offset well inside the CommitBatchInfo (the state root of the new batch): the rebuilt SBI no longer binds.
    const input = tx.input
    const at = input.indexOf(bytesToHex(w.zk.batches[2]!.stateRoot).slice(2)) + 10
    tx.input = input.slice(0, at) + (input[at] === '0' ? '1' : '0') + input.slice(at + 1)
    const r = await verifyZksyncBatchEvidence(batchEvidence(w, 2n, { ...parts, commitTx: tx }))
    expect(r.verdict).toBe('failed')
    expect(failedIds(r)).toContain('zksync.batch.sbiBinding')
  })

  it('a commit whose version byte Lightproof does not decode (v33’s 5) is incomplete, never failed', async () => {
    const parts = honestBatchParts(w, 2n)
    const tx = clone(parts.commitTx) as { input: string }
    // selector 4 bytes, head (chain, from, to, offset) 4 words, bytes length 1 word: then the version byte.
    const at = 2 + 2 * (4 + 5 * 32)
    expect(tx.input.slice(at, at + 2)).toBe('01')
    tx.input = tx.input.slice(0, at) + '05' + tx.input.slice(at + 2)
    const r = await verifyZksyncBatchEvidence(batchEvidence(w, 2n, { ...parts, commitTx: tx }))
    expect(failedIds(r)).toEqual([])
    expect(r.verdict).toBe('incomplete')
    expect(check(r, 'zksync.commitTx.calldata')?.status).toBe('error')
    expect(check(r, 'zksync.commitTx.calldata')?.detail).toMatch(/^encoding version 5 not supported yet/)
  })

  it('the commit calldata of another batch is refused by name', async () => {
    const parts = honestBatchParts(w, 2n)
    const r = await verifyZksyncBatchEvidence(
      batchEvidence(w, 2n, { ...parts, commitTx: honestBatchParts(w, 3n).commitTx }),
    )
    expect(failedIds(r)).toContain('zksync.commitTx.batch')
    expect(r.verdict).toBe('failed')
  })

  it('without a commit transaction the batch status is proven but the contents are not: incomplete', async () => {
    const r = await verifyZksyncBatchEvidence(
      batchEvidence(w, 2n, { ...honestBatchParts(w, 2n), commitTx: null }),
    )
    expect(r.verdict).toBe('incomplete')
    expect(check(r, 'zksync.batch.sbiBinding')?.status).toBe('skip')
    expect(r.facts.status).toBe('executed')
  })

  it('a diamond proof against another state root fails the account proof', async () => {
    const e = batchEvidence(w, 2n)
    e.trust.value = bytesToHex(w.l1.blockByNumber(1n)!.header.stateRoot)
    const r = await verifyZksyncBatchEvidence(e)
    expect(failedIds(r)).toEqual(['zksync.diamond.account'])
  })

  it('an upgrade to another calldata layout since the commit skips the commitment with the reason', async () => {
    const l1 = l1WithStorage((m) =>
      m.set(slotHex(S.protocolVersion), '0x' + ((32n << 32n) | 0n).toString(16).padStart(64, '0')),
    )
    const parts = honestBatchParts(w, 2n)
    parts.diamondProof = l1.head.state.getProof(
      w.zk.diamond,
      batchSlotRequests(2n).map((s) => bytesToHex(s.key)),
    )
    const e = batchEvidence(w, 2n, parts)
    e.trust.value = bytesToHex(l1.head.header.stateRoot)
    const r = await verifyZksyncBatchEvidence(e)
    expect(r.verdict).toBe('incomplete')
    expect(check(r, 'zksync.batch.commitment')?.status).toBe('skip')
    expect(check(r, 'zksync.batch.commitment')?.detail).toMatch(/protocol v32/)
  })
})

describe('the diamond is fixed by the network, never by the file (issue 15 item 7)', () => {
  // An impostor contract beside the real diamond, in the same L1 state: its storage says batch 4 is executed,
  // while the real diamond under the same root says committed.
  const IMPOSTOR = '0x000000000000000000000000000000000000f00d'
  const real = w.zk.diamondStorageAt(w.zk.operations.length)
  const forged = new Map(real)
  forged.set(slotHex(S.totalBatchesExecuted), '0x' + '04'.padStart(64, '0'))
  forged.set(slotHex(S.totalBatchesVerified), '0x' + '04'.padStart(64, '0'))
  const l1 = buildL1World({
    seed: 'zksync-evidence-test',
    accounts: [],
    contracts: [
      { address: w.zk.diamond, code: '0x60006000fd', storage: real },
      { address: IMPOSTOR, code: '0x60006000fd', storage: forged },
    ],
    transactions: w.zk.operations.map((op) => ({ to: op.to, input: op.input })),
    erc20: false,
  })
  const slots = batchSlotRequests(4n).map((s) => bytesToHex(s.key))
  const evidenceFor = (proofOf: string, named: string | undefined) => {
    const e = batchEvidence(w, 4n, {
      ...honestBatchParts(w, 4n),
      diamondProof: l1.head.state.getProof(proofOf, slots),
    })
    e.trust.value = bytesToHex(l1.head.header.stateRoot)
    if (named !== undefined) e.data.diamond = named
    return e
  }

  it('the real diamond under that root verifies batch 4 as committed', async () => {
    const r = await verifyEvidence(evidenceFor(w.zk.diamond, undefined))
    expect(r.verdict).toBe('verified')
    expect(r.facts.status).toBe('committed')
  })

  it('data.diamond naming another contract, proven against the same root, fails zksync.diamond.address naming both', async () => {
    const r = await verifyEvidence(evidenceFor(IMPOSTOR, IMPOSTOR))
    expect(r.verdict).toBe('failed')
    expect(failedIds(r)).toEqual(['zksync.diamond.address'])
    const detail = check(r, 'zksync.diamond.address')!.detail
    expect(detail).toContain(IMPOSTOR)
    expect(detail).toContain(w.zk.diamond)
    expect(r.facts.status).toBeUndefined()
  })

  it('the impostor’s proof without data.diamond fails zksync.diamond.address naming both', async () => {
    const r = await verifyEvidence(evidenceFor(IMPOSTOR, undefined))
    expect(failedIds(r)).toEqual(['zksync.diamond.address'])
    expect(check(r, 'zksync.diamond.address')!.detail).toContain(IMPOSTOR)
    expect(check(r, 'zksync.diamond.address')!.detail).toContain(w.zk.diamond)
  })

  it('the same rule holds for zksync-balance and zksync-counters evidence', async () => {
    const b = balanceEvidence(w, account, 4n)
    b.data.diamond = IMPOSTOR
    expect(failedIds(await verifyEvidence(b))).toEqual(['zksync.diamond.address'])
    const c = { ...evidenceFor(IMPOSTOR, IMPOSTOR), kind: 'zksync-counters', question: {} }
    c.data = { diamondProof: c.data.diamondProof, diamond: IMPOSTOR, network: 'lightproof-devnet' }
    expect(failedIds(await verifyEvidence(c))).toEqual(['zksync.diamond.address'])
  })

  it('a network without an Era chain has no diamond to prove: fails by name', async () => {
    const e = evidenceFor(w.zk.diamond, undefined)
    e.data.network = 'hoodi'
    const r = await verifyEvidence(e)
    expect(check(r, 'zksync.diamond.address')).toMatchObject({ status: 'fail' })
    expect(check(r, 'zksync.diamond.address')!.detail).toMatch(/hoodi/)
  })
})

describe('zksync-balance evidence on the generated world', () => {
  it('verifies ETH, token and nonce at an executed batch against the bound batch root', async () => {
    const r = verifyZksyncBalanceEvidence(balanceEvidence(w, account, 2n))
    expect(failedIds(r)).toEqual([])
    expect(r.verdict).toBe('verified')
    expect((r.facts.eth as Json).wei).toBe(w.zk.ethBalance(account, 2n).toString())
    expect((r.facts.token as Json).raw).toBe(w.zk.tokenBalance(account, 2n).toString())
    expect((r.facts.nonce as Json).minNonce).toBe(w.zk.nonce(account, 2n).toString())
    expect(r.facts.asOf).toMatch(/^as of batch 2, executed on L1/)
    const path = (r.facts.treePath as Json).eth as Json
    expect((path.picture as string).length).toBe(256)
    expect((path.given as number) + (path.padded as number)).toBe(256)
  })

  it('proves an account absent from the tree as zero', async () => {
    const late = w.zk.accounts[w.zk.accounts.length - 1]!
    const r = verifyZksyncBalanceEvidence(balanceEvidence(w, late, 1n, { withToken: false }))
    expect(r.verdict).toBe('verified')
    expect((r.facts.eth as Json).wei).toBe('0')
  })

  it('a balance at a batch that is only proven is incomplete, saying it is not final', async () => {
    const r = verifyZksyncBalanceEvidence(balanceEvidence(w, account, 3n))
    expect(r.verdict).toBe('incomplete')
    expect(check(r, 'zksync.balance.final')?.status).toBe('skip')
    expect(check(r, 'zksync.balance.final')?.detail).toMatch(/proven.*not final/)
    expect(r.facts.asOf).toMatch(/not executed/)
  })

  it('a changed zks_getProof sibling fails the fold', async () => {
    const proofs = clone(honestZksProofs(w, account, 2n)) as { storageProof: { proof: string[] }[] }[]
    const sib = proofs[0]!.storageProof[0]!.proof
    sib[1] = sib[1]!.slice(0, -1) + (sib[1]!.endsWith('0') ? '1' : '0')
    const r = verifyZksyncBalanceEvidence(balanceEvidence(w, account, 2n, { zksProofs: proofs }))
    expect(r.verdict).toBe('failed')
    expect(failedIds(r)).toEqual(['zks.eth.proof'])
  })

  it('a raised value fails the fold of that location', async () => {
    const proofs = clone(honestZksProofs(w, account, 2n)) as { storageProof: { value: string }[] }[]
    const e = proofs[2]!.storageProof[0]!
    e.value = '0x' + (BigInt(e.value) + 1n).toString(16).padStart(64, '0')
    const r = verifyZksyncBalanceEvidence(balanceEvidence(w, account, 2n, { zksProofs: proofs }))
    expect(failedIds(r)).toEqual(['zks.token.proof'])
  })

  it('a proof for another account is not accepted as this one', async () => {
    const other = w.zk.accounts[1]!
    const r = verifyZksyncBalanceEvidence(
      balanceEvidence(w, account, 2n, { zksProofs: honestZksProofs(w, other, 2n) }),
    )
    expect(r.verdict).toBe('failed')
    expect(failedIds(r)).toEqual(expect.arrayContaining(['zks.eth.answer', 'zks.nonce.answer']))
  })

  it('a proof from another batch does not fold to this batch root', async () => {
    const r = verifyZksyncBalanceEvidence(
      balanceEvidence(w, account, 2n, { zksProofs: honestZksProofs(w, account, 1n) }),
    )
    expect(r.verdict).toBe('failed')
    expect(failedIds(r)).toContain('zks.eth.proof')
  })

  it('without a bound batch root nothing on L2 is claimed', async () => {
    const r = verifyZksyncBalanceEvidence(
      balanceEvidence(w, account, 2n, { parts: { ...honestBatchParts(w, 2n), commitTx: null } }),
    )
    expect(r.verdict).toBe('incomplete')
    expect(check(r, 'zksync.balance.root')?.status).toBe('skip')
    expect(r.facts.eth).toBeUndefined()
  })
})

describe('the endpoints held to L1 (endpointChecks.ts)', () => {
  const details = (n: bigint) => clone(honestBatchParts(w, n).batchDetails) as Json

  it('honest answers pass every endpoint check', async () => {
    const r = verifyZksyncBalanceEvidence(balanceEvidence(w, account, 2n))
    for (const id of [
      'zksync.l1.chainId',
      'zksync.node.chainId',
      'zksync.node.rootHash',
      'zksync.node.latestBatch',
    ])
      expect(check(r, id)?.status, id).toBe('pass')
    // A state root trusted as given has no verified block hash to bind a header to: shown, not required.
    expect(check(r, 'zksync.l1.header')).toMatchObject({ status: 'skip', required: false })
  })

  it('rootHash wrong: a node whose batch details contradict L1 fails zksync.node.rootHash, naming both values', async () => {
    const d = details(2n)
    const root = d.rootHash as string
    d.rootHash = root.slice(0, -1) + (root.endsWith('0') ? '1' : '0')
    const parts = { ...honestBatchParts(w, 2n), batchDetails: d }
    for (const r of [
      verifyZksyncBalanceEvidence(balanceEvidence(w, account, 2n, { parts })),
      await verifyZksyncBatchEvidence(batchEvidence(w, 2n, parts)),
    ]) {
      expect(r.verdict).toBe('failed')
      expect(failedIds(r)).toEqual(['zksync.node.rootHash'])
      expect(check(r, 'zksync.node.rootHash')?.detail).toContain(d.rootHash as string)
      expect(check(r, 'zksync.node.rootHash')?.detail).toContain(root)
      expect(check(r, 'zksync.node.rootHash')?.detail).toContain('http://zksync.test')
    }
  })

  it('details of another batch fail; a node without them (null) leaves the answer incomplete', async () => {
    const other = await verifyZksyncBatchEvidence(
      batchEvidence(w, 2n, { ...honestBatchParts(w, 2n), batchDetails: details(1n) }),
    )
    expect(failedIds(other)).toEqual(['zksync.node.rootHash'])
    const none = await verifyZksyncBatchEvidence(
      batchEvidence(w, 2n, { ...honestBatchParts(w, 2n), batchDetails: null }),
    )
    expect(none.verdict).toBe('incomplete')
    expect(check(none, 'zksync.node.rootHash')).toMatchObject({ status: 'skip', required: true })
  })

  it('a node whose latest batch is below what L1 committed fails zksync.node.latestBatch', async () => {
    // The world has 4 batches committed on L1; the node says its latest is 2.
    const parts = { ...honestBatchParts(w, 2n), latestBatch: '0x2' }
    const r = verifyZksyncBalanceEvidence(balanceEvidence(w, account, 2n, { parts }))
    expect(r.verdict).toBe('failed')
    expect(failedIds(r)).toEqual(['zksync.node.latestBatch'])
    expect(check(r, 'zksync.node.latestBatch')?.detail).toMatch(/latest batch is 2.*committed 4/)
  })

  it('chain id wrong: a ZKsync node of Era mainnet (324) on the devnet fails zksync.node.chainId', async () => {
    const parts = { ...honestBatchParts(w, 2n), chainIds: { l1: '0x539', zksync: '0x144' } }
    const r = verifyZksyncBalanceEvidence(balanceEvidence(w, account, 2n, { parts }))
    expect(failedIds(r)).toEqual(['zksync.node.chainId'])
    expect(check(r, 'zksync.node.chainId')?.detail).toMatch(/324.*270/)
  })

  it('chain id wrong: an L1 endpoint of another chain fails zksync.l1.chainId', async () => {
    const parts = { ...honestBatchParts(w, 2n), chainIds: { l1: '0x1', zksync: '0x10e' } }
    expect(failedIds(await verifyZksyncBatchEvidence(batchEvidence(w, 2n, parts)))).toEqual([
      'zksync.l1.chainId',
    ])
  })

  it('older evidence without the endpoints’ answers is never verified: the node checks are skipped, required', async () => {
    const parts = {
      ...honestBatchParts(w, 2n),
      batchDetails: undefined,
      latestBatch: undefined,
      chainIds: undefined,
    }
    const r = verifyZksyncBalanceEvidence(balanceEvidence(w, account, 2n, { parts }))
    expect(r.verdict).toBe('incomplete')
    expect(failedIds(r)).toEqual([])
    expect(check(r, 'zksync.node.rootHash')).toMatchObject({ status: 'skip', required: true })
    expect(check(r, 'zksync.node.latestBatch')).toMatchObject({ status: 'skip', required: true })
    // Chain ids are shown as not asked; the proofs against the trusted root speak for the chain.
    expect(check(r, 'zksync.node.chainId')).toMatchObject({ status: 'skip', required: false })
  })
})
