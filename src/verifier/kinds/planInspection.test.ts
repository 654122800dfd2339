import { describe, expect, it } from 'vitest'
import { readFixture, readFixtureText, readRepoBytes } from '../../../tests/support/fixtures'
import { parseJsonBytes } from '../encoding/json'
import { describeBeacon } from './describeStructure'
import { describeStructure, planInspection } from './planInspection'
import { rawBytes, RawItemSchema } from '../evidence/schema'
import { verifyEvidence } from './verifyEvidence'

const BLOCK_72 = 'verkle/rust-verkle/bindings/java/java_code/src/test/resources/valid_block_72.json'
const PRE_STATE_72 = '0x64E1A647F42E5C2E3C434531CCF529E1B3E93363A40DB9FC8EEC81F492123510'
const BOOTSTRAP = 'l1/helios/ethereum/testdata/bootstrap.json'
const CHECKPOINT = '0x5afc212a7924789b2bc86acad3ab3a6ffb1f6e97253ea50bee7f4f51422c9275'
const WETH = 'l1/nimbus/nimbus_verified_proxy/tests/data/storage_proof.json'

function plan(bytes: Uint8Array, root: string | null = null) {
  return planInspection({
    name: 'file.json',
    bytes,
    json: parseJsonBytes(bytes),
    root,
    createdAt: '2023-07-01T00:00:00.000Z',
  })
}
const text = (s: string) => new TextEncoder().encode(s)

describe('planInspection', () => {
  it('a witness without a root: structure, no evidence, and the reason names the root it needs', () => {
    const p = plan(readFixture(BLOCK_72))
    expect(p.detection.kind).toBe('verkle')
    expect(p.structure?.kind).toBe('verkle-witness')
    expect(p.evidence).toBeNull()
    expect(p.reason).toContain('pre-state root')
  })

  it('a witness with a root: evidence holding the file byte-exact, resting on the (lowercased) root', () => {
    const bytes = readFixture(BLOCK_72)
    const p = plan(bytes, PRE_STATE_72)
    expect(p.evidence).toMatchObject({
      kind: 'verkle',
      trust: { kind: 'pre-state-root', value: PRE_STATE_72.toLowerCase() },
    })
    const item = RawItemSchema.parse(p.evidence!.data.witness)
    expect(rawBytes(item)).toEqual(bytes)
  })

  it('a malformed witness is described as invalid and never handed to a verifier, root or not', () => {
    const json = JSON.parse(readFixtureText(BLOCK_72)) as {
      executionWitness: { verkleProof: { d: string } }
    }
    json.executionWitness.verkleProof.d = json.executionWitness.verkleProof.d.slice(0, -2)
    const p = plan(text(JSON.stringify(json)), PRE_STATE_72)
    expect(p.structure).toMatchObject({ kind: 'invalid' })
    expect((p.structure as { error: string }).error).toMatch(/expected 32 bytes/)
    expect(p.evidence).toBeNull()
  })

  it('an evidence file carries its own root and its structure shows the inner witness', () => {
    const p = plan(readRepoBytes('samples/verkle-kaustinen6-block72.evidence.json'))
    expect(p.detection.kind).toBe('evidence')
    expect(p.evidence?.trust.kind).toBe('pre-state-root')
    expect(p.structure).toMatchObject({
      kind: 'evidence',
      evidence: { kind: 'verkle', inner: { kind: 'verkle-witness' } },
    })
  })

  it('a beacon bootstrap passes its checks against its checkpoint; another checkpoint fails beacon.bootstrap.root', async () => {
    const bytes = readFixture(BOOTSTRAP)
    const ok = plan(bytes, CHECKPOINT)
    expect(ok.evidence?.kind).toBe('beacon')
    const good = await verifyEvidence(ok.evidence!)
    for (const id of [
      'beacon.bootstrap.root',
      'beacon.bootstrap.execution-branch',
      'beacon.bootstrap.committee-branch',
    ])
      expect(good.checks.find((c) => c.id === id)?.status, id).toBe('pass')
    const lied = plan(bytes, CHECKPOINT.replace(/5$/, '6'))
    const report = await verifyEvidence(lied.evidence!)
    expect(report.checks.find((c) => c.id === 'beacon.bootstrap.root')?.status).toBe('fail')
  })

  it('beacon updates alone and unknown files are not verifiable, and say why', () => {
    const updates = plan(readFixture('l1/helios/ethereum/testdata/updates.json'), CHECKPOINT)
    expect(updates.detection.kind).toBe('beacon-update')
    expect(updates.evidence).toBeNull()
    expect(updates.reason).toContain('bootstrap')
    const unknown = plan(text('{"a": 1}'), CHECKPOINT)
    expect(unknown.detection.kind).toBe('unknown')
    expect(unknown.evidence).toBeNull()
  })

  it('detects an EIP-7864 binary-tree proof file and plans it against a binary-tree root', () => {
    const file = { key: '0x' + '11'.repeat(32), proof: [] }
    const p = plan(text(JSON.stringify(file)), '0x' + '00'.repeat(32))
    expect(p.detection.kind).toBe('binary-tree-proof')
    expect(p.evidence?.trust.kind).toBe('binary-tree-root')
  })
})

describe('describeStructure', () => {
  it('eth_getProof: node counts and sizes are those of the file', () => {
    const json = parseJsonBytes(readFixture(WETH))
    const raw = json as { accountProof: string[]; storageProof: { proof: string[] }[] }
    const s = describeStructure('l1-proof', json)
    expect(s?.kind).toBe('mpt-proof')
    if (s?.kind !== 'mpt-proof') return
    expect(s.proof.accountProof.nodes).toBe(raw.accountProof.length)
    expect(s.proof.accountProof.nodeSizes[0]).toBe((raw.accountProof[0]!.length - 2) / 2)
    expect(s.proof.storage.map((x) => x.nodes)).toEqual(raw.storageProof.map((x) => x.proof.length))
  })

  it('beacon update participation counts the set bits; clearing them shows zero signers', () => {
    const updates = JSON.parse(readFixtureText('l1/helios/ethereum/testdata/updates.json')) as {
      data: { sync_aggregate: { sync_committee_bits: string } }
    }[]
    const first = updates[0]!
    const described = describeBeacon(first as never).objects[0]!
    expect(described.participation!.signers).toBeGreaterThan(0)
    first.data.sync_aggregate.sync_committee_bits = '0x' + '00'.repeat(64)
    expect(describeBeacon(first as never).objects[0]!.participation).toEqual({
      signers: 0,
      size: 512,
      percent: 0,
    })
  })

  it('a beacon object with a malformed slot is invalid, not a crash', () => {
    const s = describeStructure('beacon-update', {
      data: { attested_header: { beacon: { slot: 'x', proposer_index: '1' } }, sync_aggregate: {} },
    })
    expect(s?.kind).toBe('invalid')
  })
})
