import { describe, expect, it } from 'vitest'
import { readFixtureJson, readFixtureText } from '../../../../tests/support/fixtures'
import { V5_E2E, V5_PROVE_CALLDATA, type V5EndToEnd } from '../../../../tests/support/snarkVectors'
import {
  batchEvidence,
  composeZksyncWorld,
  type ComposedWorld,
} from '../../../../tests/integration/zksyncTestWorld'
import { transactionJson } from '../../../../devnet/l1/l1Block'
import { hexToBytes } from '../../encoding/hex'
import { rawFromBytes, type Evidence } from '../../evidence/schema'
import { verifyEvidence } from '../../kinds/verifyEvidence'
import { ReportBuilder, type Report } from '../../report'
import type { BatchProofSection } from '../batchProof/batchProofSection'
import type { DiamondState } from '../batches/diamondSlots'
import type { BatchOnL1Result } from './verifyBatchOnL1'
import { verifyBatchProofPart } from './verifyBatchProofPart'
import { verifyZksyncBatchEvidence } from './zksyncEvidence'

const e2e = readFixtureJson<V5EndToEnd>(V5_E2E)
const calldata = readFixtureText(V5_PROVE_CALLDATA).trim()
const PROVE_TX = '0x' + 'ab'.repeat(32)
const enc = new TextEncoder()
const raw = (v: unknown) => rawFromBytes(enc.encode(JSON.stringify(v)), true)
const check = (r: Report, id: string) => r.checks.find((c) => c.id === id)

/** What verifyBatchOnL1 proves for the v5 vector's batch 1 (protocol v19): the two stored hashes. */
function v5OnL1(edit: Partial<DiamondState> = {}, previous = e2e.prevBatch.storedBatchHash): BatchOnL1Result {
  const state = {
    storedBatchHash: hexToBytes(e2e.provedBatch.storedBatchHash),
    protocolVersion: { packed: 19n << 32n, minor: 19, patch: 0 },
    ...edit,
  } as DiamondState
  return { status: 'proven', state, previousStoredBatchHash: hexToBytes(previous) }
}

function v5Section(input = calldata, vkHash?: string): BatchProofSection {
  return {
    proveTxHash: PROVE_TX,
    proveTx: raw({ jsonrpc: '2.0', id: 1, result: { hash: PROVE_TX, blockNumber: '0x10', input } }),
    ...(vkHash
      ? {
          vkHashCall: {
            endpoint: 'http://l1.example',
            request: '{}',
            response: raw({ jsonrpc: '2.0', id: 2, result: vkHash }),
          },
        }
      : {}),
  }
}

async function part(section: unknown, onL1: BatchOnL1Result, n = 1n): Promise<Report> {
  const r = new ReportBuilder({ kind: 'zksync-batch', description: 'test' })
  await verifyBatchProofPart(r, section, n, onL1, { now: () => 7 })
  return r.build()
}

