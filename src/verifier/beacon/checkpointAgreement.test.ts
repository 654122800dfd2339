import { describe, expect, it } from 'vitest'
import { readFixtureJson } from '../../../tests/support/fixtures'
import { bytesToHex, hexToBytes } from '../encoding/hex'
import type { LosslessJson } from '../encoding/json'
import type { Report } from '../report'
import { judgeCheckpointProviders, type ProviderAnswer } from './checkpointAgreement'
import { BeaconBlockHeaderType } from './sszTypes'

/**
 * Two real mainnet headers (nimbus-eth1 test data, fixture set B): the bootstrap block at slot 14017856 (the
 * shipped checkpoint) and the finalized header of the finality update at slot 14017952, three epochs later.
 * Providers answer in the beacon-APIs getBlockHeader shape; every lie names the check that catches it.
 */
type HeaderJson = {
  slot: string
  proposer_index: string
  parent_root: string
  state_root: string
  body_root: string
}
const DATA = 'l1/nimbus/nimbus_verified_proxy/tests/data'
const older = readFixtureJson<{ data: { header: { beacon: HeaderJson } } }>(`${DATA}/lc_bootstrap.json`).data
  .header.beacon
const newer = readFixtureJson<{ data: { finalized_header: { beacon: HeaderJson } } }>(
  `${DATA}/lc_finality.json`,
).data.finalized_header.beacon

function rootOf(h: HeaderJson): string {
  return bytesToHex(
    BeaconBlockHeaderType.hashTreeRoot({
      slot: BigInt(h.slot),
      proposerIndex: BigInt(h.proposer_index),
      parentRoot: hexToBytes(h.parent_root),
      stateRoot: hexToBytes(h.state_root),
      bodyRoot: hexToBytes(h.body_root),
    }),
  )
}
const OLDER = rootOf(older)
const NEWER = rootOf(newer)

function served(h: HeaderJson, options: { root?: string; canonical?: boolean } = {}): { json: LosslessJson } {
  return {
    json: {
      execution_optimistic: false,
      finalized: true,
      data: {
        root: options.root ?? rootOf(h),
        canonical: options.canonical ?? true,
        header: { message: { ...h }, signature: `0x${'00'.repeat(96)}` },
      },
    },
  }
}

const answer = (
  provider: string,
  finalized: ProviderAnswer['finalized'],
  byRoot: ProviderAnswer['byRoot'] = {},
) => ({
  provider,
  finalized,
  byRoot,
})
const judge = (...answers: ProviderAnswer[]) => judgeCheckpointProviders({ network: 'mainnet', answers })
const check = (r: Report, id: string) => r.checks.find((c) => c.id === id)!

describe('judgeCheckpointProviders', () => {
  it('the shipped checkpoint root is the hash of the real header it names', () => {
    expect(OLDER).toBe('0x9bcb90ec3a294591b77dd2a58e973578715cdc0e6eeeb286bc06dd120057f18b')
  })

  it('two providers naming the same real header: verified, the root and slot as facts', () => {
    const r = judge(answer('https://a.example', served(newer)), answer('https://b.example', served(newer)))
    expect(r.verdict).toBe('verified')
    expect(r.facts).toMatchObject({
      root: NEWER,
      slot: newer.slot,
      agreedBy: ['https://a.example', 'https://b.example'],
    })
  })

  it('a provider one step behind that confirms the newer root by serving it as canonical: the newer root', () => {
    const r = judge(
      answer('https://a.example', served(newer)),
      answer('https://b.example', served(older), { [NEWER]: served(newer) }),
    )
    expect(r.verdict).toBe('verified')
    expect(r.facts.root).toBe(NEWER)
  })

  it('a lagging provider that does not know the newer root yet: the older root both vouch for', () => {
    const r = judge(
      answer('https://a.example', served(newer), { [OLDER]: served(older) }),
      answer('https://b.example', served(older), { [NEWER]: { notFound: true } }),
    )
    expect(r.verdict).toBe('verified')
    expect(r.facts).toMatchObject({ root: OLDER, slot: older.slot })
  })

  it('two roots neither provider confirms: failed, both answers shown (checkpoint.agreement)', () => {
    const r = judge(
      answer('https://a.example', served(newer), { [OLDER]: { notFound: true } }),
      answer('https://b.example', served(older), { [NEWER]: { notFound: true } }),
    )
    expect(r.verdict).toBe('failed')
    const c = check(r, 'checkpoint.agreement')
    expect(c.status).toBe('fail')
    expect(c.detail).toContain(NEWER)
    expect(c.detail).toContain(OLDER)
    expect(r.facts.root).toBeUndefined()
  })

  it('a provider calling the other’s root non-canonical contradicts it: failed (checkpoint.agreement)', () => {
    const r = judge(
      answer('https://a.example', served(newer)),
      answer('https://b.example', served(newer)),
      answer('https://c.example', served(older), { [NEWER]: served(newer, { canonical: false }) }),
    )
    expect(r.verdict).toBe('failed')
    expect(check(r, 'checkpoint.agreement').detail).toMatch(/c\.example says 0x[0-9a-f]{64} is not canonical/)
  })

  it('a header that does not hash to the root it is named by: failed (checkpoint.provider[i].header)', () => {
    const tampered = { ...newer, state_root: older.state_root }
    const r = judge(
      answer('https://a.example', served(newer)),
      answer('https://b.example', served(tampered, { root: NEWER })),
    )
    expect(r.verdict).toBe('failed')
    expect(check(r, 'checkpoint.provider[1].header').detail).toMatch(
      /names 0x[0-9a-f]{64} but its header hashes to/,
    )
  })

  it('a provider serving another header under a root it is asked for contradicts: failed', () => {
    const r = judge(
      answer('https://a.example', served(newer)),
      answer('https://b.example', served(newer)),
      answer('https://c.example', served(older), { [NEWER]: served(older, { root: NEWER }) }),
    )
    expect(r.verdict).toBe('failed')
    expect(check(r, 'checkpoint.agreement').detail).toMatch(/c\.example serves another header/)
  })

  it('an answer that is not a header response: failed, naming the field', () => {
    const r = judge(
      answer('https://a.example', served(newer)),
      answer('https://b.example', { json: { data: { root: NEWER } } }),
    )
    expect(r.verdict).toBe('failed')
    expect(check(r, 'checkpoint.provider[1].header').detail).toMatch(
      /not a beacon header response \(data\.header/,
    )
  })

  it('one provider unreachable: incomplete, never verified on a single answer', () => {
    const r = judge(
      answer('https://a.example', served(newer)),
      answer('https://b.example', { error: 'unreachable (ENOTFOUND)' }),
    )
    expect(r.verdict).toBe('incomplete')
    expect(check(r, 'checkpoint.provider[1].header').status).toBe('skip')
    expect(check(r, 'checkpoint.agreement').detail).toMatch(/only 1 of 2/)
  })
})
