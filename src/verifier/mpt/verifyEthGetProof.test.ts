import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../tests/support/fixtures'
import { hexToBytes } from '../encoding/hex'
import type { LosslessJson } from '../encoding/json'
import type { Report } from '../report'
import { parseEthGetProof, type EthGetProof } from './parseEthGetProof'
import { REAL_PROOF_CASES, ROPSTEN_STATE_ROOT } from '../../../tests/support/realProofCases'
import { EMPTY_CODE_HASH } from './verifyAccountProof'
import { verifyEthGetProof } from './verifyEthGetProof'
import { EMPTY_TRIE_ROOT } from './verifyMptProof'

function loadCase(prefix: string): { proof: EthGetProof; root: Uint8Array } {
  const c = REAL_PROOF_CASES.find((x) => x.name.startsWith(prefix))!
  const json = readFixtureJson(c.file)
  const first = (c.pick ? c.pick(json) : [json])[0]
  return { proof: parseEthGetProof(first as LosslessJson), root: hexToBytes(c.stateRoot) }
}

function status(report: Report, id: string): string | undefined {
  return report.checks.find((c) => c.id === id)?.status
}

function clone(p: EthGetProof): EthGetProof {
  return {
    ...p,
    address: p.address.slice(),
    codeHash: p.codeHash.slice(),
    storageHash: p.storageHash.slice(),
    accountProof: p.accountProof.map((n) => n.slice()),
    storageProof: p.storageProof.map((s) => ({
      ...s,
      key: s.key.slice(),
      proof: s.proof.map((n) => n.slice()),
    })),
  }
}

describe('verifyEthGetProof on real proofs', () => {
  it('verifies every real eth_getProof fixture against its state root', () => {
    let n = 0
    for (const c of REAL_PROOF_CASES) {
      const json = readFixtureJson(c.file)
      for (const p of c.pick ? c.pick(json) : [json]) {
        const report = verifyEthGetProof(parseEthGetProof(p as LosslessJson), hexToBytes(c.stateRoot))
        expect(report.verdict, c.name).toBe('verified')
        n++
      }
    }
    expect(n).toBe(12)
  })

  it('nimbus WETH: the account and the balance slot as facts (DESIGN.md §4)', () => {
    const { proof, root } = loadCase('nimbus')
    const report = verifyEthGetProof(proof, root)
    expect(report.subject).toMatchObject({
      kind: 'mpt-proof',
      trustRoot: {
        kind: 'state-root',
        value: '0xd324a9504ad97df5426168230af58254192d50bed56232ac0073d5a63eb6e7e7',
      },
    })
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['mpt.account.proof', 'pass'],
      ['mpt.account.fields', 'pass'],
      ['mpt.storage[0].proof', 'pass'],
      ['mpt.storage[0].value', 'pass'],
    ])
    expect(report.facts.account).toEqual({
      address: '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2',
      balance: '2221356247135323604826973', // 0x1d663f6a4afc5b01abb5d
      nonce: '1',
      codeHash: '0xd0a06b12ac47863b5c7be4185c2deaad1c61557033f56c7d4ea74429cbb25e23',
      storageHash: '0x995be15380cde36de0f3474f4bac0394cf03684113e766545630ecfdd8acf474',
    })
    expect(report.facts.storage).toEqual([
      {
        key: '0x4de9be9d9a5197eea999984bec8d41aac923403f95449eaf16641fbc3a942711',
        value: '0x000000000000000000000000000000000000000000000000288a82d13c3d1600',
      },
    ])
  })

  it('colibri USDC: the proxy implementation slot equals test.json expected_result', () => {
    const { proof, root } = loadCase('colibri USDC')
    const report = verifyEthGetProof(proof, root)
    expect(report.verdict).toBe('verified')
    expect(report.facts.storage).toEqual([
      {
        key: '0x7050c9e0f4ca769c69bd3a8ef740bc37934f8e2c036e5a723fd8ee048ed3f8c3',
        value: '0x00000000000000000000000043506849d7c04f9138d1a2050bbf3a0c054402dd',
      },
    ])
  })

  it('colibri and helios balances equal the values their sources quote', () => {
    const colibri = verifyEthGetProof(
      loadCase('colibri beaverbuild').proof,
      loadCase('colibri beaverbuild').root,
    )
    expect((colibri.facts.account as { balance: string }).balance).toBe('19685532618934027846')
    const h = loadCase('helios deposit')
    const helios = verifyEthGetProof(h.proof, h.root)
    expect((helios.facts.account as { balance: string }).balance).toBe('57657174398349561183621184')
  })

  it('Ropsten absent account: verified absence, facts are the empty account', () => {
    const { proof, root } = loadCase('ethereumjs Ropsten absent')
    const report = verifyEthGetProof(proof, root)
    expect(report.verdict).toBe('verified')
    expect(report.facts.accountExists).toBe(false)
    expect(report.facts.account).toMatchObject({
      balance: '0',
      nonce: '0',
      storageHash: '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421',
    })
  })

  it('Ropsten empty slot: verified as 0 through an exclusion proof', () => {
    const { proof, root } = loadCase('ethereumjs Ropsten contract')
    const report = verifyEthGetProof(proof, root)
    expect(report.verdict).toBe('verified')
    expect((report.facts.storage as { value: string }[])[1]!.value).toBe('0x' + '0'.repeat(64))
  })
})