describe('verifyBatchProofPart on the real v5 end-to-end vector', () => {
  it('verifies: prove call bound to storedBatchHashes[0] and [1], ≤ v22 public input, pinned v19 key', async () => {
    const r = await part(v5Section(), v5OnL1())
    expect(r.verdict).toBe('verified')
    expect(check(r, 'snark.proof.pairing')!.status).toBe('pass')
    expect(r.facts.proof).toMatchObject({
      checked: true,
      proofSystem: 'plonk',
      publicInput: e2e.publicInput,
      verificationKeyHash: e2e.verificationKeyHash,
      proveTransaction: PROVE_TX,
    })
    expect(r.timings.proofCheck).toBe(0)
  })

  it('a lying storedBatchHashes[1] fails zksync.proof.batchBound; a lying [0] fails prevBatchBound', async () => {
    const flipped = hexToBytes(e2e.provedBatch.storedBatchHash)
    flipped[3] = flipped[3]! ^ 1
    const r = await part(v5Section(), v5OnL1({ storedBatchHash: flipped }))
    expect(r.verdict).toBe('failed')
    expect(check(r, 'zksync.proof.batchBound')!.status).toBe('fail')
    const prev = await part(v5Section(), v5OnL1({}, e2e.provedBatch.storedBatchHash))
    expect(check(prev, 'zksync.proof.prevBatchBound')!.status).toBe('fail')
  })

  it('a changed proof word fails the SNARK itself', async () => {
    // The first proof word is the last 32 bytes before the proof array's tail; change one hex digit of the last word.
    const at = calldata.length - 5
    const changed = calldata.slice(0, at) + (calldata[at] === '0' ? '1' : '0') + calldata.slice(at + 1)
    const r = await part(v5Section(changed), v5OnL1())
    expect(r.verdict).toBe('failed')
    expect(r.checks.some((c) => c.id.startsWith('snark.proof.') && c.status === 'fail')).toBe(true)
  })

  it('a key only an eth_call names, for a version with no pinned key, is incomplete, never verified', async () => {
    // v20: same ≤ v22 formula, but no recursion hashes and no key are pinned for it.
    const r = await part(
      v5Section(calldata, e2e.verificationKeyHash),
      v5OnL1({ protocolVersion: { packed: 0n, minor: 20, patch: 0 } }),
    )
    expect(r.verdict).toBe('incomplete')
  })

  it('no prove transaction, unproven storage, genesis: skipped with the reason, incomplete', async () => {
    const none = await part({ proveTxHash: null, proveTx: null }, v5OnL1())
    expect(none.verdict).toBe('incomplete')
    expect(check(none, 'zksync.proof.calldata')!.status).toBe('skip')
    const unproven = await part(v5Section(), { status: 'unknown' })
    expect(check(unproven, 'zksync.proof.inputs')!.status).toBe('skip')
    expect(unproven.verdict).toBe('incomplete')
    const genesis = await part(v5Section(), v5OnL1(), 0n)
    expect(check(genesis, 'zksync.proof.inputs')!.detail).toMatch(/genesis/)
  })
})

/** The world's prove transaction for batch n as an honest L1 node serves it. */
function worldProofSection(w: ComposedWorld, n: bigint): BatchProofSection {
  const hash = w.locators.get(n)!.proveTxHash!
  const found = w.l1.transactionByHash(hash)!
  return { proveTxHash: hash, proveTx: raw(transactionJson(found.block, found.index)) }
}

describe('zksync-batch evidence with a proof section, on the generated world (no prover)', () => {
  const w = composeZksyncWorld('zksync-proof-part', 4)
  const withProof = (n: bigint, proof: unknown): Evidence => {
    const e = batchEvidence(w, n)
    return { ...e, data: { ...e.data, proof } }
  }

  it('the batch part verifies, and the placeholder proof words fail a snark.* check', async () => {
    const plain = await verifyEvidence(batchEvidence(w, 2n))
    expect(plain.verdict).toBe('verified')
    const r = await verifyEvidence(withProof(2n, worldProofSection(w, 2n)))
    expect(check(r, 'zksync.batch.sbiBinding')!.status).toBe('pass')
    expect(check(r, 'zksync.proof.batchBound')!.status).toBe('pass')
    expect(check(r, 'zksync.proof.prevBatchBound')!.status).toBe('pass')
    expect(r.verdict).toBe('failed')
    const failed = r.checks.filter((c) => c.required && c.status === 'fail').map((c) => c.id)
    // The public input is derived from the bound commitments; the two placeholder words are no PLONK proof.
    expect(failed).toEqual(['snark.proof.length'])
    expect(check(r, 'zksync.proof.publicInput')!.status).toBe('pass')
  })

  it('times the proof check with the clock the host lends (the verifier has none)', async () => {
    let t = 100
    const e = withProof(2n, worldProofSection(w, 2n))
    expect((await verifyZksyncBatchEvidence(e, { now: () => (t += 5) })).timings.proofCheck).toBe(5)
    expect((await verifyZksyncBatchEvidence(e)).timings.proofCheck).toBeUndefined()
  })

  it('a committed batch with no prove transaction yet is incomplete, naming zksync.proof.calldata', async () => {
    const r = await verifyZksyncBatchEvidence(withProof(4n, { proveTxHash: null, proveTx: null }))
    expect(r.verdict).toBe('incomplete')
    expect(check(r, 'zksync.proof.calldata')!.status).toBe('skip')
  })

  it('a malformed proof section is refused as evidence data', async () => {
    const r = await verifyEvidence(withProof(2n, { proveTxHash: 'nope', proveTx: null }))
    expect(r.verdict).toBe('failed')
    expect(check(r, 'evidence.data')!.status).toBe('fail')
  })
})
