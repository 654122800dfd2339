import { describe, expect, it } from 'vitest'
import { plonkEvidenceVectors } from '../../../../tests/support/snarkVectors'
import { stringifyJson } from '../../encoding/json'
import { verifyEvidence } from '../../kinds/verifyEvidence'
import { parseEvidence, rawFromBytes, type Evidence } from '../../evidence/schema'

const vectors = plonkEvidenceVectors()
const roundTrip = (e: Evidence) => parseEvidence(new TextEncoder().encode(stringifyJson(e, 2)))
const status = (r: { checks: { id: string; status: string }[] }, id: string) =>
  r.checks.find((c) => c.id === id)?.status

describe('snark evidence', () => {
  it.each(vectors)(
    '$name: verifies, and a saved copy re-verifies to the same report',
    async ({ evidence }) => {
      const direct = await verifyEvidence(evidence)
      expect(direct.verdict).toBe('verified')
      expect(status(direct, 'snark.vk.trust')).toBe('pass')
      expect(direct.subject.trustRoot).toEqual(evidence.trust)
      const again = await verifyEvidence(roundTrip(evidence))
      expect(again).toEqual(direct)
    },
  )

  const [eraContracts] = vectors
  const base = eraContracts!.evidence

  it('a flipped public-input bit fails snark.proof.evaluation', async () => {
    const input = base.data.publicInput as string
    const flipped = input.slice(0, -1) + (parseInt(input.slice(-1), 16) ^ 1).toString(16)
    const r = await verifyEvidence(roundTrip({ ...base, data: { ...base.data, publicInput: flipped } }))
    expect(r.verdict).toBe('failed')
    expect(status(r, 'snark.proof.evaluation')).toBe('fail')
  })

  it('a changed proof word fails the proof checks', async () => {
    const proof = JSON.parse((base.data.proof as { text: string }).text) as string[]
    proof[10] = '0x' + (BigInt(proof[10]!) ^ 1n).toString(16)
    const r = await verifyEvidence({
      ...base,
      data: { ...base.data, proof: rawFromBytes(new TextEncoder().encode(JSON.stringify(proof)), true) },
    })
    expect(r.verdict).toBe('failed')
    expect(r.checks.some((c) => c.id.startsWith('snark.proof.') && c.status === 'fail')).toBe(true)
  })

  it('a swapped key fails snark.vk.trust (the file no longer rests on its trust root)', async () => {
    const other = vectors[1]!.evidence
    const r = await verifyEvidence({ ...base, data: { ...base.data, vk: other.data.vk } })
    expect(r.verdict).toBe('failed')
    expect(status(r, 'snark.vk.trust')).toBe('fail')
  })

  it('a lie about the trust root fails snark.vk.trust; an expected hash that differs fails snark.vk.hash', async () => {
    const lie = await verifyEvidence({ ...base, trust: { ...base.trust, value: '0x' + '22'.repeat(32) } })
    expect(status(lie, 'snark.vk.trust')).toBe('fail')
    expect(lie.verdict).toBe('failed')
    const v5 = vectors[1]!.evidence
    const wrong = '0x' + '33'.repeat(32)
    const r = await verifyEvidence({ ...v5, data: { ...v5.data, expectedVkHash: wrong } })
    expect(status(r, 'snark.vk.hash')).toBe('fail')
  })

  it('malformed data is a failed evidence.data check, a wrong trust kind too', async () => {
    const r = await verifyEvidence({ ...base, data: { ...base.data, publicInput: '0x12' } })
    expect(r.verdict).toBe('failed')
    expect(status(r, 'evidence.data')).toBe('fail')
    const t = await verifyEvidence({ ...base, trust: { kind: 'state-root', value: base.trust.value } })
    expect(status(t, 'evidence.data')).toBe('fail')
  })
})