describe('verifyEthGetProof rejects lies', () => {
  const nimbus = loadCase('nimbus')

  it('a claimed balance that differs from the proof fails mpt.account.fields', () => {
    const p = clone(nimbus.proof)
    p.balance += 1n
    const report = verifyEthGetProof(p, nimbus.root)
    expect(report.verdict).toBe('failed')
    expect(status(report, 'mpt.account.proof')).toBe('pass')
    expect(status(report, 'mpt.account.fields')).toBe('fail')
    expect(report.checks.find((c) => c.id === 'mpt.account.fields')!.detail).toContain(
      'balance 2221356247135323604826974',
    )
  })

  it('a claimed nonce, storageHash or codeHash that differs fails mpt.account.fields', () => {
    const mutations: ((p: EthGetProof) => void)[] = [
      (p) => (p.nonce = 2n),
      (p) => (p.storageHash[0]! ^= 1),
      (p) => (p.codeHash[31]! ^= 1),
    ]
    for (const m of mutations) {
      const p = clone(nimbus.proof)
      m(p)
      const report = verifyEthGetProof(p, nimbus.root)
      expect(status(report, 'mpt.account.fields')).toBe('fail')
      expect(report.verdict).toBe('failed')
    }
  })

  it('a wrong state root fails mpt.account.proof and skips storage', () => {
    const root = nimbus.root.slice()
    root[0]! ^= 0x80
    const report = verifyEthGetProof(nimbus.proof, root)
    expect(status(report, 'mpt.account.proof')).toBe('fail')
    expect(status(report, 'mpt.storage[0].proof')).toBe('skip')
    expect(report.facts.account).toBeUndefined()
    expect(report.verdict).toBe('failed')
  })

  it('a dropped, extra or flipped account proof node fails mpt.account.proof', () => {
    const variants: ((p: EthGetProof) => void)[] = [
      (p) => p.accountProof.pop(),
      (p) => p.accountProof.push(p.accountProof[0]!),
      (p) => (p.accountProof[4]![40]! ^= 0x01),
    ]
    for (const v of variants) {
      const p = clone(nimbus.proof)
      v(p)
      expect(status(verifyEthGetProof(p, nimbus.root), 'mpt.account.proof')).toBe('fail')
    }
  })

  it('another address with the same proof fails mpt.account.proof', () => {
    const p = clone(nimbus.proof)
    p.address[0]! ^= 0x01
    expect(status(verifyEthGetProof(p, nimbus.root), 'mpt.account.proof')).toBe('fail')
  })

  it('a claimed slot value that differs fails mpt.storage[0].value; a tampered storage proof fails .proof', () => {
    const p = clone(nimbus.proof)
    p.storageProof[0]!.value = 0n
    const report = verifyEthGetProof(p, nimbus.root)
    expect(status(report, 'mpt.storage[0].proof')).toBe('pass')
    expect(status(report, 'mpt.storage[0].value')).toBe('fail')

    const q = clone(nimbus.proof)
    q.storageProof[0]!.proof[6]![10]! ^= 0x01
    expect(status(verifyEthGetProof(q, nimbus.root), 'mpt.storage[0].proof')).toBe('fail')

    const r = clone(nimbus.proof)
    r.storageProof[0]!.key[0]! ^= 0x01 // a different slot: its path leaves the proven nodes
    expect(verifyEthGetProof(r, nimbus.root).verdict).toBe('failed')
  })

  it('an empty slot claimed nonzero fails mpt.storage[1].value (Ropsten exclusion)', () => {
    const { proof, root } = loadCase('ethereumjs Ropsten contract')
    const p = clone(proof)
    p.storageProof[1]!.value = 5n
    expect(status(verifyEthGetProof(p, root), 'mpt.storage[1].value')).toBe('fail')
  })

  it('an absent account claimed with a balance or code fails mpt.account.fields', () => {
    const { proof } = loadCase('ethereumjs Ropsten absent')
    const root = hexToBytes(ROPSTEN_STATE_ROOT)
    for (const m of [
      (p: EthGetProof) => (p.balance = 1n),
      (p: EthGetProof) => (p.codeHash = new Uint8Array(32).fill(7)),
    ]) {
      const p = clone(proof)
      m(p)
      expect(status(verifyEthGetProof(p, root), 'mpt.account.fields')).toBe('fail')
    }
    // Zero hashes are an accepted way to describe "no storage, no code" (research §3.1).
    const z = clone(proof)
    z.codeHash = new Uint8Array(32)
    z.storageHash = new Uint8Array(32)
    expect(verifyEthGetProof(z, root).verdict).toBe('verified')
    expect(z.codeHash).not.toEqual(EMPTY_CODE_HASH)
    expect(z.storageHash).not.toEqual(EMPTY_TRIE_ROOT)
  })

  it('property: random byte mutations of real account and storage proofs never give a verified report', () => {
    const cases = REAL_PROOF_CASES.map((c) => loadCase(c.name))
    fc.assert(
      fc.property(
        fc.nat(cases.length - 1),
        fc.boolean(),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (ci, inStorage, nodeSeed, byteSeed, mask) => {
          const { proof, root } = cases[ci]!
          const p = clone(proof)
          const target =
            inStorage && p.storageProof.length > 0 && p.storageProof[0]!.proof.length > 0
              ? p.storageProof[0]!.proof
              : p.accountProof
          const node = target[nodeSeed % target.length]!
          node[byteSeed % node.length]! ^= mask
          return verifyEthGetProof(p, root).verdict !== 'verified'
        },
      ),
      { numRuns: 2_000, seed: 11 },
    )
  })
})
